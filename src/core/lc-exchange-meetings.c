/* lc-exchange-meetings.c: the 一图三会 meeting log sheet, to the plan and back
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-meetings"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * A row replaces the meeting of the same type, date and time, and place.
 * Types and organisers are Chinese words; the linked projects and the
 * vote options ("方案A（说明）：纸质票120，其他渠道15") are lists in one
 * cell each, full-width separators or ASCII ones.
 */

/* The sheet's words for the meeting types and organisers, in the order of
 * their enums, then other words accepted on reading */
static const char * const meeting_type_words[] = { "征询会", "协调会", "评议会", "其他" };
static const char * const organiser_words[] = { "", "居委会", "业委会", "街道", "其他" };

static gboolean
meeting_type_from_word (const char    *word,
                        LcMeetingType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (meeting_type_words); i++)
    if (g_str_equal (word, meeting_type_words[i]))
      {
        *type = i;
        return TRUE;
      }
  if (g_str_equal (word, "其他会议"))
    {
      *type = LC_MEETING_OTHER;
      return TRUE;
    }
  return lc_meeting_type_from_key (word, type);
}

static gboolean
organiser_from_word (const char  *word,
                     LcOrganiser *organiser)
{
  for (guint i = 0; i < G_N_ELEMENTS (organiser_words); i++)
    if (g_str_equal (word, organiser_words[i]))
      {
        *organiser = i;
        return TRUE;
      }
  if (g_str_equal (word, "居民委员会") || g_str_equal (word, "业主委员会") || g_str_equal (word, "街道办事处"))
    return organiser_from_word (g_str_equal (word, "居民委员会") ? "居委会"
                                : g_str_equal (word, "业主委员会") ? "业委会" : "街道", organiser);
  return lc_organiser_from_key (word, organiser);
}

/* "方案A（说明）：纸质票120，其他渠道15；方案B：…" */
static char *
vote_options_cell (GPtrArray *options)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; options != NULL && i < options->len; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);

      if (i > 0)
        g_string_append (s, MEETING_SEPARATOR);
      g_string_append (s, o->label);
      if (o->description != NULL)
        g_string_append_printf (s, "（%s）", o->description);
      g_string_append_printf (s, "：纸质票%lld，其他渠道%lld", (long long) o->votes_paper, (long long) o->votes_other);
    }
  return g_string_free (s, FALSE);
}

static char *
count_or_empty (gint64 n)
{
  return n >= 0 ? g_strdup_printf ("%lld", (long long) n) : g_strdup ("");
}

GStrv
lc_sheet_meeting_cells (const LcMeeting    *m,
                        const char * const *project_names,
                        GPtrArray          *options,
                        const gint64        counts[5])
{
  GStrv cells = g_new0 (char *, M_N + 1);
  gboolean rated = FALSE;

  cells[M_TYPE] = g_strdup (meeting_type_words[m->type]);
  /* "2025-10-12T14:00" as people type it: "2025-10-12 14:00" */
  cells[M_DATE] = lc_sheet_dup_or_empty (m->date_time);
  if (strlen (cells[M_DATE]) > 10 && cells[M_DATE][10] == 'T')
    cells[M_DATE][10] = ' ';
  cells[M_PLACE] = lc_sheet_dup_or_empty (m->place);
  cells[M_LAT] = lc_sheet_format_number (m->latitude, 7);
  cells[M_LON] = lc_sheet_format_number (m->longitude, 7);
  cells[M_ORGANISER] = g_strdup (organiser_words[m->organiser]);
  cells[M_ORGANISER_NOTE] = lc_sheet_dup_or_empty (m->organiser_note);
  cells[M_CHAIR] = lc_sheet_dup_or_empty (m->chair);
  cells[M_ATTENDANCE] = count_or_empty (m->attendance);
  cells[M_AGENDA] = lc_sheet_dup_or_empty (m->agenda);
  cells[M_MINUTES] = lc_sheet_dup_or_empty (m->minutes);
  cells[M_DECISIONS] = lc_sheet_dup_or_empty (m->decisions);
  cells[M_PROJECTS] = project_names != NULL ? g_strjoinv (MEETING_SEPARATOR, (GStrv) project_names) : g_strdup ("");
  cells[M_VOTES] = vote_options_cell (options);
  cells[M_ABSTENTIONS] = count_or_empty (m->abstentions);
  for (guint i = 0; i < 5; i++)
    rated |= counts[i] > 0;
  /* A meeting nobody rated leaves the five columns blank */
  for (guint i = 0; i < 5; i++)
    cells[M_RATING_1 + i] = count_or_empty (rated ? counts[i] : -1);
  cells[M_FEEDBACK] = lc_sheet_dup_or_empty (m->feedback);
  return cells;
}

