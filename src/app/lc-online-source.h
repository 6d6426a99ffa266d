/* lc-online-source.h: tiles of an online basemap, cached on disk, failing quietly
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-app-types.h"

G_BEGIN_DECLS

#define LC_TYPE_ONLINE_SOURCE (lc_online_source_get_type ())

G_DECLARE_FINAL_TYPE (LcOnlineSource, lc_online_source, LC, ONLINE_SOURCE, ShumateDataSource)

LcOnlineSource *lc_online_source_new             (const char * const *url_templates,
                                                  const char         *subdomains,
                                                  guint               max_zoom,
                                                  const char         *cache_dir);
const char     *lc_online_source_get_cache_dir   (LcOnlineSource     *self);
gboolean        lc_online_source_get_unavailable (LcOnlineSource     *self);
guint           lc_online_source_get_n_served    (LcOnlineSource     *self);
guint           lc_online_source_get_n_failed    (LcOnlineSource     *self);

G_END_DECLS
