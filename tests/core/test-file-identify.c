/* test-file-identify.c: classifying files from their header
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-file-identify"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-file-identify.h"

static void
make_header (guint8  *header,
             guint32  app_id,
             guint32  user_version)
{
  memset (header, 0, LC_FILE_HEADER_SIZE);
  memcpy (header, "SQLite format 3", 16);
  header[60] = user_version >> 24; header[61] = user_version >> 16;
  header[62] = user_version >> 8;  header[63] = user_version;
  header[68] = app_id >> 24; header[69] = app_id >> 16;
  header[70] = app_id >> 8;  header[71] = app_id;
}

static void
test_bytes (void)
{
  guint8 header[LC_FILE_HEADER_SIZE];
  guint32 version = 1;

  g_assert_cmpint (lc_file_identify_bytes ((const guint8 *) "", 0, &version), ==, LC_FILE_KIND_EMPTY);
  g_assert_cmpuint (version, ==, 0);
  g_assert_cmpint (lc_file_identify_bytes ((const guint8 *) "PK\3\4", 4, NULL), ==, LC_FILE_KIND_OTHER);
  g_assert_cmpint (lc_file_identify_bytes ((const guint8 *) "SQLite", 6, NULL), ==, LC_FILE_KIND_DAMAGED);

  make_header (header, 0x47504B47, 10300);   /* 'GPKG' */
  g_assert_cmpint (lc_file_identify_bytes (header, sizeof header, &version), ==, LC_FILE_KIND_GEOPACKAGE);
  g_assert_cmpuint (version, ==, 10300);
  g_assert_cmpint (lc_file_identify_bytes (header, 99, NULL), ==, LC_FILE_KIND_DAMAGED);

  make_header (header, 0x47503130, 0);        /* 'GP10' */
  g_assert_cmpint (lc_file_identify_bytes (header, sizeof header, NULL), ==, LC_FILE_KIND_GEOPACKAGE);

  make_header (header, 0, 0);
  g_assert_cmpint (lc_file_identify_bytes (header, sizeof header, NULL), ==, LC_FILE_KIND_SQLITE);

  header[0] = 's';
  g_assert_cmpint (lc_file_identify_bytes (header, sizeof header, NULL), ==, LC_FILE_KIND_OTHER);
}

static GFile *
write_temp (const char *name,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lc-identify-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
remove_temp (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  guint8 header[LC_FILE_HEADER_SIZE + 500];
  g_autoptr(GFile) empty = write_temp ("empty.lcplan", "", 0);
  g_autoptr(GFile) text = write_temp ("notes.lcplan", "社区生活圈\n", strlen ("社区生活圈\n"));
  g_autoptr(GFile) gpkg = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) dir = NULL;
  guint32 version = 0;

  make_header (header, 0x47504B47, 10200);
  memset (header + LC_FILE_HEADER_SIZE, 0xAB, 500);
  gpkg = write_temp ("plan.lcplan", header, sizeof header);

  g_assert_cmpint (lc_file_identify (empty, NULL, NULL, &error), ==, LC_FILE_KIND_EMPTY);
  g_assert_no_error (error);
  g_assert_cmpint (lc_file_identify (text, NULL, NULL, &error), ==, LC_FILE_KIND_OTHER);
  g_assert_no_error (error);
  g_assert_cmpint (lc_file_identify (gpkg, &version, NULL, &error), ==, LC_FILE_KIND_GEOPACKAGE);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 10200);

  dir = g_file_get_parent (gpkg);
  missing = g_file_get_child (dir, "missing.lcplan");
  g_assert_cmpint (lc_file_identify (missing, NULL, NULL, &error), ==, LC_FILE_KIND_OTHER);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  remove_temp (empty);
  remove_temp (text);
  remove_temp (gpkg);
}

static void
test_describe (void)
{
  for (int kind = LC_FILE_KIND_OTHER; kind <= LC_FILE_KIND_GEOPACKAGE; kind++)
    {
      const char *text = lc_file_kind_describe (kind);

      g_assert_nonnull (text);
      g_assert_true (g_str_has_suffix (text, "."));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/file-identify/bytes", test_bytes);
  g_test_add_func ("/core/file-identify/files", test_files);
  g_test_add_func ("/core/file-identify/describe", test_describe);

  return g_test_run ();
}
