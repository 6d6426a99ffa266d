/* test-blueprint.c: the blueprint's sections and targets, their checks and undo, and the 1+N summary
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-blueprint"

#include "config.h"
#include "lc-plan-private.h"
#include "lc-profile.h"

#include <math.h>

#include "lc-blueprint.h"
#include "lc-geo.h"
#include "plan-fixture.h"

static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

static LcBlueprintSection *
section_at (GPtrArray *sections,
            guint      i)
{
  g_assert_cmpuint (i, <, sections->len);
  return sections->pdata[i];
}

static void
undo (LcPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
}

static void
test_sections (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = lc_plan_list_blueprint_sections (plan, NULL);
  g_autoptr(LcBlueprintSection) s = NULL;
  g_autofree char *before = NULL;
  gint64 added, second;

  g_assert_cmpuint (sections->len, ==, 1);
  g_assert_cmpstr (section_at (sections, 0)->section, ==, "vision");
  g_assert_cmpstr (section_at (sections, 0)->title, ==, "愿景");
  g_assert_cmpstr (lc_blueprint_section_kind_name ("vision"), ==, "Vision");
  g_assert_null (lc_blueprint_section_kind_name ("other"));

  /* An edit is one undo step, with its label */
  g_assert_true (lc_plan_update_blueprint_section (plan, 1, "  愿景与目标 ", "第一段\n\n第二段", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Edit Blueprint Section");
  s = lc_plan_load_blueprint_section (plan, 1, NULL);
  g_assert_cmpstr (s->title, ==, "愿景与目标");
  g_assert_cmpstr (s->body, ==, "第一段\n\n第二段");
  g_clear_pointer (&s, lc_blueprint_section_free);
  undo (plan);
  s = lc_plan_load_blueprint_section (plan, 1, NULL);
  g_assert_cmpstr (s->title, ==, "愿景");
  g_assert_cmpstr (s->body, ==, "宜居、宜业、宜游、宜学、宜养的五角场");
  g_clear_pointer (&s, lc_blueprint_section_free);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");

  /* The same text again is no step at all */
  g_assert_true (lc_plan_update_blueprint_section (plan, 1, "愿景", "宜居、宜业、宜游、宜学、宜养的五角场", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");

  /* A section without a title, or one that is gone, is refused and nothing changes */
  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_false (lc_plan_update_blueprint_section (plan, 1, "  ", "新内容", &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "A blueprint section needs a title.");
  g_clear_error (&error);
  g_assert_false (lc_plan_update_blueprint_section (plan, 99, "标题", "", &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (lc_plan_add_blueprint_section (plan, "layout", "", "x", &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  {
    g_autofree char *after = plan_fixture_dump (lc_plan_get_database (plan));

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");

  /* Added sections go last; moving renumbers; deleting is undone */
  added = lc_plan_add_blueprint_section (plan, "layout", "空间布局", "一坊多亭", &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, >, 1);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Add Blueprint Section");
  second = lc_plan_add_blueprint_section (plan, NULL, "实施保障", "", &error);
  g_assert_no_error (error);
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = lc_plan_list_blueprint_sections (plan, NULL);
  g_assert_cmpuint (sections->len, ==, 3);
  g_assert_cmpint (section_at (sections, 1)->id, ==, added);
  g_assert_cmpint (section_at (sections, 2)->id, ==, second);
  g_assert_cmpstr (section_at (sections, 2)->section, ==, "other");

  g_assert_true (lc_plan_move_blueprint_section (plan, second, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Move Blueprint Section");
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = lc_plan_list_blueprint_sections (plan, NULL);
  g_assert_cmpint (section_at (sections, 0)->id, ==, second);
  g_assert_cmpint (section_at (sections, 1)->id, ==, 1);
  g_assert_cmpint (section_at (sections, 2)->id, ==, added);
  for (guint i = 0; i < sections->len; i++)
    g_assert_cmpint (section_at (sections, i)->sort, ==, i);

  g_assert_true (lc_plan_delete_blueprint_section (plan, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Delete Blueprint Section");
  g_assert_null (lc_plan_load_blueprint_section (plan, 1, NULL));
  undo (plan);
  s = lc_plan_load_blueprint_section (plan, 1, NULL);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->title, ==, "愿景");
  undo (plan);
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = lc_plan_list_blueprint_sections (plan, NULL);
  g_assert_cmpint (section_at (sections, 0)->id, ==, 1);
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  int n = 0;
  double share = 0;
  static const char *bad_facilities[] = { "abc", "-1", "1.5", "2 处", "10001" };
  static const char *bad_coverage[] = { "abc", "120", "-5", "%", "50%%", "0x10" };

  g_assert_true (lc_blueprint_parse_facilities (" 3 ", &n, &error));
  g_assert_cmpint (n, ==, 3);
  g_assert_true (lc_blueprint_parse_facilities ("", &n, &error));
  g_assert_cmpint (n, ==, -1);
  /* What a Chinese input method types */
  g_assert_true (lc_blueprint_parse_facilities ("１２", &n, &error));
  g_assert_cmpint (n, ==, 12);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_facilities); i++)
    {
      g_assert_false (lc_blueprint_parse_facilities (bad_facilities[i], &n, &error));
      g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, bad_facilities[i]));
      g_assert_nonnull (strstr (error->message, "whole number from 0 to 10000"));
      g_clear_error (&error);
    }

  g_assert_true (lc_blueprint_parse_coverage ("85", &share, &error));
  g_assert_cmpfloat_with_epsilon (share, 0.85, 1e-12);
  g_assert_true (lc_blueprint_parse_coverage ("92.5 %", &share, &error));
  g_assert_cmpfloat_with_epsilon (share, 0.925, 1e-12);
  g_assert_true (lc_blueprint_parse_coverage ("９０％", &share, &error));
  g_assert_cmpfloat_with_epsilon (share, 0.90, 1e-12);
  g_assert_true (lc_blueprint_parse_coverage ("100", &share, &error));
  g_assert_cmpfloat_with_epsilon (share, 1, 1e-12);
  g_assert_true (lc_blueprint_parse_coverage (" ", &share, &error));
  g_assert_true (isnan (share));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_coverage); i++)
    {
      g_assert_false (lc_blueprint_parse_coverage (bad_coverage[i], &share, &error));
      g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "percentage from 0 to 100"));
      g_clear_error (&error);
    }
}

static void
test_targets (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcBlueprintTargets) t = lc_plan_get_blueprint_targets (plan, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *before = NULL;
  int elderly = -1, culture = -1;
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint s = 0; s < n; s++)
    {
      if (g_str_equal (all[s].key, "elderly"))
        elderly = s;
      if (g_str_equal (all[s].key, "culture"))
        culture = s;
    }

  /* The period of the unit profile: 2025–2029 */
  g_assert_cmpint (t->first_year, ==, 2025);
  g_assert_cmpint (t->cells[elderly][1].facilities_to_add, ==, 2);
  g_assert_cmpfloat_with_epsilon (t->cells[elderly][1].coverage_target, 0.9, 1e-12);
  g_assert_cmpstr (t->cells[elderly][1].notes, ==, "新增两处日间照料");
  g_assert_cmpint (t->cells[elderly][0].id, ==, 0);
  g_assert_cmpint (t->cells[elderly][0].facilities_to_add, ==, -1);
  g_assert_true (isnan (t->cells[elderly][0].coverage_target));
  g_clear_pointer (&t, lc_blueprint_targets_free);

  g_assert_true (lc_plan_set_blueprint_target (plan, "culture", 2027, 3, 0.8, " 新建文化活动室 ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Blueprint Target");
  t = lc_plan_get_blueprint_targets (plan, NULL);
  g_assert_cmpint (t->cells[culture][2].facilities_to_add, ==, 3);
  g_assert_cmpfloat_with_epsilon (t->cells[culture][2].coverage_target, 0.8, 1e-12);
  g_assert_cmpstr (t->cells[culture][2].notes, ==, "新建文化活动室");
  g_clear_pointer (&t, lc_blueprint_targets_free);

  /* Only the coverage: the count becomes NULL */
  g_assert_true (lc_plan_set_blueprint_target (plan, "culture", 2027, -1, 0.85, NULL, &error));
  g_assert_no_error (error);
  t = lc_plan_get_blueprint_targets (plan, NULL);
  g_assert_cmpint (t->cells[culture][2].facilities_to_add, ==, -1);
  g_assert_null (t->cells[culture][2].notes);
  g_clear_pointer (&t, lc_blueprint_targets_free);
  undo (plan);
  undo (plan);
  t = lc_plan_get_blueprint_targets (plan, NULL);
  g_assert_cmpint (t->cells[culture][2].id, ==, 0);
  g_clear_pointer (&t, lc_blueprint_targets_free);

  /* Bad values change nothing and add no step */
  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_false (lc_plan_set_blueprint_target (plan, "culture", 2027, -2, NAN, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_blueprint_target (plan, "culture", 2027, 1, 1.2, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The coverage target must be from 0 to 100 %.");
  g_clear_error (&error);
  g_assert_false (lc_plan_set_blueprint_target (plan, "nonsense", 2027, 1, NAN, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_blueprint_target (plan, "culture", 1999, 1, NAN, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  {
    g_autofree char *after = plan_fixture_dump (lc_plan_get_database (plan));

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");

  /* Nothing at all removes the target */
  g_assert_true (lc_plan_set_blueprint_target (plan, "elderly", 2026, -1, NAN, "  ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_count_rows (plan, "blueprint_targets"), ==, 0);
  undo (plan);
  g_assert_cmpint (lc_plan_count_rows (plan, "blueprint_targets"), ==, 1);

  /* Without a period, the years start with the first target's; without
   * targets, this year */
  g_assert_true (lc_plan_execute (plan, "no period", "UPDATE unit_profile SET period_start = NULL", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_get_blueprint_first_year (plan, NULL), ==, 2026);
  g_assert_true (lc_plan_execute (plan, "no targets", "DELETE FROM blueprint_targets", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_get_blueprint_first_year (plan, NULL), ==, g_date_time_get_year (now));
}

/* Metres along the fixture's path from (@lon0, @lat0) to (@lon1, @lat1),
 * one leg north–south and one east–west */
static double
walk_m (double lat0,
        double lon0,
        double lat1,
        double lon1)
{
  return lc_geo_distance (lat0, lon0, lat1, lon0) + lc_geo_distance (lat1, lon0, lat1, lon1);
}

static const LcLayoutSite *
site (GPtrArray *sites,
      const char *name)
{
  for (guint i = 0; i < sites->len; i++)
    if (g_strcmp0 (((LcLayoutSite *) sites->pdata[i])->name, name) == 0)
      return sites->pdata[i];
  g_error ("no site %s", name);
}

static LcBlueprintSummary *
summary_of (LcPlan *plan)
{
  g_autoptr(GError) error = NULL;
  LcBlueprintSummary *summary = lc_blueprint_summary_new (lc_plan_get_database (plan), &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
test_summary (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcBlueprintSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = lc_plan_get_database (plan);
  g_autoptr(LcGeometry) road = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  g_autoptr(LcGeometry) far_site = lc_geometry_new_point (121.5260, 31.3010);
  g_autoptr(LcGeometry) lost = lc_geometry_new_point (121.5400, 31.3200);
  g_autoptr(LcGeometry) moved = lc_geometry_new_point (121.5140, 31.2995);
  const LcLayoutSite *hub, *pav;
  double expected;
  guint n;
  const LcService *all = lc_services_get_all (&n);

  summary = summary_of (plan);
  /* The fixture: one planned 人民坊 built by project 1, one existing 六艺亭 */
  g_assert_cmpuint (summary->hubs->len, ==, 1);
  g_assert_cmpuint (summary->pavilions->len, ==, 1);
  hub = summary->hubs->pdata[0];
  g_assert_cmpstr (hub->name, ==, "五角场人民坊");
  g_assert_cmpint (hub->facility_fid, ==, 1);
  g_assert_cmpint (hub->facility_status, ==, LC_FACILITY_STATUS_PLANNED);
  g_assert_cmpint (hub->project_id, ==, 1);
  g_assert_cmpint (hub->project_status, ==, LC_PROJECT_STATUS_IN_PROGRESS);
  g_assert_cmpint (hub->project_year, ==, 2026);
  g_assert_true (hub->linked);

  /* The pavilion walks 233 m south to the path, then 361 m east to the hub */
  pav = summary->pavilions->pdata[0];
  g_assert_cmpstr (pav->name, ==, "政民路六艺亭");
  g_assert_cmpint (pav->facility_status, ==, LC_FACILITY_STATUS_EXISTING);
  g_assert_cmpint (pav->nearest_hub, ==, 0);
  expected = walk_m (31.3011, 121.5102, 31.2990, 121.5140);
  g_test_message ("distance %.2f m, expected %.2f m", pav->distance_m, expected);
  g_assert_cmpfloat_with_epsilon (pav->distance_m, expected, 1.0);
  g_assert_cmpfloat_with_epsilon (pav->minutes, expected / 60, 0.02);
  g_assert_cmpfloat (pav->minutes, <, LC_BLUEPRINT_FAR_MINUTES);
  g_assert_cmpuint (summary->n_far, ==, 0);
  g_assert_cmpfloat (summary->walking_speed_m_min, ==, 60);

  /* Per service: the hub is planned; the pavilion offers public space */
  for (guint s = 0; s < n; s++)
    {
      const LcServiceStatus *st = &summary->services[s];

      if (g_str_equal (all[s].key, "elderly"))
        {
          g_assert_cmpuint (st->n_existing, ==, 0);
          g_assert_cmpuint (st->n_planned, ==, 1);
          g_assert_cmpuint (st->n_projects, ==, 1);   /* project 1, in progress */
          g_assert_cmpfloat (st->share_now, ==, 0);
          g_assert_cmpfloat (st->share_planned, ==, 1);   /* the one home walks about 310 m, within 350 m */
        }
      if (g_str_equal (all[s].key, "public_space"))
        {
          g_assert_cmpuint (st->n_existing, ==, 1);
          g_assert_cmpuint (st->n_planned, ==, 0);
          g_assert_cmpuint (st->n_projects, ==, 1);   /* project 2, in the reserve */
        }
    }
  g_clear_pointer (&summary, lc_blueprint_summary_free);

  /* A planned pavilion project far along a new path, one off the network,
   * and a reserve 人民坊 project with no place yet */
  g_assert_true (lc_plan_begin (plan, "more", &error));
  lc_geometry_add_point (road, 121.5140, 31.3010);
  lc_geometry_add_point (road, 121.5260, 31.3010);
  lc_geometry_end_part (road);
  plan_fixture_insert_geometry (db, "INSERT INTO walking_paths (fid, geom, status) VALUES (2, ?, 'planned')", road);
  plan_fixture_exec (db, "INSERT INTO projects (id, name, role, status) VALUES"
                         " (3, '远端六艺亭', 'liuyiting', 'reserve'), (4, '孤立六艺亭', 'liuyiting', 'reserve'),"
                         " (5, '第二人民坊', 'renminfang', 'reserve')");
  plan_fixture_insert_geometry (db, "INSERT INTO project_locations (geom, project_id) VALUES (?, 3)", far_site);
  plan_fixture_insert_geometry (db, "INSERT INTO project_locations (geom, project_id) VALUES (?, 4)", lost);
  g_assert_true (lc_plan_commit (plan, &error));
  g_assert_no_error (error);

  summary = summary_of (plan);
  g_assert_cmpuint (summary->hubs->len, ==, 2);
  g_assert_cmpuint (summary->pavilions->len, ==, 3);
  hub = site (summary->hubs, "第二人民坊");
  g_assert_false (hub->linked);
  g_assert_true (isnan (hub->longitude));
  pav = site (summary->pavilions, "远端六艺亭");
  g_assert_cmpint (pav->facility_fid, ==, 0);
  g_assert_cmpint (pav->project_status, ==, LC_PROJECT_STATUS_RESERVE);
  g_assert_true (pav->linked);
  g_assert_cmpstr (((LcLayoutSite *) summary->hubs->pdata[pav->nearest_hub])->name, ==, "五角场人民坊");
  expected = walk_m (31.2990, 121.5140, 31.3010, 121.5260);
  g_assert_cmpfloat_with_epsilon (pav->distance_m, expected, 1.0);
  g_assert_cmpfloat (pav->minutes, >, LC_BLUEPRINT_FAR_MINUTES);
  pav = site (summary->pavilions, "孤立六艺亭");
  g_assert_false (pav->linked);
  g_assert_cmpint (pav->nearest_hub, ==, -1);
  g_assert_true (isnan (pav->distance_m));
  g_assert_cmpuint (summary->n_far, ==, 2);
  g_clear_pointer (&summary, lc_blueprint_summary_free);

  /* Moving the hub north onto the second edge lengthens the near pavilion's walk */
  g_assert_true (lc_plan_begin (plan, "move", &error));
  plan_fixture_insert_geometry (db, "UPDATE facilities SET geom = ? WHERE fid = 1", moved);
  g_assert_true (lc_plan_commit (plan, &error));
  summary = summary_of (plan);
  pav = site (summary->pavilions, "政民路六艺亭");
  expected = walk_m (31.3011, 121.5102, 31.2990, 121.5140) + lc_geo_distance (31.2990, 121.5140, 31.2995, 121.5140);
  g_assert_cmpfloat_with_epsilon (pav->distance_m, expected, 1.0);
}

/* The unit profile's planning fields: checked, the period's end follows
 * its start, one undo step each */
static gboolean
set_profile (LcPlan      *plan,
             const char  *key,
             const char  *text,
             GError     **error)
{
  LcProfileField field;

  g_assert_true (lc_profile_field_from_key (key, &field));
  return lc_plan_set_profile_text (plan, field, text, error);
}

static void
test_unit_profile (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *population = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *now = NULL;
  static const char * const bad[][2] = {
    { "period_start", "2019" }, { "period_start", "二〇二五" }, { "period_start", "2097" },
    { "population", "-5" }, { "population", "6.8万" }, { "plan_date", "2025-02-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (set_profile (plan, bad[i][0], bad[i][1], &error));
      g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  g_assert_true (set_profile (plan, "period_start", " 2026 ", &error));
  g_assert_no_error (error);
  start = lc_plan_get_text (plan, "unit_profile", 1, "period_start");
  end = lc_plan_get_text (plan, "unit_profile", 1, "period_end");
  g_assert_cmpstr (start, ==, "2026");
  g_assert_cmpstr (end, ==, "2030");
  g_assert_cmpint (lc_plan_get_blueprint_first_year (plan, NULL), ==, 2026);
  g_assert_true (set_profile (plan, "population", "68000", &error));
  g_assert_true (set_profile (plan, "plan_date", "2025-06-30", &error));
  g_assert_true (set_profile (plan, "plan_version", "征求意见稿 v2", &error));
  g_assert_no_error (error);
  population = lc_plan_get_text (plan, "unit_profile", 1, "population");
  g_assert_cmpstr (population, ==, "68000");

  /* Cleared by an empty value; each was one undo step */
  g_assert_true (set_profile (plan, "population", "", &error));
  g_clear_pointer (&population, g_free);
  population = lc_plan_get_text (plan, "unit_profile", 1, "population");
  g_assert_null (population);
  for (int i = 0; i < 5; i++)
    g_assert_true (lc_plan_undo (plan, NULL));
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/blueprint/sections", test_sections);
  g_test_add_func ("/blueprint/parse", test_parse);
  g_test_add_func ("/blueprint/targets", test_targets);
  g_test_add_func ("/blueprint/unit-profile", test_unit_profile);
  g_test_add_func ("/blueprint/summary", test_summary);
  return g_test_run ();
}
