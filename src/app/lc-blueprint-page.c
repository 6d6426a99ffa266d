/* lc-blueprint-page.c: the community blueprint (社区蓝图): its text, the 1+N layout and the targets
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-blueprint-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-form.h"
#include "lc-blueprint-page.h"
#include "lc-facility.h"
#include "lc-project.h"
#include "lc-services.h"

/*
 * Three groups on one scrolled page. The blueprint's sections read as
 * text; Edit turns one into a title entry and a text view, and its text is
 * applied (one undo step) by Apply or when the focus leaves it. The 1+N
 * layout is computed from the plan in a worker thread
 * (lc_blueprint_summary_new) after each edit of what it depends on. The
 * targets are a grid of services × the blueprint's five years, with what
 * the plan holds now beside them; a cell opens a popover whose input is
 * checked before anything is written, the error shown in it.
 *
 * Every part follows the plan's "changed" signal (edits, undo, redo),
 * coalesced into one idle reload.
 */

enum
{
  RELOAD_SECTIONS = 1 << 0,
  RELOAD_TARGETS  = 1 << 1,
  RELOAD_SUMMARY  = 1 << 2,
  RELOAD_ALL      = RELOAD_SECTIONS | RELOAD_TARGETS | RELOAD_SUMMARY,
};

struct _LcBlueprintPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AdwStatusPage       *failed_status;
  AdwPreferencesGroup *sections_group;
  GtkButton           *add_section_button;
  GtkBox              *sections_box;
  GtkLabel            *layout_headline;
  GtkListBox          *layout_list;
  AdwPreferencesGroup *targets_group;
  GtkGrid             *targets_grid;
  GtkPopover          *target_popover;
  GtkLabel            *target_heading;
  GtkEntry            *facilities_entry;
  GtkEntry            *coverage_entry;
  GtkEntry            *notes_entry;
  GtkLabel            *target_error;
  GtkButton           *target_clear;
  GtkButton           *target_apply;

  /* Owned */
  LcPlan              *plan;
  LcBlueprintTargets  *targets;
  LcBlueprintSummary  *summary;
  GCancellable        *loading;
  GHashTable          *cards;          /* section id → its card (borrowed) */
  char                *edit_service;   /* the target cell of the popover */
  int                  edit_year;
  gint64               pending_edit;   /* a section just added: open its editor once shown */
  guint                reload_flags;
  guint                reload_id;
};

G_DEFINE_FINAL_TYPE (LcBlueprintPage, lc_blueprint_page, GTK_TYPE_WIDGET)

static void queue_reload (LcBlueprintPage *self,
                          guint            flags);

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A share as a percentage without needless decimals: 92, 92.5 */
static char *
format_percent (double share)
{
  double p = round (share * 1000) / 10;

  return p == floor (p) ? g_strdup_printf ("%.0f", p) : g_strdup_printf ("%.1f", p);
}

/* ---- sections ---- */

typedef struct
{
  LcBlueprintPage *page;
  gint64           id;
  GtkWidget       *card;
  GtkStack        *mode;
  GtkLabel        *title_label;
  GtkLabel        *body_label;
  GtkEntry        *title_entry;
  GtkTextView     *body_view;
  GtkLabel        *error_label;
  GtkWidget       *up_button;
  GtkWidget       *down_button;
  gboolean         editing;
} SectionCard;

static void
card_show (SectionCard              *sc,
           const LcBlueprintSection *s)
{
  gtk_label_set_text (sc->title_label, s->title);
  if (s->body[0] != '\0')
    {
      gtk_label_set_text (sc->body_label, s->body);
      gtk_widget_remove_css_class (GTK_WIDGET (sc->body_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (sc->body_label, _("No text yet. Choose Edit to write this section."));
      gtk_widget_add_css_class (GTK_WIDGET (sc->body_label), "dim-label");
    }
}

static void
card_start_edit (SectionCard *sc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcBlueprintSection) s = lc_plan_load_blueprint_section (sc->page->plan, sc->id, &error);

  if (error != NULL)
    lc_show_error (sc->card, _("The Section Could Not Be Opened"), error->message);
  if (s == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (sc->title_entry), s->title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sc->body_view), s->body, -1);
  gtk_widget_set_visible (GTK_WIDGET (sc->error_label), FALSE);
  sc->editing = TRUE;
  gtk_stack_set_visible_child_name (sc->mode, "edit");
  gtk_widget_grab_focus (GTK_WIDGET (sc->body_view));
}

