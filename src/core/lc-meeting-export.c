/* lc-meeting-export.c: meeting minutes and the 三会 summary as PDF, PNG and CSV
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-meeting-export"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lc-meeting.h"
#include "lc-meeting-export.h"

/*
 * Pages for district reviewers: A4 portrait, drawn with cairo and laid out
 * with Pango (which finds a CJK face through fontconfig, so Chinese text
 * renders). The same drawing goes to a PDF (every page) or a PNG (the first
 * page at 144 dpi, for a preview or a test). Core may use pangocairo: it is
 * not GTK, and the command-line tool exports the same pages.
 */

#define PAGE_W   595.28   /* A4, points */
#define PAGE_H   841.89
#define MARGIN   50.0
#define PNG_SCALE 2.0

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  gboolean         png;
  gboolean         full;     /* a PNG's one page is full: draw no more */
  double           y;
  int              page;
} Doc;

static gboolean
doc_begin (Doc         *doc,
           const char  *path,
           const char  *title,
           GError     **error)
{
  memset (doc, 0, sizeof *doc);
  doc->png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  if (doc->png)
    doc->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (PAGE_W * PNG_SCALE),
                                               (int) ceil (PAGE_H * PNG_SCALE));
  else
    doc->surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  if (cairo_surface_status (doc->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (cairo_surface_status (doc->surface)));
      cairo_surface_destroy (doc->surface);
      return FALSE;
    }
  if (!doc->png)
    {
      cairo_pdf_surface_set_metadata (doc->surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (doc->surface, CAIRO_PDF_METADATA_CREATOR, "Life Circle Planner " PACKAGE_VERSION);
    }
  doc->cr = cairo_create (doc->surface);
  if (doc->png)
    {
      cairo_scale (doc->cr, PNG_SCALE, PNG_SCALE);
      cairo_set_source_rgb (doc->cr, 1, 1, 1);
      cairo_paint (doc->cr);
    }
  doc->y = MARGIN;
  doc->page = 1;
  return TRUE;
}

static gboolean
doc_end (Doc         *doc,
         const char  *path,
         GError     **error)
{
  cairo_status_t status;

  cairo_destroy (doc->cr);
  if (doc->png)
    status = cairo_surface_write_to_png (doc->surface, path);
  else
    {
      cairo_surface_finish (doc->surface);
      status = cairo_surface_status (doc->surface);
    }
  cairo_surface_destroy (doc->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Makes room for @height more points, on a new page if need be; FALSE when
 * nothing more can be drawn (a PNG's page is full) */
static gboolean
doc_need (Doc    *doc,
          double  height)
{
  if (doc->full)
    return FALSE;
  if (doc->y + height <= PAGE_H - MARGIN || doc->y <= MARGIN)
    return TRUE;
  if (doc->png)
    {
      doc->full = TRUE;
      return FALSE;
    }
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN;
  return TRUE;
}

/* Whether the character at @p is set in the Latin face: Latin letters, and
 * the punctuation, digits and spaces (script Common or Inherited) whose
 * nearest letter before them, else after them, is Latin (or that have no
 * letter around them at all, such as a date). Chinese text keeps
 * its full-width quotes “” and dashes; English text gets narrow ones. */
static gboolean
is_latin_run (const char *text,
              const char *p)
{
  GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

  if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED)
    return script == G_UNICODE_SCRIPT_LATIN;
  for (const char *q = p; q > text;)
    {
      q = g_utf8_prev_char (q);
      script = g_unichar_get_script (g_utf8_get_char (q));
      if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED)
        return script == G_UNICODE_SCRIPT_LATIN;
    }
  for (const char *q = g_utf8_next_char (p); *q != '\0'; q = g_utf8_next_char (q))
    {
      script = g_unichar_get_script (g_utf8_get_char (q));
      if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED)
        return script == G_UNICODE_SCRIPT_LATIN;
    }
  /* No letter at all: a date, a number */
  return TRUE;
}

