/* lc-exchange.c: projects, needs, the blueprint and meetings as spreadsheets (CSV, SpreadsheetML)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "lc-exchange.h"
#include "lc-meeting.h"
#include "lc-plan-private.h"
#include "lc-services.h"

/*
 * The sheets the district collects, as docs/exchange-sheets.md defines
 * them: Chinese headers, enumerations in Chinese words. They are written
 * as CSV (UTF-8 with a BOM, so that Excel and WPS see Chinese, CRLF line
 * ends, RFC 4180 quoting) or as an Excel 2003 XML Spreadsheet, which
 * LibreOffice, Excel and WPS open without a zip library. Both are read
 * back. Importing is two steps: a preview says per row what it will write
 * or what is wrong with it, and applying writes the good rows as one undo
 * step. Rows naming an existing project (by exact name), need (same date
 * and description), blueprint section (same section and title) or target
 * (same service and year) or meeting (same type, date and time, and place)
 * replace it; the others are added. A column the
 * sheet lacks leaves that field of a replaced row as it was.
 */

G_DEFINE_QUARK (lc-exchange-error-quark, lc_exchange_error)

#define SS_NS "urn:schemas-microsoft-com:office:spreadsheet"
#define LIST_SEPARATOR "、"

/* ---- the sheets ---- */

static const char * const project_headers[] = {
  "项目名称", "项目类型", "1+N 角色", "服务功能", "实施年度", "状态", "进度", "投资估算（万元）", "资金来源",
  "实施主体", "建设内容", "实施路径", "开始日期", "完成日期", "设计团队", "纬度", "经度", "备注", NULL
};
static const char * const project_keys[] = {
  "name", "kind", "role", "services", "year", "status", "progress", "budget_wan", "funding_source",
  "implementing_body", "content", "path", "start_date", "end_date", "design_team", "latitude", "longitude", "notes",
  NULL
};
enum {
  P_NAME, P_KIND, P_ROLE, P_SERVICES, P_YEAR, P_STATUS, P_PROGRESS, P_BUDGET, P_FUNDING, P_BODY, P_CONTENT,
  P_PATH, P_START, P_END, P_DESIGN, P_LAT, P_LON, P_NOTES, P_N
};

static const char * const need_headers[] = {
  "日期", "来源", "服务功能", "需求描述", "紧迫程度", "提出人数", "状态", "纬度", "经度", "对应项目", "备注", NULL
};
static const char * const need_keys[] = {
  "date", "source", "service", "description", "urgency", "residents", "status", "latitude", "longitude",
  "projects", "notes", NULL
};
enum { N_DATE, N_SOURCE, N_SERVICE, N_DESCRIPTION, N_URGENCY, N_RESIDENTS, N_STATUS, N_LAT, N_LON, N_PROJECTS,
       N_NOTES, N_N };

static const char * const meeting_headers[] = {
  "会议类型", "日期时间", "地点", "纬度", "经度", "组织方", "组织方说明", "主持人", "出席人数", "议程", "会议纪要",
  "决议事项", "关联项目", "表决选项", "弃权票", "非常不满意", "不满意", "一般", "满意", "非常满意", "意见反馈", NULL
};
static const char * const meeting_keys[] = {
  "type", "date_time", "place", "latitude", "longitude", "organiser", "organiser_note", "chair", "attendance",
  "agenda", "minutes", "decisions", "projects", "vote_options", "abstentions", "rating_1", "rating_2", "rating_3",
  "rating_4", "rating_5", "feedback", NULL
};
enum {
  M_TYPE, M_DATE, M_PLACE, M_LAT, M_LON, M_ORGANISER, M_ORGANISER_NOTE, M_CHAIR, M_ATTENDANCE, M_AGENDA,
  M_MINUTES, M_DECISIONS, M_PROJECTS, M_VOTES, M_ABSTENTIONS, M_RATING_1, M_RATING_5 = M_RATING_1 + 4,
  M_FEEDBACK, M_N
};

/* The most columns a sheet has */
#define MAX_KEYS MAX ((int) P_N, (int) M_N)

/* Between the linked projects and between the vote options of a meeting */
#define MEETING_SEPARATOR "；"

static const char * const blueprint_headers[] = { "章节", "标题", "内容", NULL };
static const char * const blueprint_keys[] = { "section", "title", "body", NULL };
enum { B_SECTION, B_TITLE, B_BODY, B_N };

static const char * const target_headers[] = { "服务功能", "年度", "新增设施", "覆盖目标", "备注", NULL };
static const char * const target_keys[] = { "service", "year", "facilities_to_add", "coverage_target", "notes", NULL };
enum { T_SERVICE, T_YEAR, T_FACILITIES, T_COVERAGE, T_NOTES, T_N };

const char * const *
lc_sheet_headers (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return project_headers;
    case LC_SHEET_NEEDS: return need_headers;
    case LC_SHEET_BLUEPRINT: return blueprint_headers;
    case LC_SHEET_BLUEPRINT_TARGETS: return target_headers;
    case LC_SHEET_MEETINGS: return meeting_headers;
    default: g_return_val_if_reached (project_headers);
    }
}

const char * const *
lc_sheet_keys (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return project_keys;
    case LC_SHEET_NEEDS: return need_keys;
    case LC_SHEET_BLUEPRINT: return blueprint_keys;
    case LC_SHEET_BLUEPRINT_TARGETS: return target_keys;
    case LC_SHEET_MEETINGS: return meeting_keys;
    default: g_return_val_if_reached (project_keys);
    }
}

/**
 * lc_sheet_kind_name:
 *
 * Returns: the translated name of a sheet kind
 */
const char *
lc_sheet_kind_name (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return _("Projects");
    case LC_SHEET_NEEDS: return _("Needs list");
    case LC_SHEET_BLUEPRINT: return _("Blueprint");
    case LC_SHEET_BLUEPRINT_TARGETS: return _("Blueprint targets");
    /* Translators: the 一图三会 meeting log, as a kind of sheet */
    case LC_SHEET_MEETINGS: return _("Meeting log");
    default: g_return_val_if_reached ("");
    }
}

/**
 * lc_sheet_kind_title:
 *
 * Returns: the Chinese title of a sheet (the worksheet's name), fixed
 */
const char *
lc_sheet_kind_title (LcSheetKind kind)
{
  static const char * const titles[] = { "项目清单", "需求清单", "社区蓝图", "蓝图目标", "会议记录" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (titles), "");
  return titles[kind];
}

/**
 * lc_exchange_format_for_path:
 *
 * Returns: whether @path ends in .csv or .xml, and which format that is
 */
gboolean
lc_exchange_format_for_path (const char       *path,
                             LcExchangeFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *format = LC_EXCHANGE_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xml"))
    *format = LC_EXCHANGE_FORMAT_XML;
  else
    return FALSE;
  return TRUE;
}

/* ---- CSV ---- */

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

static gboolean
check_text (const char  *data,
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

static gboolean
add_row (GPtrArray   *rows,
         GPtrArray   *cells,
         GError     **error)
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
  if (!check_text (data, len, error))
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
          if (!add_row (rows, cells, error))
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
      if (!add_row (rows, cells, error))
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

/* ---- SpreadsheetML ---- */

/* A plain decimal number without leading zeros, which a spreadsheet would
 * show exactly as written */
static gboolean
looks_numeric (const char *s)
{
  const char *p = s;
  gsize digits = 0;

  if (*p == '-')
    p++;
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  if (digits == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        digits++;
    }
  return *p == '\0' && digits <= 15;
}

static void
append_xml_text (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        default:
          /* Other control characters cannot be in XML 1.0 at all */
          if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
        }
    }
}

