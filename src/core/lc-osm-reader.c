/* lc-osm-reader.c: OpenStreetMap XML into segments of elements (libxml2 SAX2)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-reader"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "lc-osm-import-private.h"

/*
 * The reader records each top-level element (node, way, relation) with
 * its tags, node refs and members into a segment: compact arrays, replayed
 * into the importer in file order (lc_osm_replay()), at once when reading
 * in one thread, or after parsers have read segments side by side
 * (lc-osm-parallel.c). Numbers are parsed straight from the attributes'
 * bytes: ids, refs and coordinates are most of the file.
 *
 * Hostile input: a document type declaration (DTD) stops the import, since
 * OSM XML never has one and entity expansion (billion laughs, XXE) needs
 * one; the parser loads nothing from the network or the disk.
 */

Segment *
lc_osm_segment_new (void)
{
  Segment *s = g_new0 (Segment, 1);

  s->elements = g_array_new (FALSE, FALSE, sizeof (Element));
  s->keys = g_ptr_array_new ();
  s->values = g_ptr_array_new ();
  s->refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->members = g_array_new (FALSE, FALSE, sizeof (Member));
  s->strings = g_string_chunk_new (16 * 1024);
  return s;
}

/* Forgets the elements, keeps the rest */
void
lc_osm_segment_clear_elements (Segment *s)
{
  g_array_set_size (s->elements, 0);
  g_ptr_array_set_size (s->keys, 0);
  g_ptr_array_set_size (s->values, 0);
  g_array_set_size (s->refs, 0);
  g_array_set_size (s->members, 0);
  g_string_chunk_clear (s->strings);
}

void
lc_osm_segment_free (Segment *s)
{
  if (s->text != NULL)
    g_byte_array_unref (s->text);
  g_array_unref (s->elements);
  g_ptr_array_unref (s->keys);
  g_ptr_array_unref (s->values);
  g_array_unref (s->refs);
  g_array_unref (s->members);
  g_string_chunk_free (s->strings);
  g_clear_error (&s->error);
  g_free (s);
}

static void
stop (Reader     *r,
      int         code,
      const char *message)
{
  if (r->segment->error == NULL)
    r->segment->error = g_error_new_literal (LC_OSM_ERROR, code, message);
  xmlStopParser (r->ctxt);
}

/* Copies an attribute value (libxml2 gives start and end, not a string) */
static const char *
attr_value (const xmlChar **attrs,
            guint           i,
            char           *buf,
            gsize           size)
{
  gsize len = attrs[5 * i + 4] - attrs[5 * i + 3];

  len = MIN (len, size - 1);
  memcpy (buf, attrs[5 * i + 3], len);
  buf[len] = '\0';
  return buf;
}

static char *
attr_pooled (Reader         *r,
             const xmlChar **attrs,
             guint           i)
{
  gsize len = attrs[5 * i + 4] - attrs[5 * i + 3];

  return g_string_chunk_insert_len (r->segment->strings, (const char *) attrs[5 * i + 3], len);
}
static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/* An integer straight from the attribute's bytes: ids and refs are most of
 * the file, so no copy and no locale-aware parser */
static gboolean
parse_int64_span (const xmlChar *p,
                  const xmlChar *end,
                  gint64        *out)
{
  gboolean negative = FALSE;
  guint64 v = 0;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p == end || end - p > 18)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  *out = negative ? -(gint64) v : (gint64) v;
  return TRUE;
}

/* A coordinate as OSM writes it (up to 7 decimals); anything else goes to
 * the general parser */
static gboolean
parse_coord_span (const xmlChar *p,
                  const xmlChar *end,
                  double         min,
                  double         max,
                  double        *out)
{
  const xmlChar *start = p;
  gboolean negative = FALSE;
  gint64 whole = 0, frac = 0;
  int digits = 0;
  static const double scale[] = { 1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9 };

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; p < end && *p >= '0' && *p <= '9' && p - start < 4; p++)
    whole = whole * 10 + (*p - '0');
  if (p < end && *p == '.')
    for (p++; p < end && *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
      frac = frac * 10 + (*p - '0');

  if (p != end || p == start)
    {
      char buf[64];
      gsize len = MIN ((gsize) (end - start), sizeof buf - 1);
      char *stop = NULL;

      memcpy (buf, start, len);
      buf[len] = '\0';
      *out = g_ascii_strtod (buf, &stop);
      return stop != buf && *stop == '\0' && isfinite (*out) && *out >= min && *out <= max;
    }

  *out = (whole + frac * scale[digits]) * (negative ? -1 : 1);
  return *out >= min && *out <= max;
}

