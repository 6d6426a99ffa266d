/* lc-basemap.h: the online basemaps a plan can be drawn over
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The values of the "basemap" settings key, in its order */
typedef enum
{
  LC_BASEMAP_NONE,       /* offline: the plan's own ground */
  LC_BASEMAP_OSM,        /* OpenStreetMap's standard tiles */
  LC_BASEMAP_TIANDITU,   /* 天地图 vector + Chinese labels, Web Mercator (needs a key) */
  LC_BASEMAP_CUSTOM,     /* an XYZ URL template of the user's */
} LcBasemap;

gboolean     lc_basemap_from_key           (const char  *key,
                                            LcBasemap   *basemap);
const char  *lc_basemap_to_key             (LcBasemap    basemap);

gboolean     lc_basemap_check_url          (const char  *url_template,
                                            GError     **error);
gboolean     lc_basemap_check_tianditu_key (const char  *key,
                                            GError     **error);

char       **lc_basemap_get_url_templates  (LcBasemap    basemap,
                                            const char  *tianditu_key,
                                            const char  *custom_url,
                                            GError     **error);
const char  *lc_basemap_get_subdomains     (LcBasemap    basemap);
guint        lc_basemap_get_max_zoom       (LcBasemap    basemap);
char        *lc_basemap_get_attribution    (LcBasemap    basemap);
char        *lc_basemap_expand_url         (const char  *url_template,
                                            const char  *subdomains,
                                            int          x,
                                            int          y,
                                            int          zoom);

G_END_DECLS
