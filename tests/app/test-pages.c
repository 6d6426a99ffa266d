/* test-pages.c: the projects and needs views and the project editor
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pages"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>

#include <string.h>
#include <glib/gstdio.h>

#include "lc-application.h"
#include "lc-blueprint-page.h"
#include "lc-map-view.h"
#include "lc-meetings-page.h"
#include "lc-services.h"
#include "lc-need-item.h"
#include "lc-needs-page.h"
#include "lc-project.h"
#include "lc-need-editor.h"
#include "lc-project-editor.h"
#include "lc-project-item.h"
#include "lc-projects-page.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

static LcApplication *app;

static gboolean
plan_shown (gpointer data)
{
  return lc_window_get_plan (data) != NULL && !lc_window_is_busy (data);
}

static char *
fixture_copy (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
  g_autofree char *dir = g_dir_make_tmp ("lc-pages-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static gboolean
no_editor (gpointer data)
{
  return ui_test_find_toplevel (LC_TYPE_PROJECT_EDITOR, data) == NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_shown_error (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget) &&
         *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
}

/* Whether an editor shows one of its form's error labels */
static gboolean
shows_error (gpointer data)
{
  return ui_test_find_widget_where (data, GTK_TYPE_LABEL, is_shown_error, NULL) != NULL;
}

