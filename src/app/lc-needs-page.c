/* lc-needs-page.c: the table of the plan's needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-needs-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-form.h"
#include "lc-need-editor.h"
#include "lc-need-item.h"
#include "lc-needs-page.h"
#include "lc-services.h"

/*
 * The plan's needs in a GtkColumnView, filtered by status, service and
 * "unanswered only", sorted by any column. Activating a row (double-click,
 * Enter) edits the need in LcNeedEditor; "Show on Map" emits
 * ::need-activated with the need's fid, and the window shows it there.
 */

enum
{
  COL_DATE,
  COL_SOURCE,
  COL_SERVICE,
  COL_DESCRIPTION,
  COL_URGENCY,
  COL_RESIDENTS,
  COL_STATUS,
  COL_PROJECTS,
  N_COLUMNS
};

/* Headings of the needs list, as the district's sheet names them */
static const char * const column_titles[N_COLUMNS] = {
  NC_("need column", "Date"), NC_("need column", "Source"), NC_("need column", "Service"),
  NC_("need column", "Description"), NC_("need column", "Urgency"),
  NC_("need column", "Residents Raising It"), NC_("need column", "Status"),
  NC_("need column", "Answering Projects"),
};

enum
{
  NEED_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _LcNeedsPage
{
  GtkWidget parent_instance;

  GtkDropDown    *status_dropdown;
  GtkDropDown    *service_dropdown;
  GtkCheckButton *unanswered_check;
  GtkLabel       *count_label;
  GtkColumnView  *column_view;
  LcMapView      *map_view;     /* (unowned) (nullable): for the editor's map */

  LcPlan             *plan;
  GHashTable         *project_names;   /* gint64* → name */
  char               *failure;         /* (nullable): why the plan's needs could not be read */
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (LcNeedsPage, lc_needs_page, GTK_TYPE_WIDGET)

static char *
projects_text (LcNeedsPage  *self,
               const LcNeed *n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; n->project_ids != NULL && i < n->project_ids->len; i++)
    {
      gint64 id = g_array_index (n->project_ids, gint64, i);
      const char *name = self->project_names != NULL ? g_hash_table_lookup (self->project_names, &id) : NULL;

      if (s->len > 0)
        g_string_append (s, "、");
      g_string_append (s, name != NULL ? name : "?");
    }
  return g_string_free (s, FALSE);
}

static char *
cell_text (LcNeedsPage  *self,
           const LcNeed *n,
           guint         column)
{
  const LcService *service;

  switch (column)
    {
    case COL_DATE:
      return g_strdup (n->date != NULL ? n->date : "");
    case COL_SOURCE:
      return g_strdup (lc_need_source_get_name (n->source));
    case COL_SERVICE:
      service = n->service != NULL ? lc_service_lookup (n->service) : NULL;
      return g_strdup (service != NULL ? lc_service_get_display_name (service) : "");
    case COL_DESCRIPTION:
      return g_strdup (n->description != NULL ? n->description : "");
    case COL_URGENCY:
      return n->urgency > 0 ? g_strdup_printf ("%d", n->urgency) : g_strdup ("");
    case COL_RESIDENTS:
      return n->residents >= 0 ? g_strdup_printf ("%d", n->residents) : g_strdup ("");
    case COL_STATUS:
      return g_strdup (lc_need_status_get_name (n->status));
    case COL_PROJECTS:
      return projects_text (self, n);
    default:
      g_assert_not_reached ();
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const LcNeed *na = lc_need_item_get ((LcNeedItem *) a);
  const LcNeed *nb = lc_need_item_get ((LcNeedItem *) b);
  guint column = GPOINTER_TO_UINT (user_data);
  LcNeedsPage *self = g_object_get_data (G_OBJECT (a), "lc-page");
  g_autofree char *ta = NULL, *tb = NULL;

  if (column == COL_URGENCY)
    return (na->urgency > nb->urgency) - (na->urgency < nb->urgency);
  if (column == COL_RESIDENTS)
    return (na->residents > nb->residents) - (na->residents < nb->residents);
  ta = cell_text (self, na, column);
  tb = cell_text (self, nb, column);
  return g_utf8_collate (ta, tb);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_URGENCY || column == COL_RESIDENTS ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  LcNeedItem *row = gtk_list_item_get_item (item);
  LcNeedsPage *self = g_object_get_data (G_OBJECT (row), "lc-page");
  g_autofree char *text = cell_text (self, lc_need_item_get (row), column);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* Only the long texts: a tooltip costs more than the rest of the binding */
  if (column == COL_DESCRIPTION || column == COL_PROJECTS)
    gtk_widget_set_tooltip_text (label, *text != '\0' ? text : NULL);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  LcNeedsPage *self = user_data;
  const LcNeed *n = lc_need_item_get (item);
  guint service = gtk_drop_down_get_selected (self->service_dropdown);
  guint n_services;
  const LcService *all = lc_services_get_all (&n_services);
  LcNeedStatus status;

  if (lc_field_dropdown_value (self->status_dropdown, LC_FIELD_NEED_STATUS, (int *) &status) && n->status != status)
    return FALSE;
  if (service > 0 && service != GTK_INVALID_LIST_POSITION && service <= n_services &&
      g_strcmp0 (n->service, all[service - 1].key) != 0)
    return FALSE;
  if (gtk_check_button_get_active (self->unanswered_check) &&
      n->project_ids != NULL && n->project_ids->len > 0)
    return FALSE;
  return TRUE;
}

static void
update_count (LcNeedsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = NULL;

  /* Translators: the number of needs the table shows */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need", "%u needs", shown), shown);
  lc_set_count_label (self->count_label, self->failure != NULL ? self->failure : text, self->failure != NULL);
}

static void
on_filter_changed (LcNeedsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
reload (LcNeedsPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->project_names, g_hash_table_unref);
  g_clear_pointer (&self->failure, g_free);
  self->project_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) needs = lc_plan_list_needs (self->plan, &error);
      g_autoptr(GPtrArray) projects = needs != NULL ? lc_plan_list_projects (self->plan, NULL, &error) : NULL;

      if (projects == NULL)
        {
          self->failure = g_strdup (error->message);
          g_clear_pointer (&needs, g_ptr_array_unref);
        }
      for (guint i = 0; projects != NULL && i < projects->len; i++)
        {
          const LcProject *p = g_ptr_array_index (projects, i);

          g_hash_table_insert (self->project_names, g_memdup2 (&p->id, sizeof p->id), g_strdup (p->name));
        }
      for (guint i = 0; needs != NULL && i < needs->len; i++)
        {
          LcNeedItem *item = lc_need_item_new (g_steal_pointer (&needs->pdata[i]));

          g_object_set_data (G_OBJECT (item), "lc-page", self);
          g_ptr_array_add (items, item);
        }
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  update_count (self);
}

static void
on_plan_changed (LcNeedsPage  *self,
                 LcPlanChange  change)
{
  if (change & (LC_PLAN_CHANGE_NEEDS | LC_PLAN_CHANGE_NEED_LINKS | LC_PLAN_CHANGE_PROJECTS))
    reload (self);
}

static const LcNeed *
selected_need (LcNeedsPage *self)
{
  LcNeedItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? lc_need_item_get (item) : NULL;
}

static void
update_actions (LcNeedsPage *self)
{
  const LcNeed *n = selected_need (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "needs.new", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "needs.edit", n != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "needs.delete", n != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "needs.show-on-map", n != NULL);
}

static void
open_editor (LcNeedsPage *self,
             gint64       fid)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  LcNeedEditor *editor = lc_need_editor_new (GTK_WINDOW (root), self->plan, fid, self->map_view, &error);

