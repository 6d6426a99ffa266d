/* lc-i18n.c: set up gettext for the app and the tool
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-i18n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "lc-i18n.h"

/**
 * lc_i18n_init:
 *
 * Sets the locale from the environment and binds our message catalogue.
 * LIFECIRCLE_LOCALEDIR points an uninstalled build (meson devenv, tests) at
 * the catalogues compiled in the build tree; installed runs use LOCALEDIR.
 */
void
lc_i18n_init (void)
{
  const char *localedir = g_getenv ("LIFECIRCLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
