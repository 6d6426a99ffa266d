/* lc-osm-parallel.c: reading an OSM file in threads, replayed in file order
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-parallel"

#include "config.h"

#include <string.h>

#include "lc-osm-import-private.h"

/*
 * libxml2 parses at about 100 MB/s on one core, most of an import's time.
 * So a splitter thread cuts the text (decompressed) into segments of whole
 * top-level elements, parser threads read segments side by side into
 * compact records, and the importing thread replays the records in file
 * order, exactly as one parser would have given them. Each parser sees a
 * well-formed document: "<osm>" is put before a segment that lacks the
 * file's start and "</osm>" after one that lacks its end.
 *
 * A cut is made before "<node", "<way" or "<relation" and a space. Outside
 * comments, CDATA and processing instructions such text is always a start
 * tag, since '<' stands nowhere else in XML; inside them, or where the
 * element is nested deeper than the root's children, the cut leaves a
 * segment unbalanced, which its parser reports. Any error, and any file
 * not in UTF-8, sends the import back to one thread from the start, so
 * what is accepted and every message are those of reading in one thread.
 * At most a few segments are in memory at once.
 */

#define MAX_SEGMENT_BYTES (32 * 1024 * 1024)

typedef struct
{
  GMutex        lock;
  GCond         changed;
  GQueue        unparsed;       /* Segment, with text */
  Segment     **parsed;         /* by seq % capacity */
  guint         capacity;       /* segments in memory at once */
  guint         n_split;
  guint         n_replayed;
  gboolean      split_done;
  gboolean      unsplittable;   /* read it in one thread instead */
  gboolean      stop;
  GError       *read_error;

  GInputStream *input;
  GSeekable    *position;       /* in the file as stored */
  gsize         segment_bytes;
  const char   *path;
  GCancellable *cancellable;
} Pipeline;

/* Where a top-level element may start, at or after @from; 0 for nowhere */
static gsize
find_cut (const guint8 *data,
          gsize         from,
          gsize         len)
{
  const guint8 *p = data + from, *end = data + len;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL && end - p > 10)
    {
      if ((memcmp (p + 1, "node", 4) == 0 && g_ascii_isspace (p[5])) ||
          (memcmp (p + 1, "way", 3) == 0 && g_ascii_isspace (p[4])) ||
          (memcmp (p + 1, "relation", 8) == 0 && g_ascii_isspace (p[9])))
        return p - data;
      p++;
    }
  return 0;
}

/* Whether the text is UTF-8 (declared, or by default) */
static gboolean
is_utf8 (const guint8 *data,
         gsize         len)
{
  g_autofree char *head = NULL;
  const char *encoding, *end;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (len < 5 || memcmp (data, "<?xml", 5) != 0)
    return len > 0 && data[0] != 0 && data[0] < 0x80;

  head = g_strndup ((const char *) data, MIN (len, 256));
  end = strstr (head, "?>");
  encoding = strstr (head, "encoding");
  if (end == NULL)
    return FALSE;
  if (encoding == NULL || encoding > end)
    return TRUE;
  encoding = strpbrk (encoding, "\"'");
  return encoding != NULL && g_ascii_strncasecmp (encoding + 1, "utf-8", 5) == 0 &&
         (encoding[6] == '"' || encoding[6] == '\'');
}

static void
pipeline_push (Pipeline *p,
               Segment  *segment)
{
  g_mutex_lock (&p->lock);
  segment->seq = p->n_split++;
  g_queue_push_tail (&p->unparsed, segment);
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
}

static gpointer
split_thread (gpointer data)
{
  Pipeline *p = data;
  g_autoptr(GByteArray) text = g_byte_array_new ();
  gboolean first = TRUE, eof = FALSE, unsplittable = FALSE;
  GError *error = NULL;

  while (!eof && !unsplittable && error == NULL)
    {
      Segment *segment;
      gsize from = p->segment_bytes, cut = 0;

      g_mutex_lock (&p->lock);
      while (!p->stop && p->n_split - p->n_replayed >= p->capacity)
        g_cond_wait (&p->changed, &p->lock);
      g_mutex_unlock (&p->lock);
      if (p->stop)
        break;

      /* Read until a cut after segment_bytes, or the end */
      while (!eof)
        {
          gsize len = text->len;
          gssize n;

          if (len > from && (cut = find_cut (text->data, from, len)) > 0)
            break;
          if (len > from)
            from = len - 10;
          if (len > MAX_SEGMENT_BYTES)
            {
              unsplittable = TRUE;
              break;
            }

          g_byte_array_set_size (text, len + CHUNK_SIZE);
          n = g_input_stream_read (p->input, text->data + len, CHUNK_SIZE, p->cancellable, &error);
          g_byte_array_set_size (text, len + MAX (n, 0));
          if (n < 0)
            break;
          eof = n == 0;
          if (first && (eof || text->len >= 256) && !is_utf8 (text->data, text->len))
            unsplittable = TRUE;
          if (unsplittable)
            break;
        }
      if (unsplittable || error != NULL)
        break;

      segment = lc_osm_segment_new ();
      segment->first = first;
      segment->last = cut == 0;
      segment->position = g_seekable_tell (p->position);
      if (cut > 0)
        {
          GByteArray *rest = g_byte_array_sized_new (MAX (text->len - cut, CHUNK_SIZE));

          g_byte_array_append (rest, text->data + cut, text->len - cut);
          g_byte_array_set_size (text, cut);
          segment->text = g_steal_pointer (&text);
          text = rest;
        }
      else
        segment->text = g_byte_array_ref (text);
      first = FALSE;
      pipeline_push (p, segment);
    }

  g_mutex_lock (&p->lock);
  p->split_done = TRUE;
  p->unsplittable = unsplittable;
  p->read_error = error;
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
  return NULL;
}