/**
 * lc_spreadsheet_xml_write:
 * @rows: (element-type GStrv): the first is the headers, set in bold
 *
 * Returns: (transfer full): an Excel 2003 XML Spreadsheet of one worksheet
 */
GBytes *
lc_spreadsheet_xml_write (const char *sheet_name,
                          GPtrArray  *rows)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<?mso-application progid=\"Excel.Sheet\"?>\n"
                               "<Workbook xmlns=\"" SS_NS "\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
                               " xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns:ss=\"" SS_NS "\">\n"
                               " <Styles>\n"
                               "  <Style ss:ID=\"Default\" ss:Name=\"Normal\"><Alignment ss:Vertical=\"Top\" ss:WrapText=\"1\"/></Style>\n"
                               "  <Style ss:ID=\"header\"><Font ss:Bold=\"1\"/></Style>\n"
                               " </Styles>\n");

  g_string_append (out, " <Worksheet ss:Name=\"");
  append_xml_text (out, sheet_name);
  g_string_append (out, "\">\n  <Table>\n");
  for (guint r = 0; r < rows->len; r++)
    {
      const char * const *cells = g_ptr_array_index (rows, r);

      g_string_append (out, "   <Row>");
      for (guint c = 0; cells[c] != NULL; c++)
        {
          gboolean number = r > 0 && looks_numeric (cells[c]);

          g_string_append_printf (out, "<Cell%s><Data ss:Type=\"%s\">", r == 0 ? " ss:StyleID=\"header\"" : "",
                                  number ? "Number" : "String");
          append_xml_text (out, cells[c]);
          g_string_append (out, "</Data></Cell>");
        }
      g_string_append (out, "</Row>\n");
    }
  g_string_append (out, "  </Table>\n"
                        "  <WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">"
                        "<FreezePanes/><FrozenNoSplit/><SplitHorizontal>1</SplitHorizontal>"
                        "<TopRowBottomPane>1</TopRowBottomPane></WorksheetOptions>\n"
                        " </Worksheet>\n</Workbook>\n");
  return g_string_free_to_bytes (out);
}

static gboolean
is_ss (xmlNode    *node,
       const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, (const xmlChar *) name) == 0;
}

static xmlNode *
first_ss_child (xmlNode    *node,
                const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is_ss (c, name))
      return c;
  return NULL;
}

static int
ss_index (xmlNode *node)
{
  g_autofree xmlChar *index = xmlGetNsProp (node, (const xmlChar *) "Index", (const xmlChar *) SS_NS);

  return index != NULL ? atoi ((const char *) index) : 0;
}

/**
 * lc_spreadsheet_xml_parse:
 *
 * Reads the first worksheet of an Excel 2003 XML Spreadsheet.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL
 */
GPtrArray *
lc_spreadsheet_xml_parse (const char  *data,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  xmlDoc *doc;
  xmlNode *root, *table;

  if (!check_text (data, len, error))
    return NULL;
  /* Spreadsheets never declare a document type; a DTD could define
   * entities that expand without end or read other files */
  if (g_strstr_len (data, len, "<!DOCTYPE") != NULL)
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_MALFORMED,
                           _("The file declares a document type (DTD). Spreadsheets never do, and a DTD can make "
                             "a file expand without end, so it is not read."));
      return NULL;
    }
  /* No network, no entities expanded, no DTD loaded */
  doc = xmlReadMemory (data, (int) len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc != NULL && doc->intSubset == NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is_ss (root, "Workbook"))
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_MALFORMED,
                           _("The file is not an XML spreadsheet (Excel 2003 XML) that can be read."));
      xmlFreeDoc (doc);
      return NULL;
    }
  table = first_ss_child (first_ss_child (root, "Worksheet"), "Table");
  for (xmlNode *row = table != NULL ? table->children : NULL; row != NULL; row = row->next)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      int index = ss_index (row);

      if (!is_ss (row, "Row"))
        continue;
      /* Rows left out are empty */
      while (index > 0 && rows->len + 1 < (guint) index && rows->len < LC_EXCHANGE_MAX_ROWS)
        {
          g_autoptr(GPtrArray) empty = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (empty, g_strdup (""));
          add_row (rows, empty, NULL);
        }
      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        {
          xmlNode *value;
          int column = ss_index (cell);

          if (!is_ss (cell, "Cell"))
            continue;
          while (column > 0 && cells->len + 1 < (guint) column && cells->len <= LC_EXCHANGE_MAX_COLUMNS)
            g_ptr_array_add (cells, g_strdup (""));
          value = first_ss_child (cell, "Data");
          if (value != NULL)
            {
              xmlChar *text = xmlNodeGetContent (value);
              g_ptr_array_add (cells, g_strdup (text != NULL ? (const char *) text : ""));
              xmlFree (text);
            }
          else
            g_ptr_array_add (cells, g_strdup (""));
        }
      if (!add_row (rows, cells, error))
        {
          xmlFreeDoc (doc);
          return NULL;
        }
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&rows);
}

/**
 * lc_sheet_parse:
 *
 * Reads a CSV sheet or an XML spreadsheet, told apart by their content.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL
 */
GPtrArray *
lc_sheet_parse (GBytes  *data,
                GError **error)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  gsize i = len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  if (len > LC_EXCHANGE_MAX_FILE_SIZE)
    {
      check_text (text, len, error);
      return NULL;
    }
  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i < len && text[i] == '<')
    return lc_spreadsheet_xml_parse (text, len, error);
  return lc_csv_parse (text, len, error);
}

/* ---- export ---- */

static char *
format_number (double value,
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

static char *
dup_or_empty (const char *s)
{
  return g_strdup (s != NULL ? s : "");
}

static char *
join_services (const char * const *keys)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const LcService *service = lc_service_lookup (keys[i]);

      if (s->len > 0)
        g_string_append (s, LIST_SEPARATOR);
      g_string_append (s, service != NULL ? service->name_zh : keys[i]);
    }
  return g_string_free (s, FALSE);
}

static GStrv
project_cells (const LcProject *p)
{
  GStrv cells = g_new0 (char *, P_N + 1);

  cells[P_NAME] = dup_or_empty (p->name);
  cells[P_KIND] = g_strdup (lc_field_sheet_word (LC_FIELD_PROJECT_KIND, p->kind));
  cells[P_ROLE] = g_strdup (lc_field_sheet_word (LC_FIELD_PROJECT_ROLE, p->role));
  cells[P_SERVICES] = join_services ((const char * const *) p->services);
  cells[P_YEAR] = p->year != 0 ? g_strdup_printf ("%d", p->year) : g_strdup ("");
  cells[P_STATUS] = g_strdup (lc_field_sheet_word (LC_FIELD_PROJECT_STATUS, p->status));
  cells[P_PROGRESS] = format_number (p->progress * 100, 2);
  cells[P_BUDGET] = format_number (p->budget_wan, 4);
  cells[P_FUNDING] = dup_or_empty (p->funding_source);
  cells[P_BODY] = dup_or_empty (p->implementing_body);
  cells[P_CONTENT] = dup_or_empty (p->content);
  cells[P_PATH] = g_strdup (lc_field_sheet_word (LC_FIELD_PROJECT_PATH, p->path));
  cells[P_START] = dup_or_empty (p->start_date);
  cells[P_END] = dup_or_empty (p->end_date);
  cells[P_DESIGN] = dup_or_empty (p->design_team);
  cells[P_LAT] = format_number (p->latitude, 7);
  cells[P_LON] = format_number (p->longitude, 7);
  cells[P_NOTES] = dup_or_empty (p->notes);
  return cells;
}

