/* lc-projects-page.c: the table of the plan's projects, the reserve and the implementation lists
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-projects-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-exchange.h"
#include "lc-form.h"
#include "lc-project-editor.h"
#include "lc-project-item.h"
#include "lc-projects-page.h"
#include "lc-services.h"
#include "lc-stage-list.h"

/*
 * The plan's projects in a GtkColumnView: the view (all, the reserve, one
 * year's implementation list) and the status, kind and service filters
 * reload the rows from the plan (lc_plan_list_projects); the name search
 * filters them in place; the columns sort them. The rows follow the plan's
 * "changed" signal.
 */

enum
{
  COL_NAME,
  COL_KIND,
  COL_ROLE,
  COL_SERVICES,
  COL_YEAR,
  COL_STATUS,
  COL_PROGRESS,
  COL_BUDGET,
  COL_FUNDING,
  COL_BODY,
  N_COLUMNS
};

static const char * const column_titles[N_COLUMNS] = {
  N_("Name"), N_("Kind"), N_("1+N Role"), N_("Services"), N_("Year"), N_("Status"),
  N_("Progress"), N_("Budget (10,000 yuan)"), N_("Funding Source"), N_("Implementing Body"),
};

struct _LcProjectsPage
{
  GtkWidget parent_instance;

  GtkDropDown    *view_dropdown;
  GtkDropDown    *status_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *service_dropdown;
  GtkSearchEntry *search_entry;
  GtkColumnView  *column_view;
  GtkLabel       *count_label;
  GtkMenuButton  *schedule_button;
  GtkPopover     *schedule_popover;
  GtkSpinButton  *schedule_year;

  LcPlan             *plan;
  LcMapView          *map_view;   /* (unowned) */
  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GArray             *view_years;   /* int: the years of the view list after its two fixed entries */
  char               *search;       /* casefolded */
  char               *failure;      /* (nullable): why the plan's projects could not be read */
  gboolean            updating;
  GHashTable         *stages;       /* project id → LcProjectMeetings: the 三会 column */
};

G_DEFINE_FINAL_TYPE (LcProjectsPage, lc_projects_page, GTK_TYPE_WIDGET)

