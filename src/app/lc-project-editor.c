/* lc-project-editor.c: the form of one project, every field
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-project-editor"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "lc-attachment-list.h"
#include "lc-map-view.h"
#include "lc-project.h"
#include "lc-project-editor.h"
#include "lc-projects-page.h"
#include "lc-services.h"
#include "lc-stage-list.h"

/*
 * A modal window over the main one. Nothing is written until Save, which
 * writes the project, its services, its point and its links to needs as
 * one undo step; Cancel (or closing) writes nothing. What keeps the project
 * from being saved is shown under the group of the field at fault.
 *
 * The location is a point: typed as latitude and longitude, or taken from
 * the centre of the map. A project whose location is an area keeps it.
 */

struct _LcProjectEditor
{
  AdwWindow parent_instance;

  LcPlan      *plan;
  LcMapView   *map_view;      /* (unowned) (nullable) */
  LcProject   *project;       /* as loaded, or a new one */
  GHashTable  *fields;        /* name → widget */
  GHashTable  *errors;        /* group name → GtkLabel */
  GPtrArray   *service_checks;
  GPtrArray   *needs;         /* LcNeed, of the plan */
  GPtrArray   *need_checks;
  AdwPreferencesGroup *basics;
  GtkWidget   *attachments;   /* LcAttachmentList */
};

G_DEFINE_FINAL_TYPE (LcProjectEditor, lc_project_editor, ADW_TYPE_WINDOW)

static GtkWidget *
field (LcProjectEditor *self,
       const char      *name)
{
  return g_hash_table_lookup (self->fields, name);
}

static const char *
entry_text (LcProjectEditor *self,
            const char      *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (self, name)));
}

static char *
entry_dup (LcProjectEditor *self,
           const char      *name)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (self, name)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static AdwPreferencesGroup *
add_group (LcProjectEditor    *self,
           AdwPreferencesPage *page,
           const char         *key,
           const char         *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *error = gtk_label_new (NULL);

  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (page, group);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_set_margin_top (error, 6);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  adw_preferences_group_add (group, error);
  g_hash_table_insert (self->errors, g_strdup (key), error);
  return group;
}

static GtkWidget *
add_entry (LcProjectEditor     *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (name), row);
  return row;
}

static GtkWidget *
add_combo (LcProjectEditor     *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           LcField              kind,
           gboolean             optional,
           const char          *value)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  const char * const *keys = lc_field_keys (kind);
  guint selected = 0;

  if (optional)
    gtk_string_list_append (strings, _("Not Set"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      gtk_string_list_append (strings, lc_field_name (kind, keys[i]));
      if (g_strcmp0 (keys[i], value) == 0)
        selected = i + (optional ? 1 : 0);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (strings));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "lc-optional", GINT_TO_POINTER (optional));
  g_object_set_data (G_OBJECT (row), "lc-field", GINT_TO_POINTER (kind));
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (name), row);
  return row;
}

static char *
combo_key (LcProjectEditor *self,
           const char      *name)
{
  GtkWidget *row = field (self, name);
  gboolean optional = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "lc-optional"));
  LcField kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "lc-field"));
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (i == GTK_INVALID_LIST_POSITION || (optional && i == 0))
    return NULL;
  return g_strdup (lc_field_keys (kind)[i - (optional ? 1 : 0)]);
}

static GtkWidget *
add_check (AdwPreferencesRow *parent,
           const char        *title,
           gboolean           active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  return check;
}

static char *
number_text (double value,
             double scale)
{
  return isnan (value) ? NULL : g_strdup_printf ("%g", value * scale);
}

/* Reads a number typed in a field: NAN for none, FALSE when it is not one */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  *value = NAN;
  if (*copy == '\0')
    return TRUE;
  *value = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*value);
}

