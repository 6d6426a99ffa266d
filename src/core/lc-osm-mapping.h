/* lc-osm-mapping.h: which OpenStreetMap tags make which service
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-services.h"

G_BEGIN_DECLS

typedef struct _LcOsmMapping LcOsmMapping;

/* An element's tags, as the importer holds them: parallel arrays */
typedef struct
{
  const char **keys;
  const char **values;
  guint        n;
} LcOsmTags;

typedef struct
{
  const LcService *service;
  const char      *tier;     /* "" for the service's only tier */
} LcOsmMatch;

LcOsmMapping *lc_osm_mapping_new_default    (void);
LcOsmMapping *lc_osm_mapping_new_from_bytes (GBytes             *data,
                                             GError            **error);
void          lc_osm_mapping_free           (LcOsmMapping       *mapping);
guint         lc_osm_mapping_get_n_rules    (LcOsmMapping       *mapping);
guint         lc_osm_mapping_classify       (LcOsmMapping       *mapping,
                                             const LcOsmTags    *tags,
                                             GArray             *matches);
const char   *lc_osm_tags_get               (const LcOsmTags    *tags,
                                             const char         *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcOsmMapping, lc_osm_mapping_free)

G_END_DECLS
