/* lc-osm-import.c: the status quo from an OpenStreetMap extract
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-import"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-bzip2-decompressor.h"
#include "lc-json.h"
#include "lc-osm-import-private.h"

/*
 * One pass over the XML with libxml2's push parser (SAX2), on several cores
 * where there are (lc-osm-parallel.c): memory holds the data kept (node
 * coordinates, way node lists, the features found) and a few megabytes of
 * text, never the document. OSM files list nodes, then ways, then
 * relations, so every way finds its nodes and every relation its ways;
 * what is missing is counted as dangling, not guessed.
 *
 * This file runs an import from end to end and reads in one thread; the
 * other steps have files of their own (lc-osm-import-private.h lists them).
 * Everything is written in one edit, so that a failed or cancelled import
 * leaves the plan as it was.
 */

G_DEFINE_QUARK (lc-osm-error-quark, lc_osm_error)

/* ---- the import ---- */

static void
importer_clear (Importer *im)
{
  for (guint i = 0; i < im->buildings->len; i++)
    lc_geometry_free (g_array_index (im->buildings, Building, i).geometry);
  for (guint i = 0; i < im->landcover->len; i++)
    lc_geometry_free (g_array_index (im->landcover, Landcover, i).geometry);
  for (guint i = 0; i < im->facilities->len; i++)
    {
      g_free (g_array_index (im->facilities, Facility, i).tags_json);
      g_array_unref (g_array_index (im->facilities, Facility, i).matches);
    }
  for (guint i = 0; i < im->boundaries->len; i++)
    {
      BoundaryCandidate *b = im->boundaries->pdata[i];

      g_free (b->name);
      g_free (b->name_zh);
      g_array_unref (b->outer_ways);
      g_free (b);
    }

  g_string_chunk_free (im->strings);
  g_array_unref (im->nodes);
  g_array_unref (im->ways);
  g_array_unref (im->refs);
  g_array_unref (im->walk_ways);
  g_array_unref (im->buildings);
  g_array_unref (im->landcover);
  g_array_unref (im->facilities);
  g_ptr_array_unref (im->boundaries);
  g_array_unref (im->match_scratch);
  memset (im, 0, sizeof *im);
}

static void
importer_init (Importer                 *im,
               const LcOsmImportOptions *options,
               LcOsmMapping             *mapping,
               LcOsmReport              *report)
{
  memset (report, 0, sizeof *report);
  im->options = options;
  im->report = report;
  im->mapping = mapping;
  im->strings = g_string_chunk_new (64 * 1024);
  im->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  im->nodes_sorted = TRUE;
  im->ways = g_array_new (FALSE, FALSE, sizeof (Way));
  im->ways_sorted = TRUE;
  im->refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  im->walk_ways = g_array_new (FALSE, FALSE, sizeof (WalkWay));
  im->buildings = g_array_new (FALSE, FALSE, sizeof (Building));
  im->landcover = g_array_new (FALSE, FALSE, sizeof (Landcover));
  im->facilities = g_array_new (FALSE, FALSE, sizeof (Facility));
  im->boundaries = g_ptr_array_new ();
  im->match_scratch = g_array_new (FALSE, FALSE, sizeof (LcOsmMatch));
}

/* The file's content, decompressed by its name's extension or its magic */
GInputStream *
lc_osm_open_decompressed (GFile         *file,
                          GCancellable  *cancellable,
                          GFileInputStream **raw_out,
                          GError       **error)
{
  g_autoptr(GFileInputStream) raw = g_file_read (file, cancellable, error);
  g_autoptr(GBufferedInputStream) buffered = NULL;
  g_autoptr(GConverter) converter = NULL;
  const guint8 *head;
  gsize len;

  if (raw == NULL)
    return NULL;

  buffered = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new (G_INPUT_STREAM (raw)));
  if (g_buffered_input_stream_fill (buffered, 16, cancellable, error) < 0)
    return NULL;
  head = g_buffered_input_stream_peek_buffer (buffered, &len);

  if (len >= 2 && head[0] == 0x1f && head[1] == 0x8b)
    converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  else if (len >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')
    converter = G_CONVERTER (lc_bzip2_decompressor_new ());

  *raw_out = g_steal_pointer (&raw);
  if (converter == NULL)
    return G_INPUT_STREAM (g_steal_pointer (&buffered));
  return g_converter_input_stream_new (G_INPUT_STREAM (buffered), converter);
}