/* The Latin face for the Latin runs of @text */
static PangoAttrList *
latin_attributes (const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *start = NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gboolean latin = *p != '\0' && is_latin_run (text, p);

      if (latin && start == NULL)
        start = p;
      else if (!latin && start != NULL)
        {
          PangoAttribute *family = pango_attr_family_new (LC_EXPORT_LATIN_FONT_FAMILY);

          family->start_index = start - text;
          family->end_index = p - text;
          pango_attr_list_insert (attrs, family);
          start = NULL;
        }
      if (*p == '\0')
        break;
    }
  return attrs;
}

static PangoLayout *
make_layout (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  PangoFontDescription *font = pango_font_description_from_string (LC_EXPORT_FONT_FAMILY);
  PangoAttrList *attrs;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  attrs = latin_attributes (pango_layout_get_text (layout));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Draws @text at x, the current y, wrapped to @width; returns its height */
static double
draw_text_at (Doc        *doc,
              const char *text,
              double      x,
              double      y,
              double      width,
              double      size,
              gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, size, bold, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  return (double) h / PANGO_SCALE;
}

/* A paragraph across the page, line by line so it can run on to the next page */
static void
doc_paragraph (Doc        *doc,
               const char *text,
               double      size,
               gboolean    bold,
               double      indent)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, size, bold, PAGE_W - 2 * MARGIN - indent);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      int line_top;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = logical.y;
      if (!doc_need (doc, (double) logical.height / PANGO_SCALE))
        break;
      cairo_move_to (doc->cr, MARGIN + indent, doc->y + (double) (baseline - line_top) / PANGO_SCALE);
      pango_cairo_show_layout_line (doc->cr, line);
      doc->y += (double) logical.height / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  doc->y += size * 0.4;
}

static void
doc_heading (Doc        *doc,
             const char *text,
             double      size)
{
  if (!doc_need (doc, size * 3))
    return;
  doc->y += size * 0.5;
  doc_paragraph (doc, text, size, TRUE, 0);
}

/* "Label: value" rows */
static void
doc_field (Doc        *doc,
           const char *label,
           const char *value)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) label_layout = NULL;
  int w, h, label_h, baseline, label_baseline, top;

  if (value == NULL || *value == '\0')
    return;
  layout = make_layout (doc, value, 10, FALSE, PAGE_W - 2 * MARGIN - 110);
  pango_layout_get_size (layout, &w, &h);
  /* A label may wrap too ("Date and time") */
  label_layout = make_layout (doc, label, 10, TRUE, 105);
  pango_layout_get_size (label_layout, &w, &label_h);
  /* On one baseline, whichever face is taller (Latin and CJK differ) */
  baseline = pango_layout_get_baseline (layout);
  label_baseline = pango_layout_get_baseline (label_layout);
  top = MAX (baseline, label_baseline);
  h = MAX (h + top - baseline, label_h + top - label_baseline);
  if (!doc_need (doc, (double) h / PANGO_SCALE))
    return;
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  cairo_move_to (doc->cr, MARGIN, doc->y + (double) (top - label_baseline) / PANGO_SCALE);
  pango_cairo_show_layout (doc->cr, label_layout);
  cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
  cairo_move_to (doc->cr, MARGIN + 110, doc->y + (double) (top - baseline) / PANGO_SCALE);
  pango_cairo_show_layout (doc->cr, layout);
  doc->y += (double) h / PANGO_SCALE + 3;
}

static void
doc_rule (Doc *doc)
{
  if (!doc_need (doc, 8))
    return;
  cairo_set_source_rgb (doc->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, doc->y + 3);
  cairo_line_to (doc->cr, PAGE_W - MARGIN, doc->y + 3);
  cairo_stroke (doc->cr);
  doc->y += 8;
}

static char *
percent (double share)
{
  return g_strdup_printf ("%.1f%%", share * 100);
}

