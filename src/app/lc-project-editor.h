/* lc-project-editor.h: the form of one project, every field
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_PROJECT_EDITOR (lc_project_editor_get_type ())

G_DECLARE_FINAL_TYPE (LcProjectEditor, lc_project_editor, LC, PROJECT_EDITOR, AdwWindow)

LcProjectEditor *lc_project_editor_new        (GtkWindow       *parent,
                                               LcPlan          *plan,
                                               gint64           id,
                                               LcMapView       *map_view,
                                               GError         **error);
GtkWidget       *lc_project_editor_get_field  (LcProjectEditor *self,
                                               const char      *name);
gint64           lc_project_editor_get_id     (LcProjectEditor *self);
GtkWidget       *lc_project_editor_add_milestone (LcProjectEditor *self,
                                                  const char      *title,
                                                  const char      *date,
                                                  gboolean         done);

G_END_DECLS