static gboolean
parse_coord (const char *text,
             double      min,
             double      max,
             double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out) && *out >= min && *out <= max;
}

static void
start_element (void           *ctx,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             n_namespaces,
               const xmlChar **namespaces,
               int             n_attributes,
               int             n_defaulted,
               const xmlChar **attrs)
{
  Reader *r = ctx;
  Segment *s = r->segment;
  const char *name = (const char *) localname;
  char buf[64];

  if (!r->seen_root)
    {
      if (!g_str_equal (name, "osm"))
        {
          stop (r, LC_OSM_ERROR_INVALID,
                _("The file is XML but not OpenStreetMap data: it does not start with <osm>."));
          return;
        }
      r->seen_root = s->seen_root = TRUE;
      return;
    }

  if (g_str_equal (name, "node") || g_str_equal (name, "way") || g_str_equal (name, "relation"))
    {
      Element *e = &r->element;
      gboolean have_id = FALSE, have_lat = FALSE, have_lon = FALSE;

      r->current = name[0] == 'n' ? IN_NODE : name[0] == 'w' ? IN_WAY : IN_RELATION;
      memset (e, 0, sizeof *e);
      e->type = name[0];

      /* Attributes in any order */
      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];
          const xmlChar *v = attrs[5 * i + 3], *end = attrs[5 * i + 4];

          if (a[0] == 'i' && a[1] == 'd' && a[2] == '\0')
            have_id = parse_int64_span (v, end, &e->id);
          else if (a[0] == 'l' && a[1] == 'a' && a[2] == 't' && a[3] == '\0')
            have_lat = parse_coord_span (v, end, -90, 90, &e->lat);
          else if (a[0] == 'l' && a[1] == 'o' && a[2] == 'n' && a[3] == '\0')
            have_lon = parse_coord_span (v, end, -180, 180, &e->lon);
        }

      if (!have_id || (r->current == IN_NODE && (!have_lat || !have_lon)))
        {
          g_autofree char *message =
            g_strdup_printf (_("Line %d has a <%s> without a valid id or coordinates."),
                             xmlSAX2GetLineNumber (r->ctxt), name);
          stop (r, LC_OSM_ERROR_INVALID, message);
        }
      return;
    }

  if (r->current == IN_NONE)
    {
      if (g_str_equal (name, "bounds"))
        {
          double v[4] = { 0 };
          guint found = 0;
          static const char *keys[] = { "minlon", "minlat", "maxlon", "maxlat" };

          for (int i = 0; i < n_attributes; i++)
            for (guint k = 0; k < 4; k++)
              if (g_str_equal ((const char *) attrs[5 * i], keys[k]) &&
                  parse_coord (attr_value (attrs, i, buf, sizeof buf), -180, 180, &v[k]))
                found++;
          if (found == 4)
            {
              memcpy (s->bounds, v, sizeof v);
              s->have_bounds = TRUE;
            }
        }
      return;
    }

  if (name[0] == 't' && g_str_equal (name, "tag"))
    {
      char *k = NULL, *v = NULL;

      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];

          if (a[0] == 'k' && a[1] == '\0')
            k = attr_pooled (r, attrs, i);
          else if (a[0] == 'v' && a[1] == '\0')
            v = attr_pooled (r, attrs, i);
        }
      if (k != NULL && v != NULL)
        {
          g_ptr_array_add (s->keys, k);
          g_ptr_array_add (s->values, v);
          r->element.n_tags++;
        }
    }
  else if (name[0] == 'n' && name[1] == 'd' && name[2] == '\0' && r->current == IN_WAY)
    {
      for (int i = 0; i < n_attributes; i++)
        if (g_str_equal ((const char *) attrs[5 * i], "ref"))
          {
            gint64 ref;

            if (parse_int64_span (attrs[5 * i + 3], attrs[5 * i + 4], &ref))
              {
                g_array_append_val (s->refs, ref);
                r->element.n_refs++;
              }
          }
    }
  else if (g_str_equal (name, "member") && r->current == IN_RELATION)
    {
      Member m = { 0, 0, NULL };

      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];

          if (g_str_equal (a, "type"))
            m.type = attrs[5 * i + 3][0];
          else if (g_str_equal (a, "ref"))
            parse_int64 (attr_value (attrs, i, buf, sizeof buf), &m.ref);
          else if (g_str_equal (a, "role"))
            m.role = attr_pooled (r, attrs, i);
        }
      g_array_append_val (s->members, m);
      r->element.n_members++;
    }
}

