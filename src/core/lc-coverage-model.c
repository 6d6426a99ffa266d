/* lc-coverage-model.c: a plan's coverage, kept current, shared by whoever shows it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-coverage-model"

#include "config.h"

#include "lc-coverage-model.h"
#include "lc-coverage-suggest.h"

/*
 * The coverage of one plan and the choices made about it: which service is
 * looked at, whether planned facilities count, the sites suggested for one
 * more. The coverage page and the map's coverage layer both show this one
 * model, so nothing relays between them.
 *
 * The coverage is computed in a worker thread through a connection of its
 * own when the model is made and again after each edit of what it depends
 * on (a burst of edits gives one computation). While the planner drags a
 * facility, lc_coverage_model_move_facility() computes only that
 * facility's services again (about a millisecond on a unit), before the
 * edit reaches the plan.
 */

#define RECOMPUTE_DELAY_MS 200

struct _LcCoverageModel
{
  GObject parent_instance;

  /* Owned */
  LcPlan       *plan;
  LcCoverage   *coverage;          /* once computed */
  GCancellable *computing;
  GArray       *suggestions;       /* LcCoverageSuggestion, for the chosen service */
  guint         recompute_id;
  int           service;
  gboolean      count_planned;
};

G_DEFINE_FINAL_TYPE (LcCoverageModel, lc_coverage_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_SERVICE,
  PROP_COUNT_PLANNED,
  PROP_SUGGESTIONS,
  N_PROPS
};

enum {
  UPDATED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_suggestions (LcCoverageModel *self,
                 GArray          *suggestions)
{
  if (self->suggestions == NULL && suggestions == NULL)
    return;
  g_clear_pointer (&self->suggestions, g_array_unref);
  self->suggestions = suggestions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS]);
}

/* The figures changed: sites found for the figures before are no longer current */
static void
updated (LcCoverageModel *self)
{
  set_suggestions (self, NULL);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* ---- computing ---- */

/*
 * The task has no source object: a GTask may be freed by its worker thread
 * after the callback ran, and whatever it holds last would be finalized
 * there. The callback holds the model instead, and drops it on the main
 * context; the task does not return on cancel, so the worker never reads
 * the model after that.
 */
typedef struct
{
  LcPlan          *plan;         /* borrowed: the model holds it until the callback */
  LcCoverageFlags  flags;
} Job;

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  LcCoverage *coverage = lc_coverage_new_for_plan (job->plan, job->flags, &error);

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
  g_autoptr(LcCoverageModel) self = user_data;
  g_autoptr(GError) error = NULL;
  LcCoverage *coverage = g_task_propagate_pointer (G_TASK (result), &error);

  if (coverage == NULL)
    {
      /* Cancelled: a newer computation is on its way, or the model was dropped */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  g_clear_object (&self->computing);
  g_clear_pointer (&self->coverage, lc_coverage_free);
  self->coverage = coverage;
  updated (self);
}

static void
compute (LcCoverageModel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new (Job, 1);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);

  self->computing = g_cancellable_new ();
  job->plan = self->plan;
  job->flags = self->count_planned ? LC_COVERAGE_FLAGS_NONE : LC_COVERAGE_EXISTING_ONLY;
  task = g_task_new (NULL, self->computing, compute_done, g_object_ref (self));
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, job, g_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
compute_in_idle (gpointer user_data)
{
  LcCoverageModel *self = user_data;

  self->recompute_id = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static void
on_plan_changed (LcCoverageModel *self,
                 LcPlanChange     change)
{
  if ((change & LC_PLAN_CHANGE_COVERAGE_INPUTS) && self->recompute_id == 0)
    self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, compute_in_idle, self);
}

/* ---- GObject ---- */

static void
lc_coverage_model_constructed (GObject *object)
{
  LcCoverageModel *self = LC_COVERAGE_MODEL (object);

  G_OBJECT_CLASS (lc_coverage_model_parent_class)->constructed (object);

  g_signal_connect_object (self->plan, "changed", G_CALLBACK (on_plan_changed), self, G_CONNECT_SWAPPED);
  compute (self);
}

static void
lc_coverage_model_dispose (GObject *object)
{
  LcCoverageModel *self = LC_COVERAGE_MODEL (object);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_handle_id (&self->recompute_id, g_source_remove);

  G_OBJECT_CLASS (lc_coverage_model_parent_class)->dispose (object);
}

static void
lc_coverage_model_finalize (GObject *object)
{
  LcCoverageModel *self = LC_COVERAGE_MODEL (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->coverage, lc_coverage_free);
  g_clear_pointer (&self->suggestions, g_array_unref);

  G_OBJECT_CLASS (lc_coverage_model_parent_class)->finalize (object);
}

static void
lc_coverage_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LcCoverageModel *self = LC_COVERAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_SERVICE:
      g_value_set_int (value, self->service);
      break;
    case PROP_COUNT_PLANNED:
      g_value_set_boolean (value, self->count_planned);
      break;
    case PROP_SUGGESTIONS:
      g_value_set_boxed (value, self->suggestions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_coverage_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LcCoverageModel *self = LC_COVERAGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      self->plan = g_value_dup_object (value);
      break;
    case PROP_SERVICE:
      lc_coverage_model_set_service (self, g_value_get_int (value));
      break;
    case PROP_COUNT_PLANNED:
      lc_coverage_model_set_count_planned (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_coverage_model_class_init (LcCoverageModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lc_coverage_model_constructed;
  object_class->dispose = lc_coverage_model_dispose;
  object_class->finalize = lc_coverage_model_finalize;
  object_class->get_property = lc_coverage_model_get_property;
  object_class->set_property = lc_coverage_model_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, LC_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The service whose reach is looked at: its index in the catalogue, or -1 */
  properties[PROP_SERVICE] =
    g_param_spec_int ("service", NULL, NULL, -1, LC_N_SERVICES - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether planned facilities count, or only those that exist */
  properties[PROP_COUNT_PLANNED] =
    g_param_spec_boolean ("count-planned", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The sites suggested for the chosen service (GArray of LcCoverageSuggestion), or NULL */
  properties[PROP_SUGGESTIONS] =
    g_param_spec_boxed ("suggestions", NULL, NULL, G_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcCoverageModel::updated:
   *
   * The figures changed: computed anew after an edit, or a facility being
   * dragged. lc_coverage_model_get_coverage() has them.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LcCoverageModel::failed:
   * @message: what went wrong, translated
   *
   * The coverage could not be computed; the last figures stay.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lc_coverage_model_init (LcCoverageModel *self)
{
  self->service = -1;
  self->count_planned = TRUE;
}

/**
 * lc_coverage_model_new:
 *
 * Starts computing @plan's coverage at once.
 *
 * Returns: (transfer full): the model
 */
LcCoverageModel *
lc_coverage_model_new (LcPlan *plan)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  return g_object_new (LC_TYPE_COVERAGE_MODEL, "plan", plan, NULL);
}

/**
 * lc_coverage_model_get_plan:
 *
 * Returns: (transfer none): the plan
 */
LcPlan *
lc_coverage_model_get_plan (LcCoverageModel *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), NULL);
  return self->plan;
}

/**
 * lc_coverage_model_get_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage; %NULL until first computed
 */
LcCoverage *
lc_coverage_model_get_coverage (LcCoverageModel *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), NULL);
  return self->coverage;
}

int
lc_coverage_model_get_service (LcCoverageModel *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), -1);
  return self->service;
}

