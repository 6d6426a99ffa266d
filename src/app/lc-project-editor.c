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
#include "lc-form.h"
#include "lc-map-view.h"
#include "lc-project.h"
#include "lc-project-editor.h"
#include "lc-projects-page.h"
#include "lc-services.h"
#include "lc-shape.h"
#include "lc-stage-list.h"

/*
 * A modal window over the main one. Nothing is written until Save, which
 * writes the project, its services, its point and its links to needs as
 * one undo step; Cancel (or closing) writes nothing. What keeps the project
 * from being saved is shown under the group of the field at fault.
 *
 * The location is a point, typed as latitude and longitude, taken from the
 * centre of the map or clicked on the map; or an area drawn on the map. While
 * the planner picks on the map the editor steps aside (hidden) and comes
 * back with the place, or without when they give up (Esc).
 *
 * Milestones are rows of a title, a date and whether it is done; a row left
 * wholly empty is not a milestone.
 */

struct _LcProjectEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *basics;
  AdwPreferencesGroup *money;
  AdwPreferencesGroup *schedule;
  AdwPreferencesGroup *location;
  GtkWidget   *services_row;    /* AdwExpanderRow */
  GtkWidget   *needs_row;       /* AdwExpanderRow */
  GtkWidget   *add_milestone_row;
  GtkWidget   *stages;          /* LcStageList */
  GtkWidget   *attachments;     /* LcAttachmentList */

  /* Owned */
  LcPlan      *plan;
  LcProject   *project;       /* as loaded, or a new one */
  LcForm       form;
  GPtrArray   *service_checks;
  GPtrArray   *needs;         /* LcNeed, of the plan */
  GPtrArray   *need_checks;
  GPtrArray   *milestone_rows;  /* AdwEntryRow (the title), each with "lc-date" and "lc-done" */
  gboolean     is_area;         /* the location as the form has it */
  LcGeometry  *area;            /* (nullable) that area, when is_area */

  /* Borrowed */
  LcMapView   *map_view;      /* (nullable) */
};

