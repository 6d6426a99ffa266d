/* lc-meetings-page.c: the 一图三会 meeting log: a timeline of meetings and the projects missing one
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-meetings-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-form.h"
#include "lc-meeting-editor.h"
#include "lc-meeting-export.h"
#include "lc-meetings-page.h"
#include "lc-project.h"
#include "lc-rating-chart.h"
#include "lc-vote-chart.h"

/*
 * The meetings of the plan, newest first, under a header for each month;
 * the type and project filters reload them from the plan (lc_plan_list_meetings).
 * Beside them, the projects whose 三会 is incomplete
 * (lc_project_meetings_missing), each activating "project-activated" so
 * the window shows the project. The page follows the plan's "changed"
 * signal, so undo and redo show at once.
 */

struct _LcMeetingsPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkDropDown *type_dropdown;
  GtkDropDown *project_dropdown;
  GtkStack    *list_stack;
  AdwStatusPage *failed_status;
  GtkListBox  *list;
  GtkListBox  *missing_list;
  GtkLabel    *missing_summary;
  GtkLabel    *count_label;

  /* Owned */
  LcPlan      *plan;
  GArray      *project_ids;   /* gint64: the project drop-down's entries after "All" */
  GArray      *shown;         /* gint64: the meetings listed, in order */
  GArray      *missing;       /* gint64: the projects listed as missing a meeting */
  gboolean     updating;

  /* Borrowed */
  LcMapView   *map_view;
};

G_DEFINE_FINAL_TYPE (LcMeetingsPage, lc_meetings_page, GTK_TYPE_WIDGET)

