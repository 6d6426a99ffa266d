/* lc-meeting-editor.c: the form of one resident meeting: every field, sign-in list, votes, ratings, attachments
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-meeting-editor"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-attachment.h"
#include "lc-attachment-list.h"
#include "lc-form.h"
#include "lc-map-view.h"
#include "lc-meeting-editor.h"
#include "lc-project.h"
#include "lc-rating-chart.h"
#include "lc-vote-chart.h"

/*
 * A modal window over the main one, like the project editor. Nothing is
 * written until Save, which writes the meeting, its links to projects, its
 * sign-in list, its voting options with their votes and drawings, its
 * ratings and its attachments as one undo step (lc_plan_begin_group());
 * Cancel writes nothing. What keeps the meeting from being saved is shown
 * under the group of the field at fault. The vote and rating groups show
 * for a 协调会 and a 评议会; their charts follow what is typed.
 */

typedef struct
{
  gint64     id;            /* 0 for an option added in the form */
  gint64     attachment_id; /* its drawing in the plan, or 0 */
  GFile     *drawing;       /* a drawing chosen in the form */
  gboolean   removed;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *description;
  GtkWidget *paper;
  GtkWidget *other;
  GtkWidget *drawing_button;
} Option;

typedef struct
{
  gint64     id;            /* 0 for a name added in the form */
  char      *name;
  char      *role;
  gboolean   removed;
  GtkWidget *row;
} Attendee;

struct _LcMeetingEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *basics;
  AdwPreferencesGroup *place_group;
  AdwPreferencesGroup *vote_group;
  AdwPreferencesGroup *rating_group;
  AdwPreferencesGroup *attendee_group;
  GtkWidget   *options_box;
  GtkWidget   *attendee_list;
  GtkWidget   *project_list;
  GtkWidget   *vote_chart;
  GtkWidget   *rating_chart;
  GtkWidget   *attachments;

  /* Owned */
  LcPlan      *plan;
  LcMeeting   *meeting;       /* as loaded, or a new one */
  LcForm       form;
  GPtrArray   *options;       /* Option */
  GPtrArray   *attendees;     /* Attendee */
  GArray      *project_ids;   /* gint64: linked in the form */
  GPtrArray   *projects;      /* LcProject, of the plan */
  char        *error_text;

  /* Borrowed */
  LcMapView   *map_view;      /* (nullable) */
};

G_DEFINE_FINAL_TYPE (LcMeetingEditor, lc_meeting_editor, ADW_TYPE_WINDOW)

static void
option_free (Option *o)
{
  g_clear_object (&o->drawing);
  g_free (o);
}

static void
attendee_free (Attendee *a)
{
  g_free (a->name);
  g_free (a->role);
  g_free (a);
}

/* Reads a count typed in an entry: @missing when empty; FALSE when it is
 * not a whole number from 0 to a million */
static gboolean
parse_count (GtkWidget *entry,
             gint64     missing,
             gint64    *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 n;

  *value = missing;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 1000000, &n, NULL))
    return FALSE;
  *value = n;
  return TRUE;
}

/* Puts a count into entry @name: empty for -1 */
static void
set_count (LcMeetingEditor *self,
           const char      *name,
           gint64           value)
{
  g_autofree char *text = value >= 0 ? g_strdup_printf ("%lld", (long long) value) : NULL;

  lc_form_set_text (&self->form, name, text);
}

/* Gives combo row @name its choices, by index */
static void
set_choices (LcMeetingEditor *self,
             const char      *name,
             GtkStringList   *strings,
             guint            selected)
{
  AdwComboRow *row = ADW_COMBO_ROW (lc_form_field (&self->form, name));

  adw_combo_row_set_model (row, G_LIST_MODEL (strings));
  adw_combo_row_set_selected (row, selected);
}

static LcMeetingType
selected_type (LcMeetingEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (lc_form_field (&self->form, "type")));

  return i <= LC_MEETING_OTHER ? (LcMeetingType) i : LC_MEETING_OTHER;
}

/* ---- the live charts ---- */