/* ---- reading in one thread ---- */

void
lc_osm_report_progress (Importer *im,
                        goffset   position,
                        goffset   total)
{
  if (im->options->progress != NULL && total > 0)
    im->options->progress (MIN (1.0, (double) position / total) * 0.9, im->options->progress_data);
}

static gboolean
read_sequential (Importer      *im,
                 GFile         *file,
                 goffset        total,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) input = lc_osm_open_decompressed (file, cancellable, &raw, error);
  g_autofree char *buffer = g_malloc (CHUNK_SIZE);
  Segment *segment = lc_osm_segment_new ();
  Reader r = { .importer = im };
  gboolean ok = FALSE;

  if (input == NULL)
    goto out;

  lc_osm_reader_start (&r, segment, g_file_peek_path (file));
  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, CHUNK_SIZE, cancellable, error);

      if (n < 0)
        goto out;
      if (!lc_osm_reader_feed (&r, buffer, n, n == 0))
        {
          g_propagate_error (error, g_steal_pointer (&segment->error));
          goto out;
        }
      if (n == 0)
        break;
      lc_osm_report_progress (im, g_seekable_tell (G_SEEKABLE (raw)), total);
    }
  lc_osm_replay (im, segment);   /* the bounds of a file without elements */
  ok = TRUE;

out:
  if (r.ctxt != NULL)
    lc_osm_reader_finish (&r);
  lc_osm_segment_free (segment);
  return ok;
}

/**
 * lc_osm_import:
 * @plan: the plan to import into
 * @file: an OSM XML file, plain, gzip or bzip2 compressed
 * @report: (out) (optional): what was kept and skipped
 *
 * Reads @file and adds its walking network, buildings, facilities,
 * landcover and (when asked) unit boundary to @plan in one edit. Blocking:
 * run it in a worker thread, and do not touch @plan meanwhile. On failure
 * or cancellation @plan is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lc_osm_import (LcPlan                    *plan,
               GFile                     *file,
               const LcOsmImportOptions  *options,
               LcOsmReport              **report,
               GCancellable              *cancellable,
               GError                   **error)
{
  static const LcOsmImportOptions defaults = { 0 };
  g_autoptr(LcOsmMapping) own_mapping = NULL;
  g_autoptr(LcOsmReport) result = g_new0 (LcOsmReport, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(LcGeometry) boundary = NULL;
  GThread *edges_thread = NULL;
  LcOsmMapping *mapping;
  Importer im = { 0 };
  gint64 started = g_get_monotonic_time ();
  goffset total = 0;
  guint n_threads;
  gboolean retry = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (options == NULL)
    options = &defaults;

  mapping = options->mapping;
  if (mapping == NULL)
    mapping = own_mapping = lc_osm_mapping_new_default ();
  importer_init (&im, options, mapping, result);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    goto out;
  total = g_file_info_get_size (info);

  /* Threads pay off on a machine with cores to spare; one parser is the
   * splitter's and the replay's share of two */
  n_threads = options->threads > 0 ? options->threads : MIN (g_get_num_processors (), 4);
  if (n_threads > 1 &&
      !lc_osm_read_parallel (&im, file, total, n_threads,
                      options->segment_bytes > 0 ? options->segment_bytes : 2 * 1024 * 1024,
                      &retry, cancellable, error))
    {
      if (!retry)
        goto out;
      importer_clear (&im);
      importer_init (&im, options, mapping, result);
    }
  if ((n_threads <= 1 || retry) && !read_sequential (&im, file, total, cancellable, error))
    goto out;
  result->threads = n_threads > 1 && !retry ? n_threads : 1;

  if (!im.seen_root)
    {
      g_set_error_literal (error, LC_OSM_ERROR, LC_OSM_ERROR_INVALID, _("The file holds no OpenStreetMap data."));
      goto out;
    }

  result->bytes = total;

  /* No <bounds> (as in extracts cut by other tools): the nodes' extent */
  if (!im.have_bounds && im.nodes->len > 0)
    {
      result->bounds[0] = result->bounds[1] = INFINITY;
      result->bounds[2] = result->bounds[3] = -INFINITY;
      for (guint i = 0; i < im.nodes->len; i++)
        {
          const Node *node = &g_array_index (im.nodes, Node, i);

          result->bounds[0] = MIN (result->bounds[0], node_x (node));
          result->bounds[1] = MIN (result->bounds[1], node_y (node));
          result->bounds[2] = MAX (result->bounds[2], node_x (node));
          result->bounds[3] = MAX (result->bounds[3], node_y (node));
        }
    }

  lc_osm_finish_buildings (&im);
  boundary = lc_osm_make_boundary (&im, error);
  if (boundary == NULL && options->boundary != NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lc_plan_begin_full (plan, _("Import OpenStreetMap Data"), options->undoable, error))
    goto out;

  edges_thread = g_thread_new ("osm-edges", lc_osm_build_edges_thread, &im);
  if (!lc_osm_write_plan (&im, lc_plan_get_database (plan), &edges_thread, &edges, boundary, cancellable, error))
    {
      lc_plan_rollback (plan);
      goto out;
    }
  if (!lc_plan_commit (plan, error))
    goto out;

  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  result->seconds = (g_get_monotonic_time () - started) / 1e6;
  ok = TRUE;

