/* lc-edit-layer.h: the selected shape on the map, with handles to reshape it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-geometry.h"

G_BEGIN_DECLS

#define LC_TYPE_EDIT_LAYER (lc_edit_layer_get_type ())

G_DECLARE_FINAL_TYPE (LcEditLayer, lc_edit_layer, LC, EDIT_LAYER, ShumateLayer)

typedef enum
{
  LC_EDIT_NONE,
  LC_EDIT_OUTLINE,      /* a building: outlined, not reshaped here */
  LC_EDIT_LINE,         /* a walking path: vertex handles */
  LC_EDIT_RING,         /* the unit boundary: vertex handles around a closed ring */
  LC_EDIT_DRAW_LINE,    /* a new walking path, point by point */
  LC_EDIT_DRAW_RING,    /* a new unit boundary, point by point */
} LcEditMode;

#define LC_EDIT_HANDLE_RADIUS 6.0   /* px */

LcEditLayer *lc_edit_layer_new            (ShumateViewport   *viewport);
void         lc_edit_layer_set            (LcEditLayer       *self,
                                           LcEditMode         mode,
                                           const LcGeometry  *geometry);
LcEditMode   lc_edit_layer_get_mode       (LcEditLayer       *self);
guint        lc_edit_layer_get_n_points   (LcEditLayer       *self);
void         lc_edit_layer_get_point      (LcEditLayer       *self,
                                           guint              index,
                                           double            *longitude,
                                           double            *latitude);
int          lc_edit_layer_pick_handle    (LcEditLayer       *self,
                                           double             x,
                                           double             y,
                                           gboolean          *midpoint);
void         lc_edit_layer_move_point     (LcEditLayer       *self,
                                           guint              index,
                                           double             longitude,
                                           double             latitude);
void         lc_edit_layer_insert_point   (LcEditLayer       *self,
                                           guint              index,
                                           double             longitude,
                                           double             latitude);
gboolean     lc_edit_layer_remove_point   (LcEditLayer       *self,
                                           guint              index);
void         lc_edit_layer_set_pointer    (LcEditLayer       *self,
                                           gboolean           inside,
                                           double             longitude,
                                           double             latitude);
LcGeometry  *lc_edit_layer_to_geometry    (LcEditLayer       *self);

G_END_DECLS
