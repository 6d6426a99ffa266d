/* lc-coverage.c: who reaches each service on foot within its threshold
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-coverage"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-coverage.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-shape.h"

/*
 * One multi-source search per service (shared/docs/design.md, "Coverage").
 *
 * Tiers: a home is covered when it reaches *some* facility f within f's own
 * threshold T(f), i.e. when min over f of d(home, f) - T(f) <= 0. Starting
 * each facility's search with a head start of Tmax - T(f) (its "slack")
 * turns that into one search bounded by the service's largest threshold
 * Tmax: the home is covered exactly when its label is <= Tmax. A station
 * (300 m) of a service whose centres reach 1000 m thus starts 700 m "behind".
 * For the 15 single-tier services the slack is zero and the labels are the
 * walking distances; for a service whose facilities have different tiers, a
 * second search without slack gives the walking distance to the nearest
 * facility of any tier, which is what the map shades; it runs only when the
 * map (or anyone) first asks for those distances after a change.
 *
 * Facilities and homes snap to their nearest edge; the snapping distance is
 * walked. A home and a facility on the same edge also reach each other
 * along it, not only through its ends.
 */

#define MAX_TIERS 8
#define N_SERVICES LC_N_SERVICES
#define BASIC_MASK ((1u << 10) - 1)

/* Graphs smaller than this are searched on the calling thread: starting
 * threads costs more than the searches */
#define PARALLEL_MIN_NODES 50000

typedef struct
{
  gint64     fid;
  double     lon, lat;
  gboolean   counts;      /* its status counts */
  gboolean   snapped;
  gboolean   removed;
  LcWalkSnap snap;
  guint32    services;    /* bit per service index */
} Facility;

typedef struct
{
  gint64     fid;
  double     lon, lat;
  double     population;
  gboolean   snapped;
  LcWalkSnap snap;
} Home;

typedef struct
{
  guint   facility;
  guint32 threshold_cm;
} Offer;

/* A snapped home as the evaluation reads it, in node order */
typedef struct
{
  guint32 home;
  guint32 u, v;
  guint32 via_u, via_v;   /* snapping walk + along the edge to u, to v */
  guint32 edge, pos_cm, distance_cm;
  double  population;
} HomeEval;

/* A source on an edge, for homes on the same edge */
typedef struct
{
  guint32 edge;
  guint32 pos_cm;
  guint32 base_cm;   /* snapping distance + slack */
  guint32 slack_cm;
  gint64  fid;
} EdgeSource;

typedef struct
{
  const LcService  *service;
  guint             n_tiers;
  char             *tier_keys[MAX_TIERS];
  guint32           tier_cm[MAX_TIERS];
  guint32           bound_cm;

  GArray           *offers;        /* Offer */
  GArray           *edge_sources;  /* EdgeSource, by edge */
  gboolean          has_slack;
  gboolean          plain_valid;

  guint32          *label;         /* n_nodes: with slack */
  guint32          *plain;         /* n_nodes: without; NULL when no slack */
  guint8           *covered;       /* per home of home_eval, in that order; n_homes long */

  LcServiceCoverage result;
} Service;

typedef struct
{
  LcWalkSearch *search;
  GArray       *sources;     /* LcWalkSource */
} Worker;

struct _LcCoverage
{
  LcWalkGraph *graph;
  guint        n_nodes;

  double       speed_m_min;
  double       target;

  GArray      *homes;        /* Home */
  GArray      *facilities;   /* Facility */
  GHashTable  *facility_index;  /* fid → index + 1 */
  double       snap_radius_m;    /* the radius the items were snapped with */
  gboolean     unsnapped;        /* homes or facilities added since */

  Service      services[N_SERVICES];

  guint32     *home_mask;
  guint32     *home_order;   /* homes by the node they snapped to */
  HomeEval    *home_eval;    /* the snapped homes, in that order */
  guint        n_home_eval;
  guint32     *home_by_edge; /* indices into home_eval, by edge */
  guint32     *edge_homes;   /* n_edges + 1: edge e's homes are home_by_edge[edge_homes[e] ..] */
  guint        home_mask_len;
  double       population;

  guint        n_threads;
  Worker      *workers;
  guint        n_workers;
};

/**
 * lc_coverage_new:
 * @graph: the walking network; a reference is taken
 *
 * Returns: (transfer full): a coverage with the built-in thresholds, no
 * homes and no facilities
 */
LcCoverage *
lc_coverage_new (LcWalkGraph *graph)
{
  LcCoverage *self = g_new0 (LcCoverage, 1);
  const LcService *all = lc_services_get_all (NULL);

  self->graph = lc_walk_graph_ref (graph);
  self->n_nodes = lc_walk_graph_get_n_nodes (graph);
  self->speed_m_min = LC_COVERAGE_DEFAULT_SPEED_M_MIN;
  self->target = LC_COVERAGE_DEFAULT_TARGET;
  self->homes = g_array_new (FALSE, FALSE, sizeof (Home));
  self->facilities = g_array_new (FALSE, FALSE, sizeof (Facility));
  self->facility_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->n_threads = MAX (1, MIN (g_get_num_processors (), N_SERVICES));

  for (guint s = 0; s < N_SERVICES; s++)
    {
      Service *st = &self->services[s];

      st->service = &all[s];
      st->n_tiers = all[s].n_tiers;
      for (guint t = 0; t < all[s].n_tiers; t++)
        {
          st->tier_keys[t] = g_strdup (all[s].tiers[t].key);
          st->tier_cm[t] = (guint32) round (all[s].tiers[t].threshold_m * 100);
        }
      st->offers = g_array_new (FALSE, FALSE, sizeof (Offer));
      st->edge_sources = g_array_new (FALSE, FALSE, sizeof (EdgeSource));
      st->result.service = &all[s];
    }

  return self;
}