static void
card_stop_edit (SectionCard *sc)
{
  sc->editing = FALSE;
  gtk_stack_set_visible_child_name (sc->mode, "view");
}

/* Writes the editor's text: one undo step; a bad title keeps the editor
 * open with the reason and writes nothing */
static void
card_apply (SectionCard *sc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sc->body_view);
  GtkTextIter start, end;
  LcBlueprintSection shown = { 0 };

  if (!sc->editing || sc->page->plan == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!lc_plan_update_blueprint_section (sc->page->plan, sc->id,
                                         gtk_editable_get_text (GTK_EDITABLE (sc->title_entry)), body, &error))
    {
      gtk_label_set_text (sc->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (sc->error_label), TRUE);
      return;
    }
  shown.title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (sc->title_entry))));
  shown.body = body;
  card_show (sc, &shown);
  g_free (shown.title);
  card_stop_edit (sc);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                SectionCard             *sc)
{
  GtkRoot *root = gtk_widget_get_root (sc->card);

  /* The window going to the background takes no focus from the editor */
  if (GTK_IS_WINDOW (root) && !gtk_window_is_active (GTK_WINDOW (root)))
    return;
  card_apply (sc);
}

static void
on_edit_clicked (SectionCard *sc)
{
  if (!sc->editing)
    card_start_edit (sc);
}

static void
on_cancel_clicked (SectionCard *sc)
{
  card_stop_edit (sc);
}

static int
card_position (SectionCard *sc)
{
  int i = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (sc->page->sections_box));
       w != NULL; w = gtk_widget_get_next_sibling (w), i++)
    if (w == sc->card)
      return i;
  return -1;
}

static void
move_card (SectionCard *sc,
           int          delta)
{
  g_autoptr(GError) error = NULL;
  int position = card_position (sc) + delta;

  if (position < 0)
    return;
  if (!lc_plan_move_blueprint_section (sc->page->plan, sc->id, (guint) position, &error))
    lc_show_error (GTK_WIDGET (sc->page), _("The Section Could Not Be Moved"), error->message);
}

static void
on_up_clicked (SectionCard *sc)
{
  move_card (sc, -1);
}

static void
on_down_clicked (SectionCard *sc)
{
  move_card (sc, 1);
}