static char *
services_text (const LcProject *p)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; p->services != NULL && p->services[i] != NULL; i++)
    {
      const LcService *service = lc_service_lookup (p->services[i]);

      if (s->len > 0)
        g_string_append (s, "、");
      g_string_append (s, service != NULL ? lc_service_get_display_name (service) : p->services[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
cell_text (const LcProject *p,
           guint            column)
{
  switch (column)
    {
    case COL_NAME:
      return g_strdup (p->name);
    case COL_KIND:
      return g_strdup (lc_project_kind_get_name (p->kind));
    case COL_ROLE:
      return g_strdup (lc_project_role_get_name (p->role));
    case COL_SERVICES:
      return services_text (p);
    case COL_YEAR:
      return p->year != 0 ? g_strdup_printf ("%d", p->year) : g_strdup ("");
    case COL_STATUS:
      return g_strdup (lc_project_status_get_name (p->status));
    case COL_PROGRESS:
      return isnan (p->progress) ? g_strdup ("") : g_strdup_printf ("%.0f %%", p->progress * 100);
    case COL_BUDGET:
      return isnan (p->budget_wan) ? g_strdup ("") : g_strdup_printf ("%.1f", p->budget_wan);
    case COL_FUNDING:
      return g_strdup (p->funding_source != NULL ? p->funding_source : "");
    case COL_BODY:
      return g_strdup (p->implementing_body != NULL ? p->implementing_body : "");
    default:
      g_assert_not_reached ();
    }
}

static int
compare_numbers (double a,
                 double b)
{
  /* Rows without a value go last */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const LcProject *pa = lc_project_item_get ((LcProjectItem *) a);
  const LcProject *pb = lc_project_item_get ((LcProjectItem *) b);
  guint column = GPOINTER_TO_UINT (user_data);
  g_autofree char *ta = NULL, *tb = NULL;

  switch (column)
    {
    case COL_YEAR:
      return compare_numbers (pa->year != 0 ? pa->year : NAN, pb->year != 0 ? pb->year : NAN);
    case COL_PROGRESS:
      return compare_numbers (pa->progress, pb->progress);
    case COL_BUDGET:
      return compare_numbers (pa->budget_wan, pb->budget_wan);
    default:
      ta = cell_text (pa, column);
      tb = cell_text (pb, column);
      return g_utf8_collate (ta, tb);
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_BUDGET || column == COL_PROGRESS || column == COL_YEAR ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COL_NAME)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
    }
  else
    gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  const LcProject *p = lc_project_item_get (gtk_list_item_get_item (item));
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (p, column);

  if (column == COL_NAME)
    {
      GtkWidget *icon = gtk_widget_get_first_child (child);
      g_autofree char *missing = lc_project_dup_missing (p);

      gtk_widget_set_visible (icon, missing != NULL);
      if (missing != NULL)
        gtk_widget_set_tooltip_text (icon, missing);
      child = gtk_widget_get_last_child (child);
    }
  /* No tooltips on the text: setting one costs more than the rest of the
   * binding, and the view binds a few hundred cells at each change */
  gtk_label_set_text (GTK_LABEL (child), text);
}

/* ---- the 三会 column: each project's three meetings in a few characters ---- */

/* The stages' states, dates and notes: worked out when asked for, since a
 * tooltip set on each of thousands of cells makes filling the table slow */
static gboolean
on_stage_query_tooltip (GtkWidget      *label,
                        int             x,
                        int             y,
                        gboolean        keyboard,
                        GtkTooltip     *tooltip,
                        LcProjectsPage *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "lc-item");
  gpointer row = item != NULL ? gtk_list_item_get_item (item) : NULL;
  const LcProjectMeetings *pm = NULL;
  g_autofree char *tip = NULL;
  g_autofree char *text = NULL;

  if (row != NULL && self->stages != NULL)
    pm = g_hash_table_lookup (self->stages, &lc_project_item_get (row)->id);
  if (pm == NULL)
    return FALSE;
  text = lc_project_meetings_compact (pm, &tip);
  if (tip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

static void
setup_stage_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LcProjectsPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_object_set_data (G_OBJECT (label), "lc-item", item);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_stage_query_tooltip), self);
  gtk_list_item_set_child (item, label);
}

static void
bind_stage_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LcProjectsPage           *self)
{
  const LcProject *p = lc_project_item_get (gtk_list_item_get_item (item));
  const LcProjectMeetings *pm = self->stages != NULL ? g_hash_table_lookup (self->stages, &p->id) : NULL;
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = pm != NULL ? lc_project_meetings_compact (pm, NULL) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (label), text);
  if (pm != NULL && !lc_project_meetings_complete (pm))
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
add_stage_column (LcProjectsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_stage_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_stage_cell), self);
  /* Translators: the column of each project's three resident meetings (三会) */
  column = gtk_column_view_column_new (_("Three Meetings"), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_insert_column (self->column_view, COL_STATUS + 1, column);
  g_object_unref (column);
}

/**
 * lc_projects_page_dup_stage_text:
 *
 * Returns: (transfer full) (nullable): the 三会 cell of project @id, as shown
 */
char *
lc_projects_page_dup_stage_text (LcProjectsPage *self,
                                 gint64          id)
{
  const LcProjectMeetings *pm = self->stages != NULL ? g_hash_table_lookup (self->stages, &id) : NULL;

  return pm != NULL ? lc_project_meetings_compact (pm, NULL) : NULL;
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  LcProjectsPage *self = user_data;
  const LcProject *p = lc_project_item_get (item);
  g_autofree char *name = NULL;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;
  name = g_utf8_casefold (p->name != NULL ? p->name : "", -1);
  return strstr (name, self->search) != NULL;
}

/* The number of projects shown, or why there are none: the plan could not
 * be read */