static void
end_element (void          *ctx,
             const xmlChar *localname,
             const xmlChar *prefix,
             const xmlChar *uri)
{
  Reader *r = ctx;
  const char *name = (const char *) localname;

  if ((r->current == IN_NODE && g_str_equal (name, "node")) ||
      (r->current == IN_WAY && g_str_equal (name, "way")) ||
      (r->current == IN_RELATION && g_str_equal (name, "relation")))
    {
      g_array_append_val (r->segment->elements, r->element);
      r->current = IN_NONE;
      if (r->importer != NULL)
        {
          lc_osm_replay (r->importer, r->segment);
          lc_osm_segment_clear_elements (r->segment);
        }
    }
}

/* OSM XML never declares a document type; entity attacks need one */
static void
internal_subset (void          *ctx,
                 const xmlChar *name,
                 const xmlChar *external_id,
                 const xmlChar *system_id)
{
  stop (ctx, LC_OSM_ERROR_UNSAFE,
        _("The file declares a document type (DTD). OpenStreetMap data never does, and a DTD can make "
          "an XML reader expand entities without end or read other files, so the file is refused."));
}

static xmlEntityPtr
get_entity (void          *ctx,
            const xmlChar *name)
{
  /* Only the five predefined ones (&amp; …), which libxml2 handles itself */
  return xmlGetPredefinedEntity (name);
}

static void
on_error (void       *ctx,
          const char *message,
          ...)
{
  Reader *r = ctx;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;
  va_list args;

  if (r->segment->error != NULL)
    return;

  va_start (args, message);
  text = g_strdup_vprintf (message, args);
  va_end (args);
  g_strstrip (text);

  /* Translators: %d is a line number, %s libxml2's English description */
  full = g_strdup_printf (_("The file is not well-formed XML (line %d: %s)."),
                          xmlSAX2GetLineNumber (r->ctxt), text);
  stop (r, LC_OSM_ERROR_INVALID, full);
}

xmlParserCtxtPtr
lc_osm_reader_start (Reader     *r,
                     Segment    *segment,
                     const char *path)
{
  static xmlSAXHandler sax = {
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = start_element,
    .endElementNs = end_element,
    .internalSubset = internal_subset,
    .getEntity = get_entity,
    .error = on_error,
    .fatalError = on_error,
  };

  r->segment = segment;
  r->ctxt = xmlCreatePushParserCtxt (&sax, r, NULL, 0, path);
  /* No network, no external anything, no expansion; huge text nodes refused */
  xmlCtxtUseOptions (r->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  return r->ctxt;
}

void
lc_osm_reader_finish (Reader *r)
{
  if (r->ctxt->myDoc != NULL)
    xmlFreeDoc (r->ctxt->myDoc);
  xmlFreeParserCtxt (r->ctxt);
  r->ctxt = NULL;
}

/* Feeds @len bytes to the parser; %FALSE once the segment has an error */
gboolean
lc_osm_reader_feed (Reader     *r,
                    const char *text,
                    gsize       len,
                    gboolean    last)
{
  do
    {
      int n = (int) MIN (len, CHUNK_SIZE);

      xmlParseChunk (r->ctxt, text, n, last && (gsize) n == len);
      text += n;
      len -= n;
    }
  while (len > 0 && r->segment->error == NULL);
  return r->segment->error == NULL;
}
