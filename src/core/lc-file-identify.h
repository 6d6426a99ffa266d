/* lc-file-identify.h: tell what a file is from its first bytes
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-types.h"

G_BEGIN_DECLS

typedef enum
{
  LC_FILE_KIND_OTHER,       /* not an SQLite database at all */
  LC_FILE_KIND_EMPTY,       /* zero bytes */
  LC_FILE_KIND_DAMAGED,     /* starts like SQLite but its header is cut short */
  LC_FILE_KIND_SQLITE,      /* an SQLite database that is not a GeoPackage */
  LC_FILE_KIND_GEOPACKAGE,  /* an SQLite database with a GeoPackage application id */
} LcFileKind;

/* The SQLite file header is 100 bytes; we read no more than that. */
#define LC_FILE_HEADER_SIZE 100

LcFileKind  lc_file_identify_bytes (const guint8  *data,
                                    gsize          len,
                                    guint32       *user_version);
LcFileKind  lc_file_identify       (GFile         *file,
                                    guint32       *user_version,
                                    GCancellable  *cancellable,
                                    GError       **error);
const char *lc_file_kind_describe  (LcFileKind     kind);

G_END_DECLS