static GPtrArray *
new_rows (LcSheetKind kind)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((GStrv) lc_sheet_headers (kind)));
  return rows;
}

/**
 * lc_exchange_project_rows:
 * @filter: (nullable): which projects: all, the reserve, one year's list
 *
 * Returns: (transfer full) (element-type GStrv): the projects sheet, its
 *   headers first
 */
GPtrArray *
lc_exchange_project_rows (LcPlan                *plan,
                          const LcProjectFilter *filter)
{
  g_autoptr(GPtrArray) projects = lc_plan_list_projects (plan, filter);
  GPtrArray *rows = new_rows (LC_SHEET_PROJECTS);

  for (guint i = 0; i < projects->len; i++)
    g_ptr_array_add (rows, project_cells (g_ptr_array_index (projects, i)));
  return rows;
}

static char *
project_name (LcPlan *plan,
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

static GStrv
need_cells (const LcNeed       *n,
            const char * const *project_names)
{
  GStrv cells = g_new0 (char *, N_N + 1);
  const LcService *service = lc_service_lookup (n->service);

  cells[N_DATE] = dup_or_empty (n->date);
  cells[N_SOURCE] = g_strdup (lc_field_sheet_word (LC_FIELD_NEED_SOURCE, n->source));
  cells[N_SERVICE] = g_strdup (service != NULL ? service->name_zh : n->service != NULL ? n->service : "");
  cells[N_DESCRIPTION] = dup_or_empty (n->description);
  cells[N_URGENCY] = n->urgency != 0 ? g_strdup_printf ("%d", n->urgency) : g_strdup ("");
  cells[N_RESIDENTS] = n->residents >= 0 ? g_strdup_printf ("%d", n->residents) : g_strdup ("");
  cells[N_STATUS] = g_strdup (lc_field_sheet_word (LC_FIELD_NEED_STATUS, n->status));
  cells[N_LAT] = format_number (n->latitude, 7);
  cells[N_LON] = format_number (n->longitude, 7);
  cells[N_PROJECTS] = project_names != NULL ? g_strjoinv (LIST_SEPARATOR, (GStrv) project_names) : g_strdup ("");
  cells[N_NOTES] = dup_or_empty (n->notes);
  return cells;
}

/**
 * lc_exchange_need_rows:
 *
 * Returns: (transfer full) (element-type GStrv): the needs sheet, its
 *   headers first
 */
GPtrArray *
lc_exchange_need_rows (LcPlan *plan)
{
  g_autoptr(GPtrArray) needs = lc_plan_list_needs (plan);
  GPtrArray *rows = new_rows (LC_SHEET_NEEDS);

  for (guint i = 0; i < needs->len; i++)
    {
      LcNeed *n = g_ptr_array_index (needs, i);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint j = 0; j < n->project_ids->len; j++)
        {
          g_autofree char *name = project_name (plan, g_array_index (n->project_ids, gint64, j));
          g_strv_builder_add (names, name);
        }
      list = g_strv_builder_end (names);
      g_ptr_array_add (rows, need_cells (n, (const char * const *) list));
    }
  return rows;
}