/* The options as the form has them, for the chart; @ok cleared when a count is not one */
static GPtrArray *
form_options (LcMeetingEditor *self,
              gboolean        *ok)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);

  for (guint i = 0; i < self->options->len; i++)
    {
      Option *o = g_ptr_array_index (self->options, i);
      LcVoteOption *v;
      g_autofree char *label = NULL;

      if (o->removed)
        continue;
      v = g_new0 (LcVoteOption, 1);
      label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (o->label))));
      /* Translators: %u numbers a voting option that has no label yet */
      v->label = *label != '\0' ? g_steal_pointer (&label) : g_strdup_printf (_("Option %u"), list->len + 1);
      v->description = NULL;
      v->id = o->id;
      if (!parse_count (o->paper, 0, &v->votes_paper) || !parse_count (o->other, 0, &v->votes_other))
        *ok = FALSE;
      g_ptr_array_add (list, v);
    }
  return list;
}

static void
update_charts (LcMeetingEditor *self)
{
  gboolean ok = TRUE;
  g_autoptr(GPtrArray) options = form_options (self, &ok);
  gint64 abstentions, counts[5];

  if (!parse_count (lc_form_field (&self->form, "abstentions"), 0, &abstentions))
    abstentions = 0;
  lc_vote_chart_set_options (LC_VOTE_CHART (self->vote_chart), options, abstentions);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("rating-%u", i + 1);

      if (!parse_count (lc_form_field (&self->form, name), 0, &counts[i]))
        counts[i] = 0;
    }
  lc_rating_chart_set_counts (LC_RATING_CHART (self->rating_chart), counts);
}

static void
update_type (LcMeetingEditor *self)
{
  LcMeetingType type = selected_type (self);

  gtk_widget_set_visible (GTK_WIDGET (self->vote_group), type == LC_MEETING_COORDINATION);
  gtk_widget_set_visible (GTK_WIDGET (self->rating_group), type == LC_MEETING_EVALUATION);
}

/* ---- voting options ---- */

static void
on_option_remove (GtkButton *button,
                  Option    *o)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));

  o->removed = TRUE;
  gtk_box_remove (GTK_BOX (self->options_box), o->box);
  update_charts (self);
}

static void
set_drawing_label (Option     *o,
                   const char *name)
{
  /* Translators: the button that chooses a voting option's drawing, then the drawing's file name */
  g_autofree char *text = name != NULL ? g_strdup_printf (_("Drawing: %s"), name) : g_strdup (_("Choose a Drawing…"));

  gtk_button_set_label (GTK_BUTTON (o->drawing_button), text);
}

static void
on_drawing_response (GtkNativeDialog *dialog,
                     int              response,
                     Option          *o)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *name = NULL;

      g_clear_object (&o->drawing);
      o->drawing = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      name = g_file_get_basename (o->drawing);
      set_drawing_label (o, name);
    }
  g_object_unref (dialog);
}

static void
on_drawing_clicked (GtkButton *button,
                    Option    *o)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *dialog;
  GtkFileFilter *images = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose the Option’s Drawing"), GTK_WINDOW (root),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (images, _("Images and PDF"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_filter_add_mime_type (images, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), images);
  g_object_unref (images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_drawing_response), o);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
option_entry (GtkWidget  *grid,
              const char *placeholder,
              const char *value,
              int         column,
              int         row,
              int         width)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_widget_set_tooltip_text (entry, placeholder);
  gtk_widget_set_hexpand (entry, width > 1);
  gtk_grid_attach (GTK_GRID (grid), entry, column, row, width, 1);
  return entry;
}

static void
caption (GtkWidget  *grid,
         const char *text,
         int         column,
         int         width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_start (label, column == 0 ? 8 : 0);
  gtk_grid_attach (GTK_GRID (grid), label, column, 0, width, 1);
}