  if (editor == NULL)
    lc_show_error (GTK_WIDGET (self), _("The Need Could Not Be Opened"), error->message);
  else
    gtk_window_present (GTK_WINDOW (editor));
}

static void
on_activate (LcNeedsPage *self,
             guint        position)
{
  g_autoptr(LcNeedItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL && self->plan != NULL)
    open_editor (self, lc_need_item_get (item)->fid);
}

static void
need_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcNeedsPage *self = LC_NEEDS_PAGE (widget);
  const LcNeed *n = selected_need (self);

  if (self->plan == NULL)
    return;
  if (g_str_equal (name, "needs.new"))
    open_editor (self, 0);
  else if (n == NULL)
    return;
  else if (g_str_equal (name, "needs.edit"))
    open_editor (self, n->fid);
  else if (g_str_equal (name, "needs.show-on-map"))
    g_signal_emit (self, signals[NEED_ACTIVATED], 0, n->fid);
  else if (g_str_equal (name, "needs.delete"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *description = g_strdup (n->description);
      g_autofree char *text = NULL;

      if (!lc_plan_delete_need (self->plan, n->fid, &error))
        {
          lc_show_error (widget, _("The Need Could Not Be Deleted"), error->message);
          return;
        }
      /* Translators: %s is the description of a need just deleted */
      text = g_strdup_printf (_("“%s” deleted"), description);
      lc_add_undo_toast (widget, text);
    }
}