void
lc_coverage_free (LcCoverage *self)
{
  if (self == NULL)
    return;

  for (guint s = 0; s < N_SERVICES; s++)
    {
      Service *st = &self->services[s];

      for (guint t = 0; t < st->n_tiers; t++)
        g_free (st->tier_keys[t]);
      g_array_unref (st->offers);
      g_array_unref (st->edge_sources);
      g_free (st->label);
      g_free (st->plain);
      g_free (st->covered);
    }
  for (guint w = 0; w < self->n_workers; w++)
    {
      lc_walk_search_free (self->workers[w].search);
      g_array_unref (self->workers[w].sources);
    }
  g_free (self->workers);
  g_free (self->home_mask);
  g_free (self->home_order);
  g_free (self->home_eval);
  g_free (self->home_by_edge);
  g_free (self->edge_homes);
  g_array_unref (self->homes);
  g_array_unref (self->facilities);
  g_hash_table_unref (self->facility_index);
  lc_walk_graph_unref (self->graph);
  g_free (self);
}

/**
 * lc_coverage_get_graph:
 *
 * Returns: (transfer none): the walking network
 */
LcWalkGraph *
lc_coverage_get_graph (LcCoverage *self)
{
  return self->graph;
}

/**
 * lc_coverage_set_walking_speed:
 * @metres_per_minute: 60 by default, 45 for the elderly profile
 *
 * Thresholds stay in metres, as the standards write them; the speed only
 * turns metres into minutes for people.
 */
void
lc_coverage_set_walking_speed (LcCoverage *self,
                               double      metres_per_minute)
{
  g_return_if_fail (metres_per_minute > 0);
  self->speed_m_min = metres_per_minute;
}

double
lc_coverage_get_walking_speed (LcCoverage *self)
{
  return self->speed_m_min;
}

/**
 * lc_coverage_set_target:
 * @share: 0–1, such as 0.85
 */
void
lc_coverage_set_target (LcCoverage *self,
                        double      share)
{
  g_return_if_fail (share >= 0 && share <= 1);
  self->target = share;
  for (guint s = 0; s < N_SERVICES; s++)
    self->services[s].result.meets_target = self->services[s].result.share_population >= share;
}

double
lc_coverage_get_target (LcCoverage *self)
{
  return self->target;
}

/**
 * lc_coverage_set_threads:
 * @n_threads: how many threads lc_coverage_compute() may use; 0 for one per processor
 */
void
lc_coverage_set_threads (LcCoverage *self,
                         guint       n_threads)
{
  self->n_threads = n_threads > 0 ? n_threads : MAX (1, g_get_num_processors ());
  self->n_threads = MIN (self->n_threads, N_SERVICES);
}

/**
 * lc_coverage_lookup_service:
 *
 * Returns: the index of the service (its place in lc_services_get_all()), or -1
 */
int
lc_coverage_lookup_service (LcCoverage *self,
                            const char *service_key)
{
  for (guint s = 0; s < N_SERVICES; s++)
    if (g_strcmp0 (self->services[s].service->key, service_key) == 0)
      return (int) s;
  return -1;
}

static void
update_bound (Service *st)
{
  st->bound_cm = 0;
  for (guint t = 0; t < st->n_tiers; t++)
    st->bound_cm = MAX (st->bound_cm, st->tier_cm[t]);
  st->result.max_threshold_m = st->bound_cm / 100.0;
}

/* The threshold of a facility of @tier_key: that tier's; an empty or unknown
 * tier takes the first tier's, as lc_service_lookup_tier() does */
static guint32
tier_threshold (Service    *st,
                const char *tier_key)
{
  for (guint t = 0; t < st->n_tiers; t++)
    if (g_strcmp0 (st->tier_keys[t], tier_key != NULL ? tier_key : "") == 0)
      return st->tier_cm[t];
  return st->n_tiers > 0 ? st->tier_cm[0] : 0;
}

/**
 * lc_coverage_set_threshold:
 * @tier_key: (nullable): "" or %NULL for a single-tier service
 * @threshold_m: network walking distance, metres
 *
 * Sets a tier's threshold, adding the tier if the service has no such tier.
 * Facilities added afterwards use it; call it before adding facilities.
 *
 * Returns: %FALSE for an unknown service or a bad threshold
 */
gboolean
lc_coverage_set_threshold (LcCoverage *self,
                           const char *service_key,
                           const char *tier_key,
                           double      threshold_m)
{
  int s = lc_coverage_lookup_service (self, service_key);
  Service *st;
  guint t;

  if (s < 0 || !(threshold_m > 0) || threshold_m > 100000)
    return FALSE;
  st = &self->services[s];
  if (tier_key == NULL)
    tier_key = "";

  for (t = 0; t < st->n_tiers; t++)
    if (g_str_equal (st->tier_keys[t], tier_key))
      break;
  if (t == st->n_tiers)
    {
      if (st->n_tiers == MAX_TIERS)
        return FALSE;
      st->tier_keys[st->n_tiers++] = g_strdup (tier_key);
    }
  st->tier_cm[t] = (guint32) round (threshold_m * 100);
  update_bound (st);
  return TRUE;
}

/**
 * lc_coverage_get_threshold:
 * @tier_key: (nullable): a tier; %NULL or "" for the first
 *
 * Returns: the threshold a facility of that tier has, in metres
 */