static char *
stmt_text (sqlite3_stmt *stmt,
           int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/**
 * lc_exchange_blueprint_rows:
 * @kind: %LC_SHEET_BLUEPRINT or %LC_SHEET_BLUEPRINT_TARGETS
 *
 * Returns: (transfer full) (element-type GStrv): the sheet, headers first
 */
GPtrArray *
lc_exchange_blueprint_rows (LcPlan      *plan,
                            LcSheetKind  kind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *rows = new_rows (kind);
  gboolean targets = kind == LC_SHEET_BLUEPRINT_TARGETS;

  if (sqlite3_prepare_v2 (lc_plan_get_database (plan),
                          targets ? "SELECT service, year, facilities_to_add, coverage_target, notes"
                                    " FROM blueprint_targets ORDER BY year, service"
                                  : "SELECT section, title, body FROM blueprint ORDER BY sort, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return rows;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GStrv cells;

      if (targets)
        {
          const LcService *service = lc_service_lookup ((const char *) sqlite3_column_text (stmt, 0));

          cells = g_new0 (char *, T_N + 1);
          cells[T_SERVICE] = service != NULL ? g_strdup (service->name_zh) : stmt_text (stmt, 0);
          cells[T_YEAR] = stmt_text (stmt, 1);
          cells[T_FACILITIES] = stmt_text (stmt, 2);
          cells[T_COVERAGE] = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                ? g_strdup ("") : format_number (sqlite3_column_double (stmt, 3) * 100, 2);
          cells[T_NOTES] = stmt_text (stmt, 4);
        }
      else
        {
          cells = g_new0 (char *, B_N + 1);
          for (int c = 0; c < B_N; c++)
            cells[c] = stmt_text (stmt, c);
        }
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

/* ---- meetings: words and cells ---- */

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

static GStrv
meeting_cells (const LcMeeting    *m,
               const char * const *project_names,
               GPtrArray          *options,
               const gint64        counts[5])
{
  GStrv cells = g_new0 (char *, M_N + 1);
  gboolean rated = FALSE;

  cells[M_TYPE] = g_strdup (meeting_type_words[m->type]);
  /* "2025-10-12T14:00" as people type it: "2025-10-12 14:00" */
  cells[M_DATE] = dup_or_empty (m->date_time);
  if (strlen (cells[M_DATE]) > 10 && cells[M_DATE][10] == 'T')
    cells[M_DATE][10] = ' ';
  cells[M_PLACE] = dup_or_empty (m->place);
  cells[M_LAT] = format_number (m->latitude, 7);
  cells[M_LON] = format_number (m->longitude, 7);
  cells[M_ORGANISER] = g_strdup (organiser_words[m->organiser]);
  cells[M_ORGANISER_NOTE] = dup_or_empty (m->organiser_note);
  cells[M_CHAIR] = dup_or_empty (m->chair);
  cells[M_ATTENDANCE] = count_or_empty (m->attendance);
  cells[M_AGENDA] = dup_or_empty (m->agenda);
  cells[M_MINUTES] = dup_or_empty (m->minutes);
  cells[M_DECISIONS] = dup_or_empty (m->decisions);
  cells[M_PROJECTS] = project_names != NULL ? g_strjoinv (MEETING_SEPARATOR, (GStrv) project_names) : g_strdup ("");
  cells[M_VOTES] = vote_options_cell (options);
  cells[M_ABSTENTIONS] = count_or_empty (m->abstentions);
  for (guint i = 0; i < 5; i++)
    rated |= counts[i] > 0;
  /* A meeting nobody rated leaves the five columns blank */
  for (guint i = 0; i < 5; i++)
    cells[M_RATING_1 + i] = count_or_empty (rated ? counts[i] : -1);
  cells[M_FEEDBACK] = dup_or_empty (m->feedback);
  return cells;
}

static GStrv
meeting_project_names (LcPlan          *plan,
                       const LcMeeting *m)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint j = 0; j < m->project_ids->len; j++)
    {
      g_autofree char *name = project_name (plan, g_array_index (m->project_ids, gint64, j));
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/**
 * lc_exchange_meeting_rows:
 *
 * Returns: (transfer full) (element-type GStrv): the meeting log, oldest
 *   first, its headers first
 */
GPtrArray *
lc_exchange_meeting_rows (LcPlan *plan)
{
  g_autoptr(GPtrArray) meetings = lc_meeting_list (plan, LC_MEETING_TYPE_ANY, 0);
  GPtrArray *rows = new_rows (LC_SHEET_MEETINGS);

  /* The log lists the newest first; a sheet reads as a history */
  for (guint i = meetings->len; i-- > 0;)
    {
      LcMeeting *m = g_ptr_array_index (meetings, i);
      g_autoptr(GPtrArray) options = lc_meeting_list_vote_options (plan, m->id);
      g_auto(GStrv) names = meeting_project_names (plan, m);
      gint64 counts[5];

      lc_meeting_load_ratings (plan, m->id, counts);
      g_ptr_array_add (rows, meeting_cells (m, (const char * const *) names, options, counts));
    }
  return rows;
}

/**
 * lc_exchange_export:
 * @filter: (nullable): for projects: which ones
 *
 * Returns: (transfer full): the sheet of @kind in @format
 */
GBytes *
lc_exchange_export (LcPlan                *plan,
                    LcSheetKind            kind,
                    const LcProjectFilter *filter,
                    LcExchangeFormat       format)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  if (kind == LC_SHEET_PROJECTS)
    rows = lc_exchange_project_rows (plan, filter);
  else if (kind == LC_SHEET_NEEDS)
    rows = lc_exchange_need_rows (plan);
  else if (kind == LC_SHEET_MEETINGS)
    rows = lc_exchange_meeting_rows (plan);
  else
    rows = lc_exchange_blueprint_rows (plan, kind);
  if (format == LC_EXCHANGE_FORMAT_XML)
    return lc_spreadsheet_xml_write (lc_sheet_kind_title (kind), rows);
  return lc_csv_write (rows);
}

/* ---- import: reading cells ---- */

typedef struct
{
  LcPlan      *plan;
  LcSheetKind  kind;
  int          column[MAX_KEYS];  /* sheet column of each key, -1 when absent */
  GStrv        cells;          /* the current row */
  GPtrArray   *errors;         /* the current row's, without "Row n: " */
} Reader;

/* The trimmed cell of key @k; NULL when the sheet lacks the column */
static char *
cell (Reader *r,
      int     k)
{
  int c = r->column[k];

  if (c < 0)
    return NULL;
  if ((guint) c >= g_strv_length (r->cells))
    return g_strdup ("");
  return g_strstrip (g_strdup (r->cells[c]));
}

static void
row_error (Reader     *r,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
row_error (Reader     *r,
           const char *format,
           ...)
{
  va_list ap;

  va_start (ap, format);
  g_ptr_array_add (r->errors, g_strdup_vprintf (format, ap));
  va_end (ap);
}

/* Replaces *@target by the cell of @k, as it is, when the sheet has the
 * column; a blank cell clears it */
static void
take_text (Reader  *r,
           int      k,
           char   **target)
{
  g_autofree char *text = cell (r, k);
  int c = r->column[k];

  if (text == NULL)
    return;
  g_free (*target);
  *target = text[0] != '\0' ? g_strdup (r->cells[c]) : NULL;
}

static void
take_word (Reader      *r,
           int          k,
           LcField      field,
           const char  *what,
           char       **target)
{
  g_autofree char *text = cell (r, k);
  const char *key;

  if (text == NULL)
    return;
  key = lc_field_from_sheet_word (field, text);
  if (text[0] != '\0' && key == NULL)
    {
      g_autofree char *words = lc_field_list_sheet_words (field);
      /* Translators: the first %s is a field such as "status", the second a value, the third the allowed words */
      row_error (r, _("The %s “%s” is none of %s."), what, text, words);
      return;
    }
  g_free (*target);
  *target = g_strdup (key);
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
static void
take_number (Reader     *r,
             int         k,
             const char *what,
             gboolean    percent,
             double      scale,
             double     *target)
{
  g_autofree char *text = cell (r, k);
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
    row_error (r, _("The %s “%s” is not a number."), what, text);
}

static void
take_int (Reader     *r,
          int         k,
          const char *what,
          int         min,
          int         max,
          int         empty,
          int        *target)
{
  g_autofree char *text = cell (r, k);
  gint64 v;

  if (text == NULL)
    return;
  if (text[0] == '\0')
    *target = empty;
  else if (g_ascii_string_to_signed (text, 10, min, max, &v, NULL))
    *target = (int) v;
  else
    /* Translators: a field such as "year", its value, and the allowed range */
    row_error (r, _("The %s “%s” is not a whole number from %d to %d."), what, text, min, max);
}

static const LcService *
service_by_name (const char *name)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].name_zh, name) || g_str_equal (all[i].key, name) ||
        g_ascii_strcasecmp (all[i].name_en, name) == 0)
      return &all[i];
  return NULL;
}

/* Splits a list cell at 、 , ， ; ； */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) parts = NULL;

  for (const char *sep = ",，;；"; *sep != '\0'; sep = g_utf8_next_char (sep))
    {
      char buf[8] = { 0 };
      g_auto(GStrv) pieces = NULL;

      g_unichar_to_utf8 (g_utf8_get_char (sep), buf);
      pieces = g_strsplit (copy, buf, -1);
      g_free (copy);
      copy = g_strjoinv (LIST_SEPARATOR, pieces);
    }
  parts = g_strsplit (copy, LIST_SEPARATOR, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
take_location (Reader *r,
               int     lat_k,
               int     lon_k,
               double *latitude,
               double *longitude)
{
  double lat = *latitude, lon = *longitude;

  take_number (r, lat_k, _("latitude"), FALSE, 1, &lat);
  take_number (r, lon_k, _("longitude"), FALSE, 1, &lon);
  *latitude = lat;
  *longitude = lon;
}

/* ---- import: each sheet ---- */

typedef struct
{
  gint64  id;
  char   *section;
  char   *title;
  char   *body;
  int     sort;
} BlueprintItem;

typedef struct
{
  char   *service;
  int     year;
  int     facilities;   /* -1: none */
  double  coverage;     /* 0–1, NAN: none */
  char   *notes;
} TargetItem;

static void
blueprint_item_free (BlueprintItem *b)
{
  g_free (b->section);
  g_free (b->title);
  g_free (b->body);
  g_free (b);
}

static void
target_item_free (TargetItem *t)
{
  g_free (t->service);
  g_free (t->notes);
  g_free (t);
}

typedef struct
{
  LcMeeting *meeting;
  GPtrArray *options;     /* (element-type LcVoteOption) */
  gint64     counts[5];
  gboolean   had_ratings;
} MeetingItem;

static void
meeting_item_free (MeetingItem *mi)
{
  lc_meeting_free (mi->meeting);
  g_clear_pointer (&mi->options, g_ptr_array_unref);
  g_free (mi);
}

static void
import_row_free (LcImportRow *row,
                 LcSheetKind  kind)
{
  g_strfreev (row->values);
  g_ptr_array_unref (row->errors);
  g_strfreev (row->links);
  if (row->item != NULL)
    {
      if (kind == LC_SHEET_PROJECTS)
        lc_project_free (row->item);
      else if (kind == LC_SHEET_NEEDS)
        lc_need_free (row->item);
      else if (kind == LC_SHEET_BLUEPRINT)
        blueprint_item_free (row->item);
      else if (kind == LC_SHEET_MEETINGS)
        meeting_item_free (row->item);
      else
        target_item_free (row->item);
    }
  g_free (row);
}

void
lc_import_preview_free (LcImportPreview *preview)
{
  if (preview == NULL)
    return;
  for (guint i = 0; i < preview->rows->len; i++)
    import_row_free (g_ptr_array_index (preview->rows, i), preview->kind);
  g_ptr_array_unref (preview->rows);
  g_ptr_array_unref (preview->warnings);
  g_free (preview);
}

static void
read_project (Reader      *r,
              LcImportRow *row,
              GHashTable  *seen)
{
  g_autoptr(LcProject) p = NULL;
  g_autofree char *name = cell (r, P_NAME);
  g_autofree char *services = NULL;
  gint64 id = name != NULL && name[0] != '\0' ? lc_plan_find_project (r->plan, name) : 0;
  double lat, lon;

  p = id != 0 ? lc_plan_load_project (r->plan, id) : lc_project_new ();
  row->replaces = id;

  if (name == NULL || name[0] == '\0')
    row_error (r, "%s", _("The project needs a name."));
  else if (g_hash_table_contains (seen, name))
    row_error (r, _("The project “%s” is already in row %u of this sheet."), name,
               GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)));
  else
    g_hash_table_insert (seen, g_strdup (name), GUINT_TO_POINTER (row->row));
  take_text (r, P_NAME, &p->name);
  if (p->name == NULL)
    p->name = g_strdup ("");
  take_word (r, P_KIND, LC_FIELD_PROJECT_KIND, _("kind"), &p->kind);
  take_word (r, P_ROLE, LC_FIELD_PROJECT_ROLE, _("1+N role"), &p->role);
  if ((services = cell (r, P_SERVICES)) != NULL)
    {
      g_auto(GStrv) names = split_list (services);
      g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          const LcService *s = service_by_name (names[i]);

          if (s != NULL)
            g_strv_builder_add (keys, s->key);
          else
            row_error (r, _("The service “%s” is none of the 20."), names[i]);
        }
      g_strfreev (p->services);
      p->services = g_strv_builder_end (keys);
    }
  take_int (r, P_YEAR, _("year"), LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR, 0, &p->year);
  {
    g_autofree char *status = cell (r, P_STATUS);

    if (status == NULL || status[0] == '\0')
      row_error (r, "%s", _("The project needs a status."));
    else
      take_word (r, P_STATUS, LC_FIELD_PROJECT_STATUS, _("status"), &p->status);
  }
  take_number (r, P_PROGRESS, _("progress"), TRUE, 0.01, &p->progress);
  take_number (r, P_BUDGET, _("budget"), FALSE, 1, &p->budget_wan);
  take_text (r, P_FUNDING, &p->funding_source);
  take_text (r, P_BODY, &p->implementing_body);
  take_text (r, P_CONTENT, &p->content);
  take_word (r, P_PATH, LC_FIELD_PROJECT_PATH, _("implementation path"), &p->path);
  take_text (r, P_START, &p->start_date);
  take_text (r, P_END, &p->end_date);
  take_text (r, P_DESIGN, &p->design_team);
  take_text (r, P_NOTES, &p->notes);
  /* An area stays an area: the sheet only shows its centre */
  lat = p->latitude;
  lon = p->longitude;
  take_location (r, P_LAT, P_LON, &lat, &lon);
  if (!p->location_is_area)
    {
      p->latitude = lat;
      p->longitude = lon;
    }

  if (r->errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_project_check (p);

      for (guint i = 0; i < problems->len; i++)
        row_error (r, "%s", (const char *) g_ptr_array_index (problems, i));
    }
  row->item = g_steal_pointer (&p);
}