out:
  if (edges_thread != NULL)
    edges = g_thread_join (edges_thread);
  if (edges != NULL)
    for (guint i = 0; i < edges->len; i++)
      lc_geometry_free (g_array_index (edges, Edge, i).geometry);
  importer_clear (&im);

  if (ok && report != NULL)
    *report = g_steal_pointer (&result);
  return ok;
}

/* ---- the report ---- */

const char *
lc_landcover_class_key (LcLandcoverClass cls)
{
  static const char *keys[] = { "water", "green", "residential", "commercial", "industrial", "education", "other" };

  g_return_val_if_fail ((guint) cls < G_N_ELEMENTS (keys), "other");
  return keys[cls];
}

void
lc_osm_report_free (LcOsmReport *report)
{
  if (report == NULL)
    return;
  g_free (report->boundary_name);
  g_free (report);
}

/**
 * lc_osm_report_to_text:
 *
 * Returns: (transfer full): the report as translated lines, for people
 */
char *
lc_osm_report_to_text (const LcOsmReport *r)
{
  GString *out = g_string_new (NULL);
  guint n;
  const LcService *services = lc_services_get_all (&n);
  g_autofree char *size = g_format_size (r->bytes);

  g_string_append_printf (out, _("Read %s: %u nodes, %u ways, %u relations in %.1f s.\n"),
                          size, r->nodes, r->ways, r->relations, r->seconds);
  g_string_append_printf (out, _("Walking network: %u ways, split into %u paths, %.1f km.\n"),
                          r->walkable_ways, r->path_edges, r->path_length_m / 1000);
  g_string_append_printf (out, _("Buildings: %u, of which %u residential, for about %.0f residents.\n"),
                          r->buildings, r->residential_buildings, r->population);
  g_string_append_printf (out, _("Facilities: %u, of which %u match no service and are kept as “other”.\n"),
                          r->facilities, r->facilities_other);
  for (guint i = 0; i < n; i++)
    if (r->per_service[i] > 0)
      g_string_append_printf (out, "  %s %s: %u\n", services[i].name_zh,
                              lc_service_get_display_name (&services[i]), r->per_service[i]);
  g_string_append_printf (out, _("Basemap areas: %u water, %u green, %u residential, %u other.\n"),
                          r->landcover[LC_LANDCOVER_WATER], r->landcover[LC_LANDCOVER_GREEN],
                          r->landcover[LC_LANDCOVER_RESIDENTIAL],
                          r->landcover[LC_LANDCOVER_COMMERCIAL] + r->landcover[LC_LANDCOVER_INDUSTRIAL] +
                          r->landcover[LC_LANDCOVER_EDUCATION] + r->landcover[LC_LANDCOVER_OTHER]);

  if (r->boundary_name != NULL && r->boundary_from_bounds)
    g_string_append_printf (out, _("Boundary: the file holds only part of “%s”, so the data’s bounds "
                                   "stand in for it; draw the real boundary in the app.\n"),
                            r->boundary_name);
  else if (r->boundary_name != NULL)
    g_string_append_printf (out, _("Boundary: “%s”.\n"), r->boundary_name);
  else
    g_string_append (out, _("Boundary: none chosen; draw it in the app or import again with --boundary.\n"));

  if (r->dangling_refs > 0)
    g_string_append_printf (out, _("Skipped: %u references to nodes or ways not in the file "
                                   "(%u ways and %u relations lose parts).\n"),
                            r->dangling_refs, r->ways_with_dangling_refs, r->incomplete_relations);
  if (r->unclosed_rings > 0)
    g_string_append_printf (out, _("Skipped: %u areas whose outline does not close.\n"), r->unclosed_rings);

  return g_string_free (out, FALSE);
}