G_DEFINE_FINAL_TYPE (LcProjectEditor, lc_project_editor, ADW_TYPE_WINDOW)

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
      part->milestones = g_ptr_array_ref (p->milestones);
    }
  else if (g_str_equal (group, "location"))
    {
      part->latitude = p->latitude;
      part->longitude = p->longitude;
    }
  problems = lc_project_check (part);
  lc_form_append_problems (text, problems);
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

  p->name = lc_form_dup_text (&self->form, "name");
  p->kind = lc_form_field_combo_value (&self->form, "kind");
  p->role = lc_form_field_combo_value (&self->form, "role");
  p->status = lc_form_field_combo_value (&self->form, "status");
  p->path = lc_form_field_combo_value (&self->form, "path");
  p->funding_source = lc_form_dup_text (&self->form, "funding-source");
  p->implementing_body = lc_form_dup_text (&self->form, "implementing-body");
  p->content = lc_form_dup_text (&self->form, "content");
  p->path_note = lc_form_dup_text (&self->form, "path-note");
  p->start_date = lc_form_dup_text (&self->form, "start-date");
  p->end_date = lc_form_dup_text (&self->form, "end-date");
  p->design_team = lc_form_dup_text (&self->form, "design-team");
  p->notes = lc_form_dup_text (&self->form, "notes");

  if (!lc_form_parse_number (lc_form_text (&self->form, "year"), &number) || (!isnan (number) && number != floor (number)))
    {
      g_string_append_printf (basics, "%s\n", _("The year is not a whole number."));
      ok = FALSE;
    }
  else
    p->year = isnan (number) ? 0 : (int) CLAMP (number, -1, 10000);
  if (!lc_form_parse_number (lc_form_text (&self->form, "progress"), &number))
    {
      g_string_append_printf (basics, "%s\n", _("The progress is not a number of percent."));
      ok = FALSE;
    }
  else
    p->progress = number / 100;
  if (!lc_form_parse_number (lc_form_text (&self->form, "budget"), &number))
    {
      g_string_append_printf (money, "%s\n", _("The budget is not a number."));
      ok = FALSE;
    }
  else
    p->budget_wan = number;
  p->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_milestone_free);
  for (guint i = 0; i < self->milestone_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->milestone_rows, i);
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "lc-date"))));
      gboolean done = gtk_check_button_get_active (g_object_get_data (G_OBJECT (row), "lc-done"));

      if (*title != '\0' || *date != '\0')
        g_ptr_array_add (p->milestones, lc_milestone_new (date, title, done));
    }

  p->location_is_area = self->is_area;
  g_clear_pointer (&p->area, lc_geometry_free);
  if (self->is_area && self->area != NULL)
    {
      p->area = lc_geometry_copy (self->area);
      lc_geometry_get_bounds_centre (p->area, &p->longitude, &p->latitude);
    }
  if (!p->location_is_area)
    {
      double lat, lon;

      if (!lc_form_parse_number (lc_form_text (&self->form, "latitude"), &lat) || !lc_form_parse_number (lc_form_text (&self->form, "longitude"), &lon))
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
      lc_form_set_error (&self->form, groups[g], text);
    }
  /* Whatever no single group explains (none expected) still stops the save */
  problems = lc_project_check (p);
  if (problems->len > 0 && ok)
    {
      g_autoptr(GString) rest = g_string_new (NULL);

      lc_form_append_problems (rest, problems);
      lc_form_set_error (&self->form, "basics", rest);
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
      if (!wanted && linked && !lc_need_unlink_write (self->plan, need->fid, id, error))
        return FALSE;
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
  p->latitude = self->project->latitude;
  p->longitude = self->project->longitude;
  if (!read_form (self, p))
    return;

  /* Translators: undo labels */
  if (!lc_plan_begin_group (self->plan, p->id == 0 ? _("Add Project") : _("Edit Project"), &error))
    ok = FALSE;
  else
    {
      id = lc_project_write (self->plan, p, TRUE, &error);
      ok = id != 0 && write_links (self, id, &error) &&
           lc_attachment_list_apply (LC_ATTACHMENT_LIST (self->attachments), id, &error);
      ok = lc_plan_end_group (self->plan, ok, ok ? &error : NULL) && ok;
      if (ok)
        self->project->id = id;
    }
  if (!ok)
    {
      g_autoptr(GString) text = g_string_new (error != NULL ? error->message : "");

      lc_form_set_error (&self->form, "basics", text);
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

/* ---- the place on the map ---- */

static void
show_location (LcProjectEditor *self)
{
  g_autofree char *text = NULL;

  if (self->is_area && self->area != NULL)
    /* Translators: %.0f is an area in square metres */
    text = g_strdup_printf (_("An area of %.0f m² on the map; its centre is shown."), lc_geometry_area_m2 (self->area));
  adw_preferences_group_set_description (self->location,
                                         text != NULL ? text
                                         : self->is_area ? _("The project's location is an area on the map; its centre is shown.")
                                         : _("A point: type it, click it on the map, or take the centre of the map."));
  gtk_widget_set_sensitive (lc_form_field (&self->form, "latitude"), !self->is_area);
  gtk_widget_set_sensitive (lc_form_field (&self->form, "longitude"), !self->is_area);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.map-centre", !self->is_area && self->map_view != NULL);
}

static void
on_location_picked (GtkWidget  *editor,
                    LcGeometry *location)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (editor);
  double lon, lat;

  if (!lc_geometry_get_bounds_centre (location, &lon, &lat))
    return;
  self->is_area = location->type != LC_GEOMETRY_POINT;
  g_clear_pointer (&self->area, lc_geometry_free);
  if (self->is_area)
    self->area = lc_geometry_copy (location);
  lc_form_set_point (&self->form, lat, lon);
  show_location (self);
}

static void
pick_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (widget);

  if (self->map_view != NULL && gtk_widget_get_visible (widget))
    lc_form_pick_on_map (widget, self->map_view, g_str_equal (name, "editor.draw-area"), on_location_picked);
}

/* ---- milestones ---- */

static void
on_remove_milestone (GtkButton       *button,
                     LcProjectEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "lc-row");

  g_ptr_array_remove (self->milestone_rows, row);
  adw_preferences_group_remove (self->schedule, row);
}

