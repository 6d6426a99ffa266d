/* lc-exchange-cells.c: one cell of a sheet, written from the plan or read into it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-cells"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * What every sheet does with a cell: numbers written without trailing
 * zeros, a row's cell read by its column's key (a column the sheet lacks
 * leaves the field as it was), Chinese words, numbers, ranges and services
 * checked with a message per bad cell, and the statements that write a
 * row.
 */

/* ---- writing ---- */

char *
lc_sheet_format_number (double value,
                        int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s, *end;

  if (!isfinite (value))
    return g_strdup ("");
  g_ascii_formatd (buf, sizeof buf, decimals == 0 ? "%.0f" : decimals <= 2 ? "%.2f" : decimals <= 4 ? "%.4f" : "%.7f",
                   value);
  s = g_strdup (buf);
  if (strchr (s, '.') != NULL)
    {
      end = s + strlen (s) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (s, "-0"))
    s[0] = '0', s[1] = '\0';
  return s;
}

char *
lc_sheet_dup_or_empty (const char *s)
{
  return g_strdup (s != NULL ? s : "");
}

GPtrArray *
lc_sheet_new_rows (LcSheetKind kind)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((GStrv) lc_sheet_headers (kind)));
  return rows;
}

/**
 * lc_sheet_failed:
 *
 * Where a reader of the plan called while reading a row puts its error:
 * the first one ends the preview (lc_exchange_preview() returns it), the
 * others are dropped.
 *
 * Returns: (nullable): the error to pass to a reader
 */
GError **
lc_sheet_failed (SheetReader *r)
{
  return r->failed == NULL ? &r->failed : NULL;
}

char *
lc_sheet_project_name (LcPlan *plan,
                       gint64  id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (lc_plan_get_database (plan), "SELECT name FROM projects WHERE id = ?", -1, &stmt, NULL) !=
      SQLITE_OK)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    return g_strdup ("");
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* ---- reading ---- */

/* The trimmed cell of key @k; NULL when the sheet lacks the column */
char *
lc_sheet_cell (SheetReader *r,
               int          k)
{
  int c = r->column[k];

  if (c < 0)
    return NULL;
  if ((guint) c >= g_strv_length (r->cells))
    return g_strdup ("");
  return g_strstrip (g_strdup (r->cells[c]));
}

/* Adds an error to the current row */
void
lc_sheet_row_error (SheetReader *r,
                    const char  *format,
                    ...)
{
  va_list ap;

  va_start (ap, format);
  g_ptr_array_add (r->errors, g_strdup_vprintf (format, ap));
  va_end (ap);
}

/* Adds the errors a check (lc_project_check(), …) found in the row's
 * record, when the cells themselves were fine */
void
lc_sheet_row_problems (SheetReader *r,
                       GPtrArray   *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const LcProblem *p = problems->pdata[i];

      if (p->severity == LC_PROBLEM_ERROR)
        lc_sheet_row_error (r, "%s", p->message);
    }
}

/* Replaces *@target by the cell of @k, as it is, when the sheet has the
 * column; a blank cell clears it */
void
lc_sheet_take_text (SheetReader  *r,
                    int           k,
                    char        **target)
{
  g_autofree char *text = lc_sheet_cell (r, k);
  int c = r->column[k];

  if (text == NULL)
    return;
  g_free (*target);
  *target = text[0] != '\0' ? g_strdup (r->cells[c]) : NULL;
}

/* Replaces *@target, a value of @field's enum, by the value the cell of @k
 * names, when the sheet has the column */
void
lc_sheet_take_word (SheetReader  *r,
                    int           k,
                    LcField       field,
                    const char   *what,
                    int          *target)
{
  g_autofree char *text = lc_sheet_cell (r, k);
  int value = 0;   /* a blank cell: the field's _NONE */

  if (text == NULL)
    return;
  if (text[0] != '\0' && !lc_field_from_sheet_word (field, text, &value))
    {
      g_autofree char *words = lc_field_list_sheet_words (field);
      /* Translators: the first %s is a field such as "status", the second a value, the third the allowed words */
      lc_sheet_row_error (r, _("The %s “%s” is none of %s."), what, text, words);
      return;
    }
  *target = value;
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;
  double v;

  if (text[0] == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* A number cell; NAN when empty. @percent accepts and drops a final "%". */
void
lc_sheet_take_number (SheetReader *r,
                      int          k,
                      const char  *what,
                      gboolean     percent,
                      double       scale,
                      double      *target)
{
  g_autofree char *text = lc_sheet_cell (r, k);
  gsize n;
  double v;

  if (text == NULL)
    return;
  n = strlen (text);
  if (percent && n > 0 && (text[n - 1] == '%'))
    text[--n] = '\0';
  g_strstrip (text);
  if (text[0] == '\0')
    *target = NAN;
  else if (parse_double (text, &v))
    *target = v * scale;
  else
    /* Translators: %s is a field such as "budget", then its value */
    lc_sheet_row_error (r, _("The %s “%s” is not a number."), what, text);
}

void
lc_sheet_take_int (SheetReader *r,
                   int          k,
                   const char  *what,
                   int          min,
                   int          max,
                   int          empty,
                   int         *target)
{
  g_autofree char *text = lc_sheet_cell (r, k);
  gint64 v;

  if (text == NULL)
    return;
  if (text[0] == '\0')
    *target = empty;
  else if (g_ascii_string_to_signed (text, 10, min, max, &v, NULL))
    *target = (int) v;
  else
    /* Translators: a field such as "year", its value, and the allowed range */
    lc_sheet_row_error (r, _("The %s “%s” is not a whole number from %d to %d."), what, text, min, max);
}

const LcService *
lc_sheet_service_by_name (const char *name)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].name_zh, name) || g_str_equal (all[i].key, name) ||
        g_ascii_strcasecmp (all[i].name_en, name) == 0)
      return &all[i];
  return NULL;
}

void
lc_sheet_take_location (SheetReader *r,
                        int          lat_k,
                        int          lon_k,
                        double      *latitude,
                        double      *longitude)
{
  double lat = *latitude, lon = *longitude;

  lc_sheet_take_number (r, lat_k, _("latitude"), FALSE, 1, &lat);
  lc_sheet_take_number (r, lon_k, _("longitude"), FALSE, 1, &lon);
  *latitude = lat;
  *longitude = lon;
}

/* ---- applying ---- */

gboolean
lc_sheet_exec (LcPlan        *plan,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not change the plan: %s"),
               sqlite3_errmsg (lc_plan_get_database (plan)));
  return FALSE;
}

sqlite3_stmt *
lc_sheet_prepare (LcPlan     *plan,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_clear_pointer (&stmt, sqlite3_finalize);
  return stmt;
}
