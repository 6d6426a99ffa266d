/* lc-coverage-suggest.c: where new facilities of a service would cover the most residents
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-coverage-suggest"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-coverage-suggest.h"

/*
 * Greedy maximum coverage (issue 6, "Suggest a site").
 *
 * The gain of a candidate is the population of the homes the service does
 * not cover yet that a facility of the chosen tier there would cover: the
 * same rule as the engine's, walking distance from the candidate along the
 * network to where the home meets it, plus the home's snapping distance,
 * within the tier's threshold. A candidate that is a node walks 0 m to the
 * network; a candidate point snaps to its nearest edge like a facility and
 * also reaches homes on that edge along it.
 *
 * The first pick has the largest gain; its homes then count as covered and
 * the gains of the others can only shrink, so a candidate whose gain, last
 * computed some picks ago, still ranks first after being recomputed is the
 * next pick (lazy greedy, "CELF", Leskovec et al. 2007): most candidates are
 * never looked at again. Greedy is within 1 − 1/e of the best set of k sites.
 *
 * Gains are compared in fixed point (1/65536 of a resident) so that sums do
 * not depend on the order homes are met in, and equal gains are equal:
 * of candidates with the same gain (then the same number of homes), the
 * lower index wins, so results never depend on the search order.
 *
 * With every node a candidate, the gains of all nodes are kept exact: one
 * search per uncovered home, bounded by the threshold, credits the home to
 * every node within its reach (walking distances are symmetric), and when a
 * pick covers the home, the same search takes it back off. Each home is thus
 * searched from at most twice, and recomputing a gain in the lazy greedy is
 * reading it. (With search-per-recomputation the lazy greedy degenerates
 * here: a 1000 m site covers much of a unit, so after each pick most gains
 * shrink and most candidates are recomputed, ten times slower on the sample.)
 * Candidate points are few; their gains are recomputed by a search from the
 * candidate. Searches use a binary heap and touch only what they reach, so
 * their cost follows the threshold's reach, not the size of the network.
 */

#define WEIGHT_SCALE 65536.0
/* Residents of one home that fixed point can hold, summed over many homes */
#define MAX_HOME_POPULATION 1e9

/* An uncovered home that some candidate might reach */
typedef struct
{
  guint32 home;
  guint32 edge, pos_cm, distance_cm;
  guint32 u, v;
  guint32 via_u, via_v;    /* snapping walk + along the edge to u, to v */
  gint64  weight;          /* population, fixed point */
  double  population;
} Open;

/* An open home at a node: it lies on one of the node's edges */
typedef struct
{
  guint32 open;
  guint32 via_cm;
} Incidence;

/* A candidate in the lazy greedy's heap */
typedef struct
{
  gint64  weight;
  guint32 homes;
  guint32 candidate;
  guint32 round;     /* the number of picks when the gain was computed */
} Entry;

/* A bounded search that touches only the nodes it reaches */
typedef struct
{
  const guint32   *offsets;
  const LcWalkArc *arcs;
  guint32         *dist;      /* LC_WALK_UNREACHED outside a search */
  GArray          *touched;   /* guint32 */
  GArray          *heap;      /* guint64: distance << 32 | node */
  GArray          *settled;   /* LcWalkSource, in the order settled */
} Search;

typedef struct
{
  LcWalkGraph               *graph;
  guint                      n_nodes;
  guint32                    threshold_cm;

  GArray                    *open;       /* Open, by home */
  guint32                   *inc_start;  /* n_nodes + 1 */
  Incidence                 *inc;
  guint32                   *by_edge;    /* open indices by edge, then position */
  guint8                    *taken;      /* per open home: covered by a pick */
  guint32                   *stamp;      /* per open home: the evaluation that met it */
  guint32                    now;

  const LcCoverageCandidate *candidates; /* NULL: every node */
  guint                      n_candidates;
  LcWalkSnap                *snaps;
  guint8                    *snapped;

  gint64                    *node_weight;  /* every node a candidate: its gain, exact */
  guint32                   *node_homes;

  Search                     search;
  GArray                     *sources;   /* LcWalkSource */
  GArray                     *collected; /* guint32: open indices */
} Suggest;