static void
parse_segment (Segment    *segment,
               const char *path)
{
  Reader r = { 0 };

  lc_osm_reader_start (&r, segment, path);
  if ((segment->first || lc_osm_reader_feed (&r, "<osm>", 5, FALSE)) &&
      lc_osm_reader_feed (&r, (const char *) segment->text->data, segment->text->len, segment->last) &&
      !segment->last)
    lc_osm_reader_feed (&r, "</osm>", 6, TRUE);
  lc_osm_reader_finish (&r);
  g_clear_pointer (&segment->text, g_byte_array_unref);
}

static gpointer
parse_thread (gpointer data)
{
  Pipeline *p = data;

  for (;;)
    {
      Segment *segment;

      g_mutex_lock (&p->lock);
      while (!p->stop && g_queue_is_empty (&p->unparsed) && !p->split_done)
        g_cond_wait (&p->changed, &p->lock);
      segment = p->stop ? NULL : g_queue_pop_head (&p->unparsed);
      g_mutex_unlock (&p->lock);
      if (segment == NULL)
        return NULL;

      parse_segment (segment, p->path);

      g_mutex_lock (&p->lock);
      p->parsed[segment->seq % p->capacity] = segment;
      g_cond_broadcast (&p->changed);
      g_mutex_unlock (&p->lock);
    }
}

/* Reads the file with @n_threads parsers; %FALSE with @retry set when it
 * must be read in one thread instead */
gboolean
lc_osm_read_parallel (Importer      *im,
                      GFile         *file,
                      goffset        total,
                      guint          n_threads,
                      gsize          segment_bytes,
                      gboolean      *retry,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) input = lc_osm_open_decompressed (file, cancellable, &raw, error);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Pipeline p = { 0 };
  gboolean ok = TRUE;

  *retry = FALSE;
  if (input == NULL)
    return FALSE;

  g_mutex_init (&p.lock);
  g_cond_init (&p.changed);
  p.capacity = 2 * n_threads + 2;
  p.parsed = g_new0 (Segment *, p.capacity);
  p.input = input;
  p.position = G_SEEKABLE (raw);
  p.segment_bytes = segment_bytes;
  p.path = g_file_peek_path (file);
  p.cancellable = cancellable;

  g_ptr_array_add (threads, g_thread_new ("osm-split", split_thread, &p));
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("osm-parse", parse_thread, &p));

  for (guint seq = 0; ok; seq++)
    {
      Segment *segment;

      g_mutex_lock (&p.lock);
      while ((segment = p.parsed[seq % p.capacity]) == NULL &&
             !(p.split_done && (seq == p.n_split || p.unsplittable || p.read_error != NULL)))
        g_cond_wait (&p.changed, &p.lock);
      p.parsed[seq % p.capacity] = NULL;
      if (segment != NULL)
        p.n_replayed++;
      g_cond_broadcast (&p.changed);
      g_mutex_unlock (&p.lock);

      if (segment == NULL)
        break;
      if (segment->error != NULL)
        *retry = TRUE;
      else
        {
          lc_osm_replay (im, segment);
          lc_osm_report_progress (im, segment->position, total);
        }
      lc_osm_segment_free (segment);
      if (*retry || g_cancellable_is_cancelled (cancellable))
        ok = FALSE;
    }

  g_mutex_lock (&p.lock);
  p.stop = TRUE;
  g_cond_broadcast (&p.changed);
  g_mutex_unlock (&p.lock);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (p.unsplittable)
    *retry = TRUE;
  if (!*retry && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!*retry && p.read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p.read_error));
      ok = FALSE;
    }
  ok = ok && !*retry;

  g_clear_error (&p.read_error);
  g_queue_clear_full (&p.unparsed, (GDestroyNotify) lc_osm_segment_free);
  for (guint i = 0; i < p.capacity; i++)
    g_clear_pointer (&p.parsed[i], lc_osm_segment_free);
  g_free (p.parsed);
  g_mutex_clear (&p.lock);
  g_cond_clear (&p.changed);
  return ok;
}