enum
{
  PROJECT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows ---- */

static char *
meeting_month (const LcMeeting *m)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (m->date_time == NULL || strlen (m->date_time) < 7)
    return g_strdup (_("Undated"));
  dt = g_date_time_new (utc, g_ascii_strtoll (m->date_time, NULL, 10), g_ascii_strtoll (m->date_time + 5, NULL, 10), 1, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (_("Undated"));
  /* Translators: the heading of a month in the meeting log, a g_date_time_format() format; "%Y年%-m月" in Chinese */
  return g_date_time_format (dt, _("%B %Y"));
}

/* The names of the projects @m discussed; %NULL with @error set when the
 * plan cannot be read */
static char *
project_names (LcMeetingsPage   *self,
               const LcMeeting  *m,
               GError          **error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < m->project_ids->len; i++)
    {
      gint64 id = g_array_index (m->project_ids, gint64, i);
      GError *local = NULL;
      g_autoptr(LcProject) p = lc_plan_load_project (self->plan, id, &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (p != NULL)
        g_string_append_printf (s, "%s%s", s->len > 0 ? "、" : "", p->name);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The result of a 协调会 or 评议会 in a sentence, in @result; NULL for
 * other meetings. %FALSE with @error set when the plan cannot be read. */
static gboolean
meeting_result (LcMeetingsPage   *self,
                const LcMeeting  *m,
                char            **result,
                GError          **error)
{
  *result = NULL;
  if (m->type == LC_MEETING_COORDINATION)
    {
      g_autoptr(GPtrArray) options = lc_plan_list_vote_options (self->plan, m->id, error);
      g_autoptr(LcVoteResult) r = NULL;

      if (options == NULL)
        return FALSE;
      if (options->len == 0)
        return TRUE;
      r = lc_vote_result_new (options, m->abstentions);
      *result = lc_vote_result_describe (options, r);
    }
  else if (m->type == LC_MEETING_EVALUATION)
    {
      gint64 counts[5];
      LcRatingSummary s;

      if (!lc_plan_get_meeting_ratings (self->plan, m->id, counts, error))
        return FALSE;
      lc_rating_summary_compute (counts, &s);
      *result = lc_rating_summary_describe (&s);
    }
  return TRUE;
}

static GtkWidget *
line_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The row of @m in the log; %NULL with @error set when what it shows of
 * the plan cannot be read */
static GtkWidget *
meeting_row (LcMeetingsPage   *self,
             const LcMeeting  *m,
             GError          **error)
{
  GtkWidget *row, *box, *lines, *tag;
  g_autofree char *when = g_strdelimit (g_strdup (m->date_time != NULL ? m->date_time : ""), "T", ' ');
  g_autoptr(GString) first = g_string_new (when);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autofree char *projects = project_names (self, m, error);
  g_autofree char *result = NULL;

  if (projects == NULL || !meeting_result (self, m, &result, error))
    return NULL;
  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  tag = gtk_label_new (lc_meeting_type_get_name (m->type));
  gtk_widget_add_css_class (tag, "lc-meeting-tag");
  gtk_widget_add_css_class (tag, lc_meeting_type_to_key (m->type));
  gtk_widget_set_valign (tag, GTK_ALIGN_START);
  gtk_widget_set_size_request (tag, 84, -1);
  if (m->place != NULL)
    g_string_append_printf (first, " · %s", m->place);
  if (m->organiser != LC_ORGANISER_NONE)
    g_string_append (second, m->organiser == LC_ORGANISER_OTHER && m->organiser_note != NULL
                             ? m->organiser_note : lc_organiser_get_name (m->organiser));
  if (m->chair != NULL)
    {
      /* Translators: %s is who chaired a meeting */
      g_autofree char *text = g_strdup_printf (_("chaired by %s"), m->chair);

      g_string_append_printf (second, "%s%s", second->len > 0 ? " · " : "", text);
    }
  if (m->attendance >= 0)
    {
      /* Translators: how many people attended a meeting */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld attendee", "%lld attendees", m->attendance),
                                               (long long) m->attendance);

      g_string_append_printf (second, "%s%s", second->len > 0 ? " · " : "", text);
    }

  gtk_box_append (GTK_BOX (lines), line_label (first->str, "heading"));
  if (second->len > 0)
    gtk_box_append (GTK_BOX (lines), line_label (second->str, "dim-label"));
  if (*projects != '\0')
    {
      /* Translators: %s lists the projects a meeting discussed */
      g_autofree char *text = g_strdup_printf (_("Projects: %s"), projects);

      gtk_box_append (GTK_BOX (lines), line_label (text, NULL));
    }
  if (result != NULL)
    gtk_box_append (GTK_BOX (lines), line_label (result, "accent"));
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_box_append (GTK_BOX (box), lines);
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "lc-month", meeting_month (m), g_free);
  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *month = g_object_get_data (G_OBJECT (row), "lc-month");
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (month, g_object_get_data (G_OBJECT (before), "lc-month")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (month);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "title-4");
  g_object_set (header, "margin-start", 6, "margin-top", 18, "margin-bottom", 6, NULL);
  gtk_list_box_row_set_header (row, header);
}

/* ---- loading ---- */

static gint64
selected_id (LcMeetingsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row != NULL ? g_array_index (self->shown, gint64, gtk_list_box_row_get_index (row)) : 0;
}

static void
update_actions (LcMeetingsPage *self)
{
  gboolean selected = selected_id (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.new", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.export-minutes", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.export-summary", self->plan != NULL);
}

static void
update_projects (LcMeetingsPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = self->plan != NULL ? lc_plan_list_projects (self->plan, NULL, &error) : NULL;
  guint selected = gtk_drop_down_get_selected (self->project_dropdown);
  gint64 selected_project = selected > 0 && selected != GTK_INVALID_LIST_POSITION && selected - 1 < self->project_ids->len
                            ? g_array_index (self->project_ids, gint64, selected - 1) : 0;
  guint new_selected = 0;

  /* Without them the filter offers all projects only; the log says why */
  if (error != NULL)
    g_warning ("%s", error->message);
  g_array_set_size (self->project_ids, 0);
  gtk_string_list_append (strings, _("All Projects"));
  for (guint i = 0; projects != NULL && i < projects->len; i++)
    {
      const LcProject *p = g_ptr_array_index (projects, i);

      g_array_append_val (self->project_ids, p->id);
      gtk_string_list_append (strings, p->name);
      if (p->id == selected_project)
        new_selected = i + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->project_dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->project_dropdown, new_selected);
  self->updating = FALSE;
}

static void
on_missing_activated (LcMeetingsPage *self,
                      GtkListBoxRow  *row)
{
  lc_meetings_page_activate_missing (self, gtk_list_box_row_get_index (row));
}

static void
reload_missing (LcMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = self->plan != NULL ? lc_plan_list_project_meetings (self->plan, &error) : NULL;
  g_autoptr(GPtrArray) missing = all != NULL ? lc_project_meetings_missing (all) : NULL;
  GtkWidget *child;
  g_autofree char *summary = NULL;
  guint n = missing != NULL ? missing->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->missing_list))) != NULL)
    gtk_list_box_remove (self->missing_list, child);
  g_array_set_size (self->missing, 0);
  for (guint i = 0; i < n; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (missing, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_markup_escape_text (pm->name != NULL ? pm->name : "", -1);
      g_autofree char *subtitle = NULL;

      for (LcStage stage = 0; stage < LC_N_STAGES; stage++)
        {
          const LcStageStatus *s = &pm->stages[stage];

          if (s->state != LC_STAGE_MISSING && s->state != LC_STAGE_OUT_OF_ORDER)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* Translators: a meeting of the three and its state, such as "Consultation meeting: Missing" */
          g_string_append_printf (text, _("%s: %s"), lc_stage_get_name (stage), lc_stage_state_get_name (s->state));
          if (s->note != NULL)
            g_string_append_printf (text, " — %s", s->note);
        }
      subtitle = g_markup_escape_text (text->str, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show the project"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->missing_list, row);
      g_array_append_val (self->missing, pm->project_id);
    }
  if (self->plan == NULL)
    summary = g_strdup ("");
  else if (error != NULL)
    summary = g_strdup (error->message);
  else if (n == 0)
    summary = g_strdup (_("Every project has held the meetings its stage needs, in order."));
  else
    /* Translators: how many projects lack one of their three meetings */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u project lacks a meeting or held one out of order.",
                                            "%u projects lack a meeting or held one out of order.", n), n);
  lc_set_count_label (self->missing_summary, summary, error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_list), n > 0);
}