/* The votes as horizontal bars, one per option, longest for the most votes */
static void
draw_vote_chart (Doc          *doc,
                 GPtrArray    *options,
                 LcVoteResult *r)
{
  const double label_w = 120, bar_h = 16, gap = 6;
  double bar_w = PAGE_W - 2 * MARGIN - label_w - 90;
  gint64 most = 1;

  for (guint i = 0; i < r->n_options; i++)
    most = MAX (most, r->votes[i]);
  for (guint i = 0; i < r->n_options; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);
      g_autofree char *share = percent (r->shares[i]);
      g_autofree char *value = NULL;
      double x = MARGIN + label_w, w = bar_w * r->votes[i] / most;

      if (!doc_need (doc, bar_h + gap))
        return;
      cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
      draw_text_at (doc, o->label, MARGIN, doc->y + 1, label_w - 8, 10, (int) i == r->winner);
      /* Paper ballots dark, other channels light */
      cairo_set_source_rgb (doc->cr, 0.16, 0.42, 0.72);
      cairo_rectangle (doc->cr, x, doc->y, bar_w * o->votes_paper / most, bar_h);
      cairo_fill (doc->cr);
      cairo_set_source_rgb (doc->cr, 0.55, 0.74, 0.92);
      cairo_rectangle (doc->cr, x + bar_w * o->votes_paper / most, doc->y, bar_w * o->votes_other / most, bar_h);
      cairo_fill (doc->cr);
      value = g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", r->votes[i], share);
      cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
      draw_text_at (doc, value, x + w + 6, doc->y + 1, 90, 9, FALSE);
      doc->y += bar_h + gap;
    }
}

/* The ratings as five columns, level 1 to 5 */
static void
draw_rating_chart (Doc                   *doc,
                   const LcRatingSummary *s)
{
  const double chart_h = 110, col_w = 50, gap = 20;
  gint64 most = 1;
  double base;

  if (!doc_need (doc, chart_h + 30))
    return;
  for (guint i = 0; i < 5; i++)
    most = MAX (most, s->counts[i]);
  base = doc->y + chart_h;
  for (guint i = 0; i < 5; i++)
    {
      double x = MARGIN + 20 + i * (col_w + gap), h = (chart_h - 16) * s->counts[i] / most;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, s->counts[i]);
      g_autofree char *level = g_strdup_printf ("%u", i + 1);

      if (i + 1 >= LC_RATING_SATISFIED_LEVEL)
        cairo_set_source_rgb (doc->cr, 0.20, 0.60, 0.35);
      else
        cairo_set_source_rgb (doc->cr, 0.70, 0.70, 0.70);
      cairo_rectangle (doc->cr, x, base - h, col_w, h);
      cairo_fill (doc->cr);
      cairo_set_source_rgb (doc->cr, 0.1, 0.1, 0.1);
      draw_text_at (doc, count, x + col_w / 2 - 10, base - h - 14, 40, 9, FALSE);
      draw_text_at (doc, level, x + col_w / 2 - 3, base + 3, 20, 10, TRUE);
    }
  cairo_set_source_rgb (doc->cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (doc->cr, 0.8);
  cairo_move_to (doc->cr, MARGIN + 10, base);
  cairo_line_to (doc->cr, MARGIN + 20 + 5 * (col_w + gap), base);
  cairo_stroke (doc->cr);
  doc->y = base + 22;
}