static GStrv
meeting_project_names (LcPlan          *plan,
                       const LcMeeting *m)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint j = 0; j < m->project_ids->len; j++)
    {
      g_autofree char *name = lc_sheet_project_name (plan, g_array_index (m->project_ids, gint64, j));
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/**
 * lc_exchange_meeting_rows:
 *
 * Returns: (transfer full) (element-type GStrv) (nullable): the meeting
 *   log, oldest first, its headers first; %NULL with @error set when the
 *   plan cannot be read
 */
GPtrArray *
lc_exchange_meeting_rows (LcPlan  *plan,
                          GError **error)
{
  g_autoptr(GPtrArray) meetings = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, error);
  g_autoptr(GPtrArray) rows = NULL;

  if (meetings == NULL)
    return NULL;
  rows = lc_sheet_new_rows (LC_SHEET_MEETINGS);
  /* The log lists the newest first; a sheet reads as a history */
  for (guint i = meetings->len; i-- > 0;)
    {
      LcMeeting *m = g_ptr_array_index (meetings, i);
      g_autoptr(GPtrArray) options = lc_plan_list_vote_options (plan, m->id, error);
      g_auto(GStrv) names = NULL;
      gint64 counts[5];

      if (options == NULL || !lc_plan_get_meeting_ratings (plan, m->id, counts, error))
        return NULL;
      names = meeting_project_names (plan, m);
      g_ptr_array_add (rows, lc_sheet_meeting_cells (m, (const char * const *) names, options, counts));
    }
  return g_steal_pointer (&rows);
}

void
lc_sheet_meeting_item_free (MeetingItem *mi)
{
  lc_meeting_free (mi->meeting);
  g_clear_pointer (&mi->options, g_ptr_array_unref);
  g_free (mi);
}

/* "2025/10/12 14:00" → "2025-10-12T14:00"; NULL when not a date */
static char *
normalise_date_time (const char *text)
{
  g_autofree char *dt = g_strdup (text);

  if (strlen (dt) >= 10 && dt[4] == '/' && dt[7] == '/')
    dt[4] = dt[7] = '-';
  if (strlen (dt) > 10 && dt[10] == ' ')
    dt[10] = 'T';
  return lc_meeting_date_valid (dt) ? g_steal_pointer (&dt) : NULL;
}

