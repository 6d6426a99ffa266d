/* lc-stage-list.c: a project's 三会: which of the three meetings took place, when, and in the right order
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-stage-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-stage-list.h"

/*
 * Three rows, 征询会, 协调会, 评议会: the date of the meeting that counts
 * and its state (lc_plan_list_project_meetings()), with the note that explains
 * a missing or misplaced one; a warning icon marks those. The projects
 * table shows the same in one short cell (lc_project_meetings_compact()).
 */

struct _LcStageList
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkWidget *list;
  GtkWidget *rows[LC_N_STAGES];
  GtkWidget *icons[LC_N_STAGES];
};

G_DEFINE_FINAL_TYPE (LcStageList, lc_stage_list, GTK_TYPE_WIDGET)

static const char *
stage_short_name (LcStage stage)
{
  switch (stage)
    {
    case LC_STAGE_CONSULTATION:
      /* Translators: one character (征) for the consultation meeting in the projects table */
      return C_("stage", "Cons.");
    case LC_STAGE_COORDINATION:
      /* Translators: one character (协) for the coordination meeting in the projects table */
      return C_("stage", "Coord.");
    case LC_STAGE_EVALUATION:
    default:
      /* Translators: one character (评) for the evaluation meeting in the projects table */
      return C_("stage", "Eval.");
    }
}

static const char *
state_mark (LcStageState state)
{
  switch (state)
    {
    case LC_STAGE_HELD:
      return "✓";
    case LC_STAGE_MISSING:
      return "✗";
    case LC_STAGE_OUT_OF_ORDER:
      return "!";
    case LC_STAGE_NOT_DUE:
    default:
      return "·";
    }
}

static char *
stage_line (const LcStageStatus *s)
{
  GString *line = g_string_new (lc_stage_state_get_name (s->state));

  if (s->date != NULL)
    g_string_append_printf (line, " · %s", s->date);
  if (s->note != NULL)
    g_string_append_printf (line, " · %s", s->note);
  return g_string_free (line, FALSE);
}

/**
 * lc_project_meetings_compact:
 * @tooltip: (out) (optional): each stage with its state, date and note, one a line
 *
 * Returns: (transfer full): the three stages in a few characters, such as
 *   "征✓ 协✓ 评·" (✓ held, ✗ missing, ! out of order, · not due yet)
 */
char *
lc_project_meetings_compact (const LcProjectMeetings *pm,
                             char                   **tooltip)
{
  GString *text = g_string_new (NULL);
  GString *tip = g_string_new (NULL);

  for (LcStage stage = 0; stage < LC_N_STAGES; stage++)
    {
      g_autofree char *line = stage_line (&pm->stages[stage]);

      g_string_append_printf (text, "%s%s%s", stage > 0 ? " " : "", stage_short_name (stage), state_mark (pm->stages[stage].state));
      if (stage > 0)
        g_string_append_c (tip, '\n');
      g_string_append_printf (tip, _("%s: %s"), lc_stage_get_name (stage), line);
    }
  if (tooltip != NULL)
    *tooltip = g_string_free (g_steal_pointer (&tip), FALSE);
  else
    g_string_free (tip, TRUE);
  return g_string_free (text, FALSE);
}

/**
 * lc_project_meetings_table:
 *
 * Returns: (transfer full) (nullable): project id (a gint64 pointer) →
 *   LcProjectMeetings, of every project; %NULL with @error set when the
 *   plan cannot be read
 */
GHashTable *
lc_project_meetings_table (LcPlan  *plan,
                           GError **error)
{
  g_autoptr(GPtrArray) all = lc_plan_list_project_meetings (plan, error);
  GHashTable *table;

  if (all == NULL)
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) lc_project_meetings_free);
  g_ptr_array_set_free_func (all, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      LcProjectMeetings *pm = g_ptr_array_index (all, i);

      g_hash_table_replace (table, &pm->project_id, pm);
    }
  return table;
}

static void
lc_stage_list_dispose (GObject *object)
{
  LcStageList *self = LC_STAGE_LIST (object);

  g_clear_pointer (&self->list, gtk_widget_unparent);
  G_OBJECT_CLASS (lc_stage_list_parent_class)->dispose (object);
}

static void
lc_stage_list_class_init (LcStageListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lc_stage_list_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
lc_stage_list_init (LcStageList *self)
{
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
  for (LcStage stage = 0; stage < LC_N_STAGES; stage++)
    {
      self->rows[stage] = adw_action_row_new ();
      self->icons[stage] = gtk_image_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[stage]), lc_stage_get_name (stage));
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->rows[stage]), self->icons[stage]);
      gtk_list_box_append (GTK_LIST_BOX (self->list), self->rows[stage]);
    }
}

GtkWidget *
lc_stage_list_new (void)
{
  return g_object_new (LC_TYPE_STAGE_LIST, NULL);
}

/**
 * lc_stage_list_set_project:
 * @project_id: 0 for a project not yet saved
 */
void
lc_stage_list_set_project (LcStageList *self,
                             LcPlan        *plan,
                             gint64         project_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = plan != NULL && project_id != 0 ? lc_project_meetings_table (plan, &error) : NULL;
  const LcProjectMeetings *pm = table != NULL ? g_hash_table_lookup (table, &project_id) : NULL;

  g_return_if_fail (LC_IS_STAGE_LIST (self));

  for (LcStage stage = 0; stage < LC_N_STAGES; stage++)
    {
      const LcStageStatus *s = pm != NULL ? &pm->stages[stage] : NULL;
      /* The plan could not be read: each row says so rather than "none yet" */
      g_autofree char *line = s != NULL ? stage_line (s)
                              : g_strdup (error != NULL ? error->message : _("No meeting linked yet"));
      gboolean bad = s != NULL && (s->state == LC_STAGE_MISSING || s->state == LC_STAGE_OUT_OF_ORDER);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[stage]), line);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icons[stage]),
                                    bad ? "dialog-warning-symbolic"
                                    : s != NULL && s->state == LC_STAGE_HELD ? "emblem-ok-symbolic" : NULL);
      if (bad)
        gtk_widget_add_css_class (self->icons[stage], "warning");
      else
        gtk_widget_remove_css_class (self->icons[stage], "warning");
    }
}

/**
 * lc_stage_list_dup_text:
 *
 * Returns: (transfer full): the three stages as shown, one a line
 */
char *
lc_stage_list_dup_text (LcStageList *self)
{
  GString *s = g_string_new (NULL);

  for (LcStage stage = 0; stage < LC_N_STAGES; stage++)
    {
      g_string_append_printf (s, _("%s: %s"), lc_stage_get_name (stage), adw_action_row_get_subtitle (ADW_ACTION_ROW (self->rows[stage])));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
