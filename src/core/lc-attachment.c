/* lc-attachment.c: files stored inside a plan (photos, sign-in sheets, drawings)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-attachment"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-attachment.h"
#include "lc-plan-private.h"

/*
 * Each attachment is one row: the bytes, their size, SHA-256 and MIME type
 * (guessed from the name and the first bytes), and what it belongs to.
 * Adding and deleting are one undo step each; the limits of lc-attachment.h
 * are checked before anything is read into memory or written.
 */

/* The tables an attachment may belong to */
static const char * const owner_tables[] = {
  "meetings", "vote_options", "meeting_attendees", "projects", "needs", "facilities", NULL
};

void
lc_attachment_free (LcAttachment *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_free (a->mime_type);
  g_free (a->sha256);
  g_free (a->owner_table);
  g_free (a->caption);
  g_free (a->created);
  g_free (a);
}

/**
 * lc_plan_get_attachments_size:
 *
 * Returns: the bytes of every attachment of the plan together; -1 with
 *   @error set when the plan cannot be read
 */
gint64
lc_plan_get_attachments_size (LcPlan  *plan,
                              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  stmt = lc_plan_prepare_read (plan, "SELECT coalesce (sum (size), 0) FROM attachments", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return lc_plan_read_done (plan, rc, error) ? 0 : -1;
}

/**
 * lc_attachment_check_size:
 * @pending: bytes about to be added besides (files chosen, not yet saved)
 *
 * Returns: whether a file of @size bytes may be added to @plan, else
 *   %FALSE with a message that names the limit
 */
gboolean
lc_attachment_check_size (LcPlan      *plan,
                          const char  *name,
                          gint64       size,
                          gint64       pending,
                          GError     **error)
{
  gint64 total;

  if (size > LC_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit_text = g_format_size_full (LC_ATTACHMENT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: the first %s is a file name, then its size and the limit, such as "25.2 MB" and "21.0 MB" */
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE,
                   _("“%s” is %s; a file attached to a plan may be at most %s. Reduce the photo or scan, or keep the file beside the plan."),
                   name, size_text, limit_text);
      return FALSE;
    }
  total = lc_plan_get_attachments_size (plan, error);
  if (total < 0)
    return FALSE;
  total += MAX (pending, 0);
  if (total + size > LC_ATTACHMENT_MAX_TOTAL)
    {
      g_autofree char *total_text = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit_text = g_format_size_full (LC_ATTACHMENT_MAX_TOTAL, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: the first %s is a file name, then the size of the plan's attachments and the limit */
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE,
                   _("Cannot attach “%s”: the plan already holds %s of attachments, and all together may be at most %s. Delete attachments that are no longer needed."),
                   name, total_text, limit_text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_owner (LcPlan      *plan,
             const char  *owner_table,
             gint64       owner_id,
             GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (owner_table == NULL)
    return TRUE;
  if (!g_strv_contains (owner_tables, owner_table))
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                   _("An attachment cannot belong to “%s”."), owner_table);
      return FALSE;
    }
  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE %s = ?", owner_table,
                         g_str_equal (owner_table, "needs") || g_str_equal (owner_table, "facilities") ? "fid" : "id");
  stmt = lc_plan_prepare (plan, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The plan no longer holds the record to attach the file to; it may have been deleted."));
  return FALSE;
}

/**
 * lc_plan_add_attachment_bytes:
 * @name: the file's name, for the MIME type and for saving it again
 * @owner_table: (nullable): what it belongs to: "meetings", "vote_options", …
 * @owner_id: the row it belongs to
 * @caption: (nullable)
 *
 * Stores @bytes in the plan, within the limits of lc-attachment.h. One
 * undo step.
 *
 * Returns: the attachment's id, or -1 with @error set
 */
gint64
lc_plan_add_attachment_bytes (LcPlan      *plan,
                              const char  *name,
                              GBytes      *bytes,
                              const char  *owner_table,
                              gint64       owner_id,
                              const char  *caption,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gconstpointer data;
  gsize size;
  gint64 id = -1;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);
  g_return_val_if_fail (name != NULL && bytes != NULL, -1);

  data = g_bytes_get_data (bytes, &size);
  if (!lc_attachment_check_size (plan, name, size, 0, error))
    return -1;

  content_type = g_content_type_guess (name, data, MIN (size, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Attach File"), error))
    return -1;
  ok = check_owner (plan, owner_table, owner_id, error) &&
       (stmt = lc_plan_prepare (plan,
                                "INSERT INTO attachments (name, mime_type, size, sha256, data, owner_table, owner_id,"
                                " caption, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, mime != NULL ? mime : "application/octet-stream", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, size);
      sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_TRANSIENT);
      /* The bytes outlive the statement's step: no copy */
      sqlite3_bind_blob64 (stmt, 5, size > 0 ? data : "", size, SQLITE_STATIC);
      if (owner_table != NULL)
        {
          sqlite3_bind_text (stmt, 6, owner_table, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 7, owner_id);
        }
      if (caption != NULL && *caption != '\0')
        sqlite3_bind_text (stmt, 8, caption, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, created, -1, SQLITE_TRANSIENT);
      ok = lc_plan_run (plan, stmt, error);
    }
  if (ok)
    id = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
  return lc_plan_end_edit (plan, ok, error) ? id : -1;
}

/**
 * lc_plan_add_attachment_file:
 *
 * Stores the file's bytes in the plan, like lc_plan_add_attachment_bytes();
 * a file over the limit is refused before it is read.
 *
 * Returns: the attachment's id, or -1 with @error set
 */
gint64
lc_plan_add_attachment_file (LcPlan        *plan,
                             GFile         *file,
                             const char    *owner_table,
                             gint64         owner_id,
                             const char    *caption,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);
  g_return_val_if_fail (G_IS_FILE (file), -1);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return -1;
  basename = g_file_get_basename (file);
  name = g_strdup (g_file_info_get_display_name (info) != NULL ? g_file_info_get_display_name (info) : basename);
  if (!lc_attachment_check_size (plan, name, g_file_info_get_size (info), 0, error))
    return -1;
  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return -1;
  return lc_plan_add_attachment_bytes (plan, name, bytes, owner_table, owner_id, caption, error);
}

/**
 * lc_plan_delete_attachment:
 *
 * Deletes an attachment (a vote option that showed it shows none). One undo step.
 */
gboolean
lc_plan_delete_attachment (LcPlan   *plan,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Attachment"), error))
    return FALSE;
  ok = (stmt = lc_plan_prepare (plan, "DELETE FROM attachments WHERE id = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = lc_plan_run (plan, stmt, error);
    }
  if (ok && sqlite3_changes (lc_plan_get_database (plan)) == 0)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The plan no longer holds this attachment; it may have been deleted."));
      ok = FALSE;
    }
  return lc_plan_end_edit (plan, ok, error);
}

#define ATTACHMENT_COLUMNS "id, name, mime_type, size, sha256, owner_table, owner_id, caption, created"

static LcAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  LcAttachment *a = g_new0 (LcAttachment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->name = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1), -1);
  a->mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  a->size = sqlite3_column_int64 (stmt, 3);
  a->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  a->owner_table = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  a->owner_id = sqlite3_column_int64 (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    a->caption = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 7), -1);
  a->created = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  return a;
}