static char *
project_names (LcPlan          *plan,
               const LcMeeting *m)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < m->project_ids->len; i++)
    {
      g_autofree char *name = lc_plan_get_text (plan, "projects", g_array_index (m->project_ids, gint64, i), "name");

      if (names->len > 0)
        g_string_append (names, "\n");
      g_string_append (names, name != NULL ? name : "?");
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* "2026-12-20T09:30:00+08:00" as people write it: "2026-12-20 09:30" */
static char *
readable_date_time (const char *iso)
{
  if (iso == NULL)
    return NULL;
  if (strlen (iso) >= 16 && iso[10] == 'T')
    return g_strdup_printf ("%.10s %.5s", iso, iso + 11);
  return g_strdup (iso);
}

/**
 * lc_meeting_export_minutes:
 * @path: a .pdf file, or a .png for the first page
 *
 * Writes the minutes of one meeting: its particulars, agenda, minutes and
 * decisions, the vote as a bar chart, the ratings as a histogram, the
 * sign-in list and the linked projects.
 */
gboolean
lc_meeting_export_minutes (LcPlan      *plan,
                           gint64       meeting_id,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *when = NULL;
  g_autoptr(LcMeeting) m = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autofree char *title = NULL;
  g_autofree char *projects = NULL;
  g_autofree char *attendance = NULL;
  gint64 counts[5];
  LcRatingSummary ratings;
  Doc doc;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  m = lc_plan_load_meeting (plan, meeting_id, error);
  if (m == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                     _("The plan holds no meeting %lld."), (long long) meeting_id);
      return FALSE;
    }
  options = lc_plan_list_vote_options (plan, meeting_id, error);
  attendees = options != NULL ? lc_plan_list_meeting_attendees (plan, meeting_id, error) : NULL;
  if (attendees == NULL || !lc_plan_get_meeting_ratings (plan, meeting_id, counts, error))
    return FALSE;
  lc_rating_summary_compute (counts, &ratings);
  projects = project_names (plan, m);

  when = readable_date_time (m->date_time);
  /* Translators: the title of exported minutes: the meeting's type, then its date */
  title = g_strdup_printf (_("Minutes of the %s, %s"), lc_meeting_type_get_name (m->type), when != NULL ? when : "");
  if (!doc_begin (&doc, path, title, error))
    return FALSE;

  doc_paragraph (&doc, title, 18, TRUE, 0);
  doc_rule (&doc);
  doc_field (&doc, _("Type"), lc_meeting_type_get_name (m->type));
  doc_field (&doc, _("Date and time"), when);
  doc_field (&doc, _("Place"), m->place);
  if (m->organiser != LC_ORGANISER_NONE)
    {
      g_autofree char *organiser = m->organiser_note != NULL
        ? g_strdup_printf ("%s (%s)", lc_organiser_get_name (m->organiser), m->organiser_note)
        : g_strdup (lc_organiser_get_name (m->organiser));

      doc_field (&doc, _("Organiser"), organiser);
    }
  doc_field (&doc, _("Chair"), m->chair);
  if (m->attendance >= 0)
    {
      /* Translators: the number of people at a meeting */
      attendance = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld person", "%lld people", m->attendance),
                                    (long long) m->attendance);
      doc_field (&doc, _("Attendance"), attendance);
    }
  doc_field (&doc, _("Projects"), projects);

  if (m->agenda != NULL)
    {
      doc_heading (&doc, _("Agenda"), 13);
      doc_paragraph (&doc, m->agenda, 10.5, FALSE, 0);
    }
  if (m->minutes != NULL)
    {
      doc_heading (&doc, _("Minutes"), 13);
      doc_paragraph (&doc, m->minutes, 10.5, FALSE, 0);
    }
  if (m->decisions != NULL)
    {
      doc_heading (&doc, _("Decisions"), 13);
      doc_paragraph (&doc, m->decisions, 10.5, FALSE, 0);
    }

  if (options->len > 0)
    {
      g_autoptr(LcVoteResult) r = lc_vote_result_new (options, m->abstentions);
      g_autofree char *abstain = percent (r->abstention_share);
      g_autofree char *summary = NULL;

      doc_heading (&doc, _("Vote"), 13);
      draw_vote_chart (&doc, options, r);
      if (r->winner >= 0)
        /* Translators: the vote's winner, the votes cast for options, the abstentions and their share */
        summary = g_strdup_printf (_("Chosen: %s. %lld votes cast, %lld abstentions (%s). Dark bars: paper ballots; "
                                     "light bars: other channels."),
                                   ((LcVoteOption *) g_ptr_array_index (options, r->winner))->label,
                                   (long long) r->votes_cast, (long long) r->abstentions, abstain);
      else
        /* Translators: the votes cast for options, the abstentions and their share */
        summary = g_strdup_printf (_("No single winner (a tie or no votes). %lld votes cast, %lld abstentions (%s). "
                                     "Dark bars: paper ballots; light bars: other channels."),
                                   (long long) r->votes_cast, (long long) r->abstentions, abstain);
      doc_paragraph (&doc, summary, 9.5, FALSE, 0);
    }

  if (ratings.total > 0)
    {
      g_autofree char *satisfied = percent (ratings.satisfied_share);
      g_autofree char *summary = NULL;

      doc_heading (&doc, _("Satisfaction ratings"), 13);
      draw_rating_chart (&doc, &ratings);
      /* Translators: residents who rated, the average on 1–5, and the share rating 4 or 5 */
      summary = g_strdup_printf (_("%lld residents rated; average %.2f of 5; satisfied (4 or 5): %s."),
                                 (long long) ratings.total, ratings.average, satisfied);
      doc_paragraph (&doc, summary, 9.5, FALSE, 0);
    }
  if (m->feedback != NULL)
    {
      doc_heading (&doc, _("Feedback"), 13);
      doc_paragraph (&doc, m->feedback, 10.5, FALSE, 0);
    }

  if (attendees->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < attendees->len; i++)
        {
          const LcMeetingAttendee *a = g_ptr_array_index (attendees, i);

          g_string_append_printf (list, "%s%s%s%s%s", i > 0 ? "、" : "", a->name, a->role != NULL ? "（" : "",
                                  a->role != NULL ? a->role : "", a->role != NULL ? "）" : "");
        }
      doc_heading (&doc, _("Sign-in list"), 13);
      doc_paragraph (&doc, list->str, 10, FALSE, 0);
    }
  return doc_end (&doc, path, error);
}

