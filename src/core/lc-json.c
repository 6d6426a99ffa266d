/* lc-json.c: writing JSON for scripts and for OSM tags kept in plans
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-json"

#include "config.h"

#include "lc-json.h"

/**
 * lc_json_append_string:
 * @out: where to write
 * @text: (nullable): UTF-8 text; %NULL writes `null`
 *
 * Appends @text as a JSON string literal, escaping quotes, backslashes and
 * control characters; other characters, Chinese included, are kept as UTF-8.
 */
void
lc_json_append_string (GString    *out,
                       const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}