double
lc_coverage_get_threshold (LcCoverage *self,
                           guint       service,
                           const char *tier_key)
{
  g_return_val_if_fail (service < N_SERVICES, 0);
  return tier_threshold (&self->services[service], tier_key) / 100.0;
}

static double
snap_radius (LcCoverage *self)
{
  guint32 max = 0;

  for (guint s = 0; s < N_SERVICES; s++)
    {
      update_bound (&self->services[s]);
      max = MAX (max, self->services[s].bound_cm);
    }
  return max / 100.0;
}

/**
 * lc_coverage_add_home:
 * @fid: the building's fid
 * @lon: its centroid, WGS-84 degrees
 * @lat: its centroid, WGS-84 degrees
 * @population: residents
 *
 * Returns: the home's index
 */
guint
lc_coverage_add_home (LcCoverage *self,
                      gint64      fid,
                      double      lon,
                      double      lat,
                      double      population)
{
  Home h = { fid, lon, lat, MAX (population, 0), FALSE, { 0 } };

  g_array_append_val (self->homes, h);
  self->population += h.population;
  self->unsnapped = TRUE;
  return self->homes->len - 1;
}

static Facility *
lookup_facility (LcCoverage *self,
                 gint64      fid)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->facility_index, &fid));

  return index > 0 ? &g_array_index (self->facilities, Facility, index - 1) : NULL;
}

static void
snap_facility (LcCoverage *self,
               Facility   *f)
{
  f->snapped = lc_walk_graph_snap (self->graph, f->lon, f->lat, self->snap_radius_m, &f->snap);
}

/**
 * lc_coverage_add_facility:
 * @counts: whether its status counts (see #LcCoverageFlags)
 *
 * Adds a facility; give its services with lc_coverage_add_facility_service().
 *
 * Returns: %FALSE when a facility with @fid exists
 */
gboolean
lc_coverage_add_facility (LcCoverage *self,
                          gint64      fid,
                          double      lon,
                          double      lat,
                          gboolean    counts)
{
  Facility f = { fid, lon, lat, counts, FALSE, FALSE, { 0 }, 0 };

  if (lookup_facility (self, fid) != NULL)
    return FALSE;
  g_array_append_val (self->facilities, f);
  self->unsnapped = TRUE;
  g_hash_table_insert (self->facility_index, g_memdup2 (&fid, sizeof fid),
                       GUINT_TO_POINTER (self->facilities->len));
  return TRUE;
}

/**
 * lc_coverage_add_facility_service:
 * @tier_key: (nullable): the facility's tier for that service
 *
 * Returns: %FALSE for an unknown facility or service, or a service the
 * facility already offers
 */
gboolean
lc_coverage_add_facility_service (LcCoverage *self,
                                  gint64      fid,
                                  const char *service_key,
                                  const char *tier_key)
{
  Facility *f = lookup_facility (self, fid);
  int s = lc_coverage_lookup_service (self, service_key);
  Offer offer;

  if (f == NULL || s < 0 || (f->services & (1u << s)) != 0)
    return FALSE;
  f->services |= 1u << s;
  offer.facility = GPOINTER_TO_UINT (g_hash_table_lookup (self->facility_index, &fid)) - 1;
  offer.threshold_cm = tier_threshold (&self->services[s], tier_key);
  g_array_append_val (self->services[s].offers, offer);
  return TRUE;
}

/**
 * lc_coverage_get_facility_services:
 *
 * Returns: the services a facility offers, one bit per service index; 0
 * for an unknown facility
 */
guint32
lc_coverage_get_facility_services (LcCoverage *self,
                                   gint64      fid)
{
  Facility *f = lookup_facility (self, fid);

  return f != NULL && !f->removed ? f->services : 0;
}

static void
recompute_services (LcCoverage *self,
                    guint32     mask)
{
  for (guint s = 0; s < N_SERVICES; s++)
    if (mask & (1u << s))
      lc_coverage_compute_service (self, s);
}

/**
 * lc_coverage_move_facility:
 * @lon: the new position, WGS-84 degrees
 * @lat: the new position, WGS-84 degrees
 *
 * Moves a facility and recomputes only the services it offers: what a drag
 * on the map calls at every step. Call lc_coverage_compute() once before.
 *
 * Returns: %FALSE for an unknown facility
 */
gboolean
lc_coverage_move_facility (LcCoverage *self,
                           gint64      fid,
                           double      lon,
                           double      lat)
{
  Facility *f = lookup_facility (self, fid);

  if (f == NULL || f->removed)
    return FALSE;
  f->lon = lon;
  f->lat = lat;
  snap_facility (self, f);
  recompute_services (self, f->services);
  return TRUE;
}

/**
 * lc_coverage_remove_facility:
 *
 * Takes a facility out and recomputes the services it offered.
 *
 * Returns: %FALSE for an unknown facility
 */
gboolean
lc_coverage_remove_facility (LcCoverage *self,
                             gint64      fid)
{
  Facility *f = lookup_facility (self, fid);

  if (f == NULL || f->removed)
    return FALSE;
  f->removed = TRUE;
  recompute_services (self, f->services);
  return TRUE;
}

static int
compare_edge_source (const void *a,
                     const void *b)
{
  const EdgeSource *x = a, *y = b;

  if (x->edge != y->edge)
    return x->edge < y->edge ? -1 : 1;
  return (x->pos_cm > y->pos_cm) - (x->pos_cm < y->pos_cm);
}

/* The label of a home: through either end of its edge, or along the edge
 * from a source on it */
