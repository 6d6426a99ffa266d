/* lc-attachment-list.c: the files attached to one record, with thumbnails, to add, open and remove
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-attachment-list"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-attachment-list.h"

/*
 * The attachments of one record (owner_table, owner_id) of a plan, shown
 * in a boxed list: a thumbnail for images (scaled in a thread), else an
 * icon, the name, size and an editable caption. Nothing is written until
 * the form that holds the list saves: files added, removed or recaptioned
 * wait until lc_attachment_list_apply(), which the form calls inside its
 * own edit, so that saving the form is one undo step. The limits of
 * lc-attachment.h are checked as files are added, counting those waiting.
 */

#define THUMBNAIL_SIZE 48

typedef struct
{
  gint64     id;         /* 0 while waiting to be added */
  char      *name;
  char      *mime_type;
  gint64     size;
  char      *caption;    /* as in the plan */
  GBytes    *bytes;      /* while waiting to be added */
  gboolean   removed;
  GtkWidget *row;
  GtkWidget *caption_entry;
  GtkWidget *picture;
} Item;

struct _LcAttachmentList
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *error_label;
  GtkWidget *add_button;

  /* Owned */
  LcPlan       *plan;
  char         *owner_table;
  GPtrArray    *items;   /* Item */
  GCancellable *cancellable;
  char         *error;
};

G_DEFINE_FINAL_TYPE (LcAttachmentList, lc_attachment_list, GTK_TYPE_WIDGET)

static void
item_free (Item *item)
{
  g_free (item->name);
  g_free (item->mime_type);
  g_free (item->caption);
  g_clear_pointer (&item->bytes, g_bytes_unref);
  g_free (item);
}

static void
show_error (LcAttachmentList *self,
            const char       *text)
{
  g_free (self->error);
  self->error = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (self->error_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->error_label, text != NULL && *text != '\0');
}

static gint64
pending_bytes (LcAttachmentList *self)
{
  gint64 total = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->id == 0 && !item->removed)
        total += item->size;
    }
  return total;
}

/* The attachment shown at @index (those removed are not shown) */
static Item *
nth_shown (LcAttachmentList *self,
           guint             index)
{
  for (guint i = 0, shown = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (!item->removed && shown++ == index)
        return item;
    }
  return NULL;
}

/* ---- thumbnails ---- */

static void
scale_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (task_data);
  GError *error = NULL;
  GdkPixbuf *pixbuf;

  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, THUMBNAIL_SIZE * 2, THUMBNAIL_SIZE * 2, TRUE, cancellable, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
on_scaled (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    return;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (GTK_PICTURE (source), GDK_PAINTABLE (texture));
  g_object_set_data (source, "lc-thumbnail", GINT_TO_POINTER (TRUE));
}

static GBytes *
item_bytes (LcAttachmentList *self,
            Item             *item,
            GError          **error)
{
  if (item->bytes != NULL)
    return g_bytes_ref (item->bytes);
  return lc_plan_get_attachment_data (self->plan, item->id, error);
}

static void
load_thumbnail (LcAttachmentList *self,
                Item             *item)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTask) task = NULL;

  if (item->mime_type == NULL || !g_str_has_prefix (item->mime_type, "image/"))
    return;
  bytes = item_bytes (self, item, NULL);
  if (bytes == NULL)
    return;
  task = g_task_new (item->picture, self->cancellable, on_scaled, NULL);
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, scale_thread);
}

/* ---- rows ---- */