static gint64
find_need (LcPlan     *plan,
           const char *date,
           const char *description)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (date == NULL || description == NULL ||
      sqlite3_prepare_v2 (lc_plan_get_database (plan),
                          "SELECT fid FROM needs WHERE date = ? AND description = ? ORDER BY fid LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
read_need (Reader      *r,
           LcImportRow *row,
           GHashTable  *seen)
{
  g_autoptr(LcNeed) n = NULL;
  g_autofree char *date = cell (r, N_DATE);
  g_autofree char *description = cell (r, N_DESCRIPTION);
  g_autofree char *service = cell (r, N_SERVICE);
  g_autofree char *projects = cell (r, N_PROJECTS);
  g_autofree char *key = g_strdup_printf ("%s\n%s", date != NULL ? date : "", description != NULL ? description : "");
  gint64 fid = find_need (r->plan, date, description);

  n = fid != 0 ? lc_plan_load_need (r->plan, fid) : lc_need_new ();
  row->replaces = fid;
  if (g_hash_table_contains (seen, key))
    row_error (r, _("The same need (date and description) is already in row %u of this sheet."),
               GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
  else
    g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));

  take_text (r, N_DATE, &n->date);
  take_word (r, N_SOURCE, LC_FIELD_NEED_SOURCE, _("source"), &n->source);
  if (service != NULL)
    {
      const LcService *s = service[0] != '\0' ? service_by_name (service) : NULL;

      if (service[0] != '\0' && s == NULL)
        row_error (r, _("The service “%s” is none of the 20."), service);
      g_free (n->service);
      n->service = s != NULL ? g_strdup (s->key) : NULL;
    }
  take_text (r, N_DESCRIPTION, &n->description);
  if (n->description == NULL)
    n->description = g_strdup ("");
  take_int (r, N_URGENCY, _("urgency"), 1, 4, 0, &n->urgency);
  take_int (r, N_RESIDENTS, _("number of residents"), 0, G_MAXINT, -1, &n->residents);
  {
    g_autofree char *status = cell (r, N_STATUS);

    if (status != NULL && status[0] == '\0')
      {
        g_free (n->status);
        n->status = g_strdup ("open");
      }
    else
      take_word (r, N_STATUS, LC_FIELD_NEED_STATUS, _("status"), &n->status);
  }
  take_location (r, N_LAT, N_LON, &n->latitude, &n->longitude);
  take_text (r, N_NOTES, &n->notes);

  if (projects != NULL)
    {
      g_auto(GStrv) names = split_list (projects);

      for (guint i = 0; names[i] != NULL; i++)
        if (lc_plan_find_project (r->plan, names[i]) == 0)
          row_error (r, _("No project in the plan is called “%s”."), names[i]);
      row->links = g_steal_pointer (&names);
    }

  if (r->errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_need_check (n);

      for (guint i = 0; i < problems->len; i++)
        row_error (r, "%s", (const char *) g_ptr_array_index (problems, i));
    }
  row->item = g_steal_pointer (&n);
}

/* ---- meetings ---- */

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
parse_vote_option (Reader     *r,
                   const char *text)
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
    row_error (r, _("The voting option “%s” has no label; write it as “方案A：纸质票120，其他渠道15”."), text);
  if (counts != NULL)
    {
      g_auto(GStrv) items = split_trimmed (counts, "，");

      for (guint i = 0; items[i] != NULL; i++)
        if (!parse_votes_item (items[i], &o->votes_paper, &o->votes_other))
          /* Translators: the first %s is a vote count as written, the second a voting option's label */
          row_error (r, _("The votes “%s” of option “%s” are not “纸质票N” or “其他渠道N” with N a whole number, "
                          "zero or more."), items[i], o->label);
    }
  return o;
}