static Option *
add_option_row (LcMeetingEditor    *self,
                const LcVoteOption *v)
{
  Option *o = g_new0 (Option, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *paper = v != NULL ? g_strdup_printf ("%lld", (long long) v->votes_paper) : NULL;
  g_autofree char *other = v != NULL ? g_strdup_printf ("%lld", (long long) v->votes_other) : NULL;

  o->id = v != NULL ? v->id : 0;
  o->attachment_id = v != NULL ? v->attachment_id : 0;
  o->box = grid;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "card");
  /* Captions over the entries, which stay readable once filled in */
  caption (grid, _("Option"), 0, 2);
  caption (grid, _("Paper ballots"), 2, 1);
  caption (grid, _("Other votes"), 3, 1);
  o->label = option_entry (grid, _("Option, such as “Scheme A”"), v != NULL ? v->label : NULL, 0, 1, 2);
  o->paper = option_entry (grid, _("Paper ballots"), paper, 2, 1, 1);
  o->other = option_entry (grid, _("Other votes"), other, 3, 1, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (o->paper), 8);
  gtk_editable_set_width_chars (GTK_EDITABLE (o->other), 8);
  o->description = option_entry (grid, _("Description"), v != NULL ? v->description : NULL, 0, 2, 3);
  o->drawing_button = gtk_button_new ();
  gtk_grid_attach (GTK_GRID (grid), o->drawing_button, 3, 2, 1, 1);
  gtk_widget_set_tooltip_text (remove, _("Remove the option"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the option"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_grid_attach (GTK_GRID (grid), remove, 4, 1, 1, 1);
  g_object_set (grid, "margin-top", 6, NULL);
  gtk_widget_set_margin_bottom (o->description, 8);
  gtk_widget_set_margin_bottom (o->drawing_button, 8);
  gtk_widget_set_margin_start (o->label, 8);
  gtk_widget_set_margin_start (o->description, 8);
  gtk_widget_set_margin_end (remove, 8);

  if (o->attachment_id > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcAttachment) a = lc_plan_load_attachment (self->plan, o->attachment_id, &error);

      set_drawing_label (o, a != NULL ? a->name : NULL);
      /* The drawing is there, but its name could not be read: say why */
      if (error != NULL)
        gtk_button_set_label (GTK_BUTTON (o->drawing_button), error->message);
    }
  else
    set_drawing_label (o, NULL);
  g_signal_connect (o->drawing_button, "clicked", G_CALLBACK (on_drawing_clicked), o);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_option_remove), o);
  g_signal_connect_swapped (o->paper, "changed", G_CALLBACK (update_charts), self);
  g_signal_connect_swapped (o->other, "changed", G_CALLBACK (update_charts), self);
  g_signal_connect_swapped (o->label, "changed", G_CALLBACK (update_charts), self);
  gtk_box_append (GTK_BOX (self->options_box), grid);
  g_ptr_array_add (self->options, o);
  return o;
}

static void
add_option_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  lc_meeting_editor_add_option (LC_MEETING_EDITOR (widget));
}

/* ---- the sign-in list ---- */

static void
on_attendee_remove (GtkButton *button,
                    Attendee  *a)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));

  a->removed = TRUE;
  gtk_list_box_remove (GTK_LIST_BOX (self->attendee_list), a->row);
  gtk_widget_set_visible (self->attendee_list, gtk_widget_get_first_child (self->attendee_list) != NULL);
}

static GtkWidget *
removable_row (GtkWidget  *list,
               const char *title,
               const char *subtitle,
               const char *tooltip,
               GCallback   callback,
               gpointer    data,
               GClosureNotify destroy)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *escaped_sub = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_sub);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_signal_connect_data (remove, "clicked", callback, data, destroy, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
append_attendee (LcMeetingEditor *self,
                 gint64           id,
                 const char      *name,
                 const char      *role)
{
  Attendee *a = g_new0 (Attendee, 1);

  a->id = id;
  a->name = g_strdup (name);
  a->role = g_strdup (role);
  a->row = removable_row (self->attendee_list, name, role, _("Remove from the sign-in list"),
                          G_CALLBACK (on_attendee_remove), a, NULL);
  gtk_widget_set_visible (self->attendee_list, TRUE);
  g_ptr_array_add (self->attendees, a);
}

static void
add_attendee_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (widget);
  g_autofree char *name = lc_form_dup_text (&self->form, "attendee-name");
  g_autofree char *role = lc_form_dup_text (&self->form, "attendee-role");
  g_autoptr(GString) text = g_string_new (NULL);

  if (name == NULL)
    g_string_append (text, _("Type the attendee’s name first."));
  else
    {
      lc_meeting_editor_add_attendee (self, name, role);
      gtk_editable_set_text (GTK_EDITABLE (lc_form_field (&self->form, "attendee-name")), "");
      gtk_editable_set_text (GTK_EDITABLE (lc_form_field (&self->form, "attendee-role")), "");
    }
  lc_form_set_error (&self->form, "attendees", text);
}

/* ---- linked projects ---- */

static const LcProject *
find_project (LcMeetingEditor *self,
              gint64           id)
{
  for (guint i = 0; i < self->projects->len; i++)
    if (((LcProject *) g_ptr_array_index (self->projects, i))->id == id)
      return g_ptr_array_index (self->projects, i);
  return NULL;
}