static LcProjectEditor *
open_editor (LcWindow *window)
{
  LcProjectEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lc_window_get_projects_page (window)), "projects.new", NULL));
  editor = LC_PROJECT_EDITOR (ui_test_find_toplevel (LC_TYPE_PROJECT_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (ui_test_wait_for (widget_mapped, editor, 2000));
  return editor;
}

static void
set_text (LcProjectEditor *editor,
          const char      *field,
          const char      *text)
{
  GtkWidget *widget = lc_project_editor_get_field (editor, field);

  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
row_named (GListModel *rows,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LcProjectItem) item = g_list_model_get_item (rows, i);

      if (g_strcmp0 (lc_project_item_get (item)->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
dump (LcPlan *plan)
{
  return plan_fixture_dump (lc_plan_get_database (plan));
}

/* Whether the header's sidebar button (its first toggle button) is shown */
static gboolean
sidebar_button_shown (LcWindow *window)
{
  GtkWidget *button = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON);

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.toggle-sidebar");
  return gtk_widget_get_visible (button);
}

/* The filter bar's drop-downs in order: view, status, kind, service */
static guint
find_dropdowns_in (GtkWidget    *widget,
                   GtkDropDown **out,
                   guint         n,
                   guint         found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && found < n;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        out[found++] = GTK_DROP_DOWN (child);
      else
        found = find_dropdowns_in (child, out, n, found);
    }
  return found;
}

static void
find_dropdowns (GtkWidget    *page,
                GtkDropDown **out,
                guint         n)
{
  g_assert_cmpuint (find_dropdowns_in (page, out, n, 0), ==, n);
}

static guint
count_projects (LcPlan                *plan,
                const LcProjectFilter *filter)
{
  g_autoptr(GPtrArray) list = lc_plan_list_projects (plan, filter, NULL);

  return list->len;
}

static void
test_projects_editor (void)
{
  g_autofree char *path = fixture_copy ("项目.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autoptr(LcProject) project = NULL;
  g_autoptr(LcNeed) need = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  int next_year = g_date_time_get_year (today) + 1;
  LcWindow *window = lc_window_new (app);
  LcProjectsPage *page;
  LcNeedsPage *needs_page;
  LcProjectEditor *editor;
  GListModel *rows;
  LcPlan *plan;
  gint64 id;
  const char *table = NULL;
  gboolean linked = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  before = dump (plan);
  page = lc_window_get_projects_page (window);
  needs_page = lc_window_get_needs_page (window);
  rows = lc_projects_page_get_rows (page);

  /* Ctrl+3's action shows the projects */
  g_assert_cmpstr (lc_window_get_view (window), ==, "map");
  g_assert_true (sidebar_button_shown (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("projects"));
  g_assert_cmpstr (lc_window_get_view (window), ==, "projects");
  /* The map's own buttons (sidebar, add) go with the map */
  g_assert_false (sidebar_button_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  /* Cancel writes nothing */
  editor = open_editor (window);
  set_text (editor, "name", "不保存的项目");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  g_assert_true (ui_test_wait_for (no_editor, window, 2000));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* A new project: errors keep the editor open and the plan as it was */
  editor = open_editor (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (shows_error, editor, 2000));
  g_assert_false (no_editor (window));
  set_text (editor, "name", "测试社区食堂");
  set_text (editor, "budget", "abc");
  set_text (editor, "start-date", "2027-13");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (shows_error, editor, 2000));
  g_assert_false (no_editor (window));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* Then right: saved as one undo step, linked to the need */
  set_text (editor, "budget", "88.5");
  set_text (editor, "start-date", "2027-03");
  set_text (editor, "end-date", "2027-10");
  set_text (editor, "funding-source", "区级财政");
  set_text (editor, "implementing-body", "五角场街道办事处");
  set_text (editor, "content", "新建社区长者食堂");
  set_text (editor, "latitude", "31.30");
  set_text (editor, "longitude", "121.51");
  adw_combo_row_set_selected (ADW_COMBO_ROW (lc_project_editor_get_field (editor, "kind")), 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lc_project_editor_get_field (editor, "service:elderly")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lc_project_editor_get_field (editor, "need:1")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (no_editor, window, 2000));

  id = lc_plan_find_project (plan, "测试社区食堂", NULL);
  g_assert_cmpint (id, >, 0);
  project = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpint (project->status, ==, LC_PROJECT_STATUS_RESERVE);
  g_assert_cmpfloat_with_epsilon (project->budget_wan, 88.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (project->latitude, 31.30, 1e-6);
  g_assert_cmpstr (project->services[0], ==, "elderly");
  g_assert_null (project->services[1]);
  need = lc_plan_load_need (plan, 1, NULL);
  for (guint i = 0; i < need->project_ids->len; i++)
    linked |= g_array_index (need->project_ids, gint64, i) == id;
  g_assert_true (linked);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_true (row_named (rows, "测试社区食堂"));

  /* The status, kind and service filters show what the model's filter
   * gives, for every choice of each */
  {
    GtkDropDown *dropdowns[4];
    guint n_services;
    const LcService *services = lc_services_get_all (&n_services);

    find_dropdowns (GTK_WIDGET (page), dropdowns, G_N_ELEMENTS (dropdowns));
    for (LcProjectStatus s = LC_PROJECT_STATUS_RESERVE; s <= LC_PROJECT_STATUS_COMPLETED; s++)
      {
        LcProjectFilter filter = { .by_status = TRUE, .status = s };

        gtk_drop_down_set_selected (dropdowns[1], s + 1);
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, count_projects (plan, &filter));
      }
    gtk_drop_down_set_selected (dropdowns[1], 0);
    for (LcProjectKind k = LC_PROJECT_KIND_BASIC; k <= LC_PROJECT_KIND_QUALITY; k++)
      {
        LcProjectFilter filter = { .by_kind = TRUE, .kind = k };

        /* After "All Kinds": the kinds, without "none" */
        gtk_drop_down_set_selected (dropdowns[2], k);
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, count_projects (plan, &filter));
      }
    gtk_drop_down_set_selected (dropdowns[2], 0);
    for (guint i = 0; i < n_services; i++)
      {
        LcProjectFilter filter = { .service = services[i].key };

        gtk_drop_down_set_selected (dropdowns[3], i + 1);
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, count_projects (plan, &filter));
      }
    gtk_drop_down_set_selected (dropdowns[3], 0);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  }

  /* The name search */
  lc_projects_page_set_search (page, "食堂");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  lc_projects_page_set_search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* From the reserve into next year's implementation list */
  lc_projects_page_set_view (page, -1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_true (lc_projects_page_select (page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "projects.schedule", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_false (row_named (rows, "测试社区食堂"));
  g_clear_pointer (&project, lc_project_free);
  project = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpint (project->year, ==, next_year);
  g_assert_cmpint (project->status, !=, LC_PROJECT_STATUS_RESERVE);
  lc_projects_page_set_view (page, next_year);
  g_assert_true (row_named (rows, "测试社区食堂"));

  /* The needs view: no need unanswered; Show on Map shows one there */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("needs"));
  g_assert_cmpuint (g_list_model_get_n_items (lc_needs_page_get_rows (needs_page)), ==, 1);
  lc_needs_page_set_unanswered_only (needs_page, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (lc_needs_page_get_rows (needs_page)), ==, 0);
  lc_needs_page_set_unanswered_only (needs_page, FALSE);
  g_assert_true (lc_needs_page_select (needs_page, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (needs_page), "needs.show-on-map", NULL));
  g_assert_cmpstr (lc_window_get_view (window), ==, "map");
  g_assert_cmpint (lc_map_view_get_selected (lc_window_get_map_view (window), &table), ==, 1);
  g_assert_cmpstr (table, ==, "needs");

  /* Delete: one undo step too */
  lc_projects_page_set_view (page, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_true (lc_projects_page_select (page, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "projects.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpint (lc_plan_find_project (plan, "政民路口袋公园", NULL), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  lc_projects_page_set_view (page, next_year);

  /* Two undo steps more: back to the plan as it was */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_false (lc_plan_can_undo (plan));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);  /* next year's list is empty again */
  lc_projects_page_set_view (page, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
need_has_fid (gconstpointer a,
              gconstpointer b)
{
  return ((const LcNeed *) a)->fid == *(const gint64 *) b;
}

static gboolean
widget_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

static gboolean
editor_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
editor_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The project editor's milestones, and its place clicked or drawn on the map */
static void
test_editor_map (void)
{
  g_autofree char *path = fixture_copy ("地图选点.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autoptr(LcProject) project = NULL;
  LcWindow *window = lc_window_new (app);
  LcProjectEditor *editor;
  LcMapView *map;
  GtkWidget *milestone;
  LcPlan *plan;
  double lat, lon, w, h, latitude, longitude;
  gint64 id;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  map = lc_window_get_map_view (window);
  before = dump (plan);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("projects"));

  editor = open_editor (window);
  set_text (editor, "name", "政立路六艺亭");

  /* A milestone with a wrong date keeps the editor open; an empty row is no milestone */
  milestone = lc_project_editor_add_milestone (editor, "方案公示", "2026-13", FALSE);
  lc_project_editor_add_milestone (editor, NULL, NULL, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (shows_error, editor, 2000));
  g_assert_false (no_editor (window));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (milestone), "lc-date"), "2026-05");
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (milestone), "lc-done"), TRUE);
  lc_project_editor_add_milestone (editor, "竣工验收", "2026-12-20", FALSE);

  /* Clicking a point: the editor steps aside for the map and comes back with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.pick-point", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  g_assert_cmpstr (lc_window_get_view (window), ==, "map");
  g_assert_cmpint (lc_map_view_get_tool (map), ==, LC_MAP_TOOL_PICK_POINT);
  g_assert_true (ui_test_wait_for (widget_laid_out, map, 5000));
  w = gtk_widget_get_width (GTK_WIDGET (map));
  h = gtk_widget_get_height (GTK_WIDGET (map));
  g_assert_cmpfloat (w, >, 100);
  lc_map_view_get_view (map, &lat, &lon, NULL);
  lc_map_view_click (map, w / 2, h / 2);
  g_assert_true (ui_test_wait_for (editor_visible, editor, 2000));
  g_assert_cmpint (lc_map_view_get_tool (map), ==, LC_MAP_TOOL_SELECT);
  latitude = g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (lc_project_editor_get_field (editor, "latitude"))), NULL);
  longitude = g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (lc_project_editor_get_field (editor, "longitude"))), NULL);
  g_assert_cmpfloat (fabs (latitude - lat), <, 1e-5);
  g_assert_cmpfloat (fabs (longitude - lon), <, 1e-5);

  /* Leaving the map while picking: the editor comes back, the tool is dropped */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.pick-point", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("projects"));
  g_assert_true (ui_test_wait_for (editor_visible, editor, 2000));
  g_assert_cmpint (lc_map_view_get_tool (map), ==, LC_MAP_TOOL_SELECT);

  /* Esc while picking: the editor comes back as it was */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.pick-point", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "map.cancel", NULL));
  g_assert_true (ui_test_wait_for (editor_visible, editor, 2000));
  g_assert_cmpfloat (fabs (g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (lc_project_editor_get_field (editor, "latitude"))), NULL) - lat), <, 1e-5);

  /* Drawing an area: two points are too few; three make it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.draw-area", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  lc_map_view_click (map, w / 2 - 40, h / 2 - 30);
  lc_map_view_click (map, w / 2 + 40, h / 2 - 30);
  g_assert_false (lc_map_view_finish_drawing (map));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  lc_map_view_click (map, w / 2, h / 2 + 40);
  g_assert_true (lc_map_view_finish_drawing (map));
  g_assert_true (ui_test_wait_for (editor_visible, editor, 2000));
  g_assert_false (gtk_widget_get_sensitive (lc_project_editor_get_field (editor, "latitude")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (no_editor, window, 2000));
  id = lc_plan_find_project (plan, "政立路六艺亭", NULL);
  g_assert_cmpint (id, >, 0);
  project = lc_plan_load_project (plan, id, NULL);
  g_assert_true (project->location_is_area);
  g_assert_nonnull (project->area);
  g_assert_cmpuint (project->area->n_points, ==, 4);
  g_assert_cmpfloat (fabs (project->longitude - lon), <, 1e-4);
  g_assert_cmpuint (project->milestones->len, ==, 2);
  g_assert_cmpstr (((LcMilestone *) g_ptr_array_index (project->milestones, 0))->date, ==, "2026-05");
  g_assert_true (((LcMilestone *) g_ptr_array_index (project->milestones, 0))->done);
  g_assert_cmpstr (((LcMilestone *) g_ptr_array_index (project->milestones, 1))->title, ==, "竣工验收");

  /* One undo step */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_false (lc_plan_can_undo (plan));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
no_need_editor (gpointer data)
{
  return ui_test_find_toplevel (LC_TYPE_NEED_EDITOR, data) == NULL;
}

static void
set_need_text (LcNeedEditor *editor,
               const char   *field,
               const char   *text)
{
  GtkWidget *widget = lc_need_editor_get_field (editor, field);

  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/* A need through its editor: wrong values explained, a place clicked on
 * the map, linked to a project, then edited, unlinked and deleted, each one
 * undo step */
static void
test_need_editor (void)
{
  g_autofree char *path = fixture_copy ("需求.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autoptr(LcNeed) need = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;
  LcWindow *window = lc_window_new (app);
  LcNeedsPage *page;
  LcNeedEditor *editor;
  LcMapView *map;
  GListModel *rows;
  LcPlan *plan;
  double lat, lon;
  gint64 fid = 0;
  guint n_before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  map = lc_window_get_map_view (window);
  page = lc_window_get_needs_page (window);
  rows = lc_needs_page_get_rows (page);
  before = dump (plan);
  n_before = g_list_model_get_n_items (rows);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("needs"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "needs.edit", NULL) &&
                  !no_need_editor (window));   /* nothing selected: nothing to edit */

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "needs.new", NULL));
  editor = LC_NEED_EDITOR (ui_test_find_toplevel (LC_TYPE_NEED_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (editor);
  g_assert_true (ui_test_wait_for (widget_mapped, editor, 2000));

  /* Wrong: no description, a bad date, residents "many", no place */
  set_need_text (editor, "date", "2025-09-31");
  set_need_text (editor, "residents", "很多");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "need-editor.save", NULL));
  g_assert_true (ui_test_wait_for (shows_error, editor, 2000));
  g_assert_false (no_need_editor (window));
  set_need_text (editor, "residents", "36");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "need-editor.save", NULL));
  g_assert_true (ui_test_wait_for (shows_error, editor, 2000));
  g_assert_false (no_need_editor (window));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);

  /* Right: the place clicked on the map, linked to project 1 */
  set_need_text (editor, "date", "2025-09-15");
  set_need_text (editor, "description", "政民路口缺少无障碍坡道，轮椅和婴儿车通行不便");
  adw_combo_row_set_selected (ADW_COMBO_ROW (lc_need_editor_get_field (editor, "urgency")), 4);   /* after "Not Set" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "need-editor.pick-point", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  g_assert_cmpstr (lc_window_get_view (window), ==, "map");
  g_assert_true (ui_test_wait_for (widget_laid_out, map, 5000));
  lc_map_view_get_view (map, &lat, &lon, NULL);
  lc_map_view_click (map, gtk_widget_get_width (GTK_WIDGET (map)) / 2.0, gtk_widget_get_height (GTK_WIDGET (map)) / 2.0);
  g_assert_true (ui_test_wait_for (editor_visible, editor, 2000));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lc_need_editor_get_field (editor, "project:1")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "need-editor.save", NULL));
  g_assert_true (ui_test_wait_for (no_need_editor, window, 2000));

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LcNeedItem) item = g_list_model_get_item (rows, i);

      if (g_str_has_prefix (lc_need_item_get (item)->description, "政民路口"))
        fid = lc_need_item_get (item)->fid;
    }
  g_assert_cmpint (fid, >, 0);
  need = lc_plan_load_need (plan, fid, NULL);
  g_assert_cmpint (need->urgency, ==, 4);
  g_assert_cmpint (need->residents, ==, 36);
  g_assert_cmpfloat (fabs (need->latitude - lat), <, 1e-5);
  g_assert_cmpuint (need->project_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (need->project_ids, gint64, 0), ==, 1);

  /* Edited from the list: unlinked, so it is unanswered */
  g_assert_true (lc_needs_page_select (page, fid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "needs.edit", NULL));
  editor = LC_NEED_EDITOR (ui_test_find_toplevel (LC_TYPE_NEED_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (editor);
  g_assert_cmpint (lc_need_editor_get_fid (editor), ==, fid);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (lc_need_editor_get_field (editor, "project:1"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (lc_need_editor_get_field (editor, "project:1")), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "need-editor.save", NULL));
  g_assert_true (ui_test_wait_for (no_need_editor, window, 2000));
  unanswered = lc_plan_list_unanswered_needs (plan, NULL);
  g_assert_true (g_ptr_array_find_with_equal_func (unanswered, &fid, need_has_fid, NULL));

  /* Deleted */
  g_assert_true (lc_needs_page_select (page, fid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "needs.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_before);

  /* Three undo steps: as it was */
  for (int i = 0; i < 3; i++)
    g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_false (lc_plan_can_undo (plan));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @widget or a widget in it is a label showing @text */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  ui_test_collect_text (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (texts->pdata[i] != NULL && strstr (texts->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* Whether a stack in @widget shows its page @name */
static gboolean
shows_stack_page (GtkWidget  *widget,
                  const char *name)
{
  if (GTK_IS_STACK (widget) && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), name) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_stack_page (child, name))
      return TRUE;
  return FALSE;
}

/* Whether a page says it could not read the plan: in a label (needs,
 * projects) or with its stack's "failed" page (meetings, blueprint) */
static gboolean
shows_failure (gpointer data)
{
  GType type = G_OBJECT_TYPE (data);

  if (type == LC_TYPE_NEEDS_PAGE || type == LC_TYPE_PROJECTS_PAGE)
    return shows_text (data, "Could not read the plan: no such table");
  return shows_stack_page (data, "failed");
}

/* A plan whose table @table cannot be read: each page says so, rather
 * than showing an empty list */
static void
test_unreadable (void)
{
  static const struct { const char *table; GType (*get_type) (void); } cases[] = {
    { "needs", lc_needs_page_get_type },
    { "project_services", lc_projects_page_get_type },
    { "meeting_projects", lc_meetings_page_get_type },
    { "blueprint", lc_blueprint_page_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcPlan) plan = lc_plan_new (&error);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO gone", cases[i].table);
      GtkWidget *window = gtk_window_new ();
      GtkWidget *page = g_object_new (cases[i].get_type (), NULL);
      GType type = cases[i].get_type ();

      g_assert_no_error (error);
      plan_fixture_fill (plan);
      plan_fixture_exec (lc_plan_get_database (plan), sql);
      gtk_window_set_child (GTK_WINDOW (window), page);
      gtk_window_present (GTK_WINDOW (window));
      if (type == LC_TYPE_NEEDS_PAGE)
        lc_needs_page_set_plan (LC_NEEDS_PAGE (page), plan);
      else if (type == LC_TYPE_PROJECTS_PAGE)
        lc_projects_page_set_plan (LC_PROJECTS_PAGE (page), plan);
      else if (type == LC_TYPE_MEETINGS_PAGE)
        lc_meetings_page_set_plan (LC_MEETINGS_PAGE (page), plan);
      else
        lc_blueprint_page_set_plan (LC_BLUEPRINT_PAGE (page), plan);
      ui_test_wait_for (shows_failure, page, 2000);

      if (type == LC_TYPE_NEEDS_PAGE || type == LC_TYPE_PROJECTS_PAGE)
        g_assert_true (shows_text (page, "Could not read the plan: no such table"));
      else
        g_assert_true (shows_stack_page (page, "failed"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_skip (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  plan_fixture_use_temp_state ();
  app = ui_test_init (&argc, &argv);

  if (app == NULL)
    {
      g_test_add_func ("/ui/pages/projects-editor", test_skip);
      g_test_add_func ("/ui/pages/editor-map", test_skip);
      g_test_add_func ("/ui/pages/need-editor", test_skip);
      g_test_add_func ("/ui/pages/unreadable", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/pages/projects-editor", test_projects_editor);
  g_test_add_func ("/ui/pages/editor-map", test_editor_map);
  g_test_add_func ("/ui/pages/need-editor", test_need_editor);
  g_test_add_func ("/ui/pages/unreadable", test_unreadable);
  return g_test_run ();
}