static void
on_delete_clicked (SectionCard *sc)
{
  LcBlueprintPage *self = sc->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (gtk_label_get_text (sc->title_label));
  g_autofree char *text = NULL;

  if (!lc_plan_delete_blueprint_section (self->plan, sc->id, &error))
    {
      lc_show_error (GTK_WIDGET (self), _("The Section Could Not Be Deleted"), error->message);
      return;
    }
  /* Translators: %s is the title of a blueprint section just deleted */
  text = g_strdup_printf (_("“%s” deleted"), title);
  lc_add_undo_toast (GTK_WIDGET (self), text);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *name,
             GCallback   callback,
             gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static SectionCard *
card_new (LcBlueprintPage *self,
          gint64           id)
{
  SectionCard *sc = g_new0 (SectionCard, 1);
  g_autofree char *name = g_strdup_printf ("section-%lld", (long long) id);
  GtkWidget *header, *view, *edit, *scroller, *buttons, *button;
  GtkEventController *focus;

  sc->page = self;
  sc->id = id;
  sc->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_name (sc->card, name);
  gtk_widget_add_css_class (sc->card, "card");
  g_object_set_data_full (G_OBJECT (sc->card), "lc-section-card", sc, g_free);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_margin_start (header, 18);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  sc->title_label = GTK_LABEL (new_label (NULL, "title-4"));
  gtk_widget_set_name (GTK_WIDGET (sc->title_label), "title-label");
  gtk_label_set_wrap (sc->title_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (sc->title_label), TRUE);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (sc->title_label));
  sc->up_button = icon_button ("go-up-symbolic", _("Move Up"), "up", G_CALLBACK (on_up_clicked), sc);
  sc->down_button = icon_button ("go-down-symbolic", _("Move Down"), "down", G_CALLBACK (on_down_clicked), sc);
  gtk_box_append (GTK_BOX (header), sc->up_button);
  gtk_box_append (GTK_BOX (header), sc->down_button);
  gtk_box_append (GTK_BOX (header), icon_button ("document-edit-symbolic", _("Edit the section's title and text"),
                                                 "edit", G_CALLBACK (on_edit_clicked), sc));
  gtk_box_append (GTK_BOX (header), icon_button ("user-trash-symbolic", _("Delete the section"),
                                                 "delete", G_CALLBACK (on_delete_clicked), sc));
  gtk_box_append (GTK_BOX (sc->card), header);

  sc->mode = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (sc->mode, FALSE);
  gtk_stack_set_interpolate_size (sc->mode, TRUE);

  view = new_label (NULL, "body");
  sc->body_label = GTK_LABEL (view);
  gtk_widget_set_name (view, "body-label");
  gtk_label_set_wrap (sc->body_label, TRUE);
  gtk_label_set_wrap_mode (sc->body_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (sc->body_label, TRUE);
  gtk_label_set_yalign (sc->body_label, 0);
  gtk_widget_set_margin_start (view, 18);
  gtk_widget_set_margin_end (view, 18);
  gtk_widget_set_margin_top (view, 6);
  gtk_widget_set_margin_bottom (view, 18);
  gtk_stack_add_named (sc->mode, view, "view");

  edit = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (edit, 12);
  gtk_widget_set_margin_end (edit, 12);
  gtk_widget_set_margin_top (edit, 6);
  gtk_widget_set_margin_bottom (edit, 12);
  sc->title_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (sc->title_entry), "title");
  gtk_entry_set_placeholder_text (sc->title_entry, _("Section title"));
  gtk_box_append (GTK_BOX (edit), GTK_WIDGET (sc->title_entry));
  sc->body_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (sc->body_view), "body");
  gtk_text_view_set_wrap_mode (sc->body_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (sc->body_view, 8);
  gtk_text_view_set_right_margin (sc->body_view, 8);
  gtk_text_view_set_top_margin (sc->body_view, 8);
  gtk_text_view_set_bottom_margin (sc->body_view, 8);
  gtk_text_view_set_pixels_below_lines (sc->body_view, 4);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (sc->body_view));
  gtk_box_append (GTK_BOX (edit), scroller);
  sc->error_label = GTK_LABEL (new_label (NULL, "error"));
  gtk_widget_set_name (GTK_WIDGET (sc->error_label), "error");
  gtk_label_set_wrap (sc->error_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (sc->error_label), FALSE);
  gtk_box_append (GTK_BOX (edit), GTK_WIDGET (sc->error_label));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  /* The buttons take no focus, so that a click is not first a focus-out */
  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (button, "cancel");
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_cancel_clicked), sc);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_set_name (button, "apply");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (card_apply), sc);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (edit), buttons);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), sc);
  gtk_widget_add_controller (edit, focus);
  gtk_stack_add_named (sc->mode, edit, "edit");
  gtk_stack_set_visible_child_name (sc->mode, "view");
  gtk_box_append (GTK_BOX (sc->card), GTK_WIDGET (sc->mode));

  return sc;
}

/* The cards follow the sections: kept by id, so that an open editor
 * survives a reload caused by another edit */
static gboolean
reload_sections (LcBlueprintPage  *self,
                 GError          **error)
{
  g_autoptr(GPtrArray) sections = lc_plan_list_blueprint_sections (self->plan, error);
  g_autoptr(GHashTable) cards = g_hash_table_new (g_int64_hash, g_int64_equal);
  GtkWidget *previous = NULL;
  GHashTableIter iter;
  gpointer value;

  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len; i++)
    {
      LcBlueprintSection *s = sections->pdata[i];
      SectionCard *sc = NULL;
      GtkWidget *card = g_hash_table_lookup (self->cards, &s->id);

      if (card != NULL)
        {
          sc = g_object_get_data (G_OBJECT (card), "lc-section-card");
          g_hash_table_remove (self->cards, &s->id);
          gtk_box_reorder_child_after (self->sections_box, card, previous);
        }
      else
        {
          sc = card_new (self, s->id);
          card = sc->card;
          gtk_box_insert_child_after (self->sections_box, card, previous);
        }
      g_hash_table_insert (cards, &sc->id, card);
      card_show (sc, s);
      gtk_widget_set_sensitive (sc->up_button, i > 0);
      gtk_widget_set_sensitive (sc->down_button, i + 1 < sections->len);
      if (s->id == self->pending_edit)
        {
          self->pending_edit = 0;
          card_start_edit (sc);
        }
      previous = card;
    }

  /* What is left is gone from the plan */
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_box_remove (self->sections_box, value);
  g_hash_table_remove_all (self->cards);
  g_hash_table_iter_init (&iter, cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SectionCard *sc = g_object_get_data (value, "lc-section-card");

      g_hash_table_insert (self->cards, &sc->id, value);
    }
  return TRUE;
}