static guint32
home_label (LcCoverage    *self,
            Service       *st,
            const Home    *h,
            const guint32 *labels,
            gboolean       with_slack)
{
  const EdgeSource *es = (const EdgeSource *) st->edge_sources->data;
  guint lo = 0, hi = st->edge_sources->len;
  guint64 best;

  if (!h->snapped)
    return LC_WALK_UNREACHED;

  best = lc_walk_graph_snap_label (self->graph, &h->snap, labels);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (es[mid].edge < h->snap.edge)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < st->edge_sources->len && es[lo].edge == h->snap.edge; lo++)
    {
      guint64 along = es[lo].pos_cm > h->snap.pos_cm ? es[lo].pos_cm - h->snap.pos_cm
                                                      : h->snap.pos_cm - es[lo].pos_cm;

      best = MIN (best, (guint64) es[lo].base_cm - (with_slack ? 0 : es[lo].slack_cm) +
                        along + h->snap.distance_cm);
    }

  return (guint32) MIN (best, (guint64) LC_WALK_UNREACHED);
}

static void
collect_sources (LcCoverage *self,
                 Service    *st,
                 GArray     *sources,
                 gboolean    with_slack)
{
  g_array_set_size (sources, 0);
  for (guint i = 0; i < st->edge_sources->len; i++)
    {
      const EdgeSource *es = &g_array_index (st->edge_sources, EdgeSource, i);
      LcWalkSource src[2];

      lc_walk_graph_snap_sources (self->graph, es->edge, es->pos_cm,
                                  es->base_cm - (with_slack ? 0 : es->slack_cm), src);
      g_array_append_vals (sources, src, 2);
    }
}

/* Which homes the service covers, from the labels of a search with slack:
 * a home is covered when it reaches a source within the bound through an
 * end of its edge, or along its edge from a source on the same edge. The
 * sums stay in local variables, not in the service's result, so that two
 * threads writing neighbouring services do not share cache lines. */
static void
evaluate_homes (LcCoverage *self,
                Service    *st)
{
  const EdgeSource *es = (const EdgeSource *) st->edge_sources->data;
  const HomeEval *home_eval = self->home_eval;
  const guint32 *restrict label = st->label;
  guint8 *restrict covered = st->covered;
  const guint32 bound = st->bound_cm;
  guint n_es = st->edge_sources->len, n_he = self->n_home_eval;
  guint covered_homes = 0;
  double covered_population = 0;

  memset (covered, 0, n_he);

  /* Homes on the edge of a source first: few, found through the index of
   * homes by edge */
  for (guint i = 0; i < n_es; i++)
    for (guint k = self->edge_homes[es[i].edge]; k < self->edge_homes[es[i].edge + 1]; k++)
      {
        guint32 j = self->home_by_edge[k];
        const HomeEval *he = &home_eval[j];
        guint64 along = es[i].pos_cm > he->pos_cm ? es[i].pos_cm - he->pos_cm : he->pos_cm - es[i].pos_cm;

        if ((guint64) es[i].base_cm + along + he->distance_cm <= bound)
          covered[j] = 1;
      }

  /* Then every home through the ends of its edge, in the order of the
   * nodes they snapped to, so that labels are read in order */
  for (guint i = 0; i < n_he; i++)
    {
      const HomeEval *he = &home_eval[i];
      guint64 best = MIN ((guint64) label[he->u] + he->via_u, (guint64) label[he->v] + he->via_v);
      gboolean yes = best <= bound || covered[i];

      covered[i] = yes;
      covered_homes += yes;
      covered_population += yes ? he->population : 0;
    }

  st->result.covered_homes = covered_homes;
  st->result.covered_population = covered_population;
}

static void
compute_service (LcCoverage *self,
                 guint       s,
                 Worker     *worker,
                 gboolean    update_mask)
{
  Service *st = &self->services[s];
  LcServiceCoverage *r = &st->result;
  guint n_homes = self->homes->len;

  update_bound (st);
  g_array_set_size (st->edge_sources, 0);
  st->has_slack = FALSE;
  r->n_facilities = 0;

  for (guint i = 0; i < st->offers->len; i++)
    {
      const Offer *o = &g_array_index (st->offers, Offer, i);
      const Facility *f = &g_array_index (self->facilities, Facility, o->facility);
      EdgeSource es;

      if (!f->counts || f->removed)
        continue;
      r->n_facilities++;
      if (!f->snapped)
        continue;
      es.edge = f->snap.edge;
      es.pos_cm = f->snap.pos_cm;
      es.slack_cm = st->bound_cm - MIN (st->bound_cm, o->threshold_cm);
      es.base_cm = f->snap.distance_cm + es.slack_cm;
      es.fid = f->fid;
      st->has_slack |= es.slack_cm > 0;
      g_array_append_val (st->edge_sources, es);
    }
  if (st->edge_sources->len > 1)
    qsort (st->edge_sources->data, st->edge_sources->len, sizeof (EdgeSource), compare_edge_source);

  if (st->label == NULL)
    st->label = g_new (guint32, self->n_nodes + 1);
  collect_sources (self, st, worker->sources, TRUE);
  lc_walk_search_run (worker->search, (const LcWalkSource *) worker->sources->data,
                      worker->sources->len, st->bound_cm, st->label);

  /* The distances without head start, for the map, when first asked for */
  st->plain_valid = FALSE;

  if (st->covered == NULL)
    st->covered = g_new (guint8, n_homes + 1);   /* n_home_eval <= n_homes, and may grow */
  r->n_homes = n_homes;
  r->population = self->population;
  evaluate_homes (self, st);
  r->share_population = self->population > 0 ? r->covered_population / self->population : 0;
  r->share_homes = n_homes > 0 ? (double) r->covered_homes / n_homes : 0;
  r->meets_target = r->share_population >= self->target;

  /* Only this service's bit: other services' bits stay as they were */
  if (update_mask && self->home_mask != NULL && self->home_mask_len == n_homes)
    for (guint i = 0; i < self->n_home_eval; i++)
      {
        guint32 h = self->home_eval[i].home;

        self->home_mask[h] = (self->home_mask[h] & ~(1u << s)) | ((guint32) st->covered[i] << s);
      }
}

