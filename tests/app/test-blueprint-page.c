/* test-blueprint-page.c: the blueprint view: editing a section and a target, bad input, undo, the 1+N summary
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-blueprint-page"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>

#include "lc-application.h"
#include "lc-blueprint-page.h"
#include "lc-facility.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

static LcApplication *app;

/* The first widget named @name under @root (popovers included) */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
must_find (GtkWidget  *root,
           const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = must_find (root, name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Every text of @widget, one a line */
static char *
texts_of (GtkWidget *widget)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  ui_test_collect_text (widget, texts);
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("\n", (char **) texts->pdata);
}

static gboolean
page_settled (gpointer data)
{
  return !lc_blueprint_page_is_busy (data) && lc_blueprint_page_get_summary (data) != NULL;
}

static gboolean
page_mapped (gpointer data)
{
  GtkNative *native = gtk_widget_get_native (data);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return gtk_widget_get_mapped (data) && surface != NULL &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

/* The layout worked out, and the page on screen: a popover needs its
 * window on a monitor (with several tests at once the X server is slow) */
static void
settle (LcBlueprintPage *page)
{
  g_assert_true (ui_test_wait_for (page_settled, page, 5000));
  g_assert_true (ui_test_wait_for (page_mapped, page, 5000));
}

static char *
dump (LcPlan *plan)
{
  return plan_fixture_dump (lc_plan_get_database (plan));
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (must_find (root, name)), text);
}

static void
test_blueprint_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(LcBlueprintSection) section = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;
  LcWindow *window = lc_window_new (app);
  LcBlueprintPage *page;
  GtkWidget *card, *popover;
  GtkTextBuffer *buffer;
  const LcBlueprintSummary *summary;

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  gtk_window_present (GTK_WINDOW (window));
  lc_window_show_plan (window, plan);
  page = LC_BLUEPRINT_PAGE (ui_test_find_widget (GTK_WIDGET (window), LC_TYPE_BLUEPRINT_PAGE));
  g_assert_nonnull (page);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("blueprint"));
  g_assert_cmpstr (lc_window_get_view (window), ==, "blueprint");
  settle (page);

  /* The 1+N summary: one hub, one pavilion 595 m (10 min) along the paths */
  summary = lc_blueprint_page_get_summary (page);
  g_assert_cmpuint (summary->hubs->len, ==, 1);
  g_assert_cmpuint (summary->pavilions->len, ==, 1);
  text = texts_of (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "1 Renminfang hub, 1 Liuyiting pavilion, every pavilion within 15 minutes’ walk of a hub"));
  g_assert_nonnull (strstr (text, "五角场人民坊"));
  g_assert_nonnull (strstr (text, "政民路六艺亭"));
  g_assert_nonnull (strstr (text, "595 m · about 10 min\nto 五角场人民坊"));
  g_clear_pointer (&text, g_free);

  /* A section's text, edited and applied: one undo step */
  card = must_find (GTK_WIDGET (page), "section-1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (card, "body-label"))), ==, "宜居、宜业、宜游、宜学、宜养的五角场");
  click (card, "edit");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (must_find (card, "body")));
  gtk_text_buffer_set_text (buffer, "第一段：人民城市。\n\n第二段：十全十美。", -1);
  click (card, "apply");
  section = lc_plan_load_blueprint_section (plan, 1, NULL);
  g_assert_cmpstr (section->body, ==, "第一段：人民城市。\n\n第二段：十全十美。");
  g_clear_pointer (&section, lc_blueprint_section_free);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Edit Blueprint Section");
  settle (page);
  card = must_find (GTK_WIDGET (page), "section-1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (card, "body-label"))), ==,
                   "第一段：人民城市。\n\n第二段：十全十美。");

  /* A section without a title: the reason in place, nothing written */
  before = dump (plan);
  click (card, "edit");
  set_text (card, "title", "  ");
  click (card, "apply");
  g_assert_true (gtk_widget_get_visible (must_find (card, "error")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (card, "error"))), ==, "A blueprint section needs a title.");
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  click (card, "cancel");

  /* A target cell */
  click (GTK_WIDGET (page), "target-culture-2027");
  popover = gtk_widget_get_ancestor (must_find (GTK_WIDGET (page), "target-apply"), GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_visible (popover));
  set_text (popover, "target-facilities", "3");
  set_text (popover, "target-coverage", "80 %");
  set_text (popover, "target-notes", "新建文化活动室");
  click (popover, "target-apply");
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Blueprint Target");
  settle (page);
  text = texts_of (must_find (GTK_WIDGET (page), "target-culture-2027"));
  g_assert_cmpstr (text, ==, "新建文化活动室\n+3 facilities\n80 % covered");
  g_clear_pointer (&text, g_free);

  /* Bad values: the message in the popover, nothing written */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  click (GTK_WIDGET (page), "target-culture-2027");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (must_find (popover, "target-facilities"))), ==, "3");
  set_text (popover, "target-facilities", "abc");
  click (popover, "target-apply");
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_has_css_class (must_find (popover, "target-error"), "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (popover, "target-error"))), ==,
                   "“abc” is not a number of facilities: enter a whole number from 0 to 10000.");
  g_assert_true (gtk_widget_has_css_class (must_find (popover, "target-facilities"), "error"));
  set_text (popover, "target-facilities", "2");
  set_text (popover, "target-coverage", "120");
  click (popover, "target-apply");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (popover, "target-error"))), ==,
                   "“120” is not a coverage target: enter a percentage from 0 to 100.");
  g_assert_true (gtk_widget_has_css_class (must_find (popover, "target-coverage"), "error"));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Undo takes the target, then the section's text, back; the page follows */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  settle (page);
  g_assert_cmpint (lc_plan_count_rows (plan, "blueprint_targets"), ==, 1);
  text = texts_of (must_find (GTK_WIDGET (page), "target-culture-2027"));
  g_assert_cmpstr (text, ==, "Set a target");
  g_clear_pointer (&text, g_free);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  settle (page);
  card = must_find (GTK_WIDGET (page), "section-1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (must_find (card, "body-label"))), ==, "宜居、宜业、宜游、宜学、宜养的五角场");

  /* The pavilion moved closer to the path: the walk is worked out again */
  g_assert_true (lc_plan_move_facility (plan, 2, 121.5102, 31.2995, &error));
  g_assert_no_error (error);
  g_assert_true (lc_blueprint_page_is_busy (page));
  settle (page);
  text = texts_of (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "417 m · about 7 min"));
  g_clear_pointer (&text, g_free);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (50);
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
      g_test_add_func ("/ui/blueprint-page/edit", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/blueprint-page/edit", test_blueprint_page);
  return g_test_run ();
}