static void
reload (LcMeetingsPage *self)
{
  g_autoptr(GPtrArray) meetings = NULL;
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint project = gtk_drop_down_get_selected (self->project_dropdown);
  gint64 project_id = 0;
  gint64 keep = selected_id (self);
  GtkWidget *child;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->shown, 0);
  if (project > 0 && project != GTK_INVALID_LIST_POSITION && project - 1 < self->project_ids->len)
    project_id = g_array_index (self->project_ids, gint64, project - 1);
  meetings = self->plan != NULL
             ? lc_plan_list_meetings (self->plan,
                                      type > 0 && type <= LC_MEETING_OTHER + 1 ? (int) type - 1 : LC_MEETING_TYPE_ANY,
                                      project_id, &error)
             : g_ptr_array_new ();
  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      const LcMeeting *m = g_ptr_array_index (meetings, i);
      GtkWidget *row = meeting_row (self, m, &error);

      if (row == NULL)
        break;
      gtk_list_box_append (self->list, row);
      g_array_append_val (self->shown, m->id);
    }
  if (error != NULL)
    {
      /* No part of the log rather than some of it, and why */
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
        gtk_list_box_remove (self->list, child);
      g_array_set_size (self->shown, 0);
      adw_status_page_set_description (self->failed_status, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "failed");
      gtk_label_set_text (self->count_label, "");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->list_stack, meetings->len > 0 ? "list" : "empty");
      /* Translators: the number of meetings the log shows */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u meeting", "%u meetings", meetings->len),
                               meetings->len);
      gtk_label_set_text (self->count_label, count);
    }
  if (keep != 0)
    lc_meetings_page_select (self, keep);
  reload_missing (self);
  update_actions (self);
}

static void
on_filter_changed (LcMeetingsPage *self)
{
  if (!self->updating)
    reload (self);
}

static void
on_plan_changed (LcMeetingsPage *self,
                 LcPlanChange    change)
{
  if (change & LC_PLAN_CHANGE_PROJECTS)
    update_projects (self);
  if (change & (LC_PLAN_CHANGE_MEETINGS | LC_PLAN_CHANGE_PROJECTS))
    reload (self);
}

/* ---- actions ---- */