static void
on_add_section (LcBlueprintPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->plan == NULL)
    return;
  id = lc_plan_add_blueprint_section (self->plan, "other", _("New Section"), "", &error);
  if (id == 0)
    {
      lc_show_error (GTK_WIDGET (self), _("The Section Could Not Be Added"), error->message);
      return;
    }
  self->pending_edit = id;
}

/* ---- the 1+N layout ---- */

static char *
site_status (const LcLayoutSite *site)
{
  GString *s = g_string_new (lc_project_role_get_name (site->role));

  if (site->facility_fid != 0)
    g_string_append_printf (s, " · %s", lc_facility_status_get_name (site->facility_status));
  if (site->project_id != 0)
    {
      g_autofree char *project = NULL;

      if (site->project_year != 0)
        /* Translators: a project's status, then its year */
        project = g_strdup_printf (_("project %s (%lld)"), lc_project_status_get_name (site->project_status),
                                   (long long) site->project_year);
      else
        /* Translators: a project's status */
        project = g_strdup_printf (_("project %s"), lc_project_status_get_name (site->project_status));
      g_string_append_printf (s, " · %s", project);
    }
  return g_string_free (s, FALSE);
}

static GtkWidget *
site_row (LcBlueprintPage    *self,
          const LcLayoutSite *site,
          gboolean            hub)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subtitle = site_status (site);
  g_autofree char *link = NULL;
  g_autofree char *target = NULL;
  gboolean warn;
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site->name != NULL && site->name[0] != '\0'
                                                            ? site->name : _("Unnamed"));
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (hub ? "go-home-symbolic" : "mark-location-symbolic"));

  if (isnan (site->longitude))
    link = g_strdup (_("Not on the map yet"));
  else if (!site->linked)
    link = g_strdup (_("Not on the walking network"));
  else if (!hub && site->nearest_hub >= 0)
    {
      const LcLayoutSite *to = self->summary->hubs->pdata[site->nearest_hub];

      /* Translators: a walk along the network to the nearest 人民坊: metres, minutes */
      link = g_strdup_printf (_("%lld m · about %lld min"), (long long) round (site->distance_m),
                              (long long) MAX (round (site->minutes), 1));
      /* Translators: %s is the 人民坊 a pavilion's walk reaches */
      target = g_strdup_printf (_("to %s"), to->name);
    }
  else if (!hub)
    link = g_strdup (self->summary->hubs->len > 0 ? _("Reaches no Renminfang hub on the walking network")
                                                  : _("No Renminfang hub to walk to"));
  warn = !hub && (isnan (site->minutes) || site->minutes > LC_BLUEPRINT_FAR_MINUTES);

  if (link != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_set_name (box, "walk");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      label = gtk_label_new (link);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, warn ? "warning" : "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      if (target != NULL)
        {
          label = gtk_label_new (target);
          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (box), label);
        }
      adw_action_row_add_suffix (row, box);
    }
  if (warn)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("More than 15 minutes’ walk from every Renminfang hub"));
      adw_action_row_add_suffix (row, icon);
    }
  return GTK_WIDGET (row);
}

static void
show_layout (LcBlueprintPage *self)
{
  const LcBlueprintSummary *s = self->summary;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *headline = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layout_list))) != NULL)
    gtk_list_box_remove (self->layout_list, child);
  if (s == NULL)
    {
      gtk_label_set_text (self->layout_headline, _("Working out the layout from the map…"));
      return;
    }

  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld Renminfang hub", "%lld Renminfang hubs",
                                                        s->hubs->len), (long long) s->hubs->len));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld Liuyiting pavilion",
                                                        "%lld Liuyiting pavilions", s->pavilions->len),
                                           (long long) s->pavilions->len));
  if (s->n_far > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%lld pavilion more than 15 minutes’ walk from a hub",
                                                          "%lld pavilions more than 15 minutes’ walk from a hub",
                                                          s->n_far), (long long) s->n_far));
  else if (s->pavilions->len > 0)
    g_ptr_array_add (parts, g_strdup (_("every pavilion within 15 minutes’ walk of a hub")));
  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the parts of the 1+N summary line */
  joined = g_strjoinv (C_("1+N summary", ", "), (char **) parts->pdata);
  /* Translators: the 1+N summary line, then the plan's walking speed */
  headline = g_strdup_printf (_("%s (at %lld m a minute)"), joined, (long long) round (s->walking_speed_m_min));
  gtk_label_set_text (self->layout_headline, headline);

  for (guint i = 0; i < s->hubs->len; i++)
    gtk_list_box_append (self->layout_list, site_row (self, s->hubs->pdata[i], TRUE));
  for (guint i = 0; i < s->pavilions->len; i++)
    gtk_list_box_append (self->layout_list, site_row (self, s->pavilions->pdata[i], FALSE));
  if (s->hubs->len + s->pavilions->len == 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Renminfang hub or Liuyiting pavilion yet"));
      adw_action_row_set_subtitle (row, _("Add them on the map, or give projects the 1+N role."));
      gtk_list_box_append (self->layout_list, GTK_WIDGET (row));
    }
}

