/* lc-attachment.h: files stored inside a plan (photos, sign-in sheets, drawings)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

/*
 * Attachments live in the plan's "attachments" table, so a plan stays one
 * portable file. The limits keep a plan quick to open, save and send:
 * one file may be up to 20 MiB (a phone photo or a scanned A3 drawing is
 * well under), and all attachments of a plan together up to 200 MiB.
 * Beyond either, adding is refused with a message and nothing is written.
 */
#define LC_ATTACHMENT_MAX_SIZE   (G_GINT64_CONSTANT (20) * 1024 * 1024)
#define LC_ATTACHMENT_MAX_TOTAL  (G_GINT64_CONSTANT (200) * 1024 * 1024)

typedef struct
{
  gint64  id;
  char   *name;          /* the file's name, e.g. "方案A.png" */
  char   *mime_type;     /* sniffed from the name and the bytes */
  gint64  size;          /* bytes */
  char   *sha256;        /* hex */
  char   *owner_table;   /* "meetings", "vote_options", "projects", …, or NULL */
  gint64  owner_id;
  char   *caption;
  char   *created;       /* ISO 8601, UTC */
} LcAttachment;

gint64        lc_plan_add_attachment_bytes (LcPlan        *plan,
                                            const char    *name,
                                            GBytes        *bytes,
                                            const char    *owner_table,
                                            gint64         owner_id,
                                            const char    *caption,
                                            GError       **error);
gint64        lc_plan_add_attachment_file  (LcPlan        *plan,
                                            GFile         *file,
                                            const char    *owner_table,
                                            gint64         owner_id,
                                            const char    *caption,
                                            GCancellable  *cancellable,
                                            GError       **error);
gboolean      lc_plan_delete_attachment    (LcPlan        *plan,
                                            gint64         id,
                                            GError       **error);

LcAttachment *lc_plan_load_attachment      (LcPlan        *plan,
                                            gint64         id,
                                            GError       **error);
GPtrArray    *lc_plan_list_attachments     (LcPlan        *plan,
                                            const char    *owner_table,
                                            gint64         owner_id,
                                            GError       **error);
GBytes       *lc_plan_get_attachment_data  (LcPlan        *plan,
                                            gint64         id,
                                            GError       **error);
gint64        lc_plan_get_attachments_size (LcPlan        *plan,
                                            GError       **error);
gboolean      lc_attachment_check_size     (LcPlan        *plan,
                                            const char    *name,
                                            gint64         size,
                                            gint64         pending,
                                            GError       **error);
void          lc_attachment_free           (LcAttachment  *attachment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAttachment, lc_attachment_free)

G_END_DECLS
