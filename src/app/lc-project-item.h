/* lc-project-item.h: one project as an item of a list model
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lc-project.h"

G_BEGIN_DECLS

#define LC_TYPE_PROJECT_ITEM (lc_project_item_get_type ())
G_DECLARE_FINAL_TYPE (LcProjectItem, lc_project_item, LC, PROJECT_ITEM, GObject)

LcProjectItem *lc_project_item_new (LcProject *project);
const LcProject *lc_project_item_get (LcProjectItem *self);

G_END_DECLS