/* Replaces the ASCII forms of the separators by the full-width ones */
static char *
full_width_separators (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case ';': g_string_append (s, "；"); break;
        case ':': g_string_append (s, "："); break;
        case ',': g_string_append (s, "，"); break;
        case '(': g_string_append (s, "（"); break;
        case ')': g_string_append (s, "）"); break;
        default: g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static GStrv
split_trimmed (const char *text,
               const char *separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text, separator, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* "纸质票120" / "其他渠道15" / "120" (paper), with an optional "票" */
static gboolean
parse_votes_item (const char *item,
                  gint64     *paper,
                  gint64     *other)
{
  g_autofree char *number = NULL;
  gint64 *target = paper;
  const char *p = item;
  gsize n;

  if (g_str_has_prefix (p, "纸质票"))
    p += strlen ("纸质票");
  else if (g_str_has_prefix (p, "其他渠道"))
    {
      p += strlen ("其他渠道");
      target = other;
    }
  number = g_strstrip (g_strdup (p));
  n = strlen (number);
  if (g_str_has_suffix (number, "票"))
    number[n - strlen ("票")] = '\0';
  return g_ascii_string_to_signed (g_strstrip (number), 10, 0, 1000000, target, NULL);
}

/* One option: "标签[（说明）][：计票]" */
static LcVoteOption *
parse_vote_option (SheetReader *r,
                   const char  *text)
{
  g_autoptr(GString) head = g_string_new (text);
  g_autofree char *counts = NULL;
  LcVoteOption *o = g_new0 (LcVoteOption, 1);
  const char *colon = g_strrstr (text, "：");
  const char *paren;

  /* The counts follow the last colon, unless the option ends in a bracket */
  if (colon != NULL && !g_str_has_suffix (text, "）"))
    {
      counts = g_strdup (colon + strlen ("："));
      g_string_truncate (head, colon - text);
    }
  paren = strstr (head->str, "（");
  if (paren != NULL && g_str_has_suffix (head->str, "）") && paren > head->str)
    {
      gsize start = paren - head->str + strlen ("（");

      o->description = g_strndup (head->str + start, head->len - start - strlen ("）"));
      g_strstrip (o->description);
      if (o->description[0] == '\0')
        g_clear_pointer (&o->description, g_free);
      g_string_truncate (head, paren - head->str);
    }
  o->label = g_strstrip (g_strdup (head->str));
  if (o->label[0] == '\0')
    /* Translators: %s is what a spreadsheet cell holds for one voting option */
    lc_sheet_row_error (r, _("The voting option “%s” has no label; write it as “方案A：纸质票120，其他渠道15”."), text);
  if (counts != NULL)
    {
      g_auto(GStrv) items = split_trimmed (counts, "，");

      for (guint i = 0; items[i] != NULL; i++)
        if (!parse_votes_item (items[i], &o->votes_paper, &o->votes_other))
          /* Translators: the first %s is a vote count as written, the second a voting option's label */
          lc_sheet_row_error (r, _("The votes “%s” of option “%s” are not “纸质票N” or “其他渠道N” with N a whole number, "
                                   "zero or more."), items[i], o->label);
    }
  return o;
}

static GPtrArray *
parse_vote_options (SheetReader *r,
                    const char  *text)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
  g_autofree char *full = full_width_separators (text);
  g_auto(GStrv) parts = split_trimmed (full, MEETING_SEPARATOR);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      LcVoteOption *o = parse_vote_option (r, parts[i]);

      if (o->label[0] != '\0' && !g_hash_table_add (labels, o->label))
        lc_sheet_row_error (r, _("The voting option “%s” is given twice."), o->label);
      o->sort = (int) i;
      g_ptr_array_add (options, o);
    }
  return options;
}