static void
update_count (LcProjectsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = NULL;

  /* Translators: the number of projects the table shows */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects", shown), shown);
  lc_set_count_label (self->count_label, self->failure != NULL ? self->failure : text, self->failure != NULL);
}

static void
fill_filter (LcProjectFilter *filter,
             LcProjectsPage  *self)
{
  guint view = gtk_drop_down_get_selected (self->view_dropdown);
  guint service = gtk_drop_down_get_selected (self->service_dropdown);
  guint n;
  const LcService *services = lc_services_get_all (&n);

  memset (filter, 0, sizeof *filter);
  filter->list = LC_PROJECT_LIST_ALL;
  if (view == 1)
    filter->list = LC_PROJECT_LIST_RESERVE;
  else if (view >= 2 && view != GTK_INVALID_LIST_POSITION && view - 2 < self->view_years->len)
    {
      filter->list = LC_PROJECT_LIST_YEAR;
      filter->year = g_array_index (self->view_years, int, view - 2);
    }
  filter->by_status = lc_field_dropdown_value (self->status_dropdown, LC_FIELD_PROJECT_STATUS, (int *) &filter->status);
  filter->by_kind = lc_field_dropdown_value (self->kind_dropdown, LC_FIELD_PROJECT_KIND, (int *) &filter->kind);
  if (service > 0 && service != GTK_INVALID_LIST_POSITION && service <= n)
    filter->service = services[service - 1].key;
}

/* The view list: all, the reserve, and the implementation list of each
 * year a project names */
static void
update_views (LcProjectsPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GArray) years = NULL;
  int selected_year = 0;
  guint selected = gtk_drop_down_get_selected (self->view_dropdown);
  guint new_selected = selected == 1 ? 1 : 0;

  if (selected >= 2 && selected != GTK_INVALID_LIST_POSITION && selected - 2 < self->view_years->len)
    selected_year = g_array_index (self->view_years, int, selected - 2);

  if (self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;

      years = lc_plan_list_project_years (self->plan, &error);
      if (years == NULL)
        g_warning ("%s", error->message);
    }
  if (years == NULL)
    years = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_string_list_append (strings, _("All Projects"));
  gtk_string_list_append (strings, _("3-Year Reserve"));
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      /* Translators: %d is a year: the list of projects carried out that year */
      g_autofree char *label = g_strdup_printf (_("%d Implementation List"), year);

      gtk_string_list_append (strings, label);
      if (year == selected_year)
        new_selected = i + 2;
    }

  g_array_unref (self->view_years);
  self->view_years = g_steal_pointer (&years);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->view_dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->view_dropdown, new_selected);
  self->updating = FALSE;
}

static void
reload (LcProjectsPage *self)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  LcProjectFilter filter;
  gint64 selected_id = 0;
  LcProjectItem *selected = gtk_single_selection_get_selected_item (self->selection);

  if (selected != NULL)
    selected_id = lc_project_item_get (selected)->id;

  g_clear_pointer (&self->stages, g_hash_table_unref);
  g_clear_pointer (&self->failure, g_free);
  if (self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;

      fill_filter (&filter, self);
      self->stages = lc_project_meetings_table (self->plan, &error);
      if (self->stages != NULL)
        projects = lc_plan_list_projects (self->plan, &filter, &error);
      if (projects == NULL)
        self->failure = g_strdup (error->message);
      for (guint i = 0; projects != NULL && i < projects->len; i++)
        g_ptr_array_add (items, lc_project_item_new (g_steal_pointer (&projects->pdata[i])));
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  if (selected_id != 0)
    lc_projects_page_select (self, selected_id);
  update_count (self);
}

static void
on_filter_changed (LcProjectsPage *self)
{
  if (!self->updating)
    reload (self);
}