/* ---- targets ---- */

static void
grid_attach (LcBlueprintPage *self,
             GtkWidget       *child,
             int              column,
             int              row,
             int              width)
{
  gtk_widget_add_css_class (child, "lc-target-cell");
  if (column == 0)
    gtk_widget_add_css_class (child, "lc-target-first");
  gtk_grid_attach (self->targets_grid, child, column, row, width, 1);
}

static GtkWidget *
now_cell (LcBlueprintPage *self,
          guint            service)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const LcServiceStatus *st;
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (self->summary == NULL)
    return box;
  st = &self->summary->services[service];
  /* Translators: facilities of a service in the plan: existing, planned */
  counts = g_strdup_printf (_("%lld existing, %lld planned"), (long long) st->n_existing, (long long) st->n_planned);
  gtk_box_append (GTK_BOX (box), new_label (counts, "caption"));
  if (self->summary->has_residents)
    {
      g_autofree char *now = format_percent (st->share_now);
      g_autofree char *planned = format_percent (st->share_planned);
      g_autofree char *covered = NULL;

      if (g_strcmp0 (now, planned) == 0)
        /* Translators: the share of residents a service reaches on foot, a percentage */
        covered = g_strdup_printf (_("%s %% covered"), now);
      else
        /* Translators: the share of residents covered now, then with the planned facilities */
        covered = g_strdup_printf (_("%s %% → %s %% covered"), now, planned);
      gtk_box_append (GTK_BOX (box), new_label (covered, "caption"));
    }
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld project in the reserve or under way",
                                          "%lld projects in the reserve or under way", st->n_projects),
                             (long long) st->n_projects);
  gtk_widget_set_tooltip_text (box, tooltip);
  return box;
}

static void
on_cell_clicked (GtkButton       *button,
                 LcBlueprintPage *self)
{
  lc_blueprint_page_edit_target (self, g_object_get_data (G_OBJECT (button), "service"),
                                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "year")));
}

static GtkWidget *
target_cell (LcBlueprintPage         *self,
             const LcService         *service,
             int                      year,
             const LcBlueprintTarget *t)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_strdup_printf ("target-%s-%d", service->key, year);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_hexpand (button, TRUE);
  g_object_set_data (G_OBJECT (button), "service", (gpointer) service->key);
  g_object_set_data (G_OBJECT (button), "year", GINT_TO_POINTER (year));
  g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked), self);

  if (t->facilities_to_add >= 0)
    {
      /* Translators: facilities a target adds in a year */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%lld facility", "+%lld facilities",
                                                            t->facilities_to_add),
                                               (long long) t->facilities_to_add);
      gtk_box_append (GTK_BOX (box), new_label (text, NULL));
    }
  if (!isnan (t->coverage_target))
    {
      g_autofree char *percent = format_percent (t->coverage_target);
      /* Translators: a target share of residents covered, a percentage */
      g_autofree char *text = g_strdup_printf (_("%s %% covered"), percent);

      gtk_box_append (GTK_BOX (box), new_label (text, "caption"));
    }
  if (t->notes != NULL)
    gtk_widget_set_tooltip_text (button, t->notes);
  if (gtk_widget_get_first_child (box) == NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_set_tooltip_text (button, _("Set a target"));
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  return button;
}

