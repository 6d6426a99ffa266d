/* lc-file-identify.c: tell what a file is from its first bytes
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-file-identify"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-file-identify.h"

#define SQLITE_MAGIC "SQLite format 3"   /* 16 bytes with its NUL */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/**
 * lc_file_identify_bytes:
 * @data: (array length=len): the first bytes of a file
 * @len: how many bytes @data holds; more than %LC_FILE_HEADER_SIZE are ignored
 * @user_version: (out) (optional): the SQLite header's user version, 0 otherwise
 *
 * Classifies a file from its header alone, without handing it to SQLite:
 * this is safe on any input.
 *
 * Returns: what the bytes are
 */
LcFileKind
lc_file_identify_bytes (const guint8 *data,
                        gsize         len,
                        guint32      *user_version)
{
  guint32 app_id;

  if (user_version != NULL)
    *user_version = 0;

  if (len == 0)
    return LC_FILE_KIND_EMPTY;

  if (memcmp (data, SQLITE_MAGIC, MIN (len, sizeof SQLITE_MAGIC)) != 0)
    return LC_FILE_KIND_OTHER;

  if (len < LC_FILE_HEADER_SIZE)
    return LC_FILE_KIND_DAMAGED;

  /* Offsets from the SQLite file format: user_version at 60, application_id at 68 */
  app_id = read_be32 (data + 68);
  if (user_version != NULL)
    *user_version = read_be32 (data + 60);

  /* 'GPKG' since GeoPackage 1.2; 'GP10' and 'GP11' in older files */
  if (app_id == 0x47504B47 || app_id == 0x47503130 || app_id == 0x47503131)
    return LC_FILE_KIND_GEOPACKAGE;

  return LC_FILE_KIND_SQLITE;
}

/**
 * lc_file_identify:
 * @file: the file to look at
 * @user_version: (out) (optional): see lc_file_identify_bytes()
 *
 * Reads at most %LC_FILE_HEADER_SIZE bytes of @file and classifies it.
 * Blocking: call it from a worker thread for files on slow media.
 *
 * Returns: the kind, or %LC_FILE_KIND_OTHER with @error set when the file
 * cannot be read
 */
LcFileKind
lc_file_identify (GFile         *file,
                  guint32       *user_version,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 header[LC_FILE_HEADER_SIZE];
  gsize n_read = 0;

  g_return_val_if_fail (G_IS_FILE (file), LC_FILE_KIND_OTHER);

  if (user_version != NULL)
    *user_version = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return LC_FILE_KIND_OTHER;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, cancellable, error))
    return LC_FILE_KIND_OTHER;

  return lc_file_identify_bytes (header, n_read, user_version);
}

/**
 * lc_file_kind_describe:
 *
 * Returns: (transfer none): one translated sentence saying what a file of
 * this kind is, for error messages
 */
const char *
lc_file_kind_describe (LcFileKind kind)
{
  switch (kind)
    {
    case LC_FILE_KIND_EMPTY:
      return _("The file is empty.");
    case LC_FILE_KIND_DAMAGED:
      return _("The file starts like a database but is cut short: it may have been copied incompletely.");
    case LC_FILE_KIND_SQLITE:
      return _("The file is an SQLite database, but not a GeoPackage or a plan.");
    case LC_FILE_KIND_GEOPACKAGE:
      return _("The file is a GeoPackage.");
    case LC_FILE_KIND_OTHER:
    default:
      return _("The file is not a plan: it is not an SQLite database.");
    }
}
