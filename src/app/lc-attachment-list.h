/* lc-attachment-list.h: the files attached to one record, with thumbnails, to add, open and remove
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_ATTACHMENT_LIST (lc_attachment_list_get_type ())

G_DECLARE_FINAL_TYPE (LcAttachmentList, lc_attachment_list, LC, ATTACHMENT_LIST, GtkWidget)

GtkWidget *lc_attachment_list_new        (void);
void       lc_attachment_list_set_owner  (LcAttachmentList *self,
                                          LcPlan           *plan,
                                          const char       *owner_table,
                                          gint64            owner_id);
gboolean   lc_attachment_list_add_file   (LcAttachmentList *self,
                                          GFile            *file,
                                          GError          **error);
gboolean   lc_attachment_list_apply      (LcAttachmentList *self,
                                          gint64            owner_id,
                                          GError          **error);
guint      lc_attachment_list_get_n_items (LcAttachmentList *self);
gboolean   lc_attachment_list_remove     (LcAttachmentList *self,
                                          guint             index);
gboolean   lc_attachment_list_has_thumbnail (LcAttachmentList *self,
                                             guint             index);
const char *lc_attachment_list_get_error (LcAttachmentList *self);

G_END_DECLS