static void
open_editor (LcMeetingsPage *self,
             gint64          id,
             LcMeetingType   type)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  LcMeetingEditor *editor = lc_meeting_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->plan, id, type, self->map_view, &error);

  if (editor == NULL)
    lc_show_error (GTK_WIDGET (self), _("The Meeting Could Not Be Opened"), error->message);
  else
    gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  LcMeetingsPage *self = LC_MEETINGS_PAGE (widget);
  LcMeetingType type = LC_MEETING_OTHER;

  if (self->plan == NULL)
    return;
  if (param != NULL)
    lc_meeting_type_from_key (g_variant_get_string (param, NULL), &type);
  open_editor (self, 0, type);
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcMeetingsPage *self = LC_MEETINGS_PAGE (widget);
  gint64 id = selected_id (self);

  if (id != 0)
    open_editor (self, id, LC_MEETING_OTHER);
}

static void
on_row_activated (LcMeetingsPage *self,
                  GtkListBoxRow  *row)
{
  open_editor (self, g_array_index (self->shown, gint64, gtk_list_box_row_get_index (row)), LC_MEETING_OTHER);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LcMeetingsPage *self = LC_MEETINGS_PAGE (widget);
  gint64 id = selected_id (self);
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  if (!lc_plan_delete_meeting (self->plan, id, &error))
    {
      lc_show_error (GTK_WIDGET (self), _("The Meeting Could Not Be Deleted"), error->message);
      return;
    }
  lc_add_undo_toast (GTK_WIDGET (self), _("Meeting deleted"));
}

typedef enum
{
  EXPORT_MINUTES,
  EXPORT_SUMMARY_PDF,
  EXPORT_SUMMARY_CSV,
} ExportKind;

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  LcMeetingsPage *self = user_data;
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "lc-export"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "lc-meeting")) ;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      gboolean ok;

      if (kind == EXPORT_MINUTES)
        ok = lc_meeting_export_minutes (self->plan, id, path, &error);
      else if (kind == EXPORT_SUMMARY_PDF)
        ok = lc_meetings_export_summary (self->plan, path, &error);
      else
        {
          g_autofree char *csv = lc_meetings_summary_csv (self->plan, &error);

          ok = csv != NULL && g_file_set_contents (path, csv, -1, &error);
        }
      if (!ok)
        lc_show_error (GTK_WIDGET (self), _("The Meetings Could Not Be Exported"), error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export (LcMeetingsPage *self,
        ExportKind      kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (kind == EXPORT_MINUTES ? _("Export Minutes") : _("Export the Three Meetings Summary"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, kind == EXPORT_SUMMARY_CSV ? _("CSV Spreadsheet") : _("PDF Document"));
  gtk_file_filter_add_suffix (filter, kind == EXPORT_SUMMARY_CSV ? "csv" : "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     /* Translators: file names offered for exports */
                                     kind == EXPORT_MINUTES ? _("minutes.pdf")
                                     : kind == EXPORT_SUMMARY_PDF ? _("three-meetings.pdf") : _("three-meetings.csv"));
  g_object_set_data (G_OBJECT (dialog), "lc-export", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (dialog), "lc-meeting", GSIZE_TO_POINTER (selected_id (self)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_minutes_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  if (selected_id (LC_MEETINGS_PAGE (widget)) != 0)
    export (LC_MEETINGS_PAGE (widget), EXPORT_MINUTES);
}

static void
export_summary_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  export (LC_MEETINGS_PAGE (widget),
          g_strcmp0 (g_variant_get_string (param, NULL), "csv") == 0 ? EXPORT_SUMMARY_CSV : EXPORT_SUMMARY_PDF);
}

/* ---- the class ---- */

static void
lc_meetings_page_dispose (GObject *object)
{
  LcMeetingsPage *self = LC_MEETINGS_PAGE (object);
  GtkWidget *child;

  lc_meetings_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_MEETINGS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lc_meetings_page_parent_class)->dispose (object);
}

static void
lc_meetings_page_finalize (GObject *object)
{
  LcMeetingsPage *self = LC_MEETINGS_PAGE (object);

  g_array_unref (self->project_ids);
  g_array_unref (self->shown);
  g_array_unref (self->missing);
  G_OBJECT_CLASS (lc_meetings_page_parent_class)->finalize (object);
}

static void
lc_meetings_page_class_init (LcMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_meetings_page_dispose;
  object_class->finalize = lc_meetings_page_finalize;

  /**
   * LcMeetingsPage::project-activated:
   * @id: the project
   *
   * A project of the list of those missing a meeting was activated.
   */
  signals[PROJECT_ACTIVATED] = g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, failed_status);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, list);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, missing_list);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, missing_summary);
  gtk_widget_class_bind_template_child (widget_class, LcMeetingsPage, count_label);

  gtk_widget_class_install_action (widget_class, "meetings.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "meetings.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "meetings.export-minutes", NULL, export_minutes_action);
  gtk_widget_class_install_action (widget_class, "meetings.export-summary", "s", export_summary_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_meetings_page_init (LcMeetingsPage *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->project_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->missing = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (types, _("All Types"));
  for (LcMeetingType t = 0; t <= LC_MEETING_OTHER; t++)
    gtk_string_list_append (types, lc_meeting_type_get_name (t));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  update_projects (self);

  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->project_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->missing_list, "row-activated", G_CALLBACK (on_missing_activated), self);
  reload (self);
}