static void
on_open_clicked (GtkButton *button,
                 Item      *item)
{
  LcAttachmentList *self = LC_ATTACHMENT_LIST (gtk_widget_get_ancestor (GTK_WIDGET (button), LC_TYPE_ATTACHMENT_LIST));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = item_bytes (self, item, &error);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "lifecircle", "attachments", NULL);
  g_autofree char *safe = g_strdelimit (g_strdup (item->name), G_DIR_SEPARATOR_S, '_');
  g_autofree char *base = item->id != 0 ? g_strdup_printf ("%lld-%s", (long long) item->id, safe) : g_strdup_printf ("new-%s", safe);
  g_autofree char *path = g_build_filename (dir, base, NULL);
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (bytes == NULL || g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error != NULL ? NULL : &error))
    {
      /* Translators: %s is why an attachment could not be opened */
      g_autofree char *text = g_strdup_printf (_("The file could not be opened: %s"),
                                               error != NULL ? error->message : g_strerror (errno));
      show_error (self, text);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_remove_clicked (GtkButton *button,
                   Item      *item)
{
  LcAttachmentList *self = LC_ATTACHMENT_LIST (gtk_widget_get_ancestor (GTK_WIDGET (button), LC_TYPE_ATTACHMENT_LIST));

  for (guint shown = 0; nth_shown (self, shown) != NULL; shown++)
    if (nth_shown (self, shown) == item)
      {
        lc_attachment_list_remove (self, shown);
        return;
      }
}

static void
add_row (LcAttachmentList *self,
         Item             *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_markup_escape_text (item->name, -1);
  g_autofree char *size = g_format_size (item->size);
  g_autofree char *subtitle = item->id == 0
    /* Translators: %s is a file's size; the file is added when the form is saved */
    ? g_strdup_printf (_("%s · added on saving"), size) : g_strdup (size);

  item->row = row;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  item->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (item->picture), TRUE);
  gtk_widget_set_size_request (item->picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_widget_set_valign (item->picture, GTK_ALIGN_CENTER);
  if (item->mime_type == NULL || !g_str_has_prefix (item->mime_type, "image/"))
    {
      g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (item->mime_type != NULL ? item->mime_type : "application/octet-stream");
      GtkIconPaintable *paintable = gtk_icon_theme_lookup_by_gicon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self))),
                                                                    icon, 32, 1, GTK_TEXT_DIR_NONE, 0);

      gtk_picture_set_paintable (GTK_PICTURE (item->picture), GDK_PAINTABLE (paintable));
      g_object_unref (paintable);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), item->picture);

  item->caption_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (item->caption_entry), _("Caption"));
  gtk_editable_set_text (GTK_EDITABLE (item->caption_entry), item->caption != NULL ? item->caption : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (item->caption_entry), 12);
  gtk_widget_set_valign (item->caption_entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), item->caption_entry);

  gtk_widget_set_tooltip_text (open, _("Open with the default application"));
  gtk_widget_set_tooltip_text (remove, _("Remove the attachment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  for (GtkWidget *button = open; button != NULL; button = button == open ? remove : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked), item);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), item);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
  gtk_widget_set_visible (self->list, TRUE);
  load_thumbnail (self, item);
}

static void
clear_items (LcAttachmentList *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->row != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (self->list), item->row);
    }
  g_ptr_array_set_size (self->items, 0);
  gtk_widget_set_visible (self->list, FALSE);
}

/* ---- adding files ---- */

static void
on_choose_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  LcAttachmentList *self = user_data;
  g_autoptr(GString) errors = g_string_new (NULL);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;

          if (!lc_attachment_list_add_file (self, file, &error))
            g_string_append_printf (errors, "%s%s", errors->len > 0 ? "\n" : "", error->message);
        }
      show_error (self, errors->str);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_add_clicked (LcAttachmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Attach Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_choose_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- the class ---- */

static void
lc_attachment_list_dispose (GObject *object)
{
  LcAttachmentList *self = LC_ATTACHMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (lc_attachment_list_parent_class)->dispose (object);
}

static void
lc_attachment_list_finalize (GObject *object)
{
  LcAttachmentList *self = LC_ATTACHMENT_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->cancellable);
  g_free (self->owner_table);
  g_free (self->error);
  G_OBJECT_CLASS (lc_attachment_list_parent_class)->finalize (object);
}

static void
lc_attachment_list_class_init (LcAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_attachment_list_dispose;
  object_class->finalize = lc_attachment_list_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_attachment_list_init (LcAttachmentList *self)
{
  GtkWidget *label;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_visible (self->list, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->list);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->error_label);

  self->add_button = gtk_button_new ();
  label = gtk_label_new_with_mnemonic (_("_Attach Files…"));
  gtk_button_set_child (GTK_BUTTON (self->add_button), label);
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  {
    g_autofree char *one = g_format_size_full (LC_ATTACHMENT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *all = g_format_size_full (LC_ATTACHMENT_MAX_TOTAL, G_FORMAT_SIZE_IEC_UNITS);
    /* Translators: %s are sizes, such as "20.0 MiB" and "200.0 MiB" */
    g_autofree char *tip = g_strdup_printf (_("Photos, scanned sign-in sheets, drawings: stored in the plan file, up to %s each and %s in all"), one, all);

    gtk_widget_set_tooltip_text (self->add_button, tip);
  }
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->add_button);
}

GtkWidget *
lc_attachment_list_new (void)
{
  return g_object_new (LC_TYPE_ATTACHMENT_LIST, NULL);
}

/**
 * lc_attachment_list_set_owner:
 * @owner_id: the record's id, or 0 for a record not yet saved
 *
 * Shows the attachments of the record, forgetting whatever waited to be saved.
 */
