/* lc-types.h: forward declarations shared by every core header
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LcPlan        LcPlan;
typedef struct _LcService     LcService;
typedef struct _LcServiceTier LcServiceTier;

G_END_DECLS