/**
 * lc_coverage_model_set_service:
 * @service: a service's index in the catalogue, or -1 for none
 *
 * Chooses the service whose reach is looked at.
 */
void
lc_coverage_model_set_service (LcCoverageModel *self,
                               int              service)
{
  g_return_if_fail (LC_IS_COVERAGE_MODEL (self));
  g_return_if_fail (service < LC_N_SERVICES);

  service = MAX (service, -1);
  if (service == self->service)
    return;
  self->service = service;
  set_suggestions (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

gboolean
lc_coverage_model_get_count_planned (LcCoverageModel *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), TRUE);
  return self->count_planned;
}

/**
 * lc_coverage_model_set_count_planned:
 *
 * Counts planned facilities too, or only those that exist, and computes
 * the coverage again.
 */
void
lc_coverage_model_set_count_planned (LcCoverageModel *self,
                                     gboolean         count_planned)
{
  g_return_if_fail (LC_IS_COVERAGE_MODEL (self));

  count_planned = !!count_planned;
  if (count_planned == self->count_planned)
    return;
  self->count_planned = count_planned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_PLANNED]);
  compute (self);
}

/**
 * lc_coverage_model_move_facility:
 * @longitude: where the facility is dragged, WGS-84 degrees
 *
 * Shows the coverage as if the facility @fid stood there, while it is
 * dragged and before the move is an edit of the plan.
 *
 * Returns: whether the figures changed (::updated was emitted)
 */
gboolean
lc_coverage_model_move_facility (LcCoverageModel *self,
                                 gint64           fid,
                                 double           longitude,
                                 double           latitude)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), FALSE);

  if (self->coverage == NULL || !lc_coverage_move_facility (self->coverage, fid, longitude, latitude))
    return FALSE;
  updated (self);
  return TRUE;
}

/**
 * lc_coverage_model_suggest:
 * @n_sites: how many sites to find
 *
 * Finds the best sites for one more facility of the chosen service
 * (#LcCoverageModel:suggestions). On the calling thread, since the
 * coverage is the one a drag updates: about 0.1 s on a unit's network.
 */
void
lc_coverage_model_suggest (LcCoverageModel *self,
                           guint            n_sites)
{
  g_return_if_fail (LC_IS_COVERAGE_MODEL (self));

  if (self->coverage == NULL || self->service < 0)
    return;
  set_suggestions (self, lc_coverage_suggest (self->coverage, self->service, NULL, n_sites, NULL, 0, NULL));
}

/**
 * lc_coverage_model_get_suggestions:
 *
 * Returns: (transfer none) (nullable) (element-type LcCoverageSuggestion):
 *   the sites found by lc_coverage_model_suggest(), best first; %NULL when
 *   none were asked for since the figures or the service last changed
 */
GArray *
lc_coverage_model_get_suggestions (LcCoverageModel *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_MODEL (self), NULL);
  return self->suggestions;
}
