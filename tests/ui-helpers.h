/* ui-helpers.h: shared set-up for the UI tests
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lc-application.h"

G_BEGIN_DECLS

LcApplication *ui_test_init          (int          *argc,
                                      char       ***argv);
gboolean       ui_test_wait_for      (gboolean    (*check) (gpointer data),
                                      gpointer      data,
                                      guint         timeout_ms);
void           ui_test_iterate       (guint         ms);
gboolean       ui_test_wait_frame    (GtkWidget    *widget);
GtkWindow     *ui_test_find_toplevel (GType         type,
                                      GtkWindow    *transient_for);
GtkWidget     *ui_test_find_widget   (GtkWidget    *root,
                                      GType         type);
GtkWidget     *ui_test_find_widget_where (GtkWidget     *root,
                                          GType          type,
                                          gboolean     (*match) (GtkWidget *widget, gconstpointer data),
                                          gconstpointer  data);
void           ui_test_collect_text  (GtkWidget    *widget,
                                      GPtrArray    *texts);

G_END_DECLS
