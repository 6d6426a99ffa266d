/* lc-json.h: writing JSON for scripts and for OSM tags kept in plans
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

void lc_json_append_string (GString    *out,
                            const char *text);

G_END_DECLS
