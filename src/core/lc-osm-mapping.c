/* lc-osm-mapping.c: which OpenStreetMap tags make a service, a path, a home or landcover
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-mapping"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-core-resources.h"
#include "lc-osm-import-private.h"
#include "lc-osm-mapping.h"

/*
 * The service rules live in data/osm-services.tsv (its header explains the
 * format), bundled into the core library as a resource; a planner's own
 * table can replace it (lifecircle-tool import --mapping FILE). What makes
 * a walking path, a home, a piece of landcover or a point of interest is
 * fixed, below the rules.
 */

typedef struct
{
  char  *key;
  GStrv  values;    /* NULL: any value */
} Condition;

typedef struct
{
  Condition       *conditions;
  guint            n_conditions;
  const LcService *service;
  char            *tier;
} Rule;

struct _LcOsmMapping
{
  GArray *rules;     /* Rule */
};

static void
rule_clear (Rule *rule)
{
  for (guint i = 0; i < rule->n_conditions; i++)
    {
      g_free (rule->conditions[i].key);
      g_strfreev (rule->conditions[i].values);
    }
  g_free (rule->conditions);
  g_free (rule->tier);
}

void
lc_osm_mapping_free (LcOsmMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_array_unref (mapping->rules);
  g_free (mapping);
}

/**
 * lc_osm_mapping_new_from_bytes:
 * @data: a mapping table in the format of data/osm-services.tsv
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error
 * naming the line that is wrong
 */
LcOsmMapping *
lc_osm_mapping_new_from_bytes (GBytes  *data,
                               GError **error)
{
  g_autoptr(LcOsmMapping) mapping = g_new0 (LcOsmMapping, 1);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;
  const char *raw = g_bytes_get_data (data, &len);

  mapping->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (mapping->rules, (GDestroyNotify) rule_clear);

  text = g_strndup (raw, len);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The mapping table is not UTF-8 text."));
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto(GStrv) columns = NULL;
      g_auto(GStrv) conditions = NULL;
      Rule rule = { 0 };
      char *line = g_strstrip (lines[n]);

      if (line[0] == '\0' || line[0] == '#')
        continue;

      columns = g_strsplit (line, "\t", -1);
      if (g_strv_length (columns) != 3)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Line %u of the mapping table does not have three columns separated by tabs."), n + 1);
          return NULL;
        }

      rule.service = lc_service_lookup (g_strstrip (columns[1]));
      if (rule.service == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Line %u of the mapping table names an unknown service, “%s”."), n + 1, columns[1]);
          return NULL;
        }
      g_strstrip (columns[2]);
      if (g_str_equal (columns[2], "-"))
        rule.tier = g_strdup ("");
      else if (lc_service_lookup_tier (rule.service, columns[2]) != NULL)
        rule.tier = g_strdup (columns[2]);
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Line %u of the mapping table names a tier “%s” that “%s” does not have."),
                       n + 1, columns[2], rule.service->key);
          return NULL;
        }

      conditions = g_strsplit (columns[0], ";", -1);
      rule.n_conditions = g_strv_length (conditions);
      rule.conditions = g_new0 (Condition, rule.n_conditions);
      for (guint c = 0; c < rule.n_conditions; c++)
        {
          char *eq = strchr (conditions[c], '=');

          if (eq == NULL || eq == conditions[c] || eq[1] == '\0')
            {
              rule_clear (&rule);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Line %u of the mapping table has a condition “%s” that is not key=value."),
                           n + 1, conditions[c]);
              return NULL;
            }
          *eq = '\0';
          rule.conditions[c].key = g_strdup (g_strstrip (conditions[c]));
          if (!g_str_equal (g_strstrip (eq + 1), "*"))
            rule.conditions[c].values = g_strsplit (g_strstrip (eq + 1), "|", -1);
        }

      g_array_append_val (mapping->rules, rule);
    }

  return g_steal_pointer (&mapping);
}

/**
 * lc_osm_mapping_new_default:
 *
 * Returns: (transfer full): the mapping shipped with Life Circle Planner
 */
LcOsmMapping *
lc_osm_mapping_new_default (void)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  LcOsmMapping *mapping;

  data = g_resource_lookup_data (lc_core_get_resource (), "/org/lifecircle/Planner/core/osm-services.tsv",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  mapping = lc_osm_mapping_new_from_bytes (data, &error);
  /* The bundled table is tested; failing here is a build mistake */
  g_assert_no_error (error);

  return mapping;
}

guint
lc_osm_mapping_get_n_rules (LcOsmMapping *mapping)
{
  return mapping->rules->len;
}

/**
 * lc_osm_tags_get:
 *
 * Returns: (transfer none) (nullable): the value of @key
 */
const char *
lc_osm_tags_get (const LcOsmTags *tags,
                 const char      *key)
{
  for (guint i = 0; i < tags->n; i++)
    if (g_str_equal (tags->keys[i], key))
      return tags->values[i];
  return NULL;
}

/**
 * lc_osm_mapping_classify:
 * @matches: (element-type LcOsmMatch): receives each service the tags
 *   make, once, with the tier of the first rule that gave it
 *
 * Returns: how many services were added to @matches
 */