static void
set_error (LcProjectEditor *self,
           const char      *group,
           GString         *text)
{
  GtkLabel *label = g_hash_table_lookup (self->errors, group);

  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  gtk_label_set_text (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

/* The problems lc_project_check() finds in the fields of one group alone */
static void
check_part (LcProjectEditor *self,
            const LcProject *p,
            const char      *group,
            GString         *text)
{
  g_autoptr(LcProject) part = lc_project_new ();
  g_autoptr(GPtrArray) problems = NULL;

  g_free (part->name);
  part->name = g_strdup ("-");
  if (g_str_equal (group, "basics"))
    {
      g_free (part->name);
      part->name = g_strdup (p->name);
      part->year = p->year;
      part->progress = p->progress;
    }
  else if (g_str_equal (group, "money"))
    part->budget_wan = p->budget_wan;
  else if (g_str_equal (group, "schedule"))
    {
      part->start_date = g_strdup (p->start_date);
      part->end_date = g_strdup (p->end_date);
    }
  else if (g_str_equal (group, "location"))
    {
      part->latitude = p->latitude;
      part->longitude = p->longitude;
    }
  problems = lc_project_check (part);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (problems, i));
}

/* What the district's lists still lack: shown, but no bar to saving */
static void
show_missing (LcProjectEditor *self,
              const LcProject *p)
{
  g_autofree char *missing = lc_project_dup_missing (p);
  g_autofree char *text = NULL;

  if (missing != NULL)
    {
      g_strdelimit (missing, "\n", ' ');
      /* Translators: %s lists missing fields, such as "No services" */
      text = g_strdup_printf (_("Still missing for the district's lists: %s"), missing);
    }
  adw_preferences_group_set_description (self->basics, text);
}

/* The project as the form has it; FALSE, with the problems shown under
 * their groups, when it cannot be saved */
static gboolean
read_form (LcProjectEditor *self,
           LcProject       *p)
{
  static const char * const groups[] = { "basics", "money", "schedule", "location", NULL };
  g_autoptr(GString) basics = g_string_new (NULL);
  g_autoptr(GString) money = g_string_new (NULL);
  g_autoptr(GString) location = g_string_new (NULL);
  g_autoptr(GPtrArray) services = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  gboolean ok = TRUE;
  double number;
  guint n;
  const LcService *all = lc_services_get_all (&n);

  p->name = entry_dup (self, "name");
  p->kind = combo_key (self, "kind");
  p->role = combo_key (self, "role");
  p->status = combo_key (self, "status");
  p->path = combo_key (self, "path");
  p->funding_source = entry_dup (self, "funding-source");
  p->implementing_body = entry_dup (self, "implementing-body");
  p->content = entry_dup (self, "content");
  p->path_note = entry_dup (self, "path-note");
  p->start_date = entry_dup (self, "start-date");
  p->end_date = entry_dup (self, "end-date");
  p->design_team = entry_dup (self, "design-team");
  p->notes = entry_dup (self, "notes");

  if (!parse_number (entry_text (self, "year"), &number) || (!isnan (number) && number != floor (number)))
    {
      g_string_append_printf (basics, "%s\n", _("The year is not a whole number."));
      ok = FALSE;
    }
  else
    p->year = isnan (number) ? 0 : (int) CLAMP (number, -1, 10000);
  if (!parse_number (entry_text (self, "progress"), &number))
    {
      g_string_append_printf (basics, "%s\n", _("The progress is not a number of percent."));
      ok = FALSE;
    }
  else
    p->progress = number / 100;
  if (!parse_number (entry_text (self, "budget"), &number))
    {
      g_string_append_printf (money, "%s\n", _("The budget is not a number."));
      ok = FALSE;
    }
  else
    p->budget_wan = number;
  if (!p->location_is_area)
    {
      double lat, lon;

      if (!parse_number (entry_text (self, "latitude"), &lat) || !parse_number (entry_text (self, "longitude"), &lon))
        {
          g_string_append_printf (location, "%s\n", _("The latitude and longitude must be numbers."));
          ok = FALSE;
        }
      else
        {
          p->latitude = lat;
          p->longitude = lon;
        }
    }

  for (guint i = 0; i < n && i < self->service_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->service_checks, i)))
      g_ptr_array_add (services, (gpointer) all[i].key);
  g_ptr_array_add (services, NULL);
  g_strfreev (p->services);
  p->services = g_strdupv ((char **) services->pdata);
  show_missing (self, p);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      GString *text = g_str_equal (groups[g], "basics") ? basics
                      : g_str_equal (groups[g], "money") ? money
                      : g_str_equal (groups[g], "location") ? location : NULL;
      g_autoptr(GString) own = NULL;

      if (text == NULL)
        text = own = g_string_new (NULL);
      check_part (self, p, groups[g], text);
      if (text->len > 0)
        ok = FALSE;
      set_error (self, groups[g], text);
    }
  /* Whatever no single group explains (none expected) still stops the save */
  problems = lc_project_check (p);
  if (problems->len > 0 && ok)
    {
      g_autoptr(GString) rest = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (rest, "%s\n", (char *) g_ptr_array_index (problems, i));
      set_error (self, "basics", rest);
      ok = FALSE;
    }
  return ok;
}

