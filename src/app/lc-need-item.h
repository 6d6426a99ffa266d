/* lc-need-item.h: one need as an item of a list model
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lc-project.h"

G_BEGIN_DECLS

#define LC_TYPE_NEED_ITEM (lc_need_item_get_type ())
G_DECLARE_FINAL_TYPE (LcNeedItem, lc_need_item, LC, NEED_ITEM, GObject)

LcNeedItem *lc_need_item_new (LcNeed *need);
const LcNeed *lc_need_item_get (LcNeedItem *self);

G_END_DECLS