static void refresh_projects (LcMeetingEditor *self);

static void
on_project_remove (GtkButton *button,
                   gpointer   data)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (gtk_widget_get_root (GTK_WIDGET (button)));
  gint64 id = *(gint64 *) data;

  for (guint i = 0; i < self->project_ids->len; i++)
    if (g_array_index (self->project_ids, gint64, i) == id)
      {
        g_array_remove_index (self->project_ids, i);
        break;
      }
  refresh_projects (self);
}

static void
refresh_projects (LcMeetingEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->project_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->project_list), child);
  for (guint i = 0; i < self->project_ids->len; i++)
    {
      gint64 *id = &g_array_index (self->project_ids, gint64, i);
      const LcProject *p = find_project (self, *id);
      g_autofree char *subtitle = NULL;

      if (p == NULL)
        continue;
      subtitle = g_strdup (lc_project_status_get_name (p->status));
      removable_row (self->project_list, p->name, subtitle, _("Unlink the project"),
                     G_CALLBACK (on_project_remove), g_memdup2 (id, sizeof *id), (GClosureNotify) g_free);
    }
  gtk_widget_set_visible (self->project_list, self->project_ids->len > 0);
}

static void
link_project_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (widget);
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (lc_form_field (&self->form, "project")));

  if (i != GTK_INVALID_LIST_POSITION && i < self->projects->len)
    lc_meeting_editor_link_project (self, ((LcProject *) g_ptr_array_index (self->projects, i))->id);
}

/* ---- reading and saving ---- */

/* The meeting as the form has it; FALSE, with the problems shown under
 * their groups, when it cannot be saved */
static gboolean
read_form (LcMeetingEditor *self,
           LcMeeting       *m,
           gint64           counts[5])
{
  g_autoptr(GString) basics = g_string_new (NULL);
  g_autoptr(GString) place = g_string_new (NULL);
  g_autoptr(GString) vote = g_string_new (NULL);
  g_autoptr(GString) ratings = g_string_new (NULL);
  g_autofree char *date = lc_form_dup_text (&self->form, "date");
  g_autofree char *time = lc_form_dup_text (&self->form, "time");
  g_autofree char *lat = lc_form_dup_text (&self->form, "latitude");
  g_autofree char *lon = lc_form_dup_text (&self->form, "longitude");
  guint organiser = adw_combo_row_get_selected (ADW_COMBO_ROW (lc_form_field (&self->form, "organiser")));
  gboolean ok = TRUE;
  g_autoptr(GError) error = NULL;

  m->type = selected_type (self);
  m->date_time = time != NULL ? g_strdup_printf ("%sT%s", date != NULL ? date : "", time) : g_strdup (date);
  if (date == NULL)
    g_string_append_printf (basics, "%s\n", _("Give the meeting’s date, as YYYY-MM-DD."));
  else if (strlen (date) != 10 || !lc_meeting_date_valid (date))
    g_string_append_printf (basics, "%s\n", _("The date is not a day of the calendar written as YYYY-MM-DD, such as 2025-10-12."));
  else if (time != NULL && !lc_meeting_date_valid (m->date_time))
    g_string_append_printf (basics, "%s\n", _("The time is not a time of day written as HH:MM, such as 14:30."));
  m->organiser = organiser <= LC_ORGANISER_OTHER ? (LcOrganiser) organiser : LC_ORGANISER_NONE;
  m->organiser_note = lc_form_dup_text (&self->form, "organiser-note");
  m->chair = lc_form_dup_text (&self->form, "chair");
  if (!parse_count (lc_form_field (&self->form, "attendance"), -1, &m->attendance))
    g_string_append_printf (basics, "%s\n", _("The attendance must be a whole number of people, zero or more."));
  m->place = lc_form_dup_text (&self->form, "place");
  if (lat != NULL || lon != NULL)
    {
      if (lat == NULL || lon == NULL || !lc_form_parse_number (lat, &m->latitude) ||
          !lc_form_parse_number (lon, &m->longitude) || !(fabs (m->latitude) <= 90) || !(fabs (m->longitude) <= 180))
        g_string_append_printf (place, "%s\n", _("Give both latitude and longitude as numbers in degrees, or neither."));
    }
  m->agenda = lc_form_dup_text (&self->form, "agenda");
  m->minutes = lc_form_dup_text (&self->form, "minutes");
  m->decisions = lc_form_dup_text (&self->form, "decisions");
  m->feedback = m->type == LC_MEETING_EVALUATION ? lc_form_dup_text (&self->form, "feedback")
                                                  : g_strdup (self->meeting->feedback);

  if (m->type == LC_MEETING_COORDINATION)
    {
      gboolean counts_ok = TRUE;
      g_autoptr(GPtrArray) unused = form_options (self, &counts_ok);

      if (!counts_ok)
        g_string_append_printf (vote, "%s\n", _("Votes must be whole numbers of ballots, zero or more."));
      for (guint i = 0; i < self->options->len; i++)
        {
          Option *o = g_ptr_array_index (self->options, i);
          g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (o->label))));

          if (!o->removed && *label == '\0')
            {
              g_string_append_printf (vote, "%s\n", _("Every option needs a label, such as “Scheme A”."));
              break;
            }
        }
      if (!parse_count (lc_form_field (&self->form, "abstentions"), -1, &m->abstentions))
        g_string_append_printf (vote, "%s\n", _("The abstentions must be a whole number of ballots, zero or more."));
    }
  else
    m->abstentions = self->meeting->abstentions;
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("rating-%u", i + 1);

      if (!parse_count (lc_form_field (&self->form, name), 0, &counts[i]) && ratings->len == 0)
        g_string_append_printf (ratings, "%s\n", _("Each rating level needs a whole number of residents, zero or more."));
    }
  if (m->type != LC_MEETING_EVALUATION)
    g_string_truncate (ratings, 0);

  if (basics->len == 0 && place->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_meeting_check (m);

      lc_form_append_problems (basics, problems);
    }
  ok = basics->len == 0 && place->len == 0 && vote->len == 0 && ratings->len == 0;
  g_free (self->error_text);
  self->error_text = g_strconcat (basics->str, place->str, vote->str, ratings->str, NULL);
  lc_form_set_error (&self->form, "basics", basics);
  lc_form_set_error (&self->form, "place", place);
  lc_form_set_error (&self->form, "vote", vote);
  lc_form_set_error (&self->form, "ratings", ratings);
  return ok;
}