/**
 * lc_osm_report_to_json:
 *
 * Returns: (transfer full): the report as JSON, for scripts
 */
char *
lc_osm_report_to_json (const LcOsmReport *r)
{
  GString *out = g_string_new ("{\n");
  guint n;
  const LcService *services = lc_services_get_all (&n);
  gboolean first = TRUE;

  g_string_append_printf (out, "  \"bytes\": %" G_GUINT64_FORMAT ",\n  \"threads\": %u,\n", r->bytes, r->threads);
  g_string_append_printf (out, "  \"nodes\": %u,\n  \"ways\": %u,\n  \"relations\": %u,\n",
                          r->nodes, r->ways, r->relations);
  g_string_append_printf (out, "  \"walkable_ways\": %u,\n  \"path_edges\": %u,\n  \"path_length_m\": %.1f,\n",
                          r->walkable_ways, r->path_edges, r->path_length_m);
  g_string_append_printf (out, "  \"buildings\": %u,\n  \"residential_buildings\": %u,\n  \"population\": %.0f,\n",
                          r->buildings, r->residential_buildings, r->population);
  g_string_append_printf (out, "  \"facilities\": %u,\n  \"facilities_other\": %u,\n  \"services\": {",
                          r->facilities, r->facilities_other);
  for (guint i = 0; i < n; i++)
    if (r->per_service[i] > 0)
      {
        g_string_append_printf (out, "%s\"%s\": %u", first ? "" : ", ", services[i].key, r->per_service[i]);
        first = FALSE;
      }
  g_string_append (out, "},\n  \"landcover\": {");
  for (guint i = 0; i < LC_N_LANDCOVER; i++)
    g_string_append_printf (out, "%s\"%s\": %u", i > 0 ? ", " : "", lc_landcover_class_key (i), r->landcover[i]);
  g_string_append (out, "},\n  \"boundary\": ");
  lc_json_append_string (out, r->boundary_name);
  g_string_append_printf (out, ",\n  \"boundary_from_bounds\": %s,\n", r->boundary_from_bounds ? "true" : "false");
  g_string_append_printf (out, "  \"bounds\": [%.7f, %.7f, %.7f, %.7f],\n",
                          r->bounds[0], r->bounds[1], r->bounds[2], r->bounds[3]);
  g_string_append_printf (out, "  \"dangling_refs\": %u,\n  \"ways_with_dangling_refs\": %u,\n"
                          "  \"incomplete_relations\": %u,\n  \"unclosed_rings\": %u,\n  \"seconds\": %.3f\n}\n",
                          r->dangling_refs, r->ways_with_dangling_refs, r->incomplete_relations,
                          r->unclosed_rings, r->seconds);

  return g_string_free (out, FALSE);
}
