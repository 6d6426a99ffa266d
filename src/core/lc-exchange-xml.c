/* lc-exchange-xml.c: sheets as Excel 2003 XML Spreadsheets (SpreadsheetML), read and written
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-xml"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "lc-exchange-private.h"

/*
 * One worksheet, headers in bold and frozen, which LibreOffice, Excel and
 * WPS open without a zip library. Reading takes the first worksheet's
 * rows, honouring ss:Index gaps, and refuses documents with a DTD.
 */

#define SS_NS "urn:schemas-microsoft-com:office:spreadsheet"

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

  if (!lc_sheet_check_text (data, len, error))
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
          lc_sheet_add_row (rows, empty, NULL);
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
      if (!lc_sheet_add_row (rows, cells, error))
        {
          xmlFreeDoc (doc);
          return NULL;
        }
    }
  xmlFreeDoc (doc);
  return g_steal_pointer (&rows);
}