static GPtrArray *
parse_vote_options (Reader     *r,
                    const char *text)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
  g_autofree char *full = full_width_separators (text);
  g_auto(GStrv) parts = split_trimmed (full, MEETING_SEPARATOR);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      LcVoteOption *o = parse_vote_option (r, parts[i]);

      if (o->label[0] != '\0' && !g_hash_table_add (labels, o->label))
        row_error (r, _("The voting option “%s” is given twice."), o->label);
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
  sqlite3_bind_text (stmt, 1, lc_meeting_type_key (m->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, m->date_time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, m->place != NULL ? m->place : "", -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static void
take_count (Reader     *r,
            int         k,
            const char *what,
            gint64      empty,
            gint64     *target)
{
  int v = (int) *target;

  take_int (r, k, what, 0, 1000000, (int) empty, &v);
  *target = v;
}

static void
read_meeting (Reader      *r,
              LcImportRow *row,
              GHashTable  *seen)
{
  g_autoptr(LcMeeting) found = NULL;
  MeetingItem *mi = g_new0 (MeetingItem, 1);
  LcMeeting *m = mi->meeting = lc_meeting_new (LC_MEETING_OTHER, NULL);
  g_autofree char *type = cell (r, M_TYPE);
  g_autofree char *date = cell (r, M_DATE);
  g_autofree char *organiser = cell (r, M_ORGANISER);
  g_autofree char *projects = cell (r, M_PROJECTS);
  g_autofree char *votes = cell (r, M_VOTES);
  g_autofree char *place = cell (r, M_PLACE);
  g_autofree char *key = NULL;
  gint64 id;

  row->item = mi;
  if (type[0] == '\0')
    row_error (r, "%s", _("The meeting needs a type: 征询会, 协调会, 评议会 or 其他."));
  else if (!meeting_type_from_word (type, &m->type))
    /* Translators: %s is the meeting type as the sheet gives it */
    row_error (r, _("The meeting type “%s” is none of 征询会, 协调会, 评议会, 其他."), type);
  if (date[0] == '\0')
    row_error (r, "%s", _("The meeting needs a date, as YYYY-MM-DD or YYYY-MM-DD HH:MM."));
  else if ((m->date_time = normalise_date_time (date)) == NULL)
    /* Translators: %s is a date as the sheet gives it */
    row_error (r, _("The date and time “%s” is not a real day as YYYY-MM-DD or YYYY-MM-DD HH:MM."), date);
  if (r->errors->len > 0)
    return;

  /* The same type, date and time, and place: the meeting it replaces */
  m->place = place != NULL && place[0] != '\0' ? g_strdup (place) : NULL;
  id = find_meeting (r->plan, m);
  if (id != 0 && (found = lc_meeting_load (r->plan, id)) != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      lc_meeting_free (m);
      m = mi->meeting = g_steal_pointer (&found);
      row->replaces = id;
      mi->options = lc_meeting_list_vote_options (r->plan, id);
      lc_meeting_load_ratings (r->plan, id, mi->counts);
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
  key = g_strdup_printf ("%s\n%s\n%s", lc_meeting_type_key (m->type), m->date_time, m->place != NULL ? m->place : "");
  if (g_hash_table_contains (seen, key))
    row_error (r, _("The same meeting (type, date and time, and place) is already in row %u of this sheet."),
               GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
  else
    g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));

  take_location (r, M_LAT, M_LON, &m->latitude, &m->longitude);
  if (organiser != NULL && !organiser_from_word (organiser, &m->organiser))
    /* Translators: %s is the organiser as the sheet gives it */
    row_error (r, _("The organiser “%s” is none of 居委会, 业委会, 街道, 其他."), organiser);
  take_text (r, M_ORGANISER_NOTE, &m->organiser_note);
  take_text (r, M_CHAIR, &m->chair);
  take_count (r, M_ATTENDANCE, _("attendance"), -1, &m->attendance);
  take_text (r, M_AGENDA, &m->agenda);
  take_text (r, M_MINUTES, &m->minutes);
  take_text (r, M_DECISIONS, &m->decisions);
  take_count (r, M_ABSTENTIONS, _("abstentions"), -1, &m->abstentions);
  take_text (r, M_FEEDBACK, &m->feedback);
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
        if (lc_plan_find_project (r->plan, row->links[i]) == 0)
          row_error (r, _("No project in the plan is called “%s”."), row->links[i]);
    }
  if (row->links == NULL)
    row->links = g_new0 (char *, 1);

  if (r->errors->len == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!lc_meeting_check (m, &error))
        row_error (r, "%s", error->message);
    }
}