/* ---- the 三会 summary ---- */

static void
state_colour (cairo_t      *cr,
              LcStageState  state)
{
  switch (state)
    {
    case LC_STAGE_HELD:
      cairo_set_source_rgb (cr, 0.85, 0.94, 0.86);
      break;
    case LC_STAGE_MISSING:
      cairo_set_source_rgb (cr, 0.98, 0.84, 0.83);
      break;
    case LC_STAGE_OUT_OF_ORDER:
      cairo_set_source_rgb (cr, 1.0, 0.93, 0.78);
      break;
    case LC_STAGE_NOT_DUE:
    default:
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      break;
    }
}

static char *
stage_cell (const LcStageStatus *st)
{
  if (st->date != NULL)
    return g_strdup_printf ("%s\n%s", lc_stage_state_get_name (st->state), st->date);
  return g_strdup (lc_stage_state_get_name (st->state));
}

/**
 * lc_meetings_export_summary:
 * @path: a .pdf file, a .png for the first page, or a .csv (see
 *   lc_meetings_summary_csv())
 *
 * Writes the 三会 status of every project as a table, then the projects
 * missing a meeting with the reasons.
 */
gboolean
lc_meetings_export_summary (LcPlan      *plan,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  const double widths[] = { 150, 60, 95, 95, 95 };
  const char *headers[G_N_ELEMENTS (widths)];
  double x;
  Doc doc;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    {
      g_autofree char *csv = lc_meetings_summary_csv (plan, error);

      return csv != NULL && g_file_set_contents (path, csv, -1, error);
    }

  all = lc_plan_list_project_meetings (plan, error);
  if (all == NULL)
    return FALSE;
  missing = lc_project_meetings_missing (all);
  if (!doc_begin (&doc, path, _("One Map, Three Meetings: status of each project"), error))
    return FALSE;

  doc_paragraph (&doc, _("One Map, Three Meetings: status of each project"), 17, TRUE, 0);
  doc_paragraph (&doc, _("Consultation before the design, coordination before construction ends, evaluation after completion."),
                 9.5, FALSE, 0);
  doc_rule (&doc);

  headers[0] = _("Project");
  headers[1] = _("Status");
  for (guint s = 0; s < LC_N_STAGES; s++)
    headers[2 + s] = lc_stage_get_name (s);

  for (int row = -1; row < (int) all->len; row++)
    {
      const LcProjectMeetings *pm = row >= 0 ? g_ptr_array_index (all, row) : NULL;
      char *cells[G_N_ELEMENTS (widths)] = { NULL };
      double height = 0;

      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        {
          g_autoptr(PangoLayout) layout = NULL;
          int w, h;

          if (pm == NULL)
            cells[c] = g_strdup (headers[c]);
          else if (c == 0)
            cells[c] = g_strdup (pm->name);
          else if (c == 1)
            cells[c] = g_strdup (lc_project_status_get_name (pm->status));
          else
            cells[c] = stage_cell (&pm->stages[c - 2]);
          layout = make_layout (&doc, cells[c], 9.5, pm == NULL, widths[c] - 8);
          pango_layout_get_size (layout, &w, &h);
          height = MAX (height, (double) h / PANGO_SCALE + 8);
        }
      if (doc_need (&doc, height))
        {
          x = MARGIN;
          for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
            {
              if (pm == NULL)
                cairo_set_source_rgb (doc.cr, 0.85, 0.88, 0.93);
              else if (c >= 2)
                state_colour (doc.cr, pm->stages[c - 2].state);
              else
                cairo_set_source_rgb (doc.cr, 1, 1, 1);
              cairo_rectangle (doc.cr, x, doc.y, widths[c], height);
              cairo_fill_preserve (doc.cr);
              cairo_set_source_rgb (doc.cr, 0.6, 0.6, 0.6);
              cairo_set_line_width (doc.cr, 0.5);
              cairo_stroke (doc.cr);
              cairo_set_source_rgb (doc.cr, 0.1, 0.1, 0.1);
              draw_text_at (&doc, cells[c], x + 4, doc.y + 4, widths[c] - 8, 9.5, pm == NULL);
              x += widths[c];
            }
          doc.y += height;
        }
      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        g_free (cells[c]);
    }

  doc.y += 10;
  doc_heading (&doc, _("Projects missing a meeting"), 13);
  if (missing->len == 0)
    doc_paragraph (&doc, _("None: every project held the meetings its stage needs, in order."), 10, FALSE, 0);
  for (guint i = 0; i < missing->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (missing, i);

      doc_paragraph (&doc, pm->name, 10.5, TRUE, 0);
      for (guint s = 0; s < LC_N_STAGES; s++)
        if (pm->stages[s].note != NULL)
          {
            g_autofree char *line = g_strdup_printf ("%s — %s: %s", lc_stage_get_name (s),
                                                     lc_stage_state_get_name (pm->stages[s].state), pm->stages[s].note);
            doc_paragraph (&doc, line, 9.5, FALSE, 12);
          }
    }
  return doc_end (&doc, path, error);
}