static gboolean
reload_targets (LcBlueprintPage  *self,
                GError          **error)
{
  GtkWidget *child;
  guint n;
  const LcService *all = lc_services_get_all (&n);
  int row = 0, group = -1;
  g_autofree char *description = NULL;
  g_autofree char *period = NULL;

  /* The cells point into the targets: they go first */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_grid))) != NULL)
    gtk_grid_remove (self->targets_grid, child);
  g_clear_pointer (&self->targets, lc_blueprint_targets_free);
  self->targets = lc_plan_get_blueprint_targets (self->plan, error);
  if (self->targets == NULL)
    return FALSE;

  /* Translators: the blueprint's first and last year */
  period = g_strdup_printf (_("%lld–%lld"), (long long) self->targets->first_year,
                            (long long) self->targets->first_year + LC_BLUEPRINT_YEARS - 1);
  /* Translators: %s is the planning period, e.g. 2025–2029 */
  description = g_strdup_printf (_("The unit's development over the planning period %s."), period);
  adw_preferences_group_set_description (self->sections_group, description);
  g_clear_pointer (&description, g_free);
  /* Translators: %s is the planning period, e.g. 2025–2029 */
  description = g_strdup_printf (_("Facilities to add and the share of residents to reach on foot in each year of %s; "
                                   "“Now” is what the plan holds today and with its planned facilities. "
                                   "Choose a cell to change its target."), period);
  adw_preferences_group_set_description (self->targets_group, description);

  grid_attach (self, new_label (_("Service"), "heading"), 0, row, 1);
  grid_attach (self, new_label (_("Now"), "heading"), 1, row, 1);
  for (int y = 0; y < LC_BLUEPRINT_YEARS; y++)
    {
      g_autofree char *year = g_strdup_printf ("%d", self->targets->first_year + y);

      grid_attach (self, new_label (year, "heading"), 2 + y, row, 1);
    }
  row++;

  for (guint s = 0; s < n && s < LC_N_SERVICES; s++)
    {
      GtkWidget *name;

      if ((int) all[s].group != group)
        {
          group = all[s].group;
          grid_attach (self, new_label (lc_service_group_get_name (all[s].group), "dim-label"), 0, row++,
                       2 + LC_BLUEPRINT_YEARS);
        }
      name = new_label (lc_service_get_display_name (&all[s]), NULL);
      gtk_widget_set_valign (name, GTK_ALIGN_CENTER);
      grid_attach (self, name, 0, row, 1);
      grid_attach (self, now_cell (self, s), 1, row, 1);
      for (int y = 0; y < LC_BLUEPRINT_YEARS; y++)
        grid_attach (self, target_cell (self, &all[s], self->targets->first_year + y, &self->targets->cells[s][y]),
                     2 + y, row, 1);
      row++;
    }
  return TRUE;
}

/* The sections and the targets (@flags of RELOAD_SECTIONS, RELOAD_TARGETS)
 * as the plan has them; or, when the plan cannot be read, why the page
 * shows none */
static void
reload_parts (LcBlueprintPage *self,
              guint            flags)
{
  g_autoptr(GError) error = NULL;

  /* After a failure, everything again */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "failed") == 0)
    flags |= RELOAD_SECTIONS | RELOAD_TARGETS;
  if (((flags & RELOAD_SECTIONS) && !reload_sections (self, &error)) ||
      ((flags & RELOAD_TARGETS) && !reload_targets (self, &error)))
    {
      adw_status_page_set_description (self->failed_status, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "blueprint");
}

static void
set_entry_error (GtkEntry *entry,
                 gboolean  bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* The popover's last line: a hint, or the reason the input is refused.
 * It keeps its place (three lines) either way: the popover, whose parent
 * lays out no popovers, does not grow while it is shown. */
static void
show_target_error (LcBlueprintPage *self,
                   const char      *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (self->target_error, message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->target_error), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->target_error), "error");
    }
  else
    {
      gtk_label_set_text (self->target_error, _("Leave a field empty for no target. The coverage target is the "
                                                "share of residents who reach the service on foot."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->target_error), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->target_error), "dim-label");
    }
}

static void
on_target_apply (LcBlueprintPage *self)
{
  g_autoptr(GError) error = NULL;
  int facilities;
  double share;
  gboolean facilities_ok, coverage_ok;

  if (self->plan == NULL || self->edit_service == NULL)
    return;
  facilities_ok = lc_blueprint_parse_facilities (gtk_editable_get_text (GTK_EDITABLE (self->facilities_entry)),
                                                 &facilities, &error);
  coverage_ok = facilities_ok &&
                lc_blueprint_parse_coverage (gtk_editable_get_text (GTK_EDITABLE (self->coverage_entry)), &share, &error);
  set_entry_error (self->facilities_entry, !facilities_ok);
  set_entry_error (self->coverage_entry, facilities_ok && !coverage_ok);
  if (error == NULL)
    lc_plan_set_blueprint_target (self->plan, self->edit_service, self->edit_year, facilities, share,
                                  gtk_editable_get_text (GTK_EDITABLE (self->notes_entry)), &error);
  if (error != NULL)
    {
      show_target_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (!facilities_ok ? self->facilities_entry : self->coverage_entry));
      return;
    }
  gtk_popover_popdown (self->target_popover);
}