static void
read_blueprint (Reader      *r,
                LcImportRow *row)
{
  BlueprintItem *b = g_new0 (BlueprintItem, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  b->section = cell (r, B_SECTION);
  b->title = cell (r, B_TITLE);
  b->body = NULL;
  take_text (r, B_BODY, &b->body);
  if (b->body == NULL)
    b->body = g_strdup ("");
  b->sort = (int) row->row - 1;
  if (b->section == NULL || b->section[0] == '\0')
    row_error (r, "%s", _("The blueprint row needs a section."));
  if (sqlite3_prepare_v2 (lc_plan_get_database (r->plan),
                          "SELECT id FROM blueprint WHERE section = ? AND coalesce (title, '') = ? ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, b->section != NULL ? b->section : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, b->title != NULL ? b->title : "", -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        row->replaces = b->id = sqlite3_column_int64 (stmt, 0);
    }
  row->item = b;
}

static void
read_target (Reader      *r,
             LcImportRow *row,
             GHashTable  *seen)
{
  TargetItem *t = g_new0 (TargetItem, 1);
  g_autofree char *service = cell (r, T_SERVICE);
  const LcService *s = service != NULL && service[0] != '\0' ? service_by_name (service) : NULL;

  t->facilities = -1;
  t->coverage = NAN;
  if (s == NULL)
    row_error (r, _("The service “%s” is none of the 20."), service != NULL ? service : "");
  else
    t->service = g_strdup (s->key);
  take_int (r, T_YEAR, _("year"), LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR, 0, &t->year);
  if (t->year == 0)
    row_error (r, "%s", _("The target needs a year."));
  take_int (r, T_FACILITIES, _("facilities to add"), 0, 10000, -1, &t->facilities);
  take_number (r, T_COVERAGE, _("coverage target"), TRUE, 0.01, &t->coverage);
  if (isfinite (t->coverage) && (t->coverage < 0 || t->coverage > 1))
    row_error (r, "%s", _("The coverage target must be from 0 to 100 %."));
  take_text (r, T_NOTES, &t->notes);
  if (t->service != NULL && t->year != 0)
    {
      g_autofree char *key = g_strdup_printf ("%s %d", t->service, t->year);

      if (g_hash_table_contains (seen, key))
        row_error (r, _("The same service and year is already in row %u of this sheet."),
                   GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));
    }
  row->item = t;
}

/* The values a good row will write, as the sheet shows them */
static GStrv
row_values (Reader      *r,
            LcImportRow *row)
{
  if (row->item == NULL || row->errors->len > 0)
    {
      /* A bad row: its own cells, column by column */
      guint n = g_strv_length ((GStrv) lc_sheet_keys (r->kind));
      GStrv values = g_new0 (char *, n + 1);

      for (guint k = 0; k < n; k++)
        {
          values[k] = cell (r, k);
          if (values[k] == NULL)
            values[k] = g_strdup ("");
        }
      return values;
    }
  switch (r->kind)
    {
    case LC_SHEET_PROJECTS:
      return project_cells (row->item);
    case LC_SHEET_NEEDS:
      return need_cells (row->item, (const char * const *) row->links);
    case LC_SHEET_BLUEPRINT:
      {
        BlueprintItem *b = row->item;
        return g_strdupv ((GStrv) (const char * const []) { b->section, b->title != NULL ? b->title : "", b->body, NULL });
      }
    case LC_SHEET_BLUEPRINT_TARGETS:
      {
        TargetItem *t = row->item;
        GStrv v = g_new0 (char *, T_N + 1);

        v[T_SERVICE] = g_strdup (lc_service_lookup (t->service)->name_zh);
        v[T_YEAR] = g_strdup_printf ("%d", t->year);
        v[T_FACILITIES] = t->facilities >= 0 ? g_strdup_printf ("%d", t->facilities) : g_strdup ("");
        v[T_COVERAGE] = format_number (t->coverage * 100, 2);
        v[T_NOTES] = dup_or_empty (t->notes);
        return v;
      }
    case LC_SHEET_MEETINGS:
      {
        MeetingItem *mi = row->item;
        return meeting_cells (mi->meeting, (const char * const *) row->links, mi->options, mi->counts);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
header_key (LcSheetKind  kind,
            const char  *header)
{
  g_autofree char *h = g_strstrip (g_strdup (header));
  const char * const *headers = lc_sheet_headers (kind);
  const char * const *keys = lc_sheet_keys (kind);

  /* "key" in brackets is accepted too, as is "中文 (key)" */
  for (int k = 0; headers[k] != NULL; k++)
    {
      g_autofree char *both = g_strdup_printf ("%s (%s)", headers[k], keys[k]);

      if (g_str_equal (h, headers[k]) || g_ascii_strcasecmp (h, keys[k]) == 0 || g_str_equal (h, both))
        return k;
    }
  /* The year column of projects is "实施年度"; "年度" is the targets' */
  return -1;
}

static gboolean
kind_matches (LcSheetKind  kind,
              const int   *column)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return column[P_NAME] >= 0;
    case LC_SHEET_NEEDS: return column[N_DESCRIPTION] >= 0;
    case LC_SHEET_BLUEPRINT: return column[B_SECTION] >= 0 && column[B_BODY] >= 0;
    case LC_SHEET_BLUEPRINT_TARGETS:
      return column[T_SERVICE] >= 0 && column[T_YEAR] >= 0 && (column[T_FACILITIES] >= 0 || column[T_COVERAGE] >= 0);
    case LC_SHEET_MEETINGS: return column[M_TYPE] >= 0 && column[M_DATE] >= 0;
    default: return FALSE;
    }
}

/* Picks the sheet kind whose headers match best; fills r->column */
static gboolean
detect_kind (Reader      *r,
             const char * const *headers,
             GPtrArray   *warnings,
             GError     **error)
{
  int best = -1, best_score = 0;

  for (int kind = LC_SHEET_PROJECTS; kind <= LC_SHEET_MEETINGS; kind++)
    {
      int column[MAX_KEYS], score = 0;

      for (int k = 0; k < MAX_KEYS; k++)
        column[k] = -1;
      for (int c = 0; headers[c] != NULL; c++)
        {
          int k = header_key (kind, headers[c]);

          if (k >= 0 && column[k] < 0)
            {
              column[k] = c;
              score++;
            }
        }
      if (kind_matches (kind, column) && score > best_score)
        {
          best = kind;
          best_score = score;
          memcpy (r->column, column, sizeof column);
        }
    }
  if (best < 0)
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_UNKNOWN_SHEET,
                           _("The first row names the columns of none of the sheets: a projects sheet has "
                             "“项目名称”, a needs sheet “需求描述”, a blueprint sheet “章节” and “内容”, a "
                             "targets sheet “服务功能”, “年度” and “新增设施” or “覆盖目标”, a meetings sheet “会议类型” and “日期时间”."));
      return FALSE;
    }
  r->kind = best;
  for (int c = 0; headers[c] != NULL; c++)
    {
      int k = header_key (r->kind, headers[c]);

      if (headers[c][0] != '\0' && (k < 0 || r->column[k] != c))
        g_ptr_array_add (warnings, g_strdup_printf (_("The column “%s” is not one of this sheet’s and is ignored."),
                                                    headers[c]));
    }
  return TRUE;
}

static gboolean
row_is_blank (const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *c = g_strstrip (g_strdup (cells[i]));

      if (c[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

/**
 * lc_exchange_preview:
 * @data: a CSV sheet or an XML spreadsheet
 *
 * Reads a sheet, tells its kind by its headers and checks every row
 * against the plan, writing nothing.
 *
 * Returns: (transfer full): per row what it would write or what is wrong;
 *   %NULL when the sheet cannot be read at all
 */
LcImportPreview *
lc_exchange_preview (LcPlan   *plan,
                     GBytes   *data,
                     GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Reader r = { .plan = plan };

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  rows = lc_sheet_parse (data, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_UNKNOWN_SHEET, _("The sheet is empty."));
      return NULL;
    }
  preview = g_new0 (LcImportPreview, 1);
  preview->rows = g_ptr_array_new ();
  preview->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!detect_kind (&r, g_ptr_array_index (rows, 0), preview->warnings, error))
    return NULL;
  preview->kind = r.kind;

  for (guint i = 1; i < rows->len; i++)
    {
      LcImportRow *row;

      if (row_is_blank (g_ptr_array_index (rows, i)))
        continue;
      row = g_new0 (LcImportRow, 1);
      row->row = i + 1;
      row->errors = g_ptr_array_new_with_free_func (g_free);
      r.cells = g_ptr_array_index (rows, i);
      r.errors = g_ptr_array_new_with_free_func (g_free);
      switch (r.kind)
        {
        case LC_SHEET_PROJECTS: read_project (&r, row, seen); break;
        case LC_SHEET_NEEDS: read_need (&r, row, seen); break;
        case LC_SHEET_BLUEPRINT: read_blueprint (&r, row); break;
        case LC_SHEET_BLUEPRINT_TARGETS: read_target (&r, row, seen); break;
        case LC_SHEET_MEETINGS: read_meeting (&r, row, seen); break;
        default: g_assert_not_reached ();
        }
      for (guint e = 0; e < r.errors->len; e++)
        /* Translators: %u is a row of a spreadsheet, %s what is wrong with it */
        g_ptr_array_add (row->errors, g_strdup_printf (_("Row %u: %s"), row->row,
                                                       (const char *) g_ptr_array_index (r.errors, e)));
      g_ptr_array_unref (r.errors);
      row->values = row_values (&r, row);
      if (row->errors->len > 0)
        preview->n_bad++;
      g_ptr_array_add (preview->rows, row);
    }
  return g_steal_pointer (&preview);
}

/* ---- import: applying ---- */

static gboolean
exec_stmt (LcPlan        *plan,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not change the plan: %s"),
               sqlite3_errmsg (lc_plan_get_database (plan)));
  return FALSE;
}

