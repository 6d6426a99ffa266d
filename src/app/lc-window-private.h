/* lc-window-private.h: what the parts of LcWindow share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-blueprint-page.h"
#include "lc-facility-inspector.h"
#include "lc-coverage-page.h"
#include "lc-shape-inspector.h"
#include "lc-map-view.h"
#include "lc-meetings-page.h"
#include "lc-needs-page.h"
#include "lc-projects-page.h"
#include "lc-plan.h"
#include "lc-plan-page.h"
#include "lc-window.h"

G_BEGIN_DECLS

#define PLAN_MIME_TYPE "application/x-lifecircle-plan"

struct _LcWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack    *view_stack;
  AdwFlap         *flap;
  LcBlueprintPage *blueprint_page;
  LcProjectsPage  *projects_page;
  LcNeedsPage     *needs_page;
  LcMeetingsPage  *meetings_page;
  GtkStack        *sidebar_stack;
  LcPlanPage      *plan_page;
  LcLayersPage    *layers_page;
  GtkWidget       *sidebar_switcher;
  GtkLabel        *document_label;
  GtkWidget       *save_spinner;
  GtkWidget       *sidebar_button;
  GtkWidget       *add_button;
  LcFacilityInspector *inspector;
  LcShapeInspector    *shape_inspector;
  LcCoveragePage  *coverage_page;
  LcMapView       *map_view;
  GMenu           *recent_section;
  GtkRevealer     *import_bar;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkProgressBar  *import_progress;

  /* Owned */
  GSettings       *settings;
  GCancellable    *cancellable;
  LcPlan          *plan;
  GCancellable    *import_cancellable;   /* while an import runs */
  GPtrArray       *search_hits;          /* LcSearchHit, of the text in the entry */
  guint            search_next;
  LcCoverageModel *coverage_model;       /* of the plan, shared by the page and the map */

  gboolean         close_confirmed;   /* the user chose to close despite changes */
  gboolean         close_after_save;  /* when the running save ends */
  gboolean         opening;
  gboolean         close_after_import;
};

void lc_window_actions_init      (LcWindow   *self);
void lc_window_update_actions    (LcWindow   *self);
void lc_window_save              (LcWindow   *self);
AdwMessageDialog *lc_window_show_error (LcWindow   *self,
                                        const char *heading,
                                        const char *body);
void lc_window_close_later       (LcWindow   *self);
void lc_window_set_plan_internal (LcWindow   *self,
                                  LcPlan     *plan);
void lc_window_add_to_recent     (GFile      *file);
gboolean lc_window_is_shape     (const char *table);

void lc_window_coverage_init     (LcWindow   *self);
void lc_window_coverage_set_plan (LcWindow   *self);
void lc_window_coverage_dispose  (LcWindow   *self);
void lc_window_import_osm_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data);
void lc_window_cancel_import_action (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data);

G_END_DECLS
