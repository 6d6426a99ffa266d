/* lc-offline-source.h: a quiet background for the map that needs no network
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-app-types.h"

G_BEGIN_DECLS

#define LC_TYPE_OFFLINE_SOURCE (lc_offline_source_get_type ())

G_DECLARE_FINAL_TYPE (LcOfflineSource, lc_offline_source, LC, OFFLINE_SOURCE, ShumateDataSource)

LcOfflineSource *lc_offline_source_new           (gboolean         dark);
gboolean         lc_offline_source_get_dark      (LcOfflineSource *self);
guint            lc_offline_source_get_n_served  (LcOfflineSource *self);

G_END_DECLS