static sqlite3_stmt *
prepare (LcPlan     *plan,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_clear_pointer (&stmt, sqlite3_finalize);
  return stmt;
}

static gboolean
apply_need (LcPlan       *plan,
            LcImportRow  *row,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  gint64 fid = lc_need_write (plan, row->item, error);

  if (fid == 0)
    return FALSE;
  if (row->links == NULL)
    return TRUE;
  clear = prepare (plan, "DELETE FROM need_projects WHERE need_fid = ?");
  if (clear != NULL)
    sqlite3_bind_int64 (clear, 1, fid);
  if (!exec_stmt (plan, clear, error))
    return FALSE;
  for (guint i = 0; row->links[i] != NULL; i++)
    if (!lc_need_link_write (plan, fid, lc_plan_find_project (plan, row->links[i]), error))
      return FALSE;
  return TRUE;
}

static gboolean
apply_blueprint (LcPlan       *plan,
                 LcImportRow  *row,
                 GError      **error)
{
  BlueprintItem *b = row->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (plan, b->id != 0
                          ? "UPDATE blueprint SET section = ?1, title = ?2, body = ?3, sort = ?4 WHERE id = ?5"
                          : "INSERT INTO blueprint (section, title, body, sort) VALUES (?1, ?2, ?3, ?4)");
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, b->section, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (stmt, 2, b->title);
      sqlite3_bind_text (stmt, 3, b->body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, b->sort);
      if (b->id != 0)
        sqlite3_bind_int64 (stmt, 5, b->id);
    }
  return exec_stmt (plan, stmt, error);
}

static gboolean
apply_target (LcPlan       *plan,
              LcImportRow  *row,
              GError      **error)
{
  TargetItem *t = row->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (plan, "INSERT INTO blueprint_targets (service, year, facilities_to_add, coverage_target, notes)"
                        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (service, year) DO UPDATE SET"
                        " facilities_to_add = ?3, coverage_target = ?4, notes = ?5");
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, t->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, t->year);
      if (t->facilities >= 0)
        sqlite3_bind_int (stmt, 3, t->facilities);
      if (isfinite (t->coverage))
        sqlite3_bind_double (stmt, 4, t->coverage);
      lc_plan_bind_text (stmt, 5, t->notes);
    }
  return exec_stmt (plan, stmt, error);
}

static gboolean
apply_meeting (LcPlan       *plan,
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
      gint64 project = lc_plan_find_project (plan, row->links[i]);
      g_array_append_val (mi->meeting->project_ids, project);
    }
  id = lc_meeting_write (plan, mi->meeting, error);
  if (id <= 0 || !lc_meeting_votes_write (plan, id, mi->options, error))
    return FALSE;
  for (guint i = 0; i < 5; i++)
    rated |= mi->counts[i] > 0;
  return !rated || lc_meeting_ratings_write (plan, id, mi->counts, error);
}

/**
 * lc_exchange_apply:
 * @skip_bad_rows: write the good rows when some are bad; else write nothing
 * @n_written: (out) (optional): the rows written
 *
 * Writes a preview's good rows as one undo step ("Import Projects", …).
 * Bad rows are never written; when there are some and @skip_bad_rows is
 * %FALSE nothing is, and the error is %LC_EXCHANGE_ERROR_BAD_ROWS.
 */
gboolean
lc_exchange_apply (LcPlan                 *plan,
                   const LcImportPreview  *preview,
                   gboolean                skip_bad_rows,
                   guint                  *n_written,
                   GError                **error)
{
  const char *label;
  gboolean ok = TRUE;
  guint written = 0;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (preview->n_bad > 0 && !skip_bad_rows)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u row has errors; nothing was imported.",
                                "%u rows have errors; nothing was imported.", preview->n_bad),
                   preview->n_bad);
      return FALSE;
    }
  if (preview->rows->len == preview->n_bad)
    return TRUE;

  switch (preview->kind)
    {
    /* Translators: undo labels */
    case LC_SHEET_PROJECTS: label = _("Import Projects"); break;
    case LC_SHEET_NEEDS: label = _("Import Needs"); break;
    case LC_SHEET_MEETINGS: label = _("Import Meetings"); break;
    default: label = _("Import Blueprint"); break;
    }
  if (!lc_plan_begin (plan, label, error))
    return FALSE;
  for (guint i = 0; ok && i < preview->rows->len; i++)
    {
      LcImportRow *row = g_ptr_array_index (preview->rows, i);

      if (row->errors->len > 0)
        continue;
      switch (preview->kind)
        {
        case LC_SHEET_PROJECTS:
          {
            LcProject *p = row->item;
            p->id = row->replaces;
            ok = lc_project_write (plan, p, !p->location_is_area, error) != 0;
            break;
          }
        case LC_SHEET_NEEDS:
          ((LcNeed *) row->item)->fid = row->replaces;
          ok = apply_need (plan, row, error);
          break;
        case LC_SHEET_BLUEPRINT:
          ok = apply_blueprint (plan, row, error);
          break;
        case LC_SHEET_BLUEPRINT_TARGETS:
          ok = apply_target (plan, row, error);
          break;
        case LC_SHEET_MEETINGS:
          ok = apply_meeting (plan, row, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        g_prefix_error (error, _("Row %u: "), row->row);
      written++;
    }
  if (!ok)
    {
      lc_plan_rollback (plan);
      return FALSE;
    }
  if (!lc_plan_commit (plan, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = written;
  return TRUE;
}

/**
 * lc_import_preview_to_text:
 *
 * Returns: (transfer full): a report of the preview for the command line:
 *   ignored columns, each bad row's errors, and the counts
 */
char *
lc_import_preview_to_text (const LcImportPreview *preview)
{
  GString *out = g_string_new (NULL);
  guint n_add = 0, n_replace = 0;

  /* Translators: %s is a kind of sheet such as "Projects" */
  g_string_append_printf (out, _("Sheet: %s (%s)\n"), lc_sheet_kind_name (preview->kind),
                          lc_sheet_kind_title (preview->kind));
  for (guint i = 0; i < preview->warnings->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (preview->warnings, i));
  for (guint i = 0; i < preview->rows->len; i++)
    {
      LcImportRow *row = g_ptr_array_index (preview->rows, i);

      for (guint e = 0; e < row->errors->len; e++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (row->errors, e));
      if (row->errors->len == 0 && row->replaces != 0)
        n_replace++;
      else if (row->errors->len == 0)
        n_add++;
    }
  g_string_append_printf (out, _("%u rows: %u to add, %u to replace, %u with errors.\n"),
                          preview->rows->len, n_add, n_replace, preview->n_bad);
  return g_string_free (out, FALSE);
}
