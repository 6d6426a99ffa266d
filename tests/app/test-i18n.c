/* test-i18n.c: the whole interface shows in Chinese under a Chinese locale
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-i18n.h"
#include "lc-preferences-window.h"
#include "lc-services.h"
#include "lc-window.h"
#include "ui-helpers.h"

static LcApplication *app;

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* Text a person reads must be Chinese; numbers with units (the map's scale
 * bar: "200 m", "1 km", "500 ft") and file extensions carry no words. */
static void
assert_chinese (const char *text)
{
  static GRegex *exempt = NULL;

  if (exempt == NULL)
    exempt = g_regex_new ("^[0-9.,\\s\\p{Zs}]*(m|km|ft|mi)?$", G_REGEX_OPTIMIZE, 0, NULL);

  if (text == NULL || g_regex_match (exempt, text, 0, NULL))
    return;

  g_test_message ("text: “%s”", text);
  g_assert_true (has_han (text));
}

static void
assert_texts_chinese (GtkWidget *widget)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  ui_test_collect_text (widget, texts);
  g_assert_cmpuint (texts->len, >, 0);
  for (guint i = 0; i < texts->len; i++)
    assert_chinese (texts->pdata[i]);
}

static void
assert_menu_chinese (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        assert_chinese (label);
      if (section != NULL)
        assert_menu_chinese (section);
    }
}

static void
test_window_chinese (void)
{
  LcWindow *window = lc_window_new (app);
  GtkMenuButton *menu_button;
  GtkShortcutsWindow *help;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_frame (GTK_WIDGET (window)));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "社区生活圈规划");
  assert_texts_chinese (GTK_WIDGET (window));

  menu_button = GTK_MENU_BUTTON (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (menu_button);
  assert_menu_chinese (gtk_menu_button_get_menu_model (menu_button));

  help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (help);
  gtk_window_present (GTK_WINDOW (help));
  g_assert_true (ui_test_wait_frame (GTK_WIDGET (help)));
  assert_texts_chinese (GTK_WIDGET (help));
  gtk_window_close (GTK_WINDOW (help));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_chinese (void)
{
  LcPreferencesWindow *prefs = lc_preferences_window_new (lc_application_get_settings (app));

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (ui_test_wait_frame (GTK_WIDGET (prefs)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (prefs)), ==, "首选项");
  assert_texts_chinese (GTK_WIDGET (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_core_chinese (void)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  /* Under Chinese, the translated name of each service is the programme's own */
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (lc_service_get_display_name (&all[i]), ==, all[i].name_zh);
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
  /* What a Chinese desktop sets; LANGUAGE works even where zh_CN.UTF-8 is
   * not generated, as long as LC_MESSAGES is not the plain C locale */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  lc_i18n_init ();

  app = ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/i18n/core", test_core_chinese);

  if (app == NULL)
    {
      g_test_add_func ("/ui/i18n/window", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/i18n/window", test_window_chinese);
  g_test_add_func ("/ui/i18n/preferences", test_preferences_chinese);

  return g_test_run ();
}
