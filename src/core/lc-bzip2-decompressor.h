/* lc-bzip2-decompressor.h: a GConverter for .bz2 streams
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_TYPE_BZIP2_DECOMPRESSOR (lc_bzip2_decompressor_get_type ())

G_DECLARE_FINAL_TYPE (LcBzip2Decompressor, lc_bzip2_decompressor, LC, BZIP2_DECOMPRESSOR, GObject)

LcBzip2Decompressor *lc_bzip2_decompressor_new (void);

G_END_DECLS