static gboolean
write_links (LcMeetingEditor *self,
             gint64           id,
             GError         **error)
{
  GArray *before = self->meeting->project_ids;

  for (guint i = 0; i < before->len; i++)
    {
      gint64 project = g_array_index (before, gint64, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < self->project_ids->len; j++)
        kept |= g_array_index (self->project_ids, gint64, j) == project;
      if (!kept && !lc_plan_unlink_meeting_project (self->plan, id, project, error))
        return FALSE;
    }
  for (guint j = 0; j < self->project_ids->len; j++)
    if (!lc_plan_link_meeting_project (self->plan, id, g_array_index (self->project_ids, gint64, j), error))
      return FALSE;
  return TRUE;
}

static gboolean
write_attendees (LcMeetingEditor *self,
                 gint64           id,
                 GError         **error)
{
  for (guint i = 0; i < self->attendees->len; i++)
    {
      Attendee *a = g_ptr_array_index (self->attendees, i);

      if (a->removed && a->id != 0 && !lc_plan_delete_meeting_attendee (self->plan, a->id, error))
        return FALSE;
      if (!a->removed && a->id == 0 && lc_plan_add_meeting_attendee (self->plan, id, a->name, a->role, error) < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_options (LcMeetingEditor *self,
               gint64           id,
               GError         **error)
{
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *o = g_ptr_array_index (self->options, i);
      g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (o->label))));
      g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (o->description))));
      gint64 paper, other;

      if (o->removed)
        {
          if (o->id != 0 && !lc_plan_delete_vote_option (self->plan, o->id, error))
            return FALSE;
          continue;
        }
      parse_count (o->paper, 0, &paper);
      parse_count (o->other, 0, &other);
      if (o->id == 0 && (o->id = lc_plan_add_vote_option (self->plan, id, label, description, 0, error)) < 0)
        {
          o->id = 0;
          return FALSE;
        }
      if (o->drawing != NULL)
        {
          gint64 drawing = lc_plan_add_attachment_file (self->plan, o->drawing, "vote_options", o->id, NULL, NULL, error);

          if (drawing < 0)
            return FALSE;
          o->attachment_id = drawing;
        }
      if (!lc_plan_update_vote_option (self->plan, o->id, label, *description != '\0' ? description : NULL,
                                       o->attachment_id, error) ||
          !lc_plan_set_vote_counts (self->plan, o->id, paper, other, error))
        return FALSE;
    }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  lc_meeting_editor_save (LC_MEETING_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* ---- the form ---- */

/* The meeting's values, and what was read from the plan with it: choices,
 * voting options, ratings, sign-in list, linked projects, attachments */
static void
fill_form (LcMeetingEditor *self,
           GPtrArray       *options,
           const gint64     counts[5],
           GPtrArray       *attendees)
{
  const LcMeeting *m = self->meeting;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) organisers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) projects = gtk_string_list_new (NULL);
  g_autofree char *date = m->date_time != NULL ? g_strndup (m->date_time, 10) : NULL;
  g_autofree char *time = m->date_time != NULL && strlen (m->date_time) >= 16 ? g_strndup (m->date_time + 11, 5) : NULL;
  g_autofree char *lat = !isnan (m->latitude) ? g_strdup_printf ("%.6f", m->latitude) : NULL;
  g_autofree char *lon = !isnan (m->longitude) ? g_strdup_printf ("%.6f", m->longitude) : NULL;

  for (LcMeetingType t = 0; t <= LC_MEETING_OTHER; t++)
    gtk_string_list_append (types, lc_meeting_type_get_name (t));
  set_choices (self, "type", types, m->type);
  lc_form_set_text (&self->form, "date", date);
  lc_form_set_text (&self->form, "time", time);
  gtk_string_list_append (organisers, _("Not Set"));
  for (LcOrganiser o = LC_ORGANISER_RESIDENTS_COMMITTEE; o <= LC_ORGANISER_OTHER; o++)
    gtk_string_list_append (organisers, lc_organiser_get_name (o));
  set_choices (self, "organiser", organisers, m->organiser);
  lc_form_set_text (&self->form, "organiser-note", m->organiser_note);
  lc_form_set_text (&self->form, "chair", m->chair);
  set_count (self, "attendance", m->attendance);

  lc_form_set_text (&self->form, "place", m->place);
  lc_form_set_text (&self->form, "latitude", lat);
  lc_form_set_text (&self->form, "longitude", lon);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.map-centre", self->map_view != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.pick-point", self->map_view != NULL);

  lc_form_set_text (&self->form, "agenda", m->agenda);
  lc_form_set_text (&self->form, "minutes", m->minutes);
  lc_form_set_text (&self->form, "decisions", m->decisions);

  for (guint i = 0; i < options->len; i++)
    add_option_row (self, g_ptr_array_index (options, i));
  set_count (self, "abstentions", m->abstentions);

  for (int level = 5; level >= 1; level--)
    {
      g_autofree char *name = g_strdup_printf ("rating-%d", level);
      g_autofree char *title = g_strdup_printf ("%d · %s", level, lc_rating_level_name (level));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lc_form_field (&self->form, name)), title);
      set_count (self, name, counts[level - 1]);
    }
  lc_form_set_text (&self->form, "feedback", m->feedback);

  for (guint i = 0; i < attendees->len; i++)
    {
      const LcMeetingAttendee *a = g_ptr_array_index (attendees, i);

      append_attendee (self, a->id, a->name, a->role);
    }

  for (guint i = 0; i < self->projects->len; i++)
    gtk_string_list_append (projects, ((LcProject *) g_ptr_array_index (self->projects, i))->name);
  set_choices (self, "project", projects, 0);
  g_array_append_vals (self->project_ids, m->project_ids->data, m->project_ids->len);
  refresh_projects (self);

  lc_attachment_list_set_owner (LC_ATTACHMENT_LIST (self->attachments), self->plan, "meetings", m->id);

  update_type (self);
  update_charts (self);
}