/**
 * lc_project_editor_add_milestone:
 * @title: (nullable): its title
 * @date: (nullable): its date
 *
 * Adds a row for a milestone at the end of the schedule.
 *
 * Returns: (transfer none): the row: an entry row for the title, whose
 *   "lc-date" and "lc-done" data are its date entry and done check button
 */
GtkWidget *
lc_project_editor_add_milestone (LcProjectEditor *self,
                                 const char      *title,
                                 const char      *date,
                                 gboolean         done)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *date_entry = gtk_entry_new ();
  GtkWidget *check = gtk_check_button_new_with_label (_("Done"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Milestone"));
  gtk_editable_set_text (GTK_EDITABLE (row), title != NULL ? title : "");
  gtk_editable_set_text (GTK_EDITABLE (date_entry), date != NULL ? date : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (date_entry), _("2026-05"));
  gtk_editable_set_width_chars (GTK_EDITABLE (date_entry), 10);
  gtk_widget_set_valign (date_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (date_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Milestone date"), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), done);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the milestone"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), date_entry);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), check);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "lc-date", date_entry);
  g_object_set_data (G_OBJECT (row), "lc-done", check);
  g_object_set_data (G_OBJECT (remove), "lc-row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_milestone), self);

  /* Before the row that adds them */
  g_object_ref (self->add_milestone_row);
  adw_preferences_group_remove (self->schedule, self->add_milestone_row);
  adw_preferences_group_add (self->schedule, row);
  adw_preferences_group_add (self->schedule, self->add_milestone_row);
  g_object_unref (self->add_milestone_row);
  g_ptr_array_add (self->milestone_rows, row);
  return row;
}

static void
add_milestone_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  GtkWidget *row = lc_project_editor_add_milestone (LC_PROJECT_EDITOR (widget), NULL, NULL, FALSE);

  gtk_widget_grab_focus (row);
}

/* The project's values, and what comes from the plan: choices, services,
 * needs, milestones, its 三会 and attachments */
static void
fill_form (LcProjectEditor *self)
{
  const LcProject *p = self->project;
  guint n;
  const LcService *all = lc_services_get_all (&n);
  g_autofree char *year = p->year != 0 ? g_strdup_printf ("%d", p->year) : NULL;
  g_autofree char *progress = lc_form_number_text (p->progress, 100);
  g_autofree char *budget = lc_form_number_text (p->budget_wan, 1);
  g_autofree char *lat = lc_form_number_text (p->latitude, 1);
  g_autofree char *lon = lc_form_number_text (p->longitude, 1);

  if (p->id != 0)
    show_missing (self, p);
  lc_form_set_text (&self->form, "name", p->name);
  lc_form_set_field_combo (&self->form, "kind", LC_FIELD_PROJECT_KIND, p->kind);
  lc_form_set_field_combo (&self->form, "role", LC_FIELD_PROJECT_ROLE, p->role);
  lc_form_set_field_combo (&self->form, "status", LC_FIELD_PROJECT_STATUS, p->status);
  lc_form_set_text (&self->form, "year", year);
  lc_form_set_text (&self->form, "progress", progress);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->service_checks,
                     lc_form_add_check (ADW_PREFERENCES_ROW (self->services_row),
                                        lc_service_get_display_name (&all[i]),
                                        p->services != NULL &&
                                        g_strv_contains ((const char * const *) p->services, all[i].key)));

  lc_form_set_text (&self->form, "budget", budget);
  lc_form_set_text (&self->form, "funding-source", p->funding_source);
  lc_form_set_text (&self->form, "implementing-body", p->implementing_body);
  lc_form_set_text (&self->form, "design-team", p->design_team);
  lc_form_set_text (&self->form, "content", p->content);
  lc_form_set_field_combo (&self->form, "path", LC_FIELD_PROJECT_PATH, p->path);
  lc_form_set_text (&self->form, "path-note", p->path_note);

  lc_form_set_text (&self->form, "start-date", p->start_date);
  lc_form_set_text (&self->form, "end-date", p->end_date);
  for (guint i = 0; p->milestones != NULL && i < p->milestones->len; i++)
    {
      const LcMilestone *m = g_ptr_array_index (p->milestones, i);

      lc_project_editor_add_milestone (self, m->title, m->date, m->done);
    }

  lc_form_set_text (&self->form, "latitude", lat);
  lc_form_set_text (&self->form, "longitude", lon);
  self->is_area = p->location_is_area;
  if (p->area != NULL)
    self->area = lc_geometry_copy (p->area);
  show_location (self);

  for (guint i = 0; i < self->needs->len; i++)
    {
      const LcNeed *need = g_ptr_array_index (self->needs, i);
      gboolean linked = FALSE;
      g_autofree char *title = NULL;

      for (guint j = 0; p->id != 0 && need->project_ids != NULL && j < need->project_ids->len; j++)
        linked |= g_array_index (need->project_ids, gint64, j) == p->id;
      title = g_markup_escape_text (need->description != NULL ? need->description : "", -1);
      g_ptr_array_add (self->need_checks,
                       lc_form_add_check (ADW_PREFERENCES_ROW (self->needs_row), title, linked));
    }

  lc_form_set_text (&self->form, "notes", p->notes);
  lc_stage_list_set_project (LC_STAGE_LIST (self->stages), self->plan, p->id);
  lc_attachment_list_set_owner (LC_ATTACHMENT_LIST (self->attachments), self->plan, "projects", p->id);
}