static void
on_target_clear (LcBlueprintPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || self->edit_service == NULL)
    return;
  if (!lc_plan_set_blueprint_target (self->plan, self->edit_service, self->edit_year, -1, NAN, NULL, &error))
    {
      show_target_error (self, error->message);
      return;
    }
  gtk_popover_popdown (self->target_popover);
}

/**
 * lc_blueprint_page_edit_target:
 * @service: a service key
 * @year: one of the blueprint's years
 *
 * Opens the editor of one target cell, as choosing the cell does.
 */
void
lc_blueprint_page_edit_target (LcBlueprintPage *self,
                               const char      *service,
                               int              year)
{
  g_autofree char *name = g_strdup_printf ("target-%s-%d", service, year);
  g_autofree char *heading = NULL;
  const LcService *s = lc_service_lookup (service);
  const LcBlueprintTarget *t = NULL;
  GtkWidget *cell = NULL;
  graphene_rect_t bounds;
  guint n, index = 0;
  const LcService *all = lc_services_get_all (&n);

  g_return_if_fail (LC_IS_BLUEPRINT_PAGE (self));
  g_return_if_fail (s != NULL);

  if (self->targets == NULL || year < self->targets->first_year ||
      year >= self->targets->first_year + LC_BLUEPRINT_YEARS)
    return;
  while (index < n && all + index != s)
    index++;
  t = &self->targets->cells[index][year - self->targets->first_year];
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->targets_grid));
       w != NULL && cell == NULL; w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
      cell = w;

  g_free (self->edit_service);
  self->edit_service = g_strdup (service);
  self->edit_year = year;
  /* Translators: a service, then a year */
  heading = g_strdup_printf (_("%s · %lld"), lc_service_get_display_name (s), (long long) year);
  gtk_label_set_text (self->target_heading, heading);
  if (t->facilities_to_add >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", t->facilities_to_add);

      gtk_editable_set_text (GTK_EDITABLE (self->facilities_entry), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->facilities_entry), "");
  if (!isnan (t->coverage_target))
    {
      g_autofree char *text = format_percent (t->coverage_target);

      gtk_editable_set_text (GTK_EDITABLE (self->coverage_entry), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->coverage_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_entry), t->notes != NULL ? t->notes : "");
  set_entry_error (self->facilities_entry, FALSE);
  set_entry_error (self->coverage_entry, FALSE);
  show_target_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_clear), t->id != 0);

  /* At the cell, kept within the page: a cell scrolled out of sight would
   * put the popover off every monitor */
  if (cell != NULL && gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    {
      int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
      int x = CLAMP ((int) bounds.origin.x, 0, MAX (w - 1, 0));
      int y = CLAMP ((int) bounds.origin.y, 0, MAX (h - 1, 0));

      gtk_popover_set_pointing_to (self->target_popover, &(GdkRectangle) {
                                     x, y, CLAMP ((int) bounds.size.width, 1, MAX (w - x, 1)),
                                     CLAMP ((int) bounds.size.height, 1, MAX (h - y, 1)) });
    }
  gtk_popover_popup (self->target_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->facilities_entry));
}

/* ---- loading ---- */

static void
summary_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LcPlan *plan = task_data;
  GError *error = NULL;
  LcBlueprintSummary *summary = lc_blueprint_summary_new_for_plan (plan, &error);

  if (summary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, summary, (GDestroyNotify) lc_blueprint_summary_free);
}

static void
summary_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LcBlueprintPage *self = LC_BLUEPRINT_PAGE (object);
  g_autoptr(GError) error = NULL;
  LcBlueprintSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);

  /* Only the latest computation counts */
  if (g_task_get_cancellable (G_TASK (result)) != self->loading)
    {
      g_clear_pointer (&summary, lc_blueprint_summary_free);
      return;
    }
  g_clear_object (&self->loading);
  if (summary == NULL)
    {
      gtk_label_set_text (self->layout_headline, error->message);
      return;
    }
  g_clear_pointer (&self->summary, lc_blueprint_summary_free);
  self->summary = summary;
  show_layout (self);
  reload_parts (self, RELOAD_TARGETS);
}

static void
load_summary (LcBlueprintPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->plan == NULL)
    return;

  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, summary_done, NULL);
  g_task_set_source_tag (task, load_summary);
  g_task_set_task_data (task, g_object_ref (self->plan), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, summary_thread);
}