static void
lc_needs_page_dispose (GObject *object)
{
  LcNeedsPage *self = LC_NEEDS_PAGE (object);

  lc_needs_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_NEEDS_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_pointer (&self->project_names, g_hash_table_unref);
  g_clear_pointer (&self->failure, g_free);
  G_OBJECT_CLASS (lc_needs_page_parent_class)->dispose (object);
}

static void
lc_needs_page_class_init (LcNeedsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_needs_page_dispose;

  /**
   * LcNeedsPage::need-activated:
   * @fid: the need's fid
   */
  signals[NEED_ACTIVATED] = g_signal_new ("need-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-needs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcNeedsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcNeedsPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcNeedsPage, unanswered_check);
  gtk_widget_class_bind_template_child (widget_class, LcNeedsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LcNeedsPage, column_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "needs.new", NULL, need_action);
  gtk_widget_class_install_action (widget_class, "needs.edit", NULL, need_action);
  gtk_widget_class_install_action (widget_class, "needs.delete", NULL, need_action);
  gtk_widget_class_install_action (widget_class, "needs.show-on-map", NULL, need_action);
}

static void
lc_needs_page_init (LcNeedsPage *self)
{
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  guint n;
  const LcService *all = lc_services_get_all (&n);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "need column", column_titles[i]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (i), NULL)));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == COL_DESCRIPTION);
      if (i == COL_DESCRIPTION)
        gtk_column_view_column_set_fixed_width (column, 280);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  self->store = g_list_store_new (LC_TYPE_NEED_ITEM);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  lc_fill_field_dropdown (self->status_dropdown, _("All Statuses"), LC_FIELD_NEED_STATUS);
  gtk_string_list_append (services, _("All Services"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (services, lc_service_get_display_name (&all[i]));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));

  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->service_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->unanswered_check, "toggled", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions), self);
  update_count (self);
  update_actions (self);
}

void
lc_needs_page_set_plan (LcNeedsPage *self,
                        LcPlan      *plan)
{
  g_return_if_fail (LC_IS_NEEDS_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
  if (self->store != NULL)
    reload (self);
  update_actions (self);
}

/* The map the need editor picks places on */
void
lc_needs_page_set_map_view (LcNeedsPage *self,
                            LcMapView   *map_view)
{
  g_return_if_fail (LC_IS_NEEDS_PAGE (self));

  self->map_view = map_view;
}

/* Selects the need @fid where the rows show it; FALSE when they do not */
gboolean
lc_needs_page_select (LcNeedsPage *self,
                      gint64       fid)
{
  g_return_val_if_fail (LC_IS_NEEDS_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(LcNeedItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (lc_need_item_get (item)->fid == fid)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * lc_needs_page_get_rows:
 *
 * Returns: (transfer none): the rows shown, filtered and sorted (of LcNeedItem)
 */
GListModel *
lc_needs_page_get_rows (LcNeedsPage *self)
{
  g_return_val_if_fail (LC_IS_NEEDS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
lc_needs_page_set_unanswered_only (LcNeedsPage *self,
                                   gboolean     unanswered_only)
{
  g_return_if_fail (LC_IS_NEEDS_PAGE (self));

  gtk_check_button_set_active (self->unanswered_check, unanswered_only);
}

/* What double-clicking row @position does: its need's editor */
void
lc_needs_page_activate_row (LcNeedsPage *self,
                            guint        position)
{
  g_return_if_fail (LC_IS_NEEDS_PAGE (self));

  on_activate (self, position);
}