static void
lc_meeting_editor_finalize (GObject *object)
{
  LcMeetingEditor *self = LC_MEETING_EDITOR (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->meeting, lc_meeting_free);
  lc_form_clear (&self->form);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->attendees, g_ptr_array_unref);
  g_clear_pointer (&self->project_ids, g_array_unref);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_free (self->error_text);
  G_OBJECT_CLASS (lc_meeting_editor_parent_class)->finalize (object);
}

static void
lc_meeting_editor_class_init (LcMeetingEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_meeting_editor_finalize;
  g_type_ensure (LC_TYPE_ATTACHMENT_LIST);
  g_type_ensure (LC_TYPE_VOTE_CHART);
  g_type_ensure (LC_TYPE_RATING_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, basics);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, place_group);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, vote_group);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, rating_group);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, attendee_group);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, options_box);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, attendee_list);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, project_list);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, vote_chart);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, rating_chart);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingEditor, attachments);
  gtk_widget_class_bind_template_callback (widget_class, update_type);
  gtk_widget_class_bind_template_callback (widget_class, update_charts);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.map-centre", NULL, lc_form_map_centre_action);
  gtk_widget_class_install_action (widget_class, "editor.pick-point", NULL, lc_form_pick_point_action);
  gtk_widget_class_install_action (widget_class, "editor.add-option", NULL, add_option_action);
  gtk_widget_class_install_action (widget_class, "editor.add-attendee", NULL, add_attendee_action);
  gtk_widget_class_install_action (widget_class, "editor.link-project", NULL, link_project_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
lc_meeting_editor_init (LcMeetingEditor *self)
{
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  self->attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) attendee_free);
  self->project_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  lc_form_init (&self->form, GTK_WIDGET (self));
  lc_form_add_error (&self->form, self->basics, "basics");
  lc_form_add_error (&self->form, self->place_group, "place");
  lc_form_add_error (&self->form, self->vote_group, "vote");
  lc_form_add_error (&self->form, self->rating_group, "ratings");
  lc_form_add_error (&self->form, self->attendee_group, "attendees");
}