static gboolean
reload_in_idle (gpointer user_data)
{
  LcBlueprintPage *self = user_data;
  guint flags = self->reload_flags;

  self->reload_id = 0;
  self->reload_flags = 0;
  if (self->plan == NULL)
    return G_SOURCE_REMOVE;
  if (flags & (RELOAD_SECTIONS | RELOAD_TARGETS))
    reload_parts (self, flags);
  if (flags & RELOAD_SUMMARY)
    load_summary (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (LcBlueprintPage *self,
              guint            flags)
{
  self->reload_flags |= flags;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_in_idle, self);
}

static void
on_plan_changed (LcBlueprintPage *self,
                 LcPlanChange     change)
{
  guint flags = 0;

  if (change & LC_PLAN_CHANGE_BLUEPRINT)
    flags |= RELOAD_SECTIONS;
  if (change & (LC_PLAN_CHANGE_TARGETS | LC_PLAN_CHANGE_PROFILE))
    flags |= RELOAD_TARGETS;
  if (change & (LC_PLAN_CHANGE_COVERAGE_INPUTS | LC_PLAN_CHANGE_PROFILE |
                LC_PLAN_CHANGE_PROJECTS | LC_PLAN_CHANGE_PROJECT_PLACES))
    flags |= RELOAD_SUMMARY;
  if (flags != 0)
    queue_reload (self, flags);
}

/* ---- the class ---- */

static void
lc_blueprint_page_dispose (GObject *object)
{
  LcBlueprintPage *self = LC_BLUEPRINT_PAGE (object);
  GtkWidget *child;

  lc_blueprint_page_set_plan (self, NULL);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_BLUEPRINT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lc_blueprint_page_parent_class)->dispose (object);
}

static void
lc_blueprint_page_finalize (GObject *object)
{
  LcBlueprintPage *self = LC_BLUEPRINT_PAGE (object);

  g_clear_pointer (&self->targets, lc_blueprint_targets_free);
  g_clear_pointer (&self->summary, lc_blueprint_summary_free);
  g_free (self->edit_service);
  G_OBJECT_CLASS (lc_blueprint_page_parent_class)->finalize (object);
}

static void
lc_blueprint_page_class_init (LcBlueprintPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_blueprint_page_dispose;
  object_class->finalize = lc_blueprint_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-blueprint-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, failed_status);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, sections_group);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, add_section_button);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, layout_headline);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, layout_list);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, targets_group);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, targets_grid);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, target_popover);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, target_heading);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, facilities_entry);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, coverage_entry);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, notes_entry);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, target_error);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, target_clear);
  gtk_widget_class_bind_template_child (widget_class, LcBlueprintPage, target_apply);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_blueprint_page_init (LcBlueprintPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_set_parent (GTK_WIDGET (self->target_popover), GTK_WIDGET (self));
  gtk_popover_set_default_widget (self->target_popover, GTK_WIDGET (self->target_apply));
  g_signal_connect_swapped (self->target_apply, "clicked", G_CALLBACK (on_target_apply), self);
  g_signal_connect_swapped (self->target_clear, "clicked", G_CALLBACK (on_target_clear), self);
  g_signal_connect_swapped (self->add_section_button, "clicked", G_CALLBACK (on_add_section), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
lc_blueprint_page_set_plan (LcBlueprintPage *self,
                            LcPlan          *plan)
{
  GtkWidget *child;

  g_return_if_fail (LC_IS_BLUEPRINT_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->summary, lc_blueprint_summary_free);
  self->pending_edit = 0;
  if (self->target_popover != NULL)
    gtk_popover_popdown (self->target_popover);
  if (self->sections_box != NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
        gtk_box_remove (self->sections_box, child);
      g_hash_table_remove_all (self->cards);
    }
  if (plan == NULL)
    {
      if (self->stack != NULL)
        gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
  gtk_stack_set_visible_child_name (self->stack, "blueprint");
  reload_parts (self, RELOAD_SECTIONS | RELOAD_TARGETS);
  show_layout (self);
  load_summary (self);
}

/**
 * lc_blueprint_page_is_busy:
 *
 * Returns: whether the page is still catching up with the plan (a reload
 * queued, or the 1+N summary being computed)
 */
gboolean
lc_blueprint_page_is_busy (LcBlueprintPage *self)
{
  g_return_val_if_fail (LC_IS_BLUEPRINT_PAGE (self), FALSE);

  return self->reload_id != 0 || self->loading != NULL;
}

/**
 * lc_blueprint_page_get_summary:
 *
 * Returns: (transfer none) (nullable): the 1+N summary shown
 */
const LcBlueprintSummary *
lc_blueprint_page_get_summary (LcBlueprintPage *self)
{
  g_return_val_if_fail (LC_IS_BLUEPRINT_PAGE (self), NULL);

  return self->summary;
}