static gboolean
write_links (LcProjectEditor *self,
             gint64           id,
             GError         **error)
{
  for (guint i = 0; i < self->needs->len; i++)
    {
      const LcNeed *need = g_ptr_array_index (self->needs, i);
      gboolean linked = FALSE;
      gboolean wanted = gtk_check_button_get_active (g_ptr_array_index (self->need_checks, i));

      for (guint j = 0; need->project_ids != NULL && j < need->project_ids->len; j++)
        linked |= g_array_index (need->project_ids, gint64, j) == id;
      if (wanted && !linked && !lc_need_link_write (self->plan, need->fid, id, error))
        return FALSE;
      if (!wanted && linked)
        {
          g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (self->plan, "DELETE FROM need_projects WHERE need_fid = ? AND project_id = ?", error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, need->fid);
          sqlite3_bind_int64 (stmt, 2, id);
          if (!lc_plan_run (self->plan, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (widget);
  g_autoptr(LcProject) p = lc_project_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean ok;

  p->id = self->project->id;
  p->location_is_area = self->project->location_is_area;
  p->latitude = self->project->latitude;
  p->longitude = self->project->longitude;
  g_clear_pointer (&p->status, g_free);
  if (!read_form (self, p))
    return;

  /* Translators: undo labels */
  if (!lc_plan_begin_group (self->plan, p->id == 0 ? _("Add Project") : _("Edit Project"), &error))
    ok = FALSE;
  else
    {
      id = lc_project_write (self->plan, p, !p->location_is_area, &error);
      ok = id != 0 && write_links (self, id, &error) &&
           lc_attachment_list_apply (LC_ATTACHMENT_LIST (self->attachments), id, &error);
      ok = lc_plan_end_group (self->plan, ok, ok ? &error : NULL) && ok;
      if (ok)
        self->project->id = id;
    }
  if (!ok)
    {
      g_autoptr(GString) text = g_string_new (error != NULL ? error->message : "");

      set_error (self, "basics", text);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
map_centre_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (widget);
  double lat, lon;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->map_view == NULL)
    return;
  lc_map_view_get_view (self->map_view, &lat, &lon, NULL);
  gtk_editable_set_text (GTK_EDITABLE (field (self, "latitude")), g_ascii_formatd (buf, sizeof buf, "%.6f", lat));
  gtk_editable_set_text (GTK_EDITABLE (field (self, "longitude")), g_ascii_formatd (buf, sizeof buf, "%.6f", lon));
}

static void
build_form (LcProjectEditor *self)
{
  const LcProject *p = self->project;
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *centre;
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group;
  GtkWidget *expander;
  guint n;
  const LcService *all = lc_services_get_all (&n);
  g_autofree char *year = p->year != 0 ? g_strdup_printf ("%d", p->year) : NULL;
  g_autofree char *progress = number_text (p->progress, 100);
  g_autofree char *budget = number_text (p->budget_wan, 1);
  g_autofree char *lat = number_text (p->latitude, 1);
  g_autofree char *lon = number_text (p->longitude, 1);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (page));
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  group = self->basics = add_group (self, page, "basics", _("Project"));
  if (p->id != 0)
    show_missing (self, p);
  add_entry (self, group, "name", _("Name"), p->name);
  add_combo (self, group, "kind", _("Kind"), LC_FIELD_PROJECT_KIND, TRUE, p->kind);
  add_combo (self, group, "role", _("1+N Role"), LC_FIELD_PROJECT_ROLE, TRUE, p->role);
  add_combo (self, group, "status", _("Status"), LC_FIELD_PROJECT_STATUS, FALSE, p->status);
  add_entry (self, group, "year", _("Year"), year);
  add_entry (self, group, "progress", _("Progress (%)"), progress);

  group = add_group (self, page, "services", _("Services"));
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Services Offered"));
  adw_preferences_group_add (group, expander);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->service_checks,
                     add_check (ADW_PREFERENCES_ROW (expander), lc_service_get_display_name (&all[i]),
                                p->services != NULL && g_strv_contains ((const char * const *) p->services, all[i].key)));

  group = add_group (self, page, "money", _("Money and Responsibility"));
  add_entry (self, group, "budget", _("Budget (10,000 yuan)"), budget);
  add_entry (self, group, "funding-source", _("Funding Source"), p->funding_source);
  add_entry (self, group, "implementing-body", _("Implementing Body"), p->implementing_body);
  add_entry (self, group, "design-team", _("Design Team"), p->design_team);

  group = add_group (self, page, "construction", _("Construction"));
  add_entry (self, group, "content", _("What Is Built"), p->content);
  add_combo (self, group, "path", _("Implementation Path"), LC_FIELD_PROJECT_PATH, TRUE, p->path);
  add_entry (self, group, "path-note", _("Implementation Path Note"), p->path_note);

  group = add_group (self, page, "schedule", _("Schedule"));
  add_entry (self, group, "start-date", _("Start (YYYY-MM-DD or YYYY-MM)"), p->start_date);
  add_entry (self, group, "end-date", _("End (YYYY-MM-DD or YYYY-MM)"), p->end_date);

  group = add_group (self, page, "location", _("Location"));
  adw_preferences_group_set_description (group, p->location_is_area
                                         ? _("The project's location is an area on the map; its centre is shown.")
                                         : _("A point: type it, or take the centre of the map."));
  gtk_widget_set_sensitive (add_entry (self, group, "latitude", _("Latitude"), lat), !p->location_is_area);
  gtk_widget_set_sensitive (add_entry (self, group, "longitude", _("Longitude"), lon), !p->location_is_area);
  centre = gtk_button_new_with_mnemonic (_("Use the _Map Centre"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (centre), "editor.map-centre");
  gtk_widget_set_sensitive (centre, !p->location_is_area && self->map_view != NULL);
  adw_preferences_group_set_header_suffix (group, centre);

  group = add_group (self, page, "needs", _("Needs Answered"));
  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Linked Needs"));
  adw_preferences_group_add (group, expander);
  for (guint i = 0; i < self->needs->len; i++)
    {
      const LcNeed *need = g_ptr_array_index (self->needs, i);
      gboolean linked = FALSE;
      g_autofree char *title = NULL;

      for (guint j = 0; p->id != 0 && need->project_ids != NULL && j < need->project_ids->len; j++)
        linked |= g_array_index (need->project_ids, gint64, j) == p->id;
      title = g_markup_escape_text (need->description != NULL ? need->description : "", -1);
      g_ptr_array_add (self->need_checks, add_check (ADW_PREFERENCES_ROW (expander), title, linked));
    }

  group = add_group (self, page, "notes", _("Notes"));
  add_entry (self, group, "notes", _("Notes"), p->notes);

  /* The 三会 (read only: the meetings page records them) and the attachments,
   * written by Save in the same undo step */
  group = add_group (self, page, "meetings", _("Three Meetings"));
  {
    GtkWidget *stages = lc_stage_list_new ();

    lc_stage_list_set_project (LC_STAGE_LIST (stages), self->plan, p->id);
    adw_preferences_group_add (group, stages);
  }
  group = add_group (self, page, "attachments", _("Attachments"));
  self->attachments = lc_attachment_list_new ();
  lc_attachment_list_set_owner (LC_ATTACHMENT_LIST (self->attachments), self->plan, "projects", p->id);
  adw_preferences_group_add (group, self->attachments);
}

static void
lc_project_editor_finalize (GObject *object)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->project, lc_project_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->service_checks, g_ptr_array_unref);
  g_clear_pointer (&self->needs, g_ptr_array_unref);
  g_clear_pointer (&self->need_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (lc_project_editor_parent_class)->finalize (object);
}

static void
lc_project_editor_class_init (LcProjectEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_project_editor_finalize;
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.map-centre", NULL, map_centre_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
lc_project_editor_init (LcProjectEditor *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->service_checks = g_ptr_array_new ();
  self->need_checks = g_ptr_array_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

/**
 * lc_project_editor_new:
 * @id: the project to edit, or 0 for a new one
 *
 * Returns: (transfer none): a new editor, not yet shown
 */
LcProjectEditor *
lc_project_editor_new (GtkWindow *parent,
                       LcPlan    *plan,
                       gint64     id,
                       LcMapView *map_view)
{
  LcProjectEditor *self = g_object_new (LC_TYPE_PROJECT_EDITOR, "transient-for", parent, NULL);

  self->plan = g_object_ref (plan);
  self->map_view = map_view;
  self->project = id != 0 ? lc_plan_load_project (plan, id) : NULL;
  if (self->project == NULL)
    self->project = lc_project_new ();
  self->needs = lc_plan_list_needs (plan);
  gtk_window_set_title (GTK_WINDOW (self), self->project->id != 0 ? _("Edit Project") : _("New Project"));
  build_form (self);
  return self;
}

/**
 * lc_project_editor_get_field:
 * @name: "name", "kind", "year", "budget", … or "service:KEY" or "need:FID"
 *
 * Returns: (transfer none) (nullable): the widget of a field: an entry or
 *   combo row, or a check button
 */
GtkWidget *
lc_project_editor_get_field (LcProjectEditor *self,
                             const char      *name)
{
  g_return_val_if_fail (LC_IS_PROJECT_EDITOR (self), NULL);

  if (g_str_has_prefix (name, "service:"))
    {
      guint n;
      const LcService *all = lc_services_get_all (&n);

      for (guint i = 0; i < n; i++)
        if (g_str_equal (all[i].key, name + 8))
          return g_ptr_array_index (self->service_checks, i);
      return NULL;
    }
  if (g_str_has_prefix (name, "need:"))
    {
      gint64 fid = g_ascii_strtoll (name + 5, NULL, 10);

      for (guint i = 0; i < self->needs->len; i++)
        if (((LcNeed *) g_ptr_array_index (self->needs, i))->fid == fid)
          return g_ptr_array_index (self->need_checks, i);
      return NULL;
    }
  return field (self, name);
}

/**
 * lc_project_editor_get_id:
 *
 * Returns: the project's id: 0 for a new project until it is saved
 */
gint64
lc_project_editor_get_id (LcProjectEditor *self)
{
  g_return_val_if_fail (LC_IS_PROJECT_EDITOR (self), 0);

  return self->project->id;
}