static gint64
find_meeting (LcPlan          *plan,
              const LcMeeting *m)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (m->date_time == NULL ||
      sqlite3_prepare_v2 (lc_plan_get_database (plan),
                          "SELECT id FROM meetings WHERE type = ? AND date_time = ? AND coalesce (place, '') = ?"
                          " ORDER BY id LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, lc_meeting_type_to_key (m->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, m->date_time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, m->place != NULL ? m->place : "", -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
take_count (SheetReader *r,
            int          k,
            const char  *what,
            gint64       empty,
            gint64      *target)
{
  int v = (int) *target;

  lc_sheet_take_int (r, k, what, 0, 1000000, (int) empty, &v);
  *target = v;
}

void
lc_sheet_read_meeting (SheetReader *r,
                       LcImportRow *row,
                       GHashTable  *seen)
{
  g_autoptr(LcMeeting) found = NULL;
  MeetingItem *mi = g_new0 (MeetingItem, 1);
  LcMeeting *m = mi->meeting = lc_meeting_new (LC_MEETING_OTHER, NULL);
  g_autofree char *type = lc_sheet_cell (r, M_TYPE);
  g_autofree char *date = lc_sheet_cell (r, M_DATE);
  g_autofree char *organiser = lc_sheet_cell (r, M_ORGANISER);
  g_autofree char *projects = lc_sheet_cell (r, M_PROJECTS);
  g_autofree char *votes = lc_sheet_cell (r, M_VOTES);
  g_autofree char *place = lc_sheet_cell (r, M_PLACE);
  g_autofree char *key = NULL;
  gint64 id;

  row->item = mi;
  if (type[0] == '\0')
    lc_sheet_row_error (r, "%s", _("The meeting needs a type: 征询会, 协调会, 评议会 or 其他."));
  else if (!meeting_type_from_word (type, &m->type))
    /* Translators: %s is the meeting type as the sheet gives it */
    lc_sheet_row_error (r, _("The meeting type “%s” is none of 征询会, 协调会, 评议会, 其他."), type);
  if (date[0] == '\0')
    lc_sheet_row_error (r, "%s", _("The meeting needs a date, as YYYY-MM-DD or YYYY-MM-DD HH:MM."));
  else if ((m->date_time = normalise_date_time (date)) == NULL)
    /* Translators: %s is a date as the sheet gives it */
    lc_sheet_row_error (r, _("The date and time “%s” is not a real day as YYYY-MM-DD or YYYY-MM-DD HH:MM."), date);
  if (r->errors->len > 0)
    return;

  /* The same type, date and time, and place: the meeting it replaces */
  m->place = place != NULL && place[0] != '\0' ? g_strdup (place) : NULL;
  id = find_meeting (r->plan, m);
  if (id != 0 && (found = lc_plan_load_meeting (r->plan, id, lc_sheet_failed (r))) != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      lc_meeting_free (m);
      m = mi->meeting = g_steal_pointer (&found);
      row->replaces = id;
      mi->options = lc_plan_list_vote_options (r->plan, id, lc_sheet_failed (r));
      if (mi->options == NULL)
        mi->options = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
      lc_plan_get_meeting_ratings (r->plan, id, mi->counts, lc_sheet_failed (r));
      if (sqlite3_prepare_v2 (lc_plan_get_database (r->plan), "SELECT 1 FROM meeting_ratings WHERE meeting_id = ?",
                              -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          mi->had_ratings = sqlite3_step (stmt) == SQLITE_ROW;
        }
      row->links = meeting_project_names (r->plan, m);
    }
  else
    mi->options = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
  key = g_strdup_printf ("%s\n%s\n%s", lc_meeting_type_to_key (m->type), m->date_time, m->place != NULL ? m->place : "");
  if (g_hash_table_contains (seen, key))
    lc_sheet_row_error (r, _("The same meeting (type, date and time, and place) is already in row %u of this sheet."),
                        GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
  else
    g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));

  lc_sheet_take_location (r, M_LAT, M_LON, &m->latitude, &m->longitude);
  if (organiser != NULL && !organiser_from_word (organiser, &m->organiser))
    /* Translators: %s is the organiser as the sheet gives it */
    lc_sheet_row_error (r, _("The organiser “%s” is none of 居委会, 业委会, 街道, 其他."), organiser);
  lc_sheet_take_text (r, M_ORGANISER_NOTE, &m->organiser_note);
  lc_sheet_take_text (r, M_CHAIR, &m->chair);
  take_count (r, M_ATTENDANCE, _("attendance"), -1, &m->attendance);
  lc_sheet_take_text (r, M_AGENDA, &m->agenda);
  lc_sheet_take_text (r, M_MINUTES, &m->minutes);
  lc_sheet_take_text (r, M_DECISIONS, &m->decisions);
  take_count (r, M_ABSTENTIONS, _("abstentions"), -1, &m->abstentions);
  lc_sheet_take_text (r, M_FEEDBACK, &m->feedback);
  for (guint i = 0; i < 5; i++)
    {
      /* Translators: %u is a satisfaction level, 1 to 5 */
      g_autofree char *what = g_strdup_printf (_("count of rating %u"), i + 1);

      take_count (r, M_RATING_1 + i, what, 0, &mi->counts[i]);
    }
  if (votes != NULL)
    {
      g_ptr_array_unref (mi->options);
      mi->options = parse_vote_options (r, votes);
    }
  if (projects != NULL)
    {
      g_autofree char *full = full_width_separators (projects);

      g_strfreev (row->links);
      row->links = split_trimmed (full, MEETING_SEPARATOR);
      for (guint i = 0; row->links[i] != NULL; i++)
        if (lc_plan_find_project (r->plan, row->links[i], lc_sheet_failed (r)) == 0)
          lc_sheet_row_error (r, _("No project in the plan is called “%s”."), row->links[i]);
    }
  if (row->links == NULL)
    row->links = g_new0 (char *, 1);

  if (r->errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_meeting_check (m);

      lc_sheet_row_problems (r, problems);
    }
}

gboolean
lc_sheet_apply_meeting (LcPlan       *plan,
                        LcImportRow  *row,
                        GError      **error)
{
  MeetingItem *mi = row->item;
  gboolean rated = mi->had_ratings;
  gint64 id;

  mi->meeting->id = row->replaces;
  g_array_set_size (mi->meeting->project_ids, 0);
  for (guint i = 0; row->links[i] != NULL; i++)
    {
      GError *local = NULL;
      gint64 project = lc_plan_find_project (plan, row->links[i], &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_array_append_val (mi->meeting->project_ids, project);
    }
  id = lc_meeting_write (plan, mi->meeting, error);
  if (id <= 0 || !lc_meeting_votes_write (plan, id, mi->options, error))
    return FALSE;
  for (guint i = 0; i < 5; i++)
    rated |= mi->counts[i] > 0;
  return !rated || lc_meeting_ratings_write (plan, id, mi->counts, error);
}
