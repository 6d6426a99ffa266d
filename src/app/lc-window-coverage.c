/* lc-window-coverage.c: the window's 15-minute coverage
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-window-private.h"

/*
 * The window makes one LcCoverageModel for its plan and gives it to the
 * coverage page and the map, which show it and change it (the service
 * looked at, whether planned facilities count, a facility being dragged,
 * the sites suggested) without the window in between. The window only
 * says when the coverage cannot be computed, and moves the map to a place
 * the page names.
 */

static void
on_failed (LcWindow   *self,
           const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
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

/* Called when the window's plan changes */
void
lc_window_coverage_set_plan (LcWindow *self)
{
  g_autoptr(LcCoverageModel) model = NULL;

  if (self->plan != NULL)
    {
      model = lc_coverage_model_new (self->plan);
      g_signal_connect_object (model, "failed", G_CALLBACK (on_failed), self, G_CONNECT_SWAPPED);
    }
  lc_coverage_page_set_model (self->coverage_page, model);
  lc_map_view_set_coverage_model (self->map_view, model);
  g_set_object (&self->coverage_model, model);
}

void
lc_window_coverage_init (LcWindow *self)
{
  g_signal_connect_swapped (self->coverage_page, "go-to", G_CALLBACK (on_go_to), self);
}

void
lc_window_coverage_dispose (LcWindow *self)
{
  if (self->coverage_model != NULL)
    {
      lc_coverage_page_set_model (self->coverage_page, NULL);
      lc_map_view_set_coverage_model (self->map_view, NULL);
    }
  g_clear_object (&self->coverage_model);
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
  return self->coverage_model != NULL ? lc_coverage_model_get_coverage (self->coverage_model) : NULL;
}