/* ---- the search ---- */

static void
heap_push (GArray  *heap,
           guint64  key)
{
  guint64 *h;
  guint i;

  g_array_append_val (heap, key);
  h = (guint64 *) heap->data;
  for (i = heap->len - 1; i > 0 && h[(i - 1) / 2] > key; i = (i - 1) / 2)
    h[i] = h[(i - 1) / 2];
  h[i] = key;
}

static guint64
heap_pop (GArray *heap)
{
  guint64 *h = (guint64 *) heap->data;
  guint64 top = h[0], last = h[heap->len - 1];
  guint n = heap->len - 1, i = 0;

  for (;;)
    {
      guint c = 2 * i + 1;

      if (c >= n)
        break;
      if (c + 1 < n && h[c + 1] < h[c])
        c++;
      if (h[c] >= last)
        break;
      h[i] = h[c];
      i = c;
    }
  if (n > 0)
    h[i] = last;
  g_array_set_size (heap, n);
  return top;
}

static void
search_init (Search            *s,
             const LcWalkGraph *graph)
{
  guint n = lc_walk_graph_get_n_nodes (graph);

  s->offsets = lc_walk_graph_get_offsets (graph);
  s->arcs = lc_walk_graph_get_arcs (graph);
  s->dist = g_new (guint32, n + 1);
  for (guint i = 0; i < n; i++)
    s->dist[i] = LC_WALK_UNREACHED;
  s->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->heap = g_array_new (FALSE, FALSE, sizeof (guint64));
  s->settled = g_array_new (FALSE, FALSE, sizeof (LcWalkSource));
}

static void
search_clear (Search *s)
{
  g_free (s->dist);
  g_array_unref (s->touched);
  g_array_unref (s->heap);
  g_array_unref (s->settled);
}

static inline void
search_label (Search  *s,
              guint32  node,
              guint32  d)
{
  if (d >= s->dist[node])
    return;
  if (s->dist[node] == LC_WALK_UNREACHED)
    g_array_append_val (s->touched, node);
  s->dist[node] = d;
  heap_push (s->heap, (guint64) d << 32 | node);
}

/* Fills s->settled with every node within @bound_cm of the sources */
static void
search_run (Search             *s,
            const LcWalkSource *sources,
            guint               n_sources,
            guint32             bound_cm)
{
  for (guint i = 0; i < s->touched->len; i++)
    s->dist[g_array_index (s->touched, guint32, i)] = LC_WALK_UNREACHED;
  g_array_set_size (s->touched, 0);
  g_array_set_size (s->heap, 0);
  g_array_set_size (s->settled, 0);

  for (guint i = 0; i < n_sources; i++)
    if (sources[i].distance_cm <= bound_cm)
      search_label (s, sources[i].node, sources[i].distance_cm);

  while (s->heap->len > 0)
    {
      guint64 key = heap_pop (s->heap);
      guint32 u = (guint32) key, d = (guint32) (key >> 32);
      LcWalkSource settled = { u, d };

      if (d > s->dist[u])
        continue;
      g_array_append_val (s->settled, settled);
      for (guint32 k = s->offsets[u]; k < s->offsets[u + 1]; k++)
        {
          guint64 nd = (guint64) d + s->arcs[k].length_cm;

          if (nd <= bound_cm)
            search_label (s, s->arcs[k].target, (guint32) nd);
        }
    }
}

/* ---- preparing ---- */