void
lc_attachment_list_set_owner (LcAttachmentList *self,
                              LcPlan           *plan,
                              const char       *owner_table,
                              gint64            owner_id)
{
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LC_IS_ATTACHMENT_LIST (self));

  clear_items (self);
  show_error (self, NULL);
  g_set_object (&self->plan, plan);
  g_free (self->owner_table);
  self->owner_table = g_strdup (owner_table);
  gtk_widget_set_sensitive (self->add_button, plan != NULL);
  if (plan == NULL || owner_id == 0)
    return;
  attachments = lc_plan_list_attachments (plan, owner_table, owner_id, &error);
  if (attachments == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < attachments->len; i++)
    {
      const LcAttachment *a = g_ptr_array_index (attachments, i);
      Item *item = g_new0 (Item, 1);

      item->id = a->id;
      item->name = g_strdup (a->name);
      item->mime_type = g_strdup (a->mime_type);
      item->size = a->size;
      item->caption = g_strdup (a->caption);
      g_ptr_array_add (self->items, item);
      add_row (self, item);
    }
}

/**
 * lc_attachment_list_add_file:
 *
 * Reads @file to be attached when the form saves; a file over the limits
 * is refused with a message, also shown under the list.
 */
gboolean
lc_attachment_list_add_file (LcAttachmentList *self,
                             GFile            *file,
                             GError          **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *content_type = NULL;
  Item *item;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info != NULL &&
      lc_attachment_check_size (self->plan, g_file_info_get_display_name (info), g_file_info_get_size (info),
                                pending_bytes (self), &local))
    bytes = g_file_load_bytes (file, NULL, NULL, &local);
  if (bytes == NULL)
    {
      show_error (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &size);
  item = g_new0 (Item, 1);
  item->name = g_strdup (g_file_info_get_display_name (info));
  content_type = g_content_type_guess (item->name, data, MIN (size, 4096), NULL);
  item->mime_type = g_content_type_get_mime_type (content_type);
  item->size = size;
  item->bytes = g_steal_pointer (&bytes);
  g_ptr_array_add (self->items, item);
  add_row (self, item);
  show_error (self, NULL);
  return TRUE;
}

/**
 * lc_attachment_list_remove:
 * @index: of the attachments shown
 *
 * Removes an attachment from the list, and from the plan when the form saves.
 */
gboolean
lc_attachment_list_remove (LcAttachmentList *self,
                           guint             index)
{
  Item *item;

  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), FALSE);

  item = nth_shown (self, index);
  if (item == NULL)
    return FALSE;
  item->removed = TRUE;
  gtk_list_box_remove (GTK_LIST_BOX (self->list), item->row);
  item->row = NULL;
  gtk_widget_set_visible (self->list, lc_attachment_list_get_n_items (self) > 0);
  return TRUE;
}

/**
 * lc_attachment_list_apply:
 * @owner_id: the record's id (a new record's, once written)
 *
 * Writes what changed: the files added, removed and recaptioned. Call it
 * inside the form's edit (lc_plan_begin_group()), so that it joins the
 * form's undo step; then the list shows the record's attachments as saved.
 */
gboolean
lc_attachment_list_apply (LcAttachmentList *self,
                          gint64            owner_id,
                          GError          **error)
{
  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      const char *text = item->caption_entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (item->caption_entry)) : "";
      g_autofree char *caption = g_strstrip (g_strdup (text));

      if (item->removed && item->id != 0)
        {
          if (!lc_plan_delete_attachment (self->plan, item->id, error))
            return FALSE;
        }
      else if (item->removed)
        continue;
      else if (item->id == 0)
        {
          if (lc_plan_add_attachment_bytes (self->plan, item->name, item->bytes, self->owner_table, owner_id,
                                            caption, error) < 0)
            return FALSE;
        }
      else if (g_strcmp0 (*caption != '\0' ? caption : NULL, item->caption) != 0 &&
               /* Translators: an undo label */
               !lc_plan_set_text (self->plan, _("Edit Caption"), "attachments", item->id, "caption",
                                  *caption != '\0' ? caption : NULL, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * lc_attachment_list_get_n_items:
 *
 * Returns: the attachments shown (those saved and those waiting, not those removed)
 */
guint
lc_attachment_list_get_n_items (LcAttachmentList *self)
{
  guint n = 0;

  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), 0);

  while (nth_shown (self, n) != NULL)
    n++;
  return n;
}

/**
 * lc_attachment_list_has_thumbnail:
 *
 * Returns: whether the attachment at @index shows its image scaled down
 */
gboolean
lc_attachment_list_has_thumbnail (LcAttachmentList *self,
                                  guint             index)
{
  Item *item;

  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), FALSE);

  item = nth_shown (self, index);
  return item != NULL && g_object_get_data (G_OBJECT (item->picture), "lc-thumbnail") != NULL;
}

/**
 * lc_attachment_list_get_error:
 *
 * Returns: (nullable): the message shown under the list, if any
 */
const char *
lc_attachment_list_get_error (LcAttachmentList *self)
{
  g_return_val_if_fail (LC_IS_ATTACHMENT_LIST (self), NULL);

  return self->error != NULL && *self->error != '\0' ? self->error : NULL;
}
