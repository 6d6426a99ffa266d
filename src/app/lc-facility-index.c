/* lc-facility-index.c: the facility layer's features, sorted for lookups by area
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-layer"

#include "config.h"

#include "lc-facility-layer-private.h"
#include "lc-geo.h"

/*
 * The features of a plan become one compact array of points in normalised
 * Web-Mercator coordinates (0…1 west to east and north to south), sorted by
 * drawing group and, within a group, from north to south, so that southern
 * symbols overlap northern ones as on a paper map. That order is also the
 * index: a snapshot finds each group's band of visible latitudes with a
 * binary search and only tests the points in it, so a street-level view of a
 * plan of 20,000 facilities visits a few hundred.
 *
 * Built in the layer's loading thread: nothing here touches GTK.
 */

static const char * const group_tables[N_GROUPS] = {
  [GROUP_PROJECT]    = LC_FACILITY_LAYER_TABLE_PROJECT_LOCATIONS,
  [GROUP_OTHER]      = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_LIUYITING]  = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_RENMINFANG] = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_NEED]       = LC_FACILITY_LAYER_TABLE_NEEDS,
};

/**
 * lc_facility_group_table:
 *
 * Returns: the table the features of @group come from, one of the
 *   `LC_FACILITY_LAYER_TABLE_` names
 */
const char *
lc_facility_group_table (Group group)
{
  return group_tables[group];
}

static Group
facility_group (LcFacilityKind kind)
{
  switch (kind)
    {
    case LC_FACILITY_KIND_RENMINFANG:
      return GROUP_RENMINFANG;
    case LC_FACILITY_KIND_LIUYITING:
      return GROUP_LIUYITING;
    case LC_FACILITY_KIND_OTHER:
    default:
      return GROUP_OTHER;
    }
}

static Status
facility_status (LcFacilityStatus status)
{
  switch (status)
    {
    case LC_FACILITY_STATUS_PLANNED:
      return STATUS_PLANNED;
    case LC_FACILITY_STATUS_UNDER_CONSTRUCTION:
      return STATUS_UNDER_CONSTRUCTION;
    case LC_FACILITY_STATUS_EXISTING:
    case LC_FACILITY_STATUS_REMOVED:
    default:
      return STATUS_EXISTING;
    }
}

static void
add_places (GArray *features,
            GArray *places,
            Group   group)
{
  for (guint i = 0; i < places->len; i++)
    {
      const LcMapPlace *p = &g_array_index (places, LcMapPlace, i);
      Feature f = { 0 };

      f.x = lc_geo_world_x (p->longitude);
      f.y = lc_geo_world_y (p->latitude);
      f.id = p->fid;
      f.group = group;
      g_array_append_val (features, f);
    }
}

static int
compare_features (gconstpointer a,
                  gconstpointer b)
{
  const Feature *fa = a, *fb = b;

  if (fa->group != fb->group)
    return fa->group < fb->group ? -1 : 1;
  if (fa->y != fb->y)
    return fa->y < fb->y ? -1 : 1;
  if (fa->id != fb->id)
    return fa->id < fb->id ? -1 : 1;
  return 0;
}

/**
 * lc_facility_index_new:
 * @features: (transfer full) (nullable): what to index, or %NULL for nothing
 *
 * Returns: (transfer full): the index
 */
LcFacilityIndex *
lc_facility_index_new (LcMapFeatures *features)
{
  LcFacilityIndex *index = g_new0 (LcFacilityIndex, 1);
  guint n = 0, i = 0;

  if (features != NULL)
    n = features->facilities->len + features->needs->len + features->project_places->len;
  index->source = features;
  index->features = g_array_sized_new (FALSE, FALSE, sizeof (Feature), n);
  if (features != NULL)
    {
      for (guint k = 0; k < features->facilities->len; k++)
        {
          const LcMapFacility *m = &g_array_index (features->facilities, LcMapFacility, k);
          Feature f = { 0 };

          f.x = lc_geo_world_x (m->longitude);
          f.y = lc_geo_world_y (m->latitude);
          f.id = m->fid;
          f.name = m->name;
          f.services = m->services;
          f.group = facility_group (m->kind);
          f.status = facility_status (m->status);
          f.colour = m->first_service >= 0 && m->first_service < LC_N_SERVICES ? (guint8) m->first_service
                                                                                : NO_SERVICE;
          g_array_append_val (index->features, f);
        }
      add_places (index->features, features->needs, GROUP_NEED);
      add_places (index->features, features->project_places, GROUP_PROJECT);
      g_array_sort (index->features, compare_features);
    }

  for (guint g = 0; g <= N_GROUPS; g++)
    {
      while (i < index->features->len && lc_facility_index_get (index, i)->group < g)
        i++;
      index->group_start[g] = g == N_GROUPS ? index->features->len : i;
    }

  return index;
}

void
lc_facility_index_free (LcFacilityIndex *index)
{
  if (index == NULL)
    return;
  g_array_unref (index->features);
  g_clear_pointer (&index->source, lc_map_features_free);
  g_free (index);
}

/**
 * lc_facility_index_lower_bound:
 * @start: the first feature of a group (group_start)
 * @end: one past its last
 *
 * Returns: the first feature of [@start, @end) whose y is at least @y
 */
guint
lc_facility_index_lower_bound (const LcFacilityIndex *index,
                               guint                  start,
                               guint                  end,
                               double                 y)
{
  while (start < end)
    {
      guint mid = start + (end - start) / 2;

      if (lc_facility_index_get (index, mid)->y < y)
        start = mid + 1;
      else
        end = mid;
    }
  return start;
}

/**
 * lc_facility_index_find:
 * @table: one of the `LC_FACILITY_LAYER_TABLE_` names
 *
 * Returns: (nullable): the feature with key @id in @table
 */
const Feature *
lc_facility_index_find (const LcFacilityIndex *index,
                        const char            *table,
                        gint64                 id)
{
  for (guint i = 0; i < index->features->len; i++)
    {
      const Feature *f = lc_facility_index_get (index, i);

      if (f->id == id && g_str_equal (group_tables[f->group], table))
        return f;
    }
  return NULL;
}