static int
compare_by_edge (const void *a,
                 const void *b,
                 void       *data)
{
  const Open *open = data;
  const Open *x = &open[*(const guint32 *) a], *y = &open[*(const guint32 *) b];

  if (x->edge != y->edge)
    return x->edge < y->edge ? -1 : 1;
  if (x->pos_cm != y->pos_cm)
    return x->pos_cm < y->pos_cm ? -1 : 1;
  return (*(const guint32 *) a > *(const guint32 *) b) - (*(const guint32 *) a < *(const guint32 *) b);
}

/* The homes the service leaves uncovered, and at each node those on its edges */
static void
collect_open (Suggest    *sg,
              LcCoverage *coverage,
              guint       service)
{
  guint n_homes = lc_coverage_get_n_homes (coverage);
  guint32 *count;

  sg->open = g_array_new (FALSE, FALSE, sizeof (Open));
  for (guint h = 0; h < n_homes; h++)
    {
      LcWalkSnap snap;
      Open o;
      double population;
      guint u, v;
      guint32 w;

      if (lc_coverage_home_is_covered (coverage, h, service) || !lc_coverage_get_home_snap (coverage, h, &snap) ||
          snap.distance_cm > sg->threshold_cm)
        continue;
      lc_coverage_get_home (coverage, h, NULL, NULL, NULL, &population);
      lc_walk_graph_get_edge (sg->graph, snap.edge, &u, &v, &w);
      o.home = h;
      o.edge = snap.edge;
      o.pos_cm = snap.pos_cm;
      o.distance_cm = snap.distance_cm;
      o.u = u;
      o.v = v;
      o.via_u = snap.pos_cm + snap.distance_cm;
      o.via_v = (w - MIN (w, snap.pos_cm)) + snap.distance_cm;
      o.population = population;
      o.weight = (gint64) llround (CLAMP (population, 0, MAX_HOME_POPULATION) * WEIGHT_SCALE);
      g_array_append_val (sg->open, o);
    }

  /* Node → open homes, counting sort */
  count = g_new0 (guint32, sg->n_nodes + 1);
  for (guint i = 0; i < sg->open->len; i++)
    {
      const Open *o = &g_array_index (sg->open, Open, i);

      count[o->u]++;
      count[o->v]++;
    }
  sg->inc_start = g_new (guint32, sg->n_nodes + 1);
  sg->inc_start[0] = 0;
  for (guint n = 0; n < sg->n_nodes; n++)
    sg->inc_start[n + 1] = sg->inc_start[n] + count[n];
  sg->inc = g_new (Incidence, 2 * sg->open->len + 1);
  for (guint n = 0; n < sg->n_nodes; n++)
    count[n] = sg->inc_start[n];
  for (guint i = 0; i < sg->open->len; i++)
    {
      const Open *o = &g_array_index (sg->open, Open, i);

      sg->inc[count[o->u]++] = (Incidence) { i, o->via_u };
      sg->inc[count[o->v]++] = (Incidence) { i, o->via_v };
    }
  g_free (count);

  sg->by_edge = g_new (guint32, sg->open->len + 1);
  for (guint i = 0; i < sg->open->len; i++)
    sg->by_edge[i] = i;
  g_qsort_with_data (sg->by_edge, sg->open->len, sizeof (guint32), compare_by_edge, sg->open->data);

  sg->taken = g_new0 (guint8, sg->open->len + 1);
  sg->stamp = g_new0 (guint32, sg->open->len + 1);
}

static void
suggest_clear (Suggest *sg)
{
  g_clear_pointer (&sg->open, g_array_unref);
  g_free (sg->inc_start);
  g_free (sg->inc);
  g_free (sg->by_edge);
  g_free (sg->taken);
  g_free (sg->stamp);
  g_free (sg->snaps);
  g_free (sg->snapped);
  g_free (sg->node_weight);
  g_free (sg->node_homes);
  search_clear (&sg->search);
  g_array_unref (sg->sources);
  g_array_unref (sg->collected);
}

/* ---- gains ---- */

