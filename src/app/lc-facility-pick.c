/* lc-facility-pick.c: what the facility layer shows under a point, and stepping through it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-layer"

#include "config.h"

#include <math.h>

#include "lc-facility-layer-private.h"

#define PICK_TOLERANCE 8.0      /* px beyond a symbol's edge that still picks it */

/**
 * lc_facility_layer_pick:
 * @widget_x: a point in the layer's (the map's) widget coordinates
 * @widget_y: the same point
 * @table_out: (out) (optional) (transfer none): the table of what was
 *   picked, one of the `LC_FACILITY_LAYER_TABLE_` names, or %NULL
 *
 * Finds the feature drawn at a point: the topmost symbol under it, else the
 * nearest one within a few pixels of its edge. Hidden features (filtered
 * out, or needs and projects when they are not shown) are not picked.
 *
 * Returns: the feature's `fid`, or -1 when there is none
 */
gint64
lc_facility_layer_pick (LcFacilityLayer  *self,
                        double            widget_x,
                        double            widget_y,
                        const char      **table_out)
{
  const LcFacilityIndex *index;
  const Feature *best = NULL;
  double best_distance = G_MAXDOUBLE;
  double x, y, reach;
  View view;

  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), -1);

  index = self->index;
  if (table_out != NULL)
    *table_out = NULL;
  if (index->features->len == 0 || !lc_facility_layer_get_view (self, &view))
    return -1;

  view_from_widget (&view, widget_x, widget_y, &x, &y);
  reach = (MAX_HALF_SIZE + PICK_TOLERANCE) / view.world;

  /* From the top down, and within a group from the last drawn */
  for (int group = N_GROUPS - 1; group >= 0 && best_distance > 0; group--)
    {
      guint first = lc_facility_index_lower_bound (index, index->group_start[group], index->group_start[group + 1],
                                                   y - reach);
      guint last = lc_facility_index_lower_bound (index, first, index->group_start[group + 1], y + reach);

      if (!lc_facility_layer_group_shown (self, group))
        continue;

      for (guint i = last; i-- > first;)
        {
          const Feature *f = lc_facility_index_get (index, i);
          double fx, fy, distance;

          if (fabs (f->x - x) > reach || !lc_facility_layer_feature_shown (self, f))
            continue;

          view_to_widget (&view, f->x, f->y, &fx, &fy);
          distance = MAX (0, hypot (fx - widget_x, fy - widget_y) - group_info[group].radius);
          if (distance <= PICK_TOLERANCE && distance < best_distance)
            {
              best = f;
              best_distance = distance;
              if (distance == 0)
                break;
            }
        }
    }

  if (best == NULL)
    return -1;
  if (table_out != NULL)
    *table_out = lc_facility_group_table (best->group);
  return best->id;
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const LcFacilityIndex *index = user_data;
  const Feature *fa = lc_facility_index_get (index, *(const guint *) a);
  const Feature *fb = lc_facility_index_get (index, *(const guint *) b);

  if (fa->y != fb->y)
    return fa->y < fb->y ? -1 : 1;
  if (fa->x != fb->x)
    return fa->x < fb->x ? -1 : 1;
  /* One place, several symbols: a fixed order all the same */
  if (fa->group != fb->group)
    return fa->group < fb->group ? -1 : 1;
  return fa->id < fb->id ? -1 : fa->id > fb->id;
}

/**
 * lc_facility_layer_step:
 * @table: (nullable): the selected feature's table, or %NULL
 * @id: its key
 * @forward: the next one, or else the one before
 * @table_out: (out): the table of the one found
 *
 * Selecting with the keyboard: of the symbols shown in view, in reading
 * order (north to south, then west to east), the one after (or before) the
 * selected feature; the first (or last) when the selection is none of them.
 *
 * Returns: the feature's key, or -1 when none is in view
 */
gint64
lc_facility_layer_step (LcFacilityLayer  *self,
                        const char       *table,
                        gint64            id,
                        gboolean          forward,
                        const char      **table_out)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  const LcFacilityIndex *index;
  const Feature *f;
  View view;
  guint n, next;
  int at = -1;

  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), -1);

  index = self->index;
  *table_out = NULL;
  if (!lc_facility_layer_get_view (self, &view))
    return -1;

  for (guint group = 0; group < N_GROUPS; group++)
    {
      if (!lc_facility_layer_group_shown (self, group))
        continue;
      for (guint i = index->group_start[group]; i < index->group_start[group + 1]; i++)
        {
          double x, y;

          f = lc_facility_index_get (index, i);
          if (!lc_facility_layer_feature_shown (self, f))
            continue;
          view_to_widget (&view, f->x, f->y, &x, &y);
          if (x >= 0 && y >= 0 && x <= view.width && y <= view.height)
            g_array_append_val (order, i);
        }
    }
  n = order->len;
  if (n == 0)
    return -1;
  g_array_sort_with_data (order, compare_reading_order, (gpointer) index);

  for (guint k = 0; k < n && at < 0; k++)
    {
      f = lc_facility_index_get (index, g_array_index (order, guint, k));
      if (f->id == id && g_strcmp0 (lc_facility_group_table (f->group), table) == 0)
        at = (int) k;
    }
  if (at < 0)
    next = forward ? 0 : n - 1;
  else
    next = forward ? (guint) (at + 1) % n : (guint) (at + n - 1) % n;

  f = lc_facility_index_get (index, g_array_index (order, guint, next));
  *table_out = lc_facility_group_table (f->group);
  return f->id;
}
