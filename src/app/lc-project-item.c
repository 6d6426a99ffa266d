/* lc-project-item.c: one project as an item of a list model
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-project-item"

#include "config.h"

#include "lc-project-item.h"

struct _LcProjectItem
{
  GObject  parent_instance;
  LcProject *project;
};

G_DEFINE_FINAL_TYPE (LcProjectItem, lc_project_item, G_TYPE_OBJECT)

static void
lc_project_item_finalize (GObject *object)
{
  LcProjectItem *self = LC_PROJECT_ITEM (object);

  g_clear_pointer (&self->project, lc_project_free);
  G_OBJECT_CLASS (lc_project_item_parent_class)->finalize (object);
}

static void
lc_project_item_class_init (LcProjectItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_project_item_finalize;
}

static void
lc_project_item_init (LcProjectItem *self)
{
}

/**
 * lc_project_item_new:
 * @project: (transfer full): the project
 */
LcProjectItem *
lc_project_item_new (LcProject *project)
{
  LcProjectItem *self = g_object_new (LC_TYPE_PROJECT_ITEM, NULL);

  self->project = project;
  return self;
}

const LcProject *
lc_project_item_get (LcProjectItem *self)
{
  g_return_val_if_fail (LC_IS_PROJECT_ITEM (self), NULL);

  return self->project;
}