static void
csv_cell (GString    *out,
          const char *text,
          gboolean    last)
{
  text = text != NULL ? text : "";
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * lc_meetings_summary_csv:
 *
 * The 三会 summary as a spreadsheet: UTF-8 with a byte-order mark (so
 * Excel and WPS read Chinese), CRLF line ends, one row per project: id,
 * name, status, start and end dates, then for each meeting its state (a
 * key: not_due, missing, held, out_of_order), date and note, and whether
 * the project is complete.
 *
 * Returns: (transfer full) (nullable): the file's text, or %NULL with
 *   @error set when the plan cannot be read
 */
char *
lc_meetings_summary_csv (LcPlan  *plan,
                         GError **error)
{
  g_autoptr(GPtrArray) all = lc_plan_list_project_meetings (plan, error);
  GString *out;

  if (all == NULL)
    return NULL;
  out = g_string_new ("\xEF\xBB\xBF");

  /* Headers in the user's language, states as keys a script can read */
  csv_cell (out, "id", FALSE);
  csv_cell (out, _("Project"), FALSE);
  csv_cell (out, _("Status"), FALSE);
  csv_cell (out, _("Start date"), FALSE);
  csv_cell (out, _("End date"), FALSE);
  for (guint s = 0; s < LC_N_STAGES; s++)
    {
      /* Translators: a spreadsheet column, the date of a meeting such as "Consultation meeting" */
      g_autofree char *date = g_strdup_printf (_("%s date"), lc_stage_get_name (s));
      /* Translators: a spreadsheet column, why a meeting is missing or out of order */
      g_autofree char *note = g_strdup_printf (_("%s note"), lc_stage_get_name (s));

      csv_cell (out, lc_stage_get_name (s), FALSE);
      csv_cell (out, date, FALSE);
      csv_cell (out, note, FALSE);
    }
  csv_cell (out, _("Complete"), TRUE);

  for (guint i = 0; i < all->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (all, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pm->project_id);

      csv_cell (out, id, FALSE);
      csv_cell (out, pm->name, FALSE);
      csv_cell (out, lc_project_status_to_key (pm->status), FALSE);
      csv_cell (out, pm->start_date, FALSE);
      csv_cell (out, pm->end_date, FALSE);
      for (guint s = 0; s < LC_N_STAGES; s++)
        {
          csv_cell (out, lc_stage_state_to_key (pm->stages[s].state), FALSE);
          csv_cell (out, pm->stages[s].date, FALSE);
          csv_cell (out, pm->stages[s].note, FALSE);
        }
      csv_cell (out, lc_project_meetings_complete (pm) ? "yes" : "no", TRUE);
    }
  return g_string_free (out, FALSE);
}
