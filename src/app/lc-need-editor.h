/* lc-need-editor.h: the form of one need of the needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_NEED_EDITOR (lc_need_editor_get_type ())

G_DECLARE_FINAL_TYPE (LcNeedEditor, lc_need_editor, LC, NEED_EDITOR, AdwWindow)

LcNeedEditor *lc_need_editor_new       (GtkWindow    *parent,
                                        LcPlan       *plan,
                                        gint64        fid,
                                        LcMapView    *map_view,
                                        GError      **error);
GtkWidget    *lc_need_editor_get_field (LcNeedEditor *self,
                                        const char   *name);
gint64        lc_need_editor_get_fid   (LcNeedEditor *self);

G_END_DECLS
