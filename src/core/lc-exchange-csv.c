/* lc-exchange-csv.c: sheets as CSV (RFC 4180, UTF-8 with a BOM), read and written
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * The codec only: rows of cells (GStrv) to text and back. What the cells
 * mean is the sheets' business (lc-exchange.c and the lc-exchange-*.c
 * files of each sheet). The size and UTF-8 checks and the row and column
 * limits are shared with the XML codec (lc-exchange-xml.c).
 */

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

gboolean
lc_sheet_check_text (const char  *data,
                     gsize        len,
                     GError     **error)
{
  const char *end;

  if (len > LC_EXCHANGE_MAX_FILE_SIZE)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_TOO_LARGE,
                   _("The sheet is larger than %d MB; split it into smaller sheets."),
                   LC_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &end) || memchr (data, '\0', len) != NULL)
    {
      if (end == NULL || memchr (data, '\0', len) != NULL)
        end = data;
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_NOT_UTF8,
                   _("The sheet is not UTF-8 text (line %u). Save it as “CSV UTF-8” and try again."),
                   line_of (data, end));
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_sheet_add_row (GPtrArray  *rows,
                  GPtrArray  *cells,
                  GError    **error)
{
  if (rows->len >= LC_EXCHANGE_MAX_ROWS)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_TOO_MANY_ROWS,
                   _("The sheet has more than %d rows; split it into smaller sheets."), LC_EXCHANGE_MAX_ROWS);
      return FALSE;
    }
  if (cells->len > LC_EXCHANGE_MAX_COLUMNS)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_TOO_LARGE,
                   _("Row %u has more than %d columns."), rows->len + 1, LC_EXCHANGE_MAX_COLUMNS);
      return FALSE;
    }
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (rows, g_ptr_array_steal (cells, NULL));
  return TRUE;
}

/*
 * Formula injection: a spreadsheet opening a CSV may take a cell that starts
 * with = + - @ for a formula, which can run commands or leak data
 * (CWE-1236). Such a text cell is written with an apostrophe before it,
 * which spreadsheets show as plain text; reading takes the apostrophe off
 * again, so a sheet round-trips. Plain numbers such as -3.5 are left alone.
 */
static gboolean
looks_like_formula (const char *cell)
{
  char *end;

  if (cell[0] != '=' && cell[0] != '+' && cell[0] != '-' && cell[0] != '@')
    return FALSE;
  g_ascii_strtod (cell, &end);
  return end == cell || *end != '\0';
}

static void
unguard_cell (char *cell)
{
  if (cell[0] == '\'' && looks_like_formula (cell + 1))
    memmove (cell, cell + 1, strlen (cell));
}

/**
 * lc_csv_parse:
 *
 * Reads RFC 4180 CSV: cells in double quotes may hold commas, doubled
 * quotes and line breaks; a UTF-8 BOM and CRLF, LF or CR line ends are
 * accepted. Text that is not UTF-8, an unclosed quote and sheets over the
 * size and row limits are refused.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL
 */
GPtrArray *
lc_csv_parse (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  const char *p, *end, *quote_start = NULL;
  gboolean quoted = FALSE, row_open = FALSE;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!lc_sheet_check_text (data, len, error))
    return NULL;

  end = data + len;
  for (p = data; p < end; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, c);
          continue;
        }
      row_open = TRUE;
      if (c == '"' && cell->len == 0)
        {
          quoted = TRUE;
          quote_start = p;
        }
      else if (c == ',')
        {
          g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
          unguard_cell (g_ptr_array_index (cells, cells->len - 1));
          g_string_truncate (cell, 0);
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
          unguard_cell (g_ptr_array_index (cells, cells->len - 1));
          g_string_truncate (cell, 0);
          if (!lc_sheet_add_row (rows, cells, error))
            return NULL;
          row_open = FALSE;
        }
      else
        g_string_append_c (cell, c);
    }
  if (quoted)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_MALFORMED,
                   _("A quoted cell that starts on line %u is never closed."), line_of (data, quote_start));
      return NULL;
    }
  if (row_open)
    {
      g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
      unguard_cell (g_ptr_array_index (cells, cells->len - 1));
      if (!lc_sheet_add_row (rows, cells, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * lc_csv_append_row:
 *
 * Appends one CSV record, CRLF-terminated, quoting cells that need it and
 * guarding those a spreadsheet would take for a formula.
 */
void
lc_csv_append_row (GString            *out,
                   const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *guarded = looks_like_formula (cells[i]) ? g_strconcat ("'", cells[i], NULL) : NULL;
      const char *c = guarded != NULL ? guarded : cells[i];
      gsize n = strlen (c);

      if (i > 0)
        g_string_append_c (out, ',');
      if (strpbrk (c, ",\"\r\n") != NULL || (n > 0 && (c[0] == ' ' || c[n - 1] == ' ')))
        {
          g_string_append_c (out, '"');
          for (; *c != '\0'; c++)
            {
              if (*c == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *c);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, c);
    }
  g_string_append (out, "\r\n");
}

/**
 * lc_csv_write:
 * @rows: (element-type GStrv)
 *
 * Returns: (transfer full): @rows as CSV with a UTF-8 BOM
 */
GBytes *
lc_csv_write (GPtrArray *rows)
{
  GString *out = g_string_new ("\xef\xbb\xbf");

  for (guint i = 0; i < rows->len; i++)
    lc_csv_append_row (out, g_ptr_array_index (rows, i));
  return g_string_free_to_bytes (out);
}