/**
 * lc_plan_load_attachment:
 *
 * Returns: (transfer full) (nullable): what is known of the attachment,
 *   without its bytes; %NULL with @error unset when the plan has no such
 *   attachment, %NULL with @error set when it cannot be read
 */
LcAttachment *
lc_plan_load_attachment (LcPlan  *plan,
                         gint64   id,
                         GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_read_row (plan, "SELECT " ATTACHMENT_COLUMNS " FROM attachments WHERE id = ?1", id, error);
  return stmt != NULL ? attachment_from_row (stmt) : NULL;
}

/**
 * lc_plan_list_attachments:
 * @owner_table: (nullable): only those belonging to a row of this table;
 *   %NULL for every attachment
 *
 * Returns: (transfer full) (element-type LcAttachment) (nullable): the
 *   attachments, in the order added, without their bytes; %NULL with
 *   @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_attachments (LcPlan      *plan,
                          const char  *owner_table,
                          gint64       owner_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_attachment_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT " ATTACHMENT_COLUMNS " FROM attachments"
                               " WHERE ?1 IS NULL OR (owner_table = ?1 AND owner_id = ?2) ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  if (owner_table != NULL)
    sqlite3_bind_text (stmt, 1, owner_table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, owner_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, attachment_from_row (stmt));
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_get_attachment_data:
 *
 * Returns: (transfer full) (nullable): the attachment's bytes (for a
 *   thumbnail, or to save it as a file), or %NULL with @error set, also
 *   when the plan no longer holds the attachment
 */
GBytes *
lc_plan_get_attachment_data (LcPlan   *plan,
                             gint64    id,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_read_row (plan, "SELECT data FROM attachments WHERE id = ?1", id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (stmt == NULL)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The plan no longer holds this attachment; it may have been deleted."));
      return NULL;
    }
  if (sqlite3_column_bytes (stmt, 0) > LC_PLAN_MAX_VALUE_SIZE)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE, _("The attachment is too large to read."));
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}
