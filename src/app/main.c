/* main.c: start Life Circle Planner
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lifecircle"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  lc_i18n_init ();

  if (!lc_application_check_schema (&error))
    {
      g_printerr ("lifecircle: %s\n", error->message);
      return 1;
    }

  app = lc_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