static guint32
home_node (LcCoverage *self,
           guint32     h)
{
  const Home *home = &g_array_index (self->homes, Home, h);
  guint u = G_MAXUINT32;

  if (home->snapped)
    lc_walk_graph_get_edge (self->graph, home->snap.edge, &u, NULL, NULL);
  return u;
}

static int
compare_home_node (const void *a,
                   const void *b,
                   void       *data)
{
  guint32 x = home_node (data, *(const guint32 *) a), y = home_node (data, *(const guint32 *) b);

  if (x != y)
    return x < y ? -1 : 1;
  return (*(const guint32 *) a > *(const guint32 *) b) - (*(const guint32 *) a < *(const guint32 *) b);
}

static int
compare_home_edge (const void *a,
                   const void *b,
                   void       *data)
{
  const HomeEval *home_eval = data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (home_eval[x].edge != home_eval[y].edge)
    return home_eval[x].edge < home_eval[y].edge ? -1 : 1;
  return (x > y) - (x < y);
}

/* The walking distances of a service without head start (what the map
 * shades), searched the first time they are asked for */
static const guint32 *
plain_distances (LcCoverage *self,
                 Service    *st)
{
  if (st->label == NULL || !st->has_slack)
    return st->label;
  if (!st->plain_valid)
    {
      if (st->plain == NULL)
        st->plain = g_new (guint32, self->n_nodes + 1);
      collect_sources (self, st, self->workers[0].sources, FALSE);
      lc_walk_search_run (self->workers[0].search, (const LcWalkSource *) self->workers[0].sources->data,
                          self->workers[0].sources->len, st->bound_cm, st->plain);
      st->plain_valid = TRUE;
    }
  return st->plain;
}

/* Snaps every home and facility not yet snapped within the largest threshold */
static void
ensure_prepared (LcCoverage *self)
{
  double radius = snap_radius (self);

  if (radius > self->snap_radius_m || self->unsnapped)
    {
      self->snap_radius_m = MAX (radius, self->snap_radius_m);
      self->unsnapped = FALSE;
      for (guint i = 0; i < self->homes->len; i++)
        {
          Home *h = &g_array_index (self->homes, Home, i);

          if (!h->snapped)
            h->snapped = lc_walk_graph_snap (self->graph, h->lon, h->lat, radius, &h->snap);
        }
      for (guint i = 0; i < self->facilities->len; i++)
        {
          Facility *f = &g_array_index (self->facilities, Facility, i);

          if (!f->snapped)
            snap_facility (self, f);
        }

      g_free (self->home_order);
      self->home_order = g_new (guint32, self->homes->len + 1);
      for (guint i = 0; i < self->homes->len; i++)
        self->home_order[i] = i;
      g_qsort_with_data (self->home_order, self->homes->len, sizeof (guint32), compare_home_node, self);

      g_free (self->home_eval);
      self->home_eval = g_new (HomeEval, self->homes->len + 1);
      self->n_home_eval = 0;
      for (guint i = 0; i < self->homes->len; i++)
        {
          const Home *h = &g_array_index (self->homes, Home, self->home_order[i]);
          HomeEval *he = &self->home_eval[self->n_home_eval];
          guint32 w;
          guint u, v;

          if (!h->snapped)
            continue;
          lc_walk_graph_get_edge (self->graph, h->snap.edge, &u, &v, &w);
          *he = (HomeEval) { self->home_order[i], u, v, h->snap.pos_cm + h->snap.distance_cm,
                             (w - MIN (w, h->snap.pos_cm)) + h->snap.distance_cm,
                             h->snap.edge, h->snap.pos_cm, h->snap.distance_cm, h->population };
          self->n_home_eval++;
        }

      g_free (self->home_by_edge);
      self->home_by_edge = g_new (guint32, self->n_home_eval + 1);
      for (guint i = 0; i < self->n_home_eval; i++)
        self->home_by_edge[i] = i;
      g_qsort_with_data (self->home_by_edge, self->n_home_eval, sizeof (guint32), compare_home_edge,
                         self->home_eval);
      g_free (self->edge_homes);
      self->edge_homes = g_new0 (guint32, lc_walk_graph_get_n_edges (self->graph) + 2);
      for (guint i = 0; i < self->n_home_eval; i++)
        self->edge_homes[self->home_eval[i].edge + 1]++;
      for (guint e = 0; e < lc_walk_graph_get_n_edges (self->graph); e++)
        self->edge_homes[e + 1] += self->edge_homes[e];
    }

  if (self->n_workers < self->n_threads)
    {
      self->workers = g_renew (Worker, self->workers, self->n_threads);
      for (guint w = self->n_workers; w < self->n_threads; w++)
        {
          self->workers[w].search = lc_walk_search_new (self->graph);
          self->workers[w].sources = g_array_new (FALSE, FALSE, sizeof (LcWalkSource));
        }
      self->n_workers = self->n_threads;
    }
}