/**
 * lc_meeting_editor_new:
 * @id: the meeting to edit, or 0 for a new one
 * @type: the type of a new meeting
 *
 * Returns: (transfer none) (nullable): a new editor, not yet shown; %NULL
 *   with @error set when the plan cannot be read
 */
LcMeetingEditor *
lc_meeting_editor_new (GtkWindow      *parent,
                       LcPlan         *plan,
                       gint64          id,
                       LcMeetingType   type,
                       LcMapView      *map_view,
                       GError        **error)
{
  LcMeetingEditor *self;
  g_autoptr(LcMeeting) meeting = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 counts[5] = { 0 };
  GError *local = NULL;

  /* Everything the form shows is read first: a plan that cannot be read
   * opens no editor */
  meeting = id != 0 ? lc_plan_load_meeting (plan, id, &local) : NULL;
  if (local == NULL)
    projects = lc_plan_list_projects (plan, NULL, &local);
  if (local == NULL && meeting != NULL &&
      (options = lc_plan_list_vote_options (plan, meeting->id, &local)) != NULL &&
      lc_plan_get_meeting_ratings (plan, meeting->id, counts, &local))
    attendees = lc_plan_list_meeting_attendees (plan, meeting->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (meeting == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      meeting = lc_meeting_new (type, today);
      options = g_ptr_array_new ();
      attendees = g_ptr_array_new ();
    }

  self = g_object_new (LC_TYPE_MEETING_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  self->map_view = map_view;
  self->form.map_view = map_view;
  self->meeting = g_steal_pointer (&meeting);
  self->projects = g_steal_pointer (&projects);
  gtk_window_set_title (GTK_WINDOW (self), self->meeting->id != 0 ? _("Edit Meeting") : _("New Meeting"));
  fill_form (self, options, counts, attendees);
  return self;
}

/**
 * lc_meeting_editor_save:
 *
 * Writes the form as one undo step and closes the editor; or shows what
 * keeps it from being saved and writes nothing.
 *
 * Returns: whether the meeting was saved
 */
gboolean
lc_meeting_editor_save (LcMeetingEditor *self)
{
  g_autoptr(LcMeeting) m = lc_meeting_new (LC_MEETING_OTHER, NULL);
  g_autoptr(GError) error = NULL;
  gint64 counts[5];
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), FALSE);

  m->id = self->meeting->id;
  if (!read_form (self, m, counts))
    return FALSE;
  /* Translators: undo labels */
  if (!lc_plan_begin_group (self->plan, m->id == 0 ? _("Add Meeting") : _("Edit Meeting"), &error))
    ok = FALSE;
  else
    {
      id = m->id == 0 ? lc_plan_add_meeting (self->plan, m, &error) : (lc_plan_update_meeting (self->plan, m, &error) ? m->id : -1);
      ok = id > 0 &&
           write_links (self, id, &error) &&
           write_attendees (self, id, &error) &&
           (m->type != LC_MEETING_COORDINATION || write_options (self, id, &error)) &&
           (m->type != LC_MEETING_EVALUATION || lc_plan_set_meeting_ratings (self->plan, id, counts, &error)) &&
           lc_attachment_list_apply (LC_ATTACHMENT_LIST (self->attachments), id, &error);
      ok = lc_plan_end_group (self->plan, ok, ok ? &error : NULL) && ok;
      if (ok)
        self->meeting->id = id;
    }
  if (!ok)
    {
      g_autoptr(GString) text = g_string_new (error != NULL ? error->message : "");

      g_free (self->error_text);
      self->error_text = g_strdup (text->str);
      lc_form_set_error (&self->form, "basics", text);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/**
 * lc_meeting_editor_get_field:
 * @name: "type", "date", "time", "place", "latitude", "longitude",
 *   "organiser", "organiser-note", "chair", "attendance", "agenda",
 *   "minutes", "decisions", "abstentions", "rating-1" … "rating-5",
 *   "feedback", "attendee-name", "attendee-role", "project"
 *
 * Returns: (transfer none) (nullable): the widget of a field: an entry or
 *   combo row, or a text view
 */
GtkWidget *
lc_meeting_editor_get_field (LcMeetingEditor *self,
                             const char      *name)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  return lc_form_field (&self->form, name);
}

/**
 * lc_meeting_editor_add_option:
 *
 * Returns: the index of a new, empty voting option
 */
guint
lc_meeting_editor_add_option (LcMeetingEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), 0);

  for (guint i = 0; i < self->options->len; i++)
    n += !((Option *) g_ptr_array_index (self->options, i))->removed;
  gtk_widget_grab_focus (add_option_row (self, NULL)->label);
  update_charts (self);
  return n;
}

