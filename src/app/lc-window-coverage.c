/* lc-window-coverage.c: the window's 15-minute coverage, computed off the main thread
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-coverage-layer.h"
#include "lc-coverage-suggest.h"
#include "lc-window-private.h"

/*
 * The window keeps the coverage of its plan: computed in a worker thread
 * through a connection of its own when the plan opens and again after each
 * edit of what it depends on (a burst of edits gives one computation), and
 * shown on the coverage page and, for the chosen service, on the map. While
 * the planner drags a facility, the coverage follows the pointer: only the
 * facility's services are computed again (about a millisecond on a unit),
 * before the edit reaches the plan.
 */

#define RECOMPUTE_DELAY_MS 200

static void
show_coverage (LcWindow *self)
{
  lc_coverage_page_show (self->coverage_page, self->coverage);
  lc_coverage_layer_show (lc_map_view_get_coverage_layer (self->map_view), self->coverage,
                          lc_coverage_page_get_service (self->coverage_page));
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LcPlan *plan = task_data;
  LcCoverageFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "flags"));
  GError *error = NULL;
  LcCoverage *coverage = lc_coverage_new_for_plan (plan, flags, &error);

  if (coverage == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  lc_coverage_compute (coverage);
  g_task_return_pointer (task, coverage, (GDestroyNotify) lc_coverage_free);
}

static void
compute_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  g_autoptr(GError) error = NULL;
  LcCoverage *coverage = g_task_propagate_pointer (G_TASK (result), &error);

  if (coverage == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (g_task_get_task_data (G_TASK (result)) != self->plan)
    {
      lc_coverage_free (coverage);
      return;
    }
  g_clear_object (&self->coverage_loading);
  g_clear_pointer (&self->coverage, lc_coverage_free);
  self->coverage = coverage;
  show_coverage (self);
}

static void
compute (LcWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LcCoverageFlags flags = lc_coverage_page_get_count_planned (self->coverage_page)
                          ? LC_COVERAGE_FLAGS_NONE : LC_COVERAGE_EXISTING_ONLY;

  if (self->coverage_loading != NULL)
    g_cancellable_cancel (self->coverage_loading);
  g_clear_object (&self->coverage_loading);
  if (self->plan == NULL)
    return;

  self->coverage_loading = g_cancellable_new ();
  task = g_task_new (self, self->coverage_loading, compute_done, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, g_object_ref (self->plan), g_object_unref);
  g_object_set_data (G_OBJECT (task), "flags", GUINT_TO_POINTER (flags));
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
compute_in_idle (gpointer user_data)
{
  LcWindow *self = user_data;

  self->coverage_reload_id = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static void
on_plan_changed (LcWindow     *self,
                 LcPlanChange  change)
{
  if ((change & LC_PLAN_CHANGE_COVERAGE_INPUTS) && self->coverage_reload_id == 0)
    self->coverage_reload_id = g_timeout_add (RECOMPUTE_DELAY_MS, compute_in_idle, self);
}

#define N_SUGGESTIONS 5

/* The best sites for one more facility of the chosen service; on the main
 * thread, since the coverage is the one the drag updates (about 0.1 s on a
 * unit's network) */
static void
on_suggest_requested (LcWindow *self)
{
  int service = lc_coverage_page_get_service (self->coverage_page);
  g_autoptr(GArray) sites = NULL;

  if (self->coverage == NULL || service < 0)
    return;
  sites = lc_coverage_suggest (self->coverage, service, NULL, N_SUGGESTIONS, NULL, 0, NULL);
  lc_coverage_page_set_suggestions (self->coverage_page, sites);
  lc_coverage_layer_set_suggestions (lc_map_view_get_coverage_layer (self->map_view), sites);
}

static void
on_go_to (LcWindow *self,
          double    latitude,
          double    longitude)
{
  double zoom;

  lc_map_view_get_view (self->map_view, NULL, NULL, &zoom);
  lc_map_view_go_to (self->map_view, latitude, longitude, MAX (zoom, 17));
}

static void
on_facility_dragged (LcWindow *self,
                     gint64    fid,
                     double    latitude,
                     double    longitude)
{
  if (self->coverage != NULL && lc_coverage_move_facility (self->coverage, fid, longitude, latitude))
    show_coverage (self);
}

/* Called when the window's plan changes */
void
lc_window_coverage_set_plan (LcWindow *self)
{
  g_clear_handle_id (&self->coverage_reload_id, g_source_remove);
  g_clear_pointer (&self->coverage, lc_coverage_free);
  lc_coverage_page_set_plan (self->coverage_page, self->plan);
  show_coverage (self);
  if (self->plan != NULL)
    g_signal_connect_swapped (self->plan, "changed", G_CALLBACK (on_plan_changed), self);
  compute (self);
}

void
lc_window_coverage_init (LcWindow *self)
{
  g_signal_connect_swapped (self->coverage_page, "service-changed", G_CALLBACK (show_coverage), self);
  g_signal_connect_swapped (self->coverage_page, "counting-changed", G_CALLBACK (compute), self);
  g_signal_connect_swapped (self->coverage_page, "suggest-requested", G_CALLBACK (on_suggest_requested), self);
  g_signal_connect_swapped (self->coverage_page, "go-to", G_CALLBACK (on_go_to), self);
  g_signal_connect_swapped (self->map_view, "facility-dragged", G_CALLBACK (on_facility_dragged), self);
}

void
lc_window_coverage_dispose (LcWindow *self)
{
  if (self->coverage_loading != NULL)
    g_cancellable_cancel (self->coverage_loading);
  g_clear_object (&self->coverage_loading);
  g_clear_handle_id (&self->coverage_reload_id, g_source_remove);
  g_clear_pointer (&self->coverage, lc_coverage_free);
}

/**
 * lc_window_get_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage of the window's plan,
 *   once computed
 */
LcCoverage *
lc_window_get_coverage (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->coverage;
}