/**
 * lc_coverage_compute_service:
 *
 * Recomputes one service on the calling thread, for example after its
 * facilities changed. Homes added since the last lc_coverage_compute()
 * make it a full compute.
 */
void
lc_coverage_compute_service (LcCoverage *self,
                             guint       service)
{
  g_return_if_fail (service < N_SERVICES);

  /* Homes added since the last compute: every service must see them */
  if (self->home_mask == NULL || self->home_mask_len != self->homes->len)
    {
      lc_coverage_compute (self);
      return;
    }
  ensure_prepared (self);
  compute_service (self, service, &self->workers[0], TRUE);
}

typedef struct
{
  LcCoverage *self;
  guint       order[N_SERVICES];
  gint        next_job;
} Jobs;

typedef struct
{
  Jobs   *jobs;
  Worker *worker;
} WorkerRun;

static gpointer
worker_main (gpointer data)
{
  WorkerRun *run = data;
  gint job;

  while ((job = g_atomic_int_add (&run->jobs->next_job, 1)) < N_SERVICES)
    compute_service (run->jobs->self, run->jobs->order[job], run->worker, FALSE);
  return NULL;
}

static int
compare_cost (const void *a,
              const void *b,
              void       *data)
{
  LcCoverage *self = data;
  const Service *x = &self->services[*(const guint *) a], *y = &self->services[*(const guint *) b];
  /* Longer searches first, so that the threads end together */
  guint64 cx = (guint64) x->bound_cm * (x->n_tiers > 1 ? 2 : 1);
  guint64 cy = (guint64) y->bound_cm * (y->n_tiers > 1 ? 2 : 1);

  return (cx < cy) - (cx > cy);
}

/**
 * lc_coverage_compute:
 *
 * Snaps what is not yet snapped and computes every service, on up to one
 * thread per processor for large networks (each with its own scratch
 * space, allocated once).
 */