/* Where a search from candidate @c starts */
static void
candidate_sources (Suggest *sg,
                   guint    c)
{
  g_array_set_size (sg->sources, 0);
  if (sg->candidates == NULL)
    {
      LcWalkSource src = { c, 0 };

      g_array_append_val (sg->sources, src);
    }
  else if (sg->snapped[c])
    {
      const LcWalkSnap *snap = &sg->snaps[c];
      LcWalkSource src[2];
      guint u, v;
      guint32 w;

      lc_walk_graph_get_edge (sg->graph, snap->edge, &u, &v, &w);
      src[0] = (LcWalkSource) { u, snap->distance_cm + snap->pos_cm };
      src[1] = (LcWalkSource) { v, snap->distance_cm + (w - MIN (w, snap->pos_cm)) };
      g_array_append_vals (sg->sources, src, 2);
    }
}

static inline void
meet (Suggest *sg,
      guint32  i,
      gint64  *weight,
      guint32 *homes,
      gboolean collect)
{
  if (sg->stamp[i] == sg->now)
    return;
  sg->stamp[i] = sg->now;
  if (sg->taken[i])
    return;
  *weight += g_array_index (sg->open, Open, i).weight;
  (*homes)++;
  if (collect)
    g_array_append_val (sg->collected, i);
}

/* The gain of candidate @c with the picks so far; with @collect, the homes
 * it would cover in sg->collected */
static void
evaluate (Suggest *sg,
          guint    c,
          gint64  *weight,
          guint32 *homes,
          gboolean collect)
{
  const Open *open = (const Open *) sg->open->data;
  Search *s = &sg->search;

  *weight = 0;
  *homes = 0;
  g_array_set_size (sg->collected, 0);
  if (++sg->now == 0)
    {
      memset (sg->stamp, 0, sizeof (guint32) * sg->open->len);
      sg->now = 1;
    }

  candidate_sources (sg, c);
  search_run (s, (const LcWalkSource *) sg->sources->data, sg->sources->len, sg->threshold_cm);
  for (guint i = 0; i < s->settled->len; i++)
    {
      const LcWalkSource *x = &g_array_index (s->settled, LcWalkSource, i);

      for (guint32 k = sg->inc_start[x->node]; k < sg->inc_start[x->node + 1]; k++)
        if ((guint64) x->distance_cm + sg->inc[k].via_cm <= sg->threshold_cm)
          meet (sg, sg->inc[k].open, weight, homes, collect);
    }

  /* A candidate point reaches homes on its own edge along it */
  if (sg->candidates != NULL && sg->snapped[c])
    {
      const LcWalkSnap *snap = &sg->snaps[c];
      guint lo = 0, hi = sg->open->len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (open[sg->by_edge[mid]].edge < snap->edge)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (; lo < sg->open->len && open[sg->by_edge[lo]].edge == snap->edge; lo++)
        {
          const Open *o = &open[sg->by_edge[lo]];
          guint64 along = o->pos_cm > snap->pos_cm ? o->pos_cm - snap->pos_cm : snap->pos_cm - o->pos_cm;

          if ((guint64) snap->distance_cm + along + o->distance_cm <= sg->threshold_cm)
            meet (sg, sg->by_edge[lo], weight, homes, collect);
        }
    }
}

/* Adds (@sign 1) or takes back (-1) an open home's weight at every node
 * that reaches it */
static void
credit_home (Suggest *sg,
             guint32  i,
             int      sign)
{
  const Open *o = &g_array_index (sg->open, Open, i);
  LcWalkSource src[2] = { { o->u, o->via_u }, { o->v, o->via_v } };
  Search *s = &sg->search;

  search_run (s, src, 2, sg->threshold_cm);
  for (guint k = 0; k < s->settled->len; k++)
    {
      guint32 node = g_array_index (s->settled, LcWalkSource, k).node;

      sg->node_weight[node] += sign * o->weight;
      sg->node_homes[node] += sign;
    }
}

