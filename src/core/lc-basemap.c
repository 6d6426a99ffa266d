/* lc-basemap.c: the online basemaps a plan can be drawn over
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-basemap"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-basemap.h"
#include "lc-enum-private.h"

/*
 * Only sources in WGS-84 (or CGCS2000, which differs from it by centimetres)
 * on the Web Mercator grid are offered: the plan's data is WGS-84, and the
 * GCJ-02 sources (Gaode/AMap, Tencent, Baidu) are shifted from it by
 * hundreds of metres.
 *
 * URL templates use {x}, {y} and {z} for the tile and {s} for one of the
 * source's server names, as Leaflet and OpenLayers do.
 */

static const char * const nicks[] = { "none", "osm", "tianditu", "custom" };

#define OSM_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* 天地图's Web Mercator ("_w") vector map and its Chinese labels, on
 * servers t0 … t7; TILEROW counts from the north as XYZ does */
#define TIANDITU_URL(layer) \
  "https://t{s}.tianditu.gov.cn/" layer "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" \
  "&LAYER=" layer "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles" \
  "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="

/**
 * lc_basemap_from_key:
 * @key: (nullable): a nick of the "basemap" settings key
 * @basemap: (out): set when @key is a basemap's
 *
 * Returns: whether @key names a basemap
 */
gboolean
lc_basemap_from_key (const char *key,
                     LcBasemap  *basemap)
{
  return lc_enum_from_key (nicks, G_N_ELEMENTS (nicks), key, (int *) basemap);
}

/**
 * lc_basemap_to_key:
 *
 * Returns: the nick of @basemap in the "basemap" settings key
 */
const char *
lc_basemap_to_key (LcBasemap basemap)
{
  g_return_val_if_fail (basemap <= LC_BASEMAP_CUSTOM, "none");
  return nicks[basemap];
}

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/**
 * lc_basemap_check_url:
 *
 * Checks an XYZ URL template as the user typed it (blanks around it do not
 * count): http or https, with {x}, {y} and {z}, no other placeholder than
 * {s}, a valid address.
 *
 * Returns: %FALSE with @error set to an explanation for the user
 */
gboolean
lc_basemap_check_url (const char  *url_template,
                      GError     **error)
{
  g_autofree char *sample = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (url_template != NULL ? url_template : ""));
  const char *p;

  if (*stripped == '\0')
    return fail (error, _("Enter an address such as https://tiles.example.org/{z}/{x}/{y}.png"));

  if (g_ascii_strncasecmp (stripped, "http://", 7) != 0 &&
      g_ascii_strncasecmp (stripped, "https://", 8) != 0)
    return fail (error, _("The address must begin with http:// or https://"));

  if (strstr (stripped, "{x}") == NULL || strstr (stripped, "{y}") == NULL ||
      strstr (stripped, "{z}") == NULL)
    return fail (error, _("The address must contain {x}, {y} and {z}, where the tile’s numbers go"));

  for (p = strchr (stripped, '{'); p != NULL; p = strchr (p + 1, '{'))
    if (!g_str_has_prefix (p, "{x}") && !g_str_has_prefix (p, "{y}") &&
        !g_str_has_prefix (p, "{z}") && !g_str_has_prefix (p, "{s}"))
      return fail (error, _("Only {x}, {y}, {z} and {s} can stand in braces"));

  sample = lc_basemap_expand_url (stripped, "a", 1, 2, 3);
  if (!g_uri_is_valid (sample, G_URI_FLAGS_NONE, NULL) || strpbrk (sample, " \t\n") != NULL)
    return fail (error, _("This is not a valid web address"));
  {
    g_autoptr(GUri) uri = g_uri_parse (sample, G_URI_FLAGS_NONE, NULL);

    if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
      return fail (error, _("This is not a valid web address"));
  }

  return TRUE;
}

/**
 * lc_basemap_check_tianditu_key:
 *
 * Checks a 天地图 key (the "tk" of a browser key from the 天地图 console):
 * 32 hexadecimal digits.
 *
 * Returns: %FALSE with @error set to an explanation for the user
 */
gboolean
lc_basemap_check_tianditu_key (const char  *key,
                               GError     **error)
{
  gsize len;

  if (key == NULL || *key == '\0')
    return fail (error, _("Enter the key of your 天地图 account (from its developer console)"));

  len = strlen (key);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (key[i]))
      return fail (error, _("A 天地图 key has only the digits 0–9 and the letters a–f"));

  if (len != 32)
    return fail (error, _("A 天地图 key is 32 characters long"));

  return TRUE;
}