static void
lc_project_editor_finalize (GObject *object)
{
  LcProjectEditor *self = LC_PROJECT_EDITOR (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->project, lc_project_free);
  lc_form_clear (&self->form);
  g_clear_pointer (&self->service_checks, g_ptr_array_unref);
  g_clear_pointer (&self->needs, g_ptr_array_unref);
  g_clear_pointer (&self->need_checks, g_ptr_array_unref);
  g_clear_pointer (&self->milestone_rows, g_ptr_array_unref);
  g_clear_pointer (&self->area, lc_geometry_free);
  G_OBJECT_CLASS (lc_project_editor_parent_class)->finalize (object);
}

static void
lc_project_editor_class_init (LcProjectEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_project_editor_finalize;
  g_type_ensure (LC_TYPE_STAGE_LIST);
  g_type_ensure (LC_TYPE_ATTACHMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-project-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, basics);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, money);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, schedule);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, location);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, services_row);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, needs_row);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, add_milestone_row);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, stages);
  gtk_widget_class_bind_template_child (widget_class, LcProjectEditor, attachments);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.map-centre", NULL, lc_form_map_centre_action);
  gtk_widget_class_install_action (widget_class, "editor.pick-point", NULL, pick_action);
  gtk_widget_class_install_action (widget_class, "editor.draw-area", NULL, pick_action);
  gtk_widget_class_install_action (widget_class, "editor.add-milestone", NULL, add_milestone_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
lc_project_editor_init (LcProjectEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lc_form_init (&self->form, GTK_WIDGET (self));
  lc_form_add_error (&self->form, self->basics, "basics");
  lc_form_add_error (&self->form, self->money, "money");
  lc_form_add_error (&self->form, self->schedule, "schedule");
  lc_form_add_error (&self->form, self->location, "location");
  self->service_checks = g_ptr_array_new ();
  self->need_checks = g_ptr_array_new ();
  self->milestone_rows = g_ptr_array_new ();
}

/**
 * lc_project_editor_new:
 * @id: the project to edit, or 0 for a new one
 *
 * Returns: (transfer none) (nullable): a new editor, not yet shown; %NULL
 *   with @error set when the plan cannot be read
 */
LcProjectEditor *
lc_project_editor_new (GtkWindow  *parent,
                       LcPlan     *plan,
                       gint64      id,
                       LcMapView  *map_view,
                       GError    **error)
{
  LcProjectEditor *self;
  g_autoptr(LcProject) project = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  GError *local = NULL;

  project = id != 0 ? lc_plan_load_project (plan, id, &local) : NULL;
  if (local == NULL)
    needs = lc_plan_list_needs (plan, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  self = g_object_new (LC_TYPE_PROJECT_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  self->map_view = map_view;
  self->form.map_view = map_view;
  self->project = project != NULL ? g_steal_pointer (&project) : lc_project_new ();
  self->needs = g_steal_pointer (&needs);
  gtk_window_set_title (GTK_WINDOW (self), self->project->id != 0 ? _("Edit Project") : _("New Project"));
  fill_form (self);
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
  return lc_form_field (&self->form, name);
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