static void
on_search_changed (LcProjectsPage *self)
{
  g_autofree char *search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  /* lc_projects_page_set_search() filtered already; the entry's delayed
   * signal follows with the same text */
  if (g_strcmp0 (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&search);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_plan_changed (LcProjectsPage *self,
                 LcPlanChange    change)
{
  if (change & (LC_PLAN_CHANGE_PROJECTS | LC_PLAN_CHANGE_PROJECT_PLACES | LC_PLAN_CHANGE_NEED_LINKS |
                LC_PLAN_CHANGE_MEETINGS))
    {
      update_views (self);
      reload (self);
    }
}

static const LcProject *
selected_project (LcProjectsPage *self)
{
  LcProjectItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? lc_project_item_get (item) : NULL;
}

static void
update_actions (LcProjectsPage *self)
{
  const LcProject *p = selected_project (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.new", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.edit", p != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.delete", p != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.schedule",
                                 p != NULL && p->status == LC_PROJECT_STATUS_RESERVE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), p != NULL && p->status == LC_PROJECT_STATUS_RESERVE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.export", self->plan != NULL);
  if (p != NULL && p->status == LC_PROJECT_STATUS_RESERVE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      gtk_spin_button_set_value (self->schedule_year, p->year != 0 ? p->year : g_date_time_get_year (now) + 1);
    }
}

static void
open_editor (LcProjectsPage *self,
             gint64          id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  LcProjectEditor *editor = lc_project_editor_new (GTK_WINDOW (root), self->plan, id, self->map_view, &error);

  if (editor == NULL)
    lc_show_error (GTK_WIDGET (self), _("The Project Could Not Be Opened"), error->message);
  else
    gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (widget);

  if (self->plan != NULL)
    open_editor (self, 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (widget);
  const LcProject *p = selected_project (self);

  if (p != NULL)
    open_editor (self, p->id);
}

static void
on_activate (LcProjectsPage *self,
             guint           position)
{
  g_autoptr(LcProjectItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    open_editor (self, lc_project_item_get (item)->id);
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (widget);
  const LcProject *p = selected_project (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_name = NULL;
  g_autofree char *text = NULL;

  if (p == NULL)
    return;
  project_name = g_strdup (p->name);
  if (!lc_plan_delete_project (self->plan, p->id, &error))
    {
      lc_show_error (GTK_WIDGET (self), _("The Project Could Not Be Deleted"), error->message);
      return;
    }
  /* Translators: %s is the name of a project just deleted */
  text = g_strdup_printf (_("“%s” deleted"), project_name);
  lc_add_undo_toast (GTK_WIDGET (self), text);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (widget);
  const LcProject *p = selected_project (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_name = NULL;
  g_autofree char *text = NULL;
  int year = gtk_spin_button_get_value_as_int (self->schedule_year);

  gtk_popover_popdown (self->schedule_popover);
  if (p == NULL)
    return;
  project_name = g_strdup (p->name);
  if (!lc_plan_schedule_project (self->plan, p->id, year, &error))
    {
      lc_show_error (GTK_WIDGET (self), _("The Project Could Not Be Scheduled"), error->message);
      return;
    }
  /* Translators: %s is a project's name, %d a year */
  text = g_strdup_printf (_("“%s” is in the %d implementation list"), project_name, year);
  lc_add_undo_toast (GTK_WIDGET (self), text);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  LcProjectsPage *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LcExchangeFormat format;
  LcProjectFilter filter;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
      if (path == NULL || !lc_exchange_format_for_path (path, &format))
        format = LC_EXCHANGE_FORMAT_CSV;
      fill_filter (&filter, self);
      bytes = lc_exchange_export (self->plan, LC_SHEET_PROJECTS, &filter, format, &error);
      if (bytes == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        lc_show_error (GTK_WIDGET (self), _("The Projects Could Not Be Exported"), error->message);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *csv = gtk_file_filter_new ();
  GtkFileFilter *xml = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Projects"), GTK_WINDOW (root), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV Spreadsheet"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (xml, _("Excel XML Spreadsheet"));
  gtk_file_filter_add_suffix (xml, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xml);
  /* Translators: the file name offered for an export of the projects */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("projects.csv"));
  g_object_unref (csv);
  g_object_unref (xml);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
lc_projects_page_dispose (GObject *object)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (object);

  lc_projects_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PROJECTS_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (lc_projects_page_parent_class)->dispose (object);
}

static void
lc_projects_page_finalize (GObject *object)
{
  LcProjectsPage *self = LC_PROJECTS_PAGE (object);

  g_clear_pointer (&self->view_years, g_array_unref);
  g_clear_pointer (&self->stages, g_hash_table_unref);
  g_free (self->search);
  g_free (self->failure);
  G_OBJECT_CLASS (lc_projects_page_parent_class)->finalize (object);
}

static void
lc_projects_page_class_init (LcProjectsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_projects_page_dispose;
  object_class->finalize = lc_projects_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-projects-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, schedule_popover);
  gtk_widget_class_bind_template_child (widget_class, LcProjectsPage, schedule_year);

  gtk_widget_class_install_action (widget_class, "projects.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "projects.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "projects.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "projects.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "projects.export", NULL, export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_projects_page_init (LcProjectsPage *self)
{
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  guint n;
  const LcService *all = lc_services_get_all (&n);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->view_years = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(column_titles[i]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (i), NULL)));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == COL_NAME);
      if (i == COL_NAME)
        gtk_column_view_column_set_fixed_width (column, 220);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  add_stage_column (self);

  self->store = g_list_store_new (LC_TYPE_PROJECT_ITEM);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->updating = TRUE;
  lc_fill_field_dropdown (self->status_dropdown, _("All Statuses"), LC_FIELD_PROJECT_STATUS);
  lc_fill_field_dropdown (self->kind_dropdown, _("All Kinds"), LC_FIELD_PROJECT_KIND);
  gtk_string_list_append (services, _("All Services"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (services, lc_service_get_display_name (&all[i]));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  self->updating = FALSE;
  update_views (self);

  g_signal_connect_swapped (self->view_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->service_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->sorted, "items-changed", G_CALLBACK (update_actions), self);
  update_count (self);
  update_actions (self);
}

void
lc_projects_page_set_plan (LcProjectsPage *self,
                           LcPlan         *plan)
{
  g_return_if_fail (LC_IS_PROJECTS_PAGE (self));

  if (self->plan == plan)
    return;
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
  if (self->store != NULL)
    {
      update_views (self);
      reload (self);
      update_actions (self);
    }
}

void
lc_projects_page_set_map_view (LcProjectsPage *self,
                               LcMapView      *map_view)
{
  g_return_if_fail (LC_IS_PROJECTS_PAGE (self));

  self->map_view = map_view;
}

/**
 * lc_projects_page_get_rows:
 *
 * Returns: (transfer none): the rows shown, filtered and sorted (of LcProjectItem)
 */
GListModel *
lc_projects_page_get_rows (LcProjectsPage *self)
{
  g_return_val_if_fail (LC_IS_PROJECTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

/**
 * lc_projects_page_set_view:
 * @year: 0 for all projects, -1 for the reserve, else that year's list
 *
 * Returns nothing; the view stays when the year has no list.
 */
void
lc_projects_page_set_view (LcProjectsPage *self,
                           int             year)
{
  g_return_if_fail (LC_IS_PROJECTS_PAGE (self));

  if (year == 0 || year == -1)
    {
      gtk_drop_down_set_selected (self->view_dropdown, year == 0 ? 0 : 1);
      return;
    }
  for (guint i = 0; i < self->view_years->len; i++)
    if (g_array_index (self->view_years, int, i) == year)
      gtk_drop_down_set_selected (self->view_dropdown, i + 2);
}

void
lc_projects_page_set_search (LcProjectsPage *self,
                             const char     *text)
{
  g_return_if_fail (LC_IS_PROJECTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed (self);  /* now, not after the entry's delay */
}

/**
 * lc_projects_page_select:
 *
 * Returns: whether project @id is shown, and now selected
 */
gboolean
lc_projects_page_select (LcProjectsPage *self,
                         gint64          id)
{
  GListModel *rows = G_LIST_MODEL (self->sorted);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LcProjectItem) item = g_list_model_get_item (rows, i);

      if (lc_project_item_get (item)->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