guint
lc_osm_mapping_classify (LcOsmMapping    *mapping,
                         const LcOsmTags *tags,
                         GArray          *matches)
{
  guint start = matches->len;

  for (guint r = 0; r < mapping->rules->len; r++)
    {
      const Rule *rule = &g_array_index (mapping->rules, Rule, r);
      gboolean ok = TRUE, seen = FALSE;

      for (guint c = 0; c < rule->n_conditions && ok; c++)
        {
          const char *value = lc_osm_tags_get (tags, rule->conditions[c].key);

          ok = value != NULL &&
               (rule->conditions[c].values == NULL ||
                g_strv_contains ((const char * const *) rule->conditions[c].values, value));
        }
      if (!ok)
        continue;

      for (guint m = start; m < matches->len && !seen; m++)
        seen = g_array_index (matches, LcOsmMatch, m).service == rule->service;
      if (!seen)
        {
          LcOsmMatch match = { rule->service, rule->tier };

          g_array_append_val (matches, match);
        }
    }

  return matches->len - start;
}

/* ---- paths, homes, landcover, points of interest ---- */

static gboolean
tags_is (const LcOsmTags *tags,
         const char      *key,
         const char      *value)
{
  return g_strcmp0 (lc_osm_tags_get (tags, key), value) == 0;
}

static gboolean
tags_in (const LcOsmTags  *tags,
         const char       *key,
         const char      **values)
{
  const char *v = lc_osm_tags_get (tags, key);

  return v != NULL && g_strv_contains (values, v);
}

static const char *pedestrian_highways[] = {
  "footway", "path", "pedestrian", "living_street", "residential", "service", "steps", "cycleway",
  "tertiary", "tertiary_link", "secondary", "secondary_link", "primary", "primary_link",
  "unclassified", "track", "road", "corridor", "bridleway", "trunk_link", NULL
};

/* A way a pedestrian may use (shared/docs/design.md, "Coverage") */
gboolean
lc_osm_tags_is_walkable (const LcOsmTags *tags)
{
  static const char *no[] = { "no", "use_sidepath", NULL };
  static const char *yes[] = { "yes", "designated", "permissive", NULL };
  static const char *private[] = { "private", "no", NULL };
  const char *highway = lc_osm_tags_get (tags, "highway");

  if (highway == NULL || tags_is (tags, "area", "yes"))
    return FALSE;
  if (!g_strv_contains (pedestrian_highways, highway) && !tags_in (tags, "foot", yes))
    return FALSE;
  if (tags_in (tags, "foot", no))
    return FALSE;
  if (tags_in (tags, "access", private) && !tags_in (tags, "foot", yes))
    return FALSE;
  return TRUE;
}

gboolean
lc_osm_building_is_residential (const char *building)
{
  static const char *types[] = {
    "residential", "apartments", "house", "dormitory", "detached", "semidetached_house",
    "terrace", "bungalow", "farm", NULL
  };
  return building != NULL && g_strv_contains (types, building);
}

gboolean
lc_osm_tags_landcover_class (const LcOsmTags  *tags,
                             LcLandcoverClass *cls)
{
  static const char *water_landuse[] = { "reservoir", "basin", NULL };
  static const char *green_landuse[] = {
    "grass", "forest", "meadow", "recreation_ground", "village_green", "cemetery", "orchard", NULL
  };
  static const char *green_leisure[] = { "park", "garden", "nature_reserve", "golf_course", "pitch", NULL };
  static const char *green_natural[] = { "wood", "scrub", "grassland", "heath", NULL };
  static const char *commercial[] = { "commercial", "retail", NULL };
  static const char *industrial[] = { "industrial", "railway", "construction", NULL };
  static const char *education[] = { "school", "university", "college", "kindergarten", NULL };
  const char *landuse = lc_osm_tags_get (tags, "landuse");

  if (tags_is (tags, "natural", "water") || tags_is (tags, "waterway", "riverbank") ||
      tags_in (tags, "landuse", water_landuse))
    *cls = LC_LANDCOVER_WATER;
  else if (tags_in (tags, "leisure", green_leisure) || tags_in (tags, "landuse", green_landuse) ||
           tags_in (tags, "natural", green_natural))
    *cls = LC_LANDCOVER_GREEN;
  else if (g_strcmp0 (landuse, "residential") == 0)
    *cls = LC_LANDCOVER_RESIDENTIAL;
  else if (tags_in (tags, "landuse", commercial))
    *cls = LC_LANDCOVER_COMMERCIAL;
  else if (tags_in (tags, "landuse", industrial))
    *cls = LC_LANDCOVER_INDUSTRIAL;
  else if (tags_in (tags, "amenity", education) || g_strcmp0 (landuse, "education") == 0)
    *cls = LC_LANDCOVER_EDUCATION;
  else if (landuse != NULL)
    *cls = LC_LANDCOVER_OTHER;
  else
    return FALSE;
  return TRUE;
}

/* Tags that make a point of interest worth keeping as a facility */
gboolean
lc_osm_tags_is_poi (const LcOsmTags *tags)
{
  static const char *keys[] = {
    "amenity", "shop", "leisure", "tourism", "office", "healthcare", "emergency", "social_facility",
    "club", NULL
  };

  for (guint i = 0; keys[i] != NULL; i++)
    if (lc_osm_tags_get (tags, keys[i]) != NULL)
      return TRUE;
  return FALSE;
}