/* ---- the lazy greedy ---- */

/* Whether @a ranks before @b: more residents, then more homes, then the lower index */
static inline gboolean
ranks_before (const Entry *a,
              const Entry *b)
{
  if (a->weight != b->weight)
    return a->weight > b->weight;
  if (a->homes != b->homes)
    return a->homes > b->homes;
  return a->candidate < b->candidate;
}

static void
sift_down (Entry *heap,
           guint  n,
           guint  i)
{
  Entry e = heap[i];

  for (;;)
    {
      guint c = 2 * i + 1;

      if (c >= n)
        break;
      if (c + 1 < n && ranks_before (&heap[c + 1], &heap[c]))
        c++;
      if (!ranks_before (&heap[c], &e))
        break;
      heap[i] = heap[c];
      i = c;
    }
  heap[i] = e;
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/**
 * lc_coverage_suggest:
 * @coverage: a coverage; computed first if it never was
 * @service: a service index (lc_coverage_lookup_service())
 * @tier_key: (nullable): the tier of the new facilities; %NULL for the
 *   service's widest tier
 * @k: how many sites to suggest at most
 * @candidates: (array length=n_candidates) (nullable): where new facilities
 *   may go; %NULL for every node of the network
 * @n_candidates: the length of @candidates
 * @cancellable: (nullable): to stop early
 *
 * Ranks sites for up to @k new facilities of a service by the residents
 * they newly cover, greedily: each site after the first gains only what the
 * existing facilities and the sites before it leave uncovered. Fewer than
 * @k come back when no candidate covers anyone more. Of candidates with
 * the same gain, the one covering more homes, then the lowest index, wins.
 * An unknown @tier_key counts as the service's first tier, as it does for a
 * facility. Uses the coverage as last computed (computing it first if it
 * never was) and otherwise leaves it as it is, so it may run in a thread
 * while nothing else touches @coverage.
 *
 * Returns: (transfer full) (element-type LcCoverageSuggestion) (nullable):
 * the sites, best first; %NULL when cancelled
 */
GArray *
lc_coverage_suggest (LcCoverage                *coverage,
                     guint                      service,
                     const char                *tier_key,
                     guint                      k,
                     const LcCoverageCandidate *candidates,
                     guint                      n_candidates,
                     GCancellable              *cancellable)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (LcCoverageSuggestion));
  Suggest sg = { 0 };
  const LcServiceCoverage *r;
  g_autofree Entry *heap = NULL;
  guint n_heap = 0, n, picks = 0;
  double covered;

  g_return_val_if_fail (coverage != NULL, result);
  g_return_val_if_fail (service < LC_N_SERVICES, result);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, result);

  /* Never computed, or homes added since: the uncovered homes are not known */
  if (lc_coverage_get_node_labels (coverage, service) == NULL ||
      lc_coverage_get_result (coverage, service)->n_homes != lc_coverage_get_n_homes (coverage))
    lc_coverage_compute_service (coverage, service);
  r = lc_coverage_get_result (coverage, service);
  covered = r->covered_population;

  sg.graph = lc_coverage_get_graph (coverage);
  sg.n_nodes = lc_walk_graph_get_n_nodes (sg.graph);
  sg.threshold_cm = tier_key != NULL ? (guint32) round (lc_coverage_get_threshold (coverage, service, tier_key) * 100)
                                     : lc_coverage_get_bound (coverage, service);
  sg.candidates = candidates;
  sg.n_candidates = candidates != NULL ? n_candidates : sg.n_nodes;
  search_init (&sg.search, sg.graph);
  sg.sources = g_array_new (FALSE, FALSE, sizeof (LcWalkSource));
  sg.collected = g_array_new (FALSE, FALSE, sizeof (guint32));
  collect_open (&sg, coverage, service);
  n = sg.n_candidates;

  if (k == 0 || sg.open->len == 0 || sg.threshold_cm == 0 || n == 0)
    goto out;

  /* The gains before any pick */
  heap = g_new (Entry, n);
  if (candidates == NULL)
    {
      sg.node_weight = g_new0 (gint64, n);
      sg.node_homes = g_new0 (guint32, n);
      for (guint i = 0; i < sg.open->len; i++)
        {
          if (i % 64 == 0 && g_cancellable_is_cancelled (cancellable))
            goto cancelled;
          credit_home (&sg, i, 1);
        }
      /* Not a node on an island: a facility placed there would snap to the
       * main network (lc_walk_graph_snap()) */
      for (guint c = 0; c < n; c++)
        if (sg.node_weight[c] > 0 && !lc_walk_graph_node_on_island (sg.graph, c))
          heap[n_heap++] = (Entry) { sg.node_weight[c], sg.node_homes[c], c, 0 };
    }
  else
    {
      sg.snaps = g_new (LcWalkSnap, n);
      sg.snapped = g_new (guint8, n);
      for (guint c = 0; c < n; c++)
        {
          gint64 weight;
          guint32 homes;

          if (c % 64 == 0 && g_cancellable_is_cancelled (cancellable))
            goto cancelled;
          sg.snapped[c] = lc_walk_graph_snap (sg.graph, candidates[c].lon, candidates[c].lat,
                                              sg.threshold_cm / 100.0, &sg.snaps[c]);
          evaluate (&sg, c, &weight, &homes, FALSE);
          if (weight > 0)
            heap[n_heap++] = (Entry) { weight, homes, c, 0 };
        }
    }
  for (guint i = n_heap / 2; i-- > 0;)
    sift_down (heap, n_heap, i);

  while (picks < k && n_heap > 0)
    {
      Entry *top = &heap[0];

      if (g_cancellable_is_cancelled (cancellable))
        goto cancelled;

      if (top->round == picks)
        {
          LcCoverageSuggestion s = { 0 };
          gint64 weight;
          guint32 homes;

          /* The best with every gain up to date: the homes it covers are now covered */
          evaluate (&sg, top->candidate, &weight, &homes, TRUE);
          g_warn_if_fail (weight == top->weight && homes == top->homes);
          qsort (sg.collected->data, sg.collected->len, sizeof (guint32), compare_guint32);
          for (guint i = 0; i < sg.collected->len; i++)
            {
              guint32 o = g_array_index (sg.collected, guint32, i);

              sg.taken[o] = 1;
              s.gain_population += g_array_index (sg.open, Open, o).population;
              /* Not needed after the last pick */
              if (sg.node_weight != NULL && picks + 1 < k)
                credit_home (&sg, o, -1);
            }
          s.node = top->candidate;
          s.gain_homes = homes;
          if (candidates == NULL)
            lc_walk_graph_get_node (sg.graph, top->candidate, &s.lon, &s.lat);
          else
            {
              s.lon = candidates[top->candidate].lon;
              s.lat = candidates[top->candidate].lat;
            }
          covered += s.gain_population;
          s.cumulative_share_population = r->population > 0 ? MIN (covered / r->population, 1.0) : 0;
          g_array_append_val (result, s);
          picks++;

          heap[0] = heap[--n_heap];
          if (n_heap > 0)
            sift_down (heap, n_heap, 0);
        }
      else
        {
          if (sg.node_weight != NULL)
            {
              top->weight = sg.node_weight[top->candidate];
              top->homes = sg.node_homes[top->candidate];
            }
          else
            evaluate (&sg, top->candidate, &top->weight, &top->homes, FALSE);
          top->round = picks;
          if (top->weight == 0)
            heap[0] = heap[--n_heap];
          if (n_heap > 0)
            sift_down (heap, n_heap, 0);
        }
    }

out:
  suggest_clear (&sg);
  return result;

cancelled:
  suggest_clear (&sg);
  g_array_unref (result);
  return NULL;
}
