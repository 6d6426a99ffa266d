/* lc-i18n.h: set up gettext for the app and the tool
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

void lc_i18n_init (void);

G_END_DECLS