/**
 * lc_meeting_editor_get_option_field:
 * @index: of the options shown
 * @name: "label", "description", "paper" or "other"
 *
 * Returns: (transfer none) (nullable): the entry
 */
GtkWidget *
lc_meeting_editor_get_option_field (LcMeetingEditor *self,
                                    guint            index,
                                    const char      *name)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  for (guint i = 0, shown = 0; i < self->options->len; i++)
    {
      Option *o = g_ptr_array_index (self->options, i);

      if (o->removed || shown++ != index)
        continue;
      return g_str_equal (name, "label") ? o->label : g_str_equal (name, "description") ? o->description
             : g_str_equal (name, "paper") ? o->paper : g_str_equal (name, "other") ? o->other : NULL;
    }
  return NULL;
}

void
lc_meeting_editor_add_attendee (LcMeetingEditor *self,
                                const char      *name,
                                const char      *role)
{
  g_return_if_fail (LC_IS_MEETING_EDITOR (self));

  append_attendee (self, 0, name, role != NULL && *role != '\0' ? role : NULL);
}

/**
 * lc_meeting_editor_link_project:
 *
 * Returns: whether the project is of the plan, and now linked in the form
 */
gboolean
lc_meeting_editor_link_project (LcMeetingEditor *self,
                                gint64           project_id)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), FALSE);

  if (find_project (self, project_id) == NULL)
    return FALSE;
  for (guint i = 0; i < self->project_ids->len; i++)
    if (g_array_index (self->project_ids, gint64, i) == project_id)
      return TRUE;
  g_array_append_val (self->project_ids, project_id);
  refresh_projects (self);
  return TRUE;
}

LcAttachmentList *
lc_meeting_editor_get_attachments (LcMeetingEditor *self)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  return LC_ATTACHMENT_LIST (self->attachments);
}

LcVoteChart *
lc_meeting_editor_get_vote_chart (LcMeetingEditor *self)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  return LC_VOTE_CHART (self->vote_chart);
}

LcRatingChart *
lc_meeting_editor_get_rating_chart (LcMeetingEditor *self)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  return LC_RATING_CHART (self->rating_chart);
}

/**
 * lc_meeting_editor_get_errors:
 *
 * Returns: (nullable): what kept the last save from writing, as shown
 */
const char *
lc_meeting_editor_get_errors (LcMeetingEditor *self)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), NULL);

  return self->error_text != NULL && *self->error_text != '\0' ? self->error_text : NULL;
}

/**
 * lc_meeting_editor_get_id:
 *
 * Returns: the meeting's id: 0 for a new meeting until it is saved
 */
gint64
lc_meeting_editor_get_id (LcMeetingEditor *self)
{
  g_return_val_if_fail (LC_IS_MEETING_EDITOR (self), 0);

  return self->meeting->id;
}