void
lc_meetings_page_set_plan (LcMeetingsPage *self,
                           LcPlan         *plan)
{
  g_return_if_fail (LC_IS_MEETINGS_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
  if (self->shown != NULL)
    {
      update_projects (self);
      reload (self);
    }
}

void
lc_meetings_page_set_map_view (LcMeetingsPage *self,
                               LcMapView      *map_view)
{
  g_return_if_fail (LC_IS_MEETINGS_PAGE (self));

  self->map_view = map_view;
}

/**
 * lc_meetings_page_set_filter:
 * @type: an #LcMeetingType, or %LC_MEETING_TYPE_ANY
 * @project_id: the project whose meetings to show, or 0 for all
 *
 * Chooses in the filter drop-downs, as the user would.
 */
void
lc_meetings_page_set_filter (LcMeetingsPage *self,
                             int             type,
                             gint64          project_id)
{
  guint project = 0;

  g_return_if_fail (LC_IS_MEETINGS_PAGE (self));

  for (guint i = 0; i < self->project_ids->len; i++)
    if (g_array_index (self->project_ids, gint64, i) == project_id)
      project = i + 1;
  gtk_drop_down_set_selected (self->type_dropdown, type < 0 ? 0 : (guint) type + 1);
  gtk_drop_down_set_selected (self->project_dropdown, project);
}

/**
 * lc_meetings_page_dup_shown:
 *
 * Returns: (transfer full) (element-type gint64): the meetings listed, newest first
 */
GArray *
lc_meetings_page_dup_shown (LcMeetingsPage *self)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (copy, self->shown->data, self->shown->len);
  return copy;
}

/**
 * lc_meetings_page_dup_missing:
 *
 * Returns: (transfer full) (element-type gint64): the projects listed as missing a meeting
 */
GArray *
lc_meetings_page_dup_missing (LcMeetingsPage *self)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (copy, self->missing->data, self->missing->len);
  return copy;
}

/**
 * lc_meetings_page_select:
 *
 * Returns: whether meeting @id is listed, and now selected
 */
gboolean
lc_meetings_page_select (LcMeetingsPage *self,
                         gint64          id)
{
  g_return_val_if_fail (LC_IS_MEETINGS_PAGE (self), FALSE);

  for (guint i = 0; i < self->shown->len; i++)
    if (g_array_index (self->shown, gint64, i) == id)
      {
        gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, i));
        return TRUE;
      }
  return FALSE;
}

/**
 * lc_meetings_page_activate_missing:
 * @index: of the projects missing a meeting
 *
 * Emits "project-activated" for that project, as a click on it does.
 */
void
lc_meetings_page_activate_missing (LcMeetingsPage *self,
                                   guint           index)
{
  g_return_if_fail (LC_IS_MEETINGS_PAGE (self));

  if (index < self->missing->len)
    g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, g_array_index (self->missing, gint64, index));
}