/**
 * lc_basemap_get_url_templates:
 * @tianditu_key: (nullable): the user's key, for %LC_BASEMAP_TIANDITU
 * @custom_url: (nullable): the user's template, for %LC_BASEMAP_CUSTOM
 *
 * The layers of a basemap, bottom first.
 *
 * Returns: (transfer full) (nullable): URL templates, or %NULL with @error
 * set when the basemap is none or its key or template is not valid
 */
char **
lc_basemap_get_url_templates (LcBasemap    basemap,
                              const char  *tianditu_key,
                              const char  *custom_url,
                              GError     **error)
{
  GPtrArray *templates;

  switch (basemap)
    {
    case LC_BASEMAP_OSM:
      templates = g_ptr_array_new ();
      g_ptr_array_add (templates, g_strdup (OSM_URL));
      break;

    case LC_BASEMAP_TIANDITU:
      if (!lc_basemap_check_tianditu_key (tianditu_key, error))
        return NULL;
      templates = g_ptr_array_new ();
      g_ptr_array_add (templates, g_strconcat (TIANDITU_URL ("vec"), tianditu_key, NULL));
      g_ptr_array_add (templates, g_strconcat (TIANDITU_URL ("cva"), tianditu_key, NULL));
      break;

    case LC_BASEMAP_CUSTOM:
      if (!lc_basemap_check_url (custom_url, error))
        return NULL;
      templates = g_ptr_array_new ();
      g_ptr_array_add (templates, g_strstrip (g_strdup (custom_url)));
      break;

    case LC_BASEMAP_NONE:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No online basemap");
      return NULL;
    }

  g_ptr_array_add (templates, NULL);
  return (char **) g_ptr_array_free (templates, FALSE);
}

/**
 * lc_basemap_get_subdomains:
 *
 * Returns: the characters {s} stands for, one per tile server
 */
const char *
lc_basemap_get_subdomains (LcBasemap basemap)
{
  return basemap == LC_BASEMAP_TIANDITU ? "01234567" : "abc";
}

/**
 * lc_basemap_get_max_zoom:
 *
 * Returns: the deepest zoom level the source has tiles for; closer views
 * enlarge its tiles
 */
guint
lc_basemap_get_max_zoom (LcBasemap basemap)
{
  switch (basemap)
    {
    case LC_BASEMAP_TIANDITU:
      return 18;
    case LC_BASEMAP_OSM:
    case LC_BASEMAP_CUSTOM:
    case LC_BASEMAP_NONE:
    default:
      return 19;
    }
}

/**
 * lc_basemap_get_attribution:
 *
 * Returns: (transfer full) (nullable): the credit the source requires on the
 * map, translated
 */
char *
lc_basemap_get_attribution (LcBasemap basemap)
{
  switch (basemap)
    {
    case LC_BASEMAP_OSM:
      /* The map tiles' copyright notice; "OpenStreetMap" stays as it is */
      return g_strdup (_("Map © OpenStreetMap contributors"));
    case LC_BASEMAP_TIANDITU:
      return g_strdup (_("Map © 天地图 (Tianditu)"));
    case LC_BASEMAP_CUSTOM:
      return g_strdup (_("Map: custom tiles"));
    case LC_BASEMAP_NONE:
    default:
      return NULL;
    }
}

/**
 * lc_basemap_expand_url:
 * @subdomains: (nullable): the characters {s} cycles through
 *
 * Returns: (transfer full): the address of one tile
 */
char *
lc_basemap_expand_url (const char *url_template,
                       const char *subdomains,
                       int         x,
                       int         y,
                       int         zoom)
{
  GString *url = g_string_sized_new (strlen (url_template) + 16);
  gsize n_sub = subdomains != NULL ? strlen (subdomains) : 0;

  for (const char *p = url_template; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}')
        {
          switch (p[1])
            {
            case 'x':
              g_string_append_printf (url, "%d", x);
              p += 2;
              continue;
            case 'y':
              g_string_append_printf (url, "%d", y);
              p += 2;
              continue;
            case 'z':
              g_string_append_printf (url, "%d", zoom);
              p += 2;
              continue;
            case 's':
              if (n_sub > 0)
                g_string_append_c (url, subdomains[(guint) (x + y) % n_sub]);
              p += 2;
              continue;
            default:
              break;
            }
        }
      g_string_append_c (url, *p);
    }

  return g_string_free (url, FALSE);
}
