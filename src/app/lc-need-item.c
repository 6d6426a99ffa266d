/* lc-need-item.c: one need as an item of a list model
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-need-item"

#include "config.h"

#include "lc-need-item.h"

struct _LcNeedItem
{
  GObject  parent_instance;
  LcNeed *need;
};

G_DEFINE_FINAL_TYPE (LcNeedItem, lc_need_item, G_TYPE_OBJECT)

static void
lc_need_item_finalize (GObject *object)
{
  LcNeedItem *self = LC_NEED_ITEM (object);

  g_clear_pointer (&self->need, lc_need_free);
  G_OBJECT_CLASS (lc_need_item_parent_class)->finalize (object);
}

static void
lc_need_item_class_init (LcNeedItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_need_item_finalize;
}

static void
lc_need_item_init (LcNeedItem *self)
{
}

/**
 * lc_need_item_new:
 * @need: (transfer full): the need
 */
LcNeedItem *
lc_need_item_new (LcNeed *need)
{
  LcNeedItem *self = g_object_new (LC_TYPE_NEED_ITEM, NULL);

  self->need = need;
  return self;
}

const LcNeed *
lc_need_item_get (LcNeedItem *self)
{
  g_return_val_if_fail (LC_IS_NEED_ITEM (self), NULL);

  return self->need;
}