void
lc_coverage_compute (LcCoverage *self)
{
  Jobs jobs = { self, { 0 }, 0 };
  guint n_threads, n_homes = self->homes->len;
  GThread *threads[N_SERVICES] = { NULL };
  WorkerRun runs[N_SERVICES];

  ensure_prepared (self);

  for (guint s = 0; s < N_SERVICES; s++)
    jobs.order[s] = s;
  g_qsort_with_data (jobs.order, N_SERVICES, sizeof (guint), compare_cost, self);

  if (self->home_mask_len != n_homes)
    {
      g_free (self->home_mask);
      self->home_mask = NULL;
      self->home_mask_len = 0;
      for (guint s = 0; s < N_SERVICES; s++)
        g_clear_pointer (&self->services[s].covered, g_free);
    }

  n_threads = self->n_nodes >= PARALLEL_MIN_NODES ? self->n_threads : 1;
  for (guint t = 0; t < n_threads; t++)
    runs[t] = (WorkerRun) { &jobs, &self->workers[t] };
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("lc-coverage", worker_main, &runs[t]);
  worker_main (&runs[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  if (self->home_mask == NULL)
    {
      self->home_mask = g_new0 (guint32, n_homes + 1);
      self->home_mask_len = n_homes;
    }
  /* Homes that did not snap are covered by nothing */
  memset (self->home_mask, 0, sizeof (guint32) * n_homes);
  for (guint i = 0; i < self->n_home_eval; i++)
    {
      guint32 mask = 0;

      for (guint s = 0; s < N_SERVICES; s++)
        mask |= (guint32) self->services[s].covered[i] << s;
      self->home_mask[self->home_eval[i].home] = mask;
    }
}

/**
 * lc_coverage_get_result:
 *
 * Returns: (transfer none): the coverage of one service, valid until the
 * next compute
 */
const LcServiceCoverage *
lc_coverage_get_result (LcCoverage *self,
                        guint       service)
{
  g_return_val_if_fail (service < N_SERVICES, NULL);
  return &self->services[service].result;
}

/**
 * lc_coverage_get_basic_all:
 * @share_population: (out) (optional): share of residents, 0–1
 * @share_homes: (out) (optional): share of homes, 0–1
 * @covered_population: (out) (optional): residents
 *
 * The "all 十全" figure: residents whose home is covered by every one of
 * the ten basic services at once, each within its own threshold.
 */
void
lc_coverage_get_basic_all (LcCoverage *self,
                           double     *share_population,
                           double     *share_homes,
                           double     *covered_population)
{
  double people = 0;
  guint homes = 0;

  for (guint h = 0; h < self->home_mask_len; h++)
    if ((self->home_mask[h] & BASIC_MASK) == BASIC_MASK)
      {
        homes++;
        people += g_array_index (self->homes, Home, h).population;
      }
  if (share_population != NULL)
    *share_population = self->population > 0 ? people / self->population : 0;
  if (share_homes != NULL)
    *share_homes = self->homes->len > 0 ? (double) homes / self->homes->len : 0;
  if (covered_population != NULL)
    *covered_population = people;
}

/**
 * lc_coverage_get_node_distances:
 *
 * Returns: (transfer none) (nullable): per node, the walking distance in
 * centimetres to the nearest facility of the service of any tier, or
 * %LC_WALK_UNREACHED beyond the service's largest threshold; %NULL before
 * the first compute. For a service whose tiers have different thresholds,
 * the first call after a change runs one more search.
 */
const guint32 *
lc_coverage_get_node_distances (LcCoverage *self,
                                guint       service)
{
  g_return_val_if_fail (service < N_SERVICES, NULL);
  return plain_distances (self, &self->services[service]);
}

/**
 * lc_coverage_get_node_labels:
 *
 * Returns: (transfer none) (nullable): per node, the coverage search's
 * label in centimetres: the walking distance plus the head start of lower
 * tiers (see the top of lc-coverage.c); a home whose label is at most
 * lc_coverage_get_bound() is covered
 */
const guint32 *
lc_coverage_get_node_labels (LcCoverage *self,
                             guint       service)
{
  g_return_val_if_fail (service < N_SERVICES, NULL);
  return self->services[service].label;
}

/**
 * lc_coverage_get_bound:
 *
 * Returns: the service's largest threshold, centimetres: how far its search goes
 */
guint32
lc_coverage_get_bound (LcCoverage *self,
                       guint       service)
{
  g_return_val_if_fail (service < N_SERVICES, 0);
  update_bound (&self->services[service]);
  return self->services[service].bound_cm;
}

/**
 * lc_coverage_dup_sources:
 *
 * For checks against other implementations: where the last compute of the
 * service started, one entry per facility that counts and reaches the network.
 *
 * Returns: (transfer full) (element-type LcCoverageSource): the sources
 */
GArray *
lc_coverage_dup_sources (LcCoverage *self,
                         guint       service)
{
  GArray *sources = g_array_new (FALSE, FALSE, sizeof (LcCoverageSource));
  Service *st;

  g_return_val_if_fail (service < N_SERVICES, sources);
  st = &self->services[service];
  for (guint i = 0; i < st->edge_sources->len; i++)
    {
      const EdgeSource *es = &g_array_index (st->edge_sources, EdgeSource, i);
      LcCoverageSource src = { es->fid, es->edge, es->pos_cm, es->base_cm - es->slack_cm, es->slack_cm };

      g_array_append_val (sources, src);
    }
  return sources;
}

guint
lc_coverage_get_n_homes (LcCoverage *self)
{
  return self->homes->len;
}

/**
 * lc_coverage_get_home:
 * @fid: (out) (optional): the building's fid
 * @lon: (out) (optional): WGS-84 degrees
 * @lat: (out) (optional): WGS-84 degrees
 * @population: (out) (optional): residents
 */
void
lc_coverage_get_home (LcCoverage *self,
                      guint       home,
                      gint64     *fid,
                      double     *lon,
                      double     *lat,
                      double     *population)
{
  const Home *h;

  g_return_if_fail (home < self->homes->len);
  h = &g_array_index (self->homes, Home, home);
  if (fid != NULL)
    *fid = h->fid;
  if (lon != NULL)
    *lon = h->lon;
  if (lat != NULL)
    *lat = h->lat;
  if (population != NULL)
    *population = h->population;
}

/**
 * lc_coverage_get_home_snap:
 * @snap: (out caller-allocates): where the home meets the network
 *
 * Returns: %FALSE when the home is farther from every path than the largest threshold
 */
gboolean
lc_coverage_get_home_snap (LcCoverage *self,
                           guint       home,
                           LcWalkSnap *snap)
{
  const Home *h;

  g_return_val_if_fail (home < self->homes->len, FALSE);
  h = &g_array_index (self->homes, Home, home);
  if (h->snapped)
    *snap = h->snap;
  return h->snapped;
}

/**
 * lc_coverage_get_home_mask:
 *
 * Returns: one bit per service index, set when the home is covered
 */
guint32
lc_coverage_get_home_mask (LcCoverage *self,
                           guint       home)
{
  g_return_val_if_fail (home < self->home_mask_len, 0);
  return self->home_mask[home];
}

gboolean
lc_coverage_home_is_covered (LcCoverage *self,
                             guint       home,
                             guint       service)
{
  return (lc_coverage_get_home_mask (self, home) >> service) & 1;
}

/**
 * lc_coverage_get_home_distance:
 *
 * Returns: the walking distance from a home to the nearest facility of the
 * service (any tier), centimetres, or %LC_WALK_UNREACHED beyond the
 * service's largest threshold
 */
guint32
lc_coverage_get_home_distance (LcCoverage *self,
                               guint       home,
                               guint       service)
{
  Service *st;
  guint32 d;

  g_return_val_if_fail (home < self->homes->len && service < N_SERVICES, LC_WALK_UNREACHED);
  st = &self->services[service];
  if (st->label == NULL)
    return LC_WALK_UNREACHED;
  d = home_label (self, st, &g_array_index (self->homes, Home, home),
                  plain_distances (self, st), FALSE);
  return d <= st->bound_cm ? d : LC_WALK_UNREACHED;
}

static int
compare_population (const void *a,
                    const void *b,
                    void       *data)
{
  GArray *homes = data;
  double x = g_array_index (homes, Home, *(const guint *) a).population;
  double y = g_array_index (homes, Home, *(const guint *) b).population;

  if (x != y)
    return x < y ? 1 : -1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

/**
 * lc_coverage_list_uncovered:
 *
 * Returns: (transfer full) (element-type guint): the homes the service does
 * not cover (its 盲区), most residents first
 */
GArray *
lc_coverage_list_uncovered (LcCoverage *self,
                            guint       service)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (service < N_SERVICES, list);
  for (guint h = 0; h < self->home_mask_len; h++)
    if (!((self->home_mask[h] >> service) & 1))
      g_array_append_val (list, h);
  g_qsort_with_data (list->data, list->len, sizeof (guint), compare_population, self->homes);
  return list;
}

/* ---- reading a plan ---- */

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
               /* Translators: %s is a database error message */
               _("Could not read the plan for the coverage: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
step_done (sqlite3  *db,
           int       rc,
           GError  **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
               _("Could not read the plan for the coverage: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static LcGeometry *
column_geometry (sqlite3_stmt *stmt,
                 int           column)
{
  const guint8 *blob = sqlite3_column_blob (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);

  if (blob == NULL || len <= 0)
    return NULL;
  return lc_geometry_from_gpkg (blob, (gsize) len, NULL, NULL);
}

static gboolean
status_counts (const char *status,
               gboolean    existing_only)
{
  if (g_strcmp0 (status, "existing") == 0)
    return TRUE;
  if (g_strcmp0 (status, "planned") == 0 || g_strcmp0 (status, "under_construction") == 0)
    return !existing_only;
  return FALSE;
}

static LcWalkGraph *
read_graph (sqlite3         *db,
            LcCoverageFlags  flags,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcWalkGraphBuilder) builder = lc_walk_graph_builder_new ();
  gboolean existing_only = (flags & LC_COVERAGE_EXISTING_ONLY) != 0;
  int rc;

  if (!prepare (db, "SELECT geom, status FROM walking_paths ORDER BY fid", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcGeometry) g = NULL;
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      guint start = 0;

      if (g_strcmp0 (status, "existing") != 0 && (existing_only || g_strcmp0 (status, "planned") != 0))
        continue;
      g = column_geometry (stmt, 0);
      if (g == NULL || (g->type != LC_GEOMETRY_LINESTRING && g->type != LC_GEOMETRY_MULTILINESTRING))
        continue;
      for (guint p = 0; p < g->n_parts; p++)
        {
          lc_walk_graph_builder_add_line (builder, g->xy + 2 * start, g->part_ends[p] - start);
          start = g->part_ends[p];
        }
    }
  if (!step_done (db, rc, error))
    return NULL;

  return lc_walk_graph_builder_finish (g_steal_pointer (&builder));
}

/**
 * lc_coverage_new_for_plan:
 *
 * Reads what the coverage needs from @plan as of its last finished edit, on
 * a connection of its own (lc_coverage_new_from_database()): safe to call
 * from a worker thread while the main thread edits.
 *
 * Returns: (transfer full): the coverage, or %NULL with @error set
 */
LcCoverage *
lc_coverage_new_for_plan (LcPlan           *plan,
                          LcCoverageFlags   flags,
                          GError          **error)
{
  sqlite3 *db = lc_plan_open_reader (plan, error);
  LcCoverage *coverage;

  if (db == NULL)
    return NULL;
  coverage = lc_coverage_new_from_database (db, flags, error);
  sqlite3_close (db);
  return coverage;
}

/**
 * lc_coverage_new_from_database:
 * @db: a plan's database
 *
 * Reads what the coverage needs from a plan: the walking paths, the
 * residential buildings (their centroids; a building without a recorded
 * population gets footprint × levels (6 when unknown) ÷ 35 m²), the
 * facilities whose status counts and their services and tiers, the
 * thresholds, the walking speed and the target. Nothing is computed yet:
 * call lc_coverage_compute().
 *
 * Returns: (transfer full): the coverage, or %NULL with @error set
 */
LcCoverage *
lc_coverage_new_from_database (sqlite3          *db,
                               LcCoverageFlags   flags,
                               GError          **error)
{
  g_autoptr(LcWalkGraph) graph = NULL;
  g_autoptr(LcCoverage) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean existing_only = (flags & LC_COVERAGE_EXISTING_ONLY) != 0;
  int rc;

  graph = read_graph (db, flags, error);
  if (graph == NULL)
    return NULL;
  self = lc_coverage_new (graph);

  if (!prepare (db, "SELECT walking_speed_m_min, coverage_target FROM unit_profile ORDER BY id LIMIT 1",
                &stmt, error))
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_double (stmt, 0) > 0)
        lc_coverage_set_walking_speed (self, sqlite3_column_double (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        lc_coverage_set_target (self, CLAMP (sqlite3_column_double (stmt, 1), 0, 1));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!prepare (db, "SELECT service, tier, threshold_m FROM service_thresholds ORDER BY id", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    lc_coverage_set_threshold (self, (const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_double (stmt, 2));
  if (!step_done (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!prepare (db, "SELECT fid, geom, population, levels FROM buildings WHERE residential = 1 ORDER BY fid",
                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcGeometry) g = column_geometry (stmt, 1);
      double lon, lat, population;

      if (g == NULL || !lc_geometry_get_centroid (g, &lon, &lat))
        continue;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        population = sqlite3_column_double (stmt, 2);
      else
        population = lc_estimate_residents (lc_geometry_area_m2 (g), sqlite3_column_int (stmt, 3));
      lc_coverage_add_home (self, sqlite3_column_int64 (stmt, 0), lon, lat, population);
    }
  if (!step_done (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!prepare (db, "SELECT fid, geom, status FROM facilities WHERE status != 'removed' ORDER BY fid",
                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LcGeometry) g = column_geometry (stmt, 1);

      if (g == NULL || g->type != LC_GEOMETRY_POINT || g->n_points != 1)
        continue;
      lc_coverage_add_facility (self, sqlite3_column_int64 (stmt, 0), g->xy[0], g->xy[1],
                                status_counts ((const char *) sqlite3_column_text (stmt, 2), existing_only));
    }
  if (!step_done (db, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!prepare (db, "SELECT facility_fid, service, tier FROM facility_services ORDER BY id", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    lc_coverage_add_facility_service (self, sqlite3_column_int64 (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2));
  if (!step_done (db, rc, error))
    return NULL;

  return g_steal_pointer (&self);
}
