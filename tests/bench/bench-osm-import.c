/* bench-osm-import.c: the OpenStreetMap import against GDAL's ogr2ogr, time and memory
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-osm-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-osm-import.h"
#include "lc-plan.h"
#include "bench-plan.h"
#include "plan-fixture.h"

/*
 * The target: lc_osm_import() turns an extract into a plan at least 3×
 * faster than `ogr2ogr -f GPKG OUT.gpkg IN.osm` (GDAL's OSM driver) turns
 * it into a GeoPackage. Both read the same plain XML file:
 *
 *  1. the 五角场 sample, data/sample/wujiaochang_fudan.osm.gz, decompressed;
 *  2. a synthetic extract of about LC_BENCH_OSM_MB megabytes (default 100),
 *     generated here from a fixed seed: a street grid around 31.30 N
 *     121.51 E with residential compounds (slab buildings, footways joined
 *     to the streets, landuse=residential), shops, schools, parks, points of
 *     interest, bus routes and multipolygons, written as openstreetmap.org
 *     writes its exports (all nodes, then ways, then relations, ids
 *     ascending, with version, changeset, timestamp and user).
 *
 * Every measured run is a child of its own, forked (and, for ogr2ogr,
 * executed) by a launcher process that is itself forked at startup, while
 * this process is still small: a child's peak resident set (ru_maxrss, from
 * wait4 for that child alone) starts from the launcher's few megabytes, not
 * from this process, which has held the generator and earlier results.
 * Our time is the wall time of lc_osm_import() into a new plan (as
 * `lifecircle-tool import` does it); ogr2ogr's is its whole process.
 *
 * Run: meson test -C build --benchmark -v bench-osm-import, or
 * build/tests/bench/bench-osm-import [--sample FILE] [--mb N] [--runs N];
 * LC_BENCH_OSM_MB and LC_BENCH_OSM_RUNS set the defaults of --mb (100) and
 * --runs (3; the table shows the median time and the largest peak RSS).
 * It exits 0 even when the target is missed; only errors fail it.
 */

#define TARGET_RATIO 3.0

static double target_mb = 100;
static int n_runs = 3;
static char *sample_path = NULL;

/* Temporary files, removed on the way out, even by die () */
static char *temp_root = NULL;
static char *temp_state = NULL;

static void
remove_temporary_files (void)
{
  if (temp_root != NULL)
    plan_fixture_remove_tree (temp_root);
  if (temp_state != NULL)
    plan_fixture_remove_tree (temp_state);
  g_clear_pointer (&temp_root, g_free);
  g_clear_pointer (&temp_state, g_free);
}

/* For this process only; the launcher and its children _exit () */
static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-osm-import: %s: %s\n", what,
           error != NULL ? error->message : g_strerror (errno));
  remove_temporary_files ();
  exit (1);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
mib (long kib)
{
  return kib / 1024.0;
}

static double
mb (guint64 bytes)
{
  return bytes / 1e6;
}

/* ---- the synthetic extract ---- */

#define CENTRE_LAT      31.30
#define CENTRE_LON      121.51
#define M_PER_DEG_LAT   110946.0
#define BLOCK_M         250.0      /* street grid spacing */
#define SHAPE_NODES     4          /* street nodes between two junctions */
#define STREET_BLOCKS   4          /* blocks an east–west street way spans */
#define EST_BLOCK_BYTES 19000.0    /* to make the area about square */
#define FIRST_EDIT      1325376000 /* 2012-01-01 */
#define LAST_EDIT       1735689599 /* 2024-12-31 */

typedef struct
{
  FILE   *file;
  char   *path;
  guint64 bytes;
} Sink;

typedef struct
{
  const char *type;
  gint64      ref;
  const char *role;
} Member;

typedef struct
{
  GRand     *rand;
  double     lat0, lon0;        /* the grid's north-west corner */
  double     m_per_deg_lon;
  guint      cols;
  Sink       nodes, ways, relations;
  GString   *element;
  GPtrArray *keys, *values;     /* the tags of the next element */
  gint64     next_node, next_way, next_relation;
  double     bounds[4];         /* min_lon, min_lat, max_lon, max_lat */

  guint      n_nodes, n_ways, n_relations, n_tags, n_refs, n_members;
  guint      n_tagged_nodes, n_pois, n_streets, n_footways, n_buildings;
  guint      n_landuse, n_multipolygons, n_routes, n_blocks;
} Gen;

/* One row of street junctions and the east–west street through them */
typedef struct
{
  guint   index;                /* from the north */
  gint64 *junction;             /* cols + 1 */
  double *jx, *jy;
  gint64 *shape;                /* cols × SHAPE_NODES, west to east */
  double *sx, *sy;
} Line;

static const struct
{
  const char *name;
  guint       uid;
} mappers[] = {
  { "sh_mapper", 1023456 },
  { "杨浦步行者", 8123457 },
  { "huangpu_river", 2234561 },
  { "城市测绘志愿者", 11456789 },
  { "Wujiaochang OSM", 5678123 },
  { "zhangwei_maps", 9988776 },
  { "地图小王", 14022331 },
  { "Shanghai Walker", 3344556 },
};

static const char *road_names[][2] = {
  { "国权路", "Guoquan Road" }, { "政通路", "Zhengtong Road" }, { "邯郸路", "Handan Road" },
  { "国定路", "Guoding Road" }, { "淞沪路", "Songhu Road" }, { "黄兴路", "Huangxing Road" },
  { "翔殷路", "Xiangyin Road" }, { "政立路", "Zhengli Road" }, { "国和路", "Guohe Road" },
  { "武川路", "Wuchuan Road" }, { "民京路", "Minjing Road" }, { "包头路", "Baotou Road" },
  { "营口路", "Yingkou Road" }, { "殷行路", "Yinhang Road" }, { "开鲁路", "Kailu Road" },
  { "闸殷路", "Zhayin Road" }, { "中原路", "Zhongyuan Road" }, { "市光路", "Shiguang Road" },
  { "嫩江路", "Nenjiang Road" }, { "延吉东路", "Yanji East Road" }, { "控江路", "Kongjiang Road" },
  { "长阳路", "Changyang Road" }, { "隆昌路", "Longchang Road" }, { "宁国路", "Ningguo Road" },
  { "内江路", "Neijiang Road" }, { "双阳路", "Shuangyang Road" }, { "周家嘴路", "Zhoujiazui Road" },
  { "四平路", "Siping Road" }, { "大连路", "Dalian Road" }, { "江浦路", "Jiangpu Road" },
};

static const char *place_names[] = {
  "复旦", "国定", "政民", "安波", "鞍山", "工农", "控江", "凤城", "延吉", "长白",
  "辽源", "内江", "国和", "包头", "开鲁", "民星", "殷行", "市光", "嫩江", "中原",
  "五角场", "新江湾", "大学", "三门", "淞沪", "翔殷", "黄兴", "国顺", "民府", "世界",
};

static const char *compound_kinds[] = { "小区", "新村", "花园", "公寓", "苑", "家园", "一村", "二村" };

typedef struct
{
  const char *key, *value;
  const char *name;             /* NULL: unnamed */
  gboolean    prefixed;         /* the name follows a place name */
  const char *name_en;
  const char *extra_key, *extra_value;
} Poi;

static const Poi compound_pois[] = {
  { "amenity", "kindergarten", "幼儿园", TRUE, NULL, NULL, NULL },
  { "amenity", "clinic", "社区卫生服务站", TRUE, "Community Health Station", "healthcare", "clinic" },
  { "amenity", "pharmacy", "老百姓大药房", FALSE, "LBX Pharmacy", "healthcare", "pharmacy" },
  { "shop", "supermarket", "联华超市", FALSE, "Lianhua Supermarket", NULL, NULL },
  { "shop", "convenience", "全家便利店", FALSE, "FamilyMart", NULL, NULL },
  { "shop", "convenience", "好德便利", FALSE, NULL, NULL, NULL },
  { "amenity", "community_centre", "社区文化活动中心", TRUE, NULL, NULL, NULL },
  { "amenity", "social_facility", "长者照护之家", TRUE, NULL, "social_facility", "nursing_home" },
  { "leisure", "fitness_station", NULL, FALSE, NULL, NULL, NULL },
  { "leisure", "playground", NULL, FALSE, NULL, NULL, NULL },
  { "amenity", "marketplace", "菜市场", TRUE, NULL, NULL, NULL },
  { "amenity", "post_office", "邮政支局", TRUE, "China Post", NULL, NULL },
  { "amenity", "restaurant", "面馆", TRUE, NULL, "cuisine", "noodle" },
  { "amenity", "bicycle_parking", NULL, FALSE, NULL, NULL, NULL },
};

static const Poi commercial_pois[] = {
  { "amenity", "restaurant", "小杨生煎", FALSE, "Yang's Dumpling", "cuisine", "chinese" },
  { "amenity", "fast_food", "肯德基", FALSE, "KFC", "cuisine", "burger" },
  { "amenity", "cafe", "Manner Coffee", FALSE, NULL, NULL, NULL },
  { "amenity", "bank", "中国工商银行", FALSE, "ICBC", NULL, NULL },
  { "shop", "supermarket", "盒马鲜生", FALSE, "Freshippo", NULL, NULL },
  { "shop", "clothes", "优衣库", FALSE, "UNIQLO", NULL, NULL },
  { "shop", "bakery", "克莉丝汀", FALSE, "Christine", NULL, NULL },
  { "amenity", "pharmacy", "华氏大药房", FALSE, NULL, "healthcare", "pharmacy" },
  { "shop", "books", "新华书店", FALSE, "Xinhua Bookstore", NULL, NULL },
  { "amenity", "cinema", "万达影城", FALSE, "Wanda Cinema", NULL, NULL },
  { "shop", "mall", "万达广场", FALSE, "Wanda Plaza", NULL, NULL },
  { "amenity", "restaurant", "Bread & Butter", FALSE, NULL, "cuisine", "western" },
};

static int
rand_int (Gen *g,
          int  from,
          int  to)   /* inclusive */
{
  return g_rand_int_range (g->rand, from, to + 1);
}

static gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static double
jitter (Gen    *g,
        double  m)
{
  return g_rand_double_range (g->rand, -m, m);
}

static const char *
place (Gen *g)
{
  return place_names[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (place_names))];
}

static void
sink_open (Sink       *sink,
           const char *path)
{
  sink->path = g_strdup (path);
  sink->file = g_fopen (path, "wb");
  if (sink->file == NULL)
    die (path, NULL);
  setvbuf (sink->file, NULL, _IOFBF, 1 << 20);
  sink->bytes = 0;
}

static void
sink_write (Sink          *sink,
            const GString *text)
{
  if (fwrite (text->str, 1, text->len, sink->file) != text->len)
    die (sink->path, NULL);
  sink->bytes += text->len;
}

static void
sink_close (Sink *sink)
{
  if (sink->file != NULL && fclose (sink->file) != 0)
    die (sink->path, NULL);
  sink->file = NULL;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        g_string_append (out, "&amp;");
        break;
      case '<':
        g_string_append (out, "&lt;");
        break;
      case '>':
        g_string_append (out, "&gt;");
        break;
      case '"':
        g_string_append (out, "&quot;");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static void
tag (Gen        *g,
     const char *key,
     const char *value)
{
  g_ptr_array_add (g->keys, g_strdup (key));
  g_ptr_array_add (g->values, g_strdup (value));
}

static void G_GNUC_PRINTF (3, 4)
tagf (Gen        *g,
      const char *key,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (g->keys, g_strdup (key));
  g_ptr_array_add (g->values, g_strdup_vprintf (format, args));
  va_end (args);
}

/* version, changeset, timestamp and user, as the API writes them */
static void
append_meta (Gen *g)
{
  guint m = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (mappers));
  gint64 t = FIRST_EDIT + g_rand_int_range (g->rand, 0, LAST_EDIT - FIRST_EDIT);
  int version = chance (g, 0.8) ? rand_int (g, 1, 4) : rand_int (g, 5, 30);
  time_t when = (time_t) t;
  struct tm tm;
  char stamp[32];

  gmtime_r (&when, &tm);
  strftime (stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  g_string_append_printf (g->element,
                          " visible=\"true\" version=\"%d\" changeset=\"%" G_GINT64_FORMAT "\""
                          " timestamp=\"%s\" user=\"",
                          version, 10000000 + (t - FIRST_EDIT) / 3, stamp);
  append_escaped (g->element, mappers[m].name);
  g_string_append_printf (g->element, "\" uid=\"%u\"", mappers[m].uid);
}

/* Writes and forgets the pending tags */
static void
append_tags (Gen *g)
{
  for (guint i = 0; i < g->keys->len; i++)
    {
      g_string_append (g->element, "  <tag k=\"");
      append_escaped (g->element, g->keys->pdata[i]);
      g_string_append (g->element, "\" v=\"");
      append_escaped (g->element, g->values->pdata[i]);
      g_string_append (g->element, "\"/>\n");
    }
  g->n_tags += g->keys->len;
  g_ptr_array_set_size (g->keys, 0);
  g_ptr_array_set_size (g->values, 0);
}

/* A node @x metres east and @y metres south of the grid's corner, with the
 * pending tags */
static gint64
node (Gen    *g,
      double  x,
      double  y)
{
  gint64 id = g->next_node;
  double lat = g->lat0 - y / M_PER_DEG_LAT;
  double lon = g->lon0 + x / g->m_per_deg_lon;
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];

  /* Ids ascend with gaps, where nodes were deleted */
  g->next_node += chance (g, 0.1) ? rand_int (g, 2, 40) : 1;

  g_string_truncate (g->element, 0);
  g_string_append_printf (g->element, " <node id=\"%" G_GINT64_FORMAT "\"", id);
  append_meta (g);
  g_string_append_printf (g->element, " lat=\"%s\" lon=\"%s\"",
                          g_ascii_formatd (lat_text, sizeof lat_text, "%.7f", lat),
                          g_ascii_formatd (lon_text, sizeof lon_text, "%.7f", lon));
  if (g->keys->len == 0)
    g_string_append (g->element, "/>\n");
  else
    {
      g_string_append (g->element, ">\n");
      append_tags (g);
      g_string_append (g->element, " </node>\n");
      g->n_tagged_nodes++;
    }
  sink_write (&g->nodes, g->element);
  g->n_nodes++;

  g->bounds[0] = MIN (g->bounds[0], lon);
  g->bounds[1] = MIN (g->bounds[1], lat);
  g->bounds[2] = MAX (g->bounds[2], lon);
  g->bounds[3] = MAX (g->bounds[3], lat);
  return id;
}

/* A way through @refs, with the pending tags */
static gint64
way (Gen          *g,
     const gint64 *refs,
     guint         n)
{
  gint64 id = g->next_way;

  g->next_way += chance (g, 0.1) ? rand_int (g, 2, 20) : 1;

  g_string_truncate (g->element, 0);
  g_string_append_printf (g->element, " <way id=\"%" G_GINT64_FORMAT "\"", id);
  append_meta (g);
  g_string_append (g->element, ">\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (g->element, "  <nd ref=\"%" G_GINT64_FORMAT "\"/>\n", refs[i]);
  append_tags (g);
  g_string_append (g->element, " </way>\n");
  sink_write (&g->ways, g->element);
  g->n_ways++;
  g->n_refs += n;
  return id;
}

static gint64
relation (Gen          *g,
          const Member *members,
          guint         n)
{
  gint64 id = g->next_relation;

  g->next_relation += rand_int (g, 1, 12);

  g_string_truncate (g->element, 0);
  g_string_append_printf (g->element, " <relation id=\"%" G_GINT64_FORMAT "\"", id);
  append_meta (g);
  g_string_append (g->element, ">\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (g->element,
                            "  <member type=\"%s\" ref=\"%" G_GINT64_FORMAT "\" role=\"%s\"/>\n",
                            members[i].type, members[i].ref, members[i].role);
  append_tags (g);
  g_string_append (g->element, " </relation>\n");
  sink_write (&g->relations, g->element);
  g->n_relations++;
  g->n_members += n;
  return id;
}

/* Pending tags belong to the next way or relation, not to the nodes made
 * for it first: moved aside, then put back */
typedef struct
{
  GPtrArray *keys, *values;
} Pending;

static Pending
pending_take (Gen *g)
{
  Pending p = { g->keys, g->values };

  g->keys = g_ptr_array_new_with_free_func (g_free);
  g->values = g_ptr_array_new_with_free_func (g_free);
  return p;
}

static void
pending_restore (Gen     *g,
                 Pending  p)
{
  g_ptr_array_extend_and_steal (p.keys, g->keys);
  g_ptr_array_extend_and_steal (p.values, g->values);
  g->keys = p.keys;
  g->values = p.values;
}

/* A closed way around the rectangle [x0, x1] × [y0, y1], with the pending tags */
static gint64
rectangle (Gen    *g,
           double  x0,
           double  y0,
           double  x1,
           double  y1)
{
  Pending p = pending_take (g);
  gint64 refs[5];

  refs[0] = node (g, x0, y0);
  refs[1] = node (g, x1 + jitter (g, 0.5), y0 + jitter (g, 0.5));
  refs[2] = node (g, x1 + jitter (g, 0.5), y1 + jitter (g, 0.5));
  refs[3] = node (g, x0 + jitter (g, 0.5), y1 + jitter (g, 0.5));
  refs[4] = refs[0];
  pending_restore (g, p);
  return way (g, refs, G_N_ELEMENTS (refs));
}

static void
road_tags (Gen      *g,
           guint     index,
           gboolean  east_west)
{
  guint n = G_N_ELEMENTS (road_names);
  guint which = (index * 7 + (east_west ? 0 : 13)) % n;
  const char *highway = index % 8 == 0 ? "secondary" : index % 4 == 0 ? "tertiary" : "residential";

  tag (g, "highway", highway);
  if (index % 2 == 0 || chance (g, 0.5))
    {
      tag (g, "name", road_names[which][0]);
      tag (g, "name:en", road_names[which][1]);
      tag (g, "name:zh", road_names[which][0]);
    }
  if (index % 8 == 0)
    {
      tag (g, "lanes", "4");
      tag (g, "maxspeed", "50");
      tag (g, "sidewalk", "both");
      tag (g, "surface", "asphalt");
    }
  else if (index % 4 == 0)
    {
      tag (g, "lanes", "2");
      tag (g, "maxspeed", "40");
      tag (g, "surface", "asphalt");
    }
  else if (chance (g, 0.15))
    tag (g, "oneway", "yes");
}

static void
line_free (Line *line)
{
  g_free (line->junction);
  g_free (line->jx);
  g_free (line->jy);
  g_free (line->shape);
  g_free (line->sx);
  g_free (line->sy);
  g_free (line);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Line, line_free)

/* The junctions of grid row @index and its east–west street: ways of
 * STREET_BLOCKS blocks, joined at the junctions; every fourth a bus route */
static Line *
make_line (Gen   *g,
           guint  index)
{
  Line *line = g_new0 (Line, 1);
  guint cols = g->cols;
  gboolean bus = index % 4 == 0;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (Member));

  line->index = index;
  line->junction = g_new (gint64, cols + 1);
  line->jx = g_new (double, cols + 1);
  line->jy = g_new (double, cols + 1);
  line->shape = g_new (gint64, cols * SHAPE_NODES);
  line->sx = g_new (double, cols * SHAPE_NODES);
  line->sy = g_new (double, cols * SHAPE_NODES);

  for (guint c = 0; c <= cols; c++)
    {
      line->jx[c] = c * BLOCK_M + jitter (g, 4);
      line->jy[c] = index * BLOCK_M + jitter (g, 4);
      if ((index % 4 == 0 || c % 4 == 0) && chance (g, 0.6))
        tag (g, "highway", "traffic_signals");
      line->junction[c] = node (g, line->jx[c], line->jy[c]);
    }

  for (guint c = 0; c < cols; c++)
    for (guint k = 0; k < SHAPE_NODES; k++)
      {
        double f = (k + 1) / (double) (SHAPE_NODES + 1);
        guint i = c * SHAPE_NODES + k;

        line->sx[i] = line->jx[c] + f * (line->jx[c + 1] - line->jx[c]) + jitter (g, 2);
        line->sy[i] = line->jy[c] + f * (line->jy[c + 1] - line->jy[c]) + jitter (g, 2);
        if (bus && k == 1 && c % 2 == 0)
          {
            tag (g, "highway", "bus_stop");
            tag (g, "public_transport", "platform");
            tagf (g, "name", "%s%s站", road_names[(index * 7) % G_N_ELEMENTS (road_names)][0],
                  road_names[(c * 7 + 13) % G_N_ELEMENTS (road_names)][0]);
            tag (g, "bus", "yes");
          }
        else if (k == 2 && chance (g, 0.08))
          tag (g, "highway", "crossing");
        line->shape[i] = node (g, line->sx[i], line->sy[i]);
        if (bus && k == 1 && c % 2 == 0)
          {
            Member stop = { "node", line->shape[i], "platform" };

            g_array_append_val (stops, stop);
          }
      }

  for (guint c0 = 0; c0 < cols; c0 += STREET_BLOCKS)
    {
      g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint c1 = MIN (c0 + STREET_BLOCKS, cols);
      Member m = { "way", 0, "" };

      for (guint c = c0; c < c1; c++)
        {
          g_array_append_val (refs, line->junction[c]);
          g_array_append_vals (refs, &line->shape[c * SHAPE_NODES], SHAPE_NODES);
        }
      g_array_append_val (refs, line->junction[c1]);
      road_tags (g, index, TRUE);
      m.ref = way (g, (gint64 *) (void *) refs->data, refs->len);
      g_array_append_val (members, m);
      g->n_streets++;
    }

  if (bus)
    {
      g_array_append_vals (members, stops->data, stops->len);
      tag (g, "type", "route");
      tag (g, "route", "bus");
      tagf (g, "ref", "%u", 50 + index);
      tagf (g, "name", "公交%u路", 50 + index);
      tag (g, "network", "上海公交");
      tag (g, "operator", "上海巴士");
      tag (g, "public_transport:version", "2");
      relation (g, (Member *) (void *) members->data, members->len);
      g->n_routes++;
    }

  return line;
}

/* A slab of @w × @h metres centred at (cx, cy), a little turned, with the
 * pending tags and its own */
static void
building (Gen        *g,
          double      cx,
          double      cy,
          double      w,
          double      h,
          const char *type,
          int         levels,
          const char *street,
          guint       number)
{
  static const double corners[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
  double a = jitter (g, 0.05);
  Pending p = pending_take (g);
  gint64 refs[5];

  for (guint i = 0; i < 4; i++)
    {
      double dx = corners[i][0] * w / 2, dy = corners[i][1] * h / 2;

      refs[i] = node (g, cx + dx * cos (a) - dy * sin (a), cy + dx * sin (a) + dy * cos (a));
    }
  refs[4] = refs[0];
  pending_restore (g, p);

  tag (g, "building", type);
  if (levels > 0)
    tagf (g, "building:levels", "%d", levels);
  if (street != NULL && chance (g, 0.3))
    {
      tag (g, "addr:street", street);
      tagf (g, "addr:housenumber", "%u号", number);
    }
  if (chance (g, 0.2))
    tagf (g, "name", "%u号楼", number);
  if (chance (g, 0.1))
    tag (g, "roof:shape", "flat");
  way (g, refs, G_N_ELEMENTS (refs));
  g->n_buildings++;
}

/* A building with a courtyard: a multipolygon of an outer and an inner ring */
static void
courtyard_building (Gen    *g,
                    double  cx,
                    double  cy,
                    double  side)
{
  Member members[2] = { { "way", 0, "outer" }, { "way", 0, "inner" } };

  members[0].ref = rectangle (g, cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2);
  members[1].ref = rectangle (g, cx - side / 4, cy - side / 4, cx + side / 4, cy + side / 4);
  tag (g, "type", "multipolygon");
  tag (g, "building", "apartments");
  tagf (g, "building:levels", "%d", rand_int (g, 5, 7));
  tagf (g, "name", "%s大楼", place (g));
  relation (g, members, G_N_ELEMENTS (members));
  g->n_buildings++;
  g->n_multipolygons++;
}

static void
poi (Gen        *g,
     const Poi  *p,
     double      x,
     double      y,
     const char *street)
{
  tag (g, p->key, p->value);
  if (p->name != NULL)
    {
      if (p->prefixed)
        tagf (g, "name", "%s%s", place (g), p->name);
      else
        tag (g, "name", p->name);
      if (p->name_en != NULL && chance (g, 0.6))
        tag (g, "name:en", p->name_en);
    }
  if (p->extra_key != NULL)
    tag (g, p->extra_key, p->extra_value);
  if (g_str_equal (p->key, "shop") && chance (g, 0.5))
    tag (g, "opening_hours", "Mo-Su 07:00-22:00");
  if (chance (g, 0.2))
    tagf (g, "phone", "+86 21 %04d %04d", rand_int (g, 1000, 9999), rand_int (g, 0, 9999));
  if (street != NULL && chance (g, 0.3))
    {
      tag (g, "addr:street", street);
      tagf (g, "addr:housenumber", "%d号", rand_int (g, 1, 999));
    }
  node (g, x, y);
  g->n_pois++;
}

typedef struct
{
  double  x0, y0, x1, y1;       /* the block, inside its streets */
  double  xc, yc;
  gint64  north, south, west, east;   /* street nodes the paths start from */
  const char *street;
} Block;

/* Footways from the four streets to the middle of the block, which they
 * share; with @ring, a loop round the block joined to them as well */
static void
block_paths (Gen         *g,
             const Block *b,
             gboolean     ring,
             const char  *highway)
{
  double in = 10, r = 45;
  gint64 centre, n1, n2, s1, s2, w1, w2, e1, e2;

  if (chance (g, 0.3))
    tag (g, "barrier", "gate");
  n1 = node (g, b->xc + jitter (g, 2), b->y0 + in);
  n2 = node (g, b->xc + jitter (g, 2), b->y0 + r);
  centre = node (g, b->xc, b->yc);
  s2 = node (g, b->xc + jitter (g, 2), b->y1 - r);
  s1 = node (g, b->xc + jitter (g, 2), b->y1 - in);
  w1 = node (g, b->x0 + in, b->yc + jitter (g, 2));
  w2 = node (g, b->x0 + r, b->yc + jitter (g, 2));
  e2 = node (g, b->x1 - r, b->yc + jitter (g, 2));
  e1 = node (g, b->x1 - in, b->yc + jitter (g, 2));

  {
    gint64 spine[] = { b->north, n1, n2, centre, s2, s1, b->south };

    if (chance (g, 0.1))
      {
        tag (g, "highway", "service");
        tag (g, "service", "driveway");
        tag (g, "access", "private");
        tag (g, "foot", "yes");
      }
    else
      {
        tag (g, "highway", highway);
        if (chance (g, 0.4))
          tag (g, "surface", "paving_stones");
      }
    way (g, spine, G_N_ELEMENTS (spine));
    g->n_footways++;
  }
  {
    gint64 cross[] = { b->west, w1, w2, centre, e2, e1, b->east };

    if (chance (g, 0.15))
      {
        /* Not walkable: a private driveway without foot=yes */
        tag (g, "highway", "service");
        tag (g, "access", "private");
      }
    else
      tag (g, "highway", chance (g, 0.8) ? highway : "path");
    way (g, cross, G_N_ELEMENTS (cross));
    g->n_footways++;
  }

  if (ring)
    {
      gint64 loop[9];
      double d = r + 15;

      loop[0] = n2;
      loop[1] = node (g, b->x1 - d, b->y0 + d);
      loop[2] = e2;
      loop[3] = node (g, b->x1 - d, b->y1 - d);
      loop[4] = s2;
      loop[5] = node (g, b->x0 + d, b->y1 - d);
      loop[6] = w2;
      loop[7] = node (g, b->x0 + d, b->y0 + d);
      loop[8] = n2;
      tag (g, "highway", "footway");
      tag (g, "surface", "paving_stones");
      way (g, loop, G_N_ELEMENTS (loop));
      g->n_footways++;
    }
}

/* Rows of slabs facing south in a quadrant of a compound */
static void
slabs (Gen         *g,
       const Block *b,
       double       x0,
       double       y0,
       double       x1,
       double       y1,
       gboolean     high_rise,
       guint       *number)
{
  static const char *types[] = { "residential", "residential", "apartments", "yes" };
  double spacing = high_rise ? g_rand_double_range (g->rand, 38, 45)
                             : g_rand_double_range (g->rand, 24, 30);

  for (double y = y0 + 8; y + 8 <= y1; y += spacing)
    {
      double len = g_rand_double_range (g->rand, 30, 45);
      int per_row = (x1 - x0) >= 2 * len + 10 ? 2 : 1;

      for (int i = 0; i < per_row; i++)
        {
          double cx = x0 + (x1 - x0) * (2 * i + 1) / (2.0 * per_row) + jitter (g, 2);
          int levels = high_rise ? rand_int (g, 11, 33) : chance (g, 0.8) ? 6 : rand_int (g, 4, 7);
          const char *type = types[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (types))];

          building (g, cx, y, len, g_rand_double_range (g->rand, 11, 14), type,
                    chance (g, 0.85) ? levels : -1, b->street, (*number)++);
        }
    }
}

/* A residential compound (小区): its outline as landuse=residential, paths
 * from the four streets, slab buildings, a few facilities */
static void
compound_block (Gen         *g,
                const Block *b)
{
  double in = 8;
  gboolean high_rise = chance (g, 0.35);
  guint number = 1;
  guint kind = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (compound_kinds));
  g_autofree char *name = g_strdup_printf ("%s%s", place (g), compound_kinds[kind]);

  if (chance (g, 0.08))
    {
      /* The outline in two halves, joined by a multipolygon */
      Member members[2] = { { "way", 0, "outer" }, { "way", 0, "outer" } };
      gint64 nw = node (g, b->x0 + in, b->y0 + in);
      gint64 ne = node (g, b->x1 - in, b->y0 + in);
      gint64 se = node (g, b->x1 - in, b->y1 - in);
      gint64 sw = node (g, b->x0 + in, b->y1 - in);
      gint64 north[] = { sw, nw, ne, se };
      gint64 south[] = { se, sw };

      members[0].ref = way (g, north, G_N_ELEMENTS (north));
      members[1].ref = way (g, south, G_N_ELEMENTS (south));
      tag (g, "type", "multipolygon");
      tag (g, "landuse", "residential");
      tag (g, "name", name);
      relation (g, members, G_N_ELEMENTS (members));
      g->n_multipolygons++;
    }
  else
    {
      tag (g, "landuse", "residential");
      tag (g, "name", name);
      if (chance (g, 0.3))
        tagf (g, "residential", "urban");
      rectangle (g, b->x0 + in, b->y0 + in, b->x1 - in, b->y1 - in);
    }
  g->n_landuse++;

  block_paths (g, b, FALSE, "footway");

  /* The four quadrants between the paths */
  for (int q = 0; q < 4; q++)
    {
      double x0 = q % 2 == 0 ? b->x0 + 20 : b->xc + 10;
      double x1 = q % 2 == 0 ? b->xc - 10 : b->x1 - 20;
      double y0 = q < 2 ? b->y0 + 20 : b->yc + 10;
      double y1 = q < 2 ? b->yc - 10 : b->y1 - 20;

      if (q == 1 && chance (g, 0.06))
        {
          courtyard_building (g, (x0 + x1) / 2, (y0 + y1) / 2, 40);
          continue;
        }
      if (q == 2 && chance (g, 0.3))
        {
          /* A lawn between the slabs */
          tag (g, "landuse", "grass");
          rectangle (g, x0 + 10, y0 + 10, x0 + 30, y0 + 30);
          g->n_landuse++;
          x0 += 35;
        }
      slabs (g, b, x0, y0, x1, y1, high_rise, &number);
    }

  for (int i = rand_int (g, 1, 3); i > 0; i--)
    poi (g, &compound_pois[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (compound_pois))],
         g_rand_double_range (g->rand, b->x0 + 15, b->x1 - 15), b->y1 - 14 + jitter (g, 2),
         b->street);
}

/* Shops and offices: landuse=commercial or retail, a few towers, many
 * facilities at the street side */
static void
commercial_block (Gen         *g,
                  const Block *b)
{
  static const char *types[] = { "commercial", "retail", "office", "yes" };
  int n = rand_int (g, 3, 6);

  tag (g, "landuse", chance (g, 0.5) ? "commercial" : "retail");
  tagf (g, "name", "%s广场", place (g));
  rectangle (g, b->x0 + 8, b->y0 + 8, b->x1 - 8, b->y1 - 8);
  g->n_landuse++;

  block_paths (g, b, FALSE, "pedestrian");

  for (int i = 0; i < n; i++)
    {
      double x = i % 2 == 0 ? b->x0 + 60 : b->x1 - 60;
      double y = b->y0 + 45 + (i / 2) * 60;
      const char *type = types[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (types))];

      if (chance (g, 0.3))
        tagf (g, "name", "%s大厦", place (g));
      building (g, x, y, 50, 30, type, rand_int (g, 3, 40), b->street, (guint) i + 1);
    }

  for (int i = rand_int (g, 6, 12); i > 0; i--)
    poi (g, &commercial_pois[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (commercial_pois))],
         g_rand_double_range (g->rand, b->x0 + 12, b->x1 - 12),
         chance (g, 0.5) ? b->y0 + 14 : b->y1 - 14, b->street);
}

/* A school or kindergarten grounds, its buildings and a pitch */
static void
school_block (Gen         *g,
              const Block *b)
{
  gboolean kindergarten = chance (g, 0.3);
  guint number = 1;

  tag (g, "amenity", kindergarten ? "kindergarten" : "school");
  tagf (g, "name", "%s%s", place (g), kindergarten ? "幼儿园" : chance (g, 0.5) ? "小学" : "中学");
  if (chance (g, 0.5))
    tag (g, "operator:type", "public");
  rectangle (g, b->x0 + 10, b->y0 + 10, b->x1 - 10, b->y1 - 10);
  g->n_pois++;

  block_paths (g, b, FALSE, "footway");

  for (int i = rand_int (g, 2, 4); i > 0; i--)
    building (g, b->x0 + 60, b->y0 + 30 + i * 30, 70, 14, "school", rand_int (g, 2, 5),
              b->street, number++);

  tag (g, "leisure", "pitch");
  tag (g, "sport", "soccer");
  rectangle (g, b->xc + 20, b->y0 + 30, b->x1 - 30, b->yc - 20);
  g->n_landuse++;
}

/* A park: leisure=park, a loop of footways, perhaps a pond */
static void
park_block (Gen         *g,
            const Block *b)
{
  tag (g, "leisure", "park");
  tagf (g, "name", "%s公园", place (g));
  if (chance (g, 0.5))
    tag (g, "opening_hours", "05:00-22:00");
  rectangle (g, b->x0 + 8, b->y0 + 8, b->x1 - 8, b->y1 - 8);
  g->n_landuse++;

  block_paths (g, b, TRUE, "footway");

  if (chance (g, 0.5))
    {
      tag (g, "natural", "water");
      tag (g, "water", "pond");
      rectangle (g, b->x0 + 70, b->y0 + 70, b->xc - 20, b->yc - 20);
      g->n_landuse++;
    }

  tag (g, "leisure", "playground");
  node (g, b->xc + 30, b->yc + 30);
  tag (g, "amenity", "toilets");
  node (g, b->xc - 30, b->yc + 30);
  tag (g, "leisure", "fitness_station");
  node (g, b->xc + 30, b->yc - 30);
  g->n_pois += 3;
}

/* Works and building sites */
static void
industrial_block (Gen         *g,
                  const Block *b)
{
  static const char *types[] = { "industrial", "warehouse", "yes" };
  gboolean site = chance (g, 0.4);

  tag (g, "landuse", site ? "construction" : "industrial");
  rectangle (g, b->x0 + 8, b->y0 + 8, b->x1 - 8, b->y1 - 8);
  g->n_landuse++;

  block_paths (g, b, FALSE, "service");

  for (int i = site ? 0 : rand_int (g, 1, 3); i > 0; i--)
    building (g, b->x0 + 40 + i * 50, b->yc + 40, 40, 60,
              types[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (types))], rand_int (g, 1, 3),
              NULL, (guint) i);
}

static void
make_block (Gen         *g,
            guint        col,
            const Line  *north,
            const Line  *south,
            const gint64 *vshape)
{
  guint mid = SHAPE_NODES / 2;
  Block b;
  double kind = g_rand_double (g->rand);

  b.x0 = col * BLOCK_M + 12;
  b.x1 = (col + 1) * BLOCK_M - 12;
  b.y0 = north->index * BLOCK_M + 12;
  b.y1 = south->index * BLOCK_M - 12;
  b.xc = (b.x0 + b.x1) / 2 + jitter (g, 10);
  b.yc = (b.y0 + b.y1) / 2 + jitter (g, 10);
  b.north = north->shape[col * SHAPE_NODES + mid];
  b.south = south->shape[col * SHAPE_NODES + mid];
  b.west = vshape[col * SHAPE_NODES + mid];
  b.east = vshape[(col + 1) * SHAPE_NODES + mid];
  b.street = road_names[(south->index * 7) % G_N_ELEMENTS (road_names)][0];

  if (kind < 0.70)
    compound_block (g, &b);
  else if (kind < 0.80)
    commercial_block (g, &b);
  else if (kind < 0.88)
    school_block (g, &b);
  else if (kind < 0.95)
    park_block (g, &b);
  else
    industrial_block (g, &b);
  g->n_blocks++;
}

/* One row of blocks between @north and a new line south of it, which it returns */
static Line *
make_row (Gen        *g,
          const Line *north)
{
  guint cols = g->cols;
  Line *south = make_line (g, north->index + 1);
  g_autofree gint64 *vshape = g_new (gint64, (cols + 1) * SHAPE_NODES);
  g_autofree double *vx = g_new (double, (cols + 1) * SHAPE_NODES);
  g_autofree double *vy = g_new (double, (cols + 1) * SHAPE_NODES);

  /* The north–south streets of the row, one way per block */
  for (guint c = 0; c <= cols; c++)
    {
      gint64 refs[SHAPE_NODES + 2];

      refs[0] = north->junction[c];
      for (guint k = 0; k < SHAPE_NODES; k++)
        {
          double f = (k + 1) / (double) (SHAPE_NODES + 1);
          guint i = c * SHAPE_NODES + k;

          vx[i] = north->jx[c] + f * (south->jx[c] - north->jx[c]) + jitter (g, 2);
          vy[i] = north->jy[c] + f * (south->jy[c] - north->jy[c]) + jitter (g, 2);
          vshape[i] = node (g, vx[i], vy[i]);
          refs[k + 1] = vshape[i];
        }
      refs[SHAPE_NODES + 1] = south->junction[c];
      road_tags (g, c, FALSE);
      way (g, refs, G_N_ELEMENTS (refs));
      g->n_streets++;
    }

  for (guint c = 0; c < cols; c++)
    make_block (g, c, north, south, vshape);

  return south;
}

static void
append_file (FILE       *out,
             const char *path)
{
  g_autofree char *buffer = g_malloc (1 << 20);
  FILE *in = g_fopen (path, "rb");
  size_t n;

  if (in == NULL)
    die (path, NULL);
  while ((n = fread (buffer, 1, 1 << 20, in)) > 0)
    if (fwrite (buffer, 1, n, out) != n)
      die ("write the synthetic extract", NULL);
  fclose (in);
  g_unlink (path);
}

/* Writes a synthetic extract of about @target_bytes to @path; returns its size */
static guint64
generate (const char *path,
          guint64     target_bytes)
{
  g_autofree char *nodes_path = g_strconcat (path, ".nodes", NULL);
  g_autofree char *ways_path = g_strconcat (path, ".ways", NULL);
  g_autofree char *relations_path = g_strconcat (path, ".relations", NULL);
  g_autoptr(Line) line = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  const char *footer = "</osm>\n";
  Gen g = { 0 };
  guint est_rows;
  gint64 start = g_get_monotonic_time ();
  char text[4][G_ASCII_DTOSTR_BUF_SIZE];
  FILE *out;
  GStatBuf st;

  g.rand = g_rand_new_with_seed (20260521);
  g.m_per_deg_lon = M_PER_DEG_LAT * cos (CENTRE_LAT * G_PI / 180.0);
  g.cols = CLAMP ((guint) round (sqrt (target_bytes / EST_BLOCK_BYTES)), 2, 1000);
  est_rows = MAX (1, (guint) round (target_bytes / EST_BLOCK_BYTES / g.cols));
  g.lat0 = CENTRE_LAT + est_rows * BLOCK_M / 2 / M_PER_DEG_LAT;
  g.lon0 = CENTRE_LON - g.cols * BLOCK_M / 2 / g.m_per_deg_lon;
  g.element = g_string_sized_new (4096);
  g.keys = g_ptr_array_new_with_free_func (g_free);
  g.values = g_ptr_array_new_with_free_func (g_free);
  g.next_node = 1200000000;
  g.next_way = 110000000;
  g.next_relation = 14000000;
  g.bounds[0] = g.bounds[1] = INFINITY;
  g.bounds[2] = g.bounds[3] = -INFINITY;
  sink_open (&g.nodes, nodes_path);
  sink_open (&g.ways, ways_path);
  sink_open (&g.relations, relations_path);

  /* Rows of blocks until the file is big enough */
  line = make_line (&g, 0);
  while (g.nodes.bytes + g.ways.bytes + g.relations.bytes + 1024 < target_bytes)
    {
      Line *south = make_row (&g, line);

      line_free (g_steal_pointer (&line));
      line = south;
    }
  sink_close (&g.nodes);
  sink_close (&g.ways);
  sink_close (&g.relations);

  g_string_append (header, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<osm version=\"0.6\" generator=\"bench-osm-import (synthetic)\" "
                   "copyright=\"synthetic data, no copyright\" "
                   "attribution=\"http://www.openstreetmap.org/copyright\" "
                   "license=\"http://opendatacommons.org/licenses/odbl/1-0/\">\n");
  g_string_append_printf (header,
                          " <bounds minlat=\"%s\" minlon=\"%s\" maxlat=\"%s\" maxlon=\"%s\"/>\n",
                          g_ascii_formatd (text[0], sizeof text[0], "%.7f", g.bounds[1]),
                          g_ascii_formatd (text[1], sizeof text[1], "%.7f", g.bounds[0]),
                          g_ascii_formatd (text[2], sizeof text[2], "%.7f", g.bounds[3]),
                          g_ascii_formatd (text[3], sizeof text[3], "%.7f", g.bounds[2]));

  out = g_fopen (path, "wb");
  if (out == NULL)
    die (path, NULL);
  if (fwrite (header->str, 1, header->len, out) != header->len)
    die (path, NULL);
  append_file (out, nodes_path);
  append_file (out, ways_path);
  append_file (out, relations_path);
  if (fputs (footer, out) == EOF || fclose (out) != 0)
    die (path, NULL);
  if (g_stat (path, &st) != 0)
    die (path, NULL);

  printf ("synthetic extract: %.2f MB (%.2f MiB) in %.1f s: %u × %u blocks of %.0f m, "
          "%.1f km × %.1f km around %.2f N %.2f E\n",
          mb ((guint64) st.st_size), st.st_size / 1048576.0, seconds_since (start),
          g.cols, line->index, BLOCK_M, g.cols * BLOCK_M / 1000, line->index * BLOCK_M / 1000,
          CENTRE_LAT, CENTRE_LON);
  printf ("  elements: %u nodes (%u tagged), %u ways, %u relations; "
          "%u tags, %u node refs, %u members\n",
          g.n_nodes, g.n_tagged_nodes, g.n_ways, g.n_relations, g.n_tags, g.n_refs, g.n_members);
  printf ("  features: %u street ways, %u footways and paths, %u buildings, "
          "%u landuse/leisure/water areas,\n"
          "            %u points of interest, %u multipolygons, %u bus routes; "
          "%.0f bytes per element\n",
          g.n_streets, g.n_footways, g.n_buildings, g.n_landuse, g.n_pois, g.n_multipolygons,
          g.n_routes,
          st.st_size / (double) (g.n_nodes + g.n_ways + g.n_relations));

  g_free (g.nodes.path);
  g_free (g.ways.path);
  g_free (g.relations.path);
  g_string_free (g.element, TRUE);
  g_ptr_array_unref (g.keys);
  g_ptr_array_unref (g.values);
  g_rand_free (g.rand);
  return (guint64) st.st_size;
}

/* ---- the measured runs ---- */

typedef enum
{
  RUN_IMPORT,
  RUN_OGR2OGR,
} RunKind;

typedef struct
{
  RunKind kind;
  char    input[1024];
  char    output[1024];     /* ogr2ogr: the GeoPackage */
  char    program[1024];    /* ogr2ogr: its path */
  char    log[1024];        /* ogr2ogr: where its messages go */
} Command;

typedef struct
{
  gboolean ok;
  double   new_s;             /* lc_plan_new () */
  double   import_s;          /* lc_osm_import () */
  long     before_kib;        /* the child's ru_maxrss before the import */
  guint    nodes, ways, relations, walkable_ways, path_edges, buildings, residential;
  guint    facilities, landcover, dangling_refs, incomplete_relations, unclosed_rings;
  double   population, path_km;
  char     message[512];
} ImportResult;

typedef struct
{
  int          status;        /* as from wait4 */
  double       wall_s;        /* fork to reaping */
  double       user_s, sys_s;
  long         maxrss_kib;    /* the child's own, from wait4 */
  long         launcher_kib;  /* what it started from */
  ImportResult import;
} RunResult;

static gboolean
read_all (int    fd,
          void  *data,
          gsize  size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = read (fd, (char *) data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
write_all (int         fd,
           const void *data,
           gsize       size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = write (fd, (const char *) data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* In a child of the launcher: imports @path into a new plan */
static void G_GNUC_NORETURN
import_child (const char *path,
              int         result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcOsmImportOptions options = { 0 };
  ImportResult r = { 0 };
  struct rusage usage;
  LcPlan *plan;
  gint64 start;

  getrusage (RUSAGE_SELF, &usage);
  r.before_kib = usage.ru_maxrss;

  start = g_get_monotonic_time ();
  plan = lc_plan_new (&error);
  r.new_s = seconds_since (start);
  if (plan != NULL)
    {
      start = g_get_monotonic_time ();
      r.ok = lc_osm_import (plan, file, &options, &report, NULL, &error);
      r.import_s = seconds_since (start);
    }

  if (r.ok)
    {
      r.nodes = report->nodes;
      r.ways = report->ways;
      r.relations = report->relations;
      r.walkable_ways = report->walkable_ways;
      r.path_edges = report->path_edges;
      r.path_km = report->path_length_m / 1000;
      r.buildings = report->buildings;
      r.residential = report->residential_buildings;
      r.population = report->population;
      r.facilities = report->facilities;
      for (guint i = 0; i < LC_N_LANDCOVER; i++)
        r.landcover += report->landcover[i];
      r.dangling_refs = report->dangling_refs;
      r.incomplete_relations = report->incomplete_relations;
      r.unclosed_rings = report->unclosed_rings;
    }
  else
    g_strlcpy (r.message, error != NULL ? error->message : "failed", sizeof r.message);

  /* Deletes the working copy */
  if (plan != NULL)
    {
      lc_plan_close (plan);
      g_object_unref (plan);
    }

  _exit (write_all (result, &r, sizeof r) ? 0 : 3);
}

/* In a child of the launcher: becomes ogr2ogr */
static void G_GNUC_NORETURN
ogr2ogr_child (const Command *cmd)
{
  g_autofree char *dir = g_path_get_dirname (cmd->output);
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  int log = open (cmd->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  char *argv[] = { (char *) cmd->program, (char *) "-f", (char *) "GPKG",
                   (char *) cmd->output, (char *) cmd->input, NULL };

  if (null < 0 || log < 0 || dup2 (null, STDOUT_FILENO) < 0 || dup2 (log, STDERR_FILENO) < 0 ||
      chdir (dir) != 0)
    _exit (126);
  /* Its temporary node index, if it spills to disk, goes with our files */
  setenv ("CPL_TMPDIR", dir, 1);
  execv (cmd->program, argv);
  _exit (127);
}

static void
run (const Command *cmd,
     RunResult     *r)
{
  struct rusage usage = { 0 };
  int pipe_fds[2] = { -1, -1 };
  gint64 start;
  pid_t pid;

  memset (r, 0, sizeof *r);
  getrusage (RUSAGE_SELF, &usage);
  r->launcher_kib = usage.ru_maxrss;

  if (cmd->kind == RUN_IMPORT && pipe (pipe_fds) != 0)
    {
      r->status = -1;
      return;
    }

  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    {
      r->status = -1;
      return;
    }
  if (pid == 0)
    {
      if (cmd->kind == RUN_IMPORT)
        {
          close (pipe_fds[0]);
          import_child (cmd->input, pipe_fds[1]);
        }
      ogr2ogr_child (cmd);
    }

  if (cmd->kind == RUN_IMPORT)
    {
      close (pipe_fds[1]);
      if (!read_all (pipe_fds[0], &r->import, sizeof r->import))
        r->import.ok = FALSE;
      close (pipe_fds[0]);
    }
  while (wait4 (pid, &r->status, 0, &usage) < 0)
    if (errno != EINTR)
      {
        r->status = -1;
        return;
      }
  r->wall_s = seconds_since (start);
  r->user_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
  r->sys_s = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  r->maxrss_kib = usage.ru_maxrss;
}

/* Forked at startup, while this process is small: runs each command in a
 * child of its own and answers with what wait4 said of it */
static void G_GNUC_NORETURN
launcher (int commands,
          int results)
{
  Command cmd;

  while (read_all (commands, &cmd, sizeof cmd))
    {
      RunResult r;

      run (&cmd, &r);
      if (!write_all (results, &r, sizeof r))
        _exit (2);
    }
  _exit (0);
}

typedef struct
{
  pid_t pid;
  int   commands;
  int   results;
} Launcher;

static void
launcher_start (Launcher *l)
{
  int commands[2], results[2];

  if (pipe (commands) != 0 || pipe (results) != 0)
    die ("pipe", NULL);
  fflush (stdout);
  fflush (stderr);
  l->pid = fork ();
  if (l->pid < 0)
    die ("fork", NULL);
  if (l->pid == 0)
    {
      close (commands[1]);
      close (results[0]);
      launcher (commands[0], results[1]);
    }
  close (commands[0]);
  close (results[1]);
  l->commands = commands[1];
  l->results = results[0];
}

static void
launcher_run (Launcher      *l,
              const Command *cmd,
              RunResult     *r)
{
  if (!write_all (l->commands, cmd, sizeof *cmd) || !read_all (l->results, r, sizeof *r))
    die ("the launcher process", NULL);
}

static void
launcher_stop (Launcher *l)
{
  int status;

  close (l->commands);
  close (l->results);
  while (waitpid (l->pid, &status, 0) < 0 && errno == EINTR)
    ;
}

/* ---- inputs and results ---- */

typedef struct
{
  const char *label;
  char       *path;
  guint64     bytes;
  GArray     *ours;     /* RunResult */
  GArray     *theirs;   /* RunResult */
} Input;

static void
input_clear (Input *input)
{
  g_free (input->path);
  g_clear_pointer (&input->ours, g_array_unref);
  g_clear_pointer (&input->theirs, g_array_unref);
}

typedef struct
{
  double seconds;      /* median */
  double process_s;    /* median, the whole child */
  long   peak_kib;     /* the largest of the runs */
} Summary;

static Summary
summarize (GArray   *runs,
           gboolean  import)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) process = g_array_new (FALSE, FALSE, sizeof (double));
  Summary s = { 0 };

  for (guint i = 0; i < runs->len; i++)
    {
      const RunResult *r = &g_array_index (runs, RunResult, i);
      double t = import ? r->import.import_s : r->wall_s;

      g_array_append_val (times, t);
      g_array_append_val (process, r->wall_s);
      s.peak_kib = MAX (s.peak_kib, r->maxrss_kib);
    }
  s.seconds = bench_median (times);
  s.process_s = bench_median (process);
  return s;
}

static void
gunzip (const char *from,
        const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  raw = g_file_read (source, NULL, &error);
  if (raw == NULL)
    die (from, error);
  in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gz));
  out = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (out == NULL ||
      g_output_stream_splice (G_OUTPUT_STREAM (out), in,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &error) < 0)
    die (to, error);
}

static char *
find_sample (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *from_srcdir = NULL;

  if (sample_path != NULL)
    return g_strdup (sample_path);
  /* G_TEST_SRCDIR is tests/ in the source tree */
  if (srcdir != NULL)
    {
      from_srcdir = g_build_filename (srcdir, "..", "data", "sample", "wujiaochang_fudan.osm.gz",
                                      NULL);
      if (g_file_test (from_srcdir, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&from_srcdir);
    }
  if (g_file_test ("data/sample/wujiaochang_fudan.osm.gz", G_FILE_TEST_IS_REGULAR))
    return g_strdup ("data/sample/wujiaochang_fudan.osm.gz");
  return NULL;
}

static char *
gdal_version (const char *ogr2ogr)
{
  const char *argv[] = { ogr2ogr, "--version", NULL };
  g_autofree char *out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL) ||
      out == NULL)
    return g_strdup ("version unknown");
  return g_strdup (g_strstrip (out));
}

static gboolean
exited_ok (const RunResult *r)
{
  return r->status >= 0 && WIFEXITED (r->status) && WEXITSTATUS (r->status) == 0;
}

/* Both tools on @input, @n_runs times each, taking turns */
static gboolean
measure (Launcher   *l,
         Input      *input,
         const char *ogr2ogr,
         guint       index)
{
  input->ours = g_array_new (FALSE, FALSE, sizeof (RunResult));
  input->theirs = g_array_new (FALSE, FALSE, sizeof (RunResult));

  for (int i = 0; i < n_runs; i++)
    {
      Command cmd = { 0 };
      RunResult r;

      cmd.kind = RUN_IMPORT;
      g_strlcpy (cmd.input, input->path, sizeof cmd.input);
      launcher_run (l, &cmd, &r);
      if (!exited_ok (&r) || !r.import.ok)
        {
          fprintf (stderr, "bench-osm-import: importing %s failed (status 0x%x): %s\n",
                   input->path, (unsigned) r.status,
                   r.import.message[0] != '\0' ? r.import.message : "no result");
          return FALSE;
        }
      g_array_append_val (input->ours, r);
      printf ("  %s, run %d: lc_osm_import %.3f s (plan created in %.3f s, child %.3f s in all, "
              "%.2f s user + %.2f s system), peak RSS %.1f MiB (%.1f MiB at the child's start)\n",
              input->label, i + 1, r.import.import_s, r.import.new_s, r.wall_s, r.user_s, r.sys_s,
              mib (r.maxrss_kib), mib (r.import.before_kib));
      if (i == 0)
        printf ("    kept: %u nodes, %u ways, %u relations read; "
                "%u walkable ways → %u path edges, %.1f km; "
                "%u buildings (%u residential, ≈%.0f residents); "
                "%u facilities; %u landcover areas; "
                "%u dangling refs, %u incomplete relations, %u unclosed rings\n",
                r.import.nodes, r.import.ways, r.import.relations, r.import.walkable_ways,
                r.import.path_edges,
                r.import.path_km, r.import.buildings, r.import.residential, r.import.population,
                r.import.facilities, r.import.landcover, r.import.dangling_refs,
                r.import.incomplete_relations,
                r.import.unclosed_rings);
      fflush (stdout);

      if (ogr2ogr == NULL)
        continue;

      memset (&cmd, 0, sizeof cmd);
      cmd.kind = RUN_OGR2OGR;
      g_strlcpy (cmd.input, input->path, sizeof cmd.input);
      g_strlcpy (cmd.program, ogr2ogr, sizeof cmd.program);
      g_snprintf (cmd.output, sizeof cmd.output, "%s/ogr2ogr-%u-%d.gpkg", temp_root, index, i);
      g_snprintf (cmd.log, sizeof cmd.log, "%s/ogr2ogr-%u-%d.log", temp_root, index, i);
      launcher_run (l, &cmd, &r);
      if (!exited_ok (&r))
        {
          g_autofree char *log = NULL;

          g_file_get_contents (cmd.log, &log, NULL, NULL);
          fprintf (stderr, "bench-osm-import: ogr2ogr on %s failed (status 0x%x):\n%s\n",
                   input->path, (unsigned) r.status, log != NULL ? log : "");
          return FALSE;
        }
      g_array_append_val (input->theirs, r);
      {
        GStatBuf st;

        printf ("  %s, run %d: ogr2ogr %.3f s (%.2f s user + %.2f s system), peak RSS %.1f MiB; "
                "GeoPackage %.1f MB\n",
                input->label, i + 1, r.wall_s, r.user_s, r.sys_s, mib (r.maxrss_kib),
                g_stat (cmd.output, &st) == 0 ? mb ((guint64) st.st_size) : 0.0);
      }
      fflush (stdout);
      g_unlink (cmd.output);
      g_unlink (cmd.log);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *ogr2ogr = NULL;
  g_autofree char *version = NULL;
  g_autofree char *sample = NULL;
  Input inputs[2] = { { 0 } };
  Launcher l;
  const char *env;
  gboolean all_met = TRUE;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_FILENAME, &sample_path, "The 五角场 extract (.osm.gz)", "FILE" },
    { "mb", 0, 0, G_OPTION_ARG_DOUBLE, &target_mb,
      "Size of the synthetic extract in MB (LC_BENCH_OSM_MB, 100)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs,
      "Runs of each tool on each file (LC_BENCH_OSM_RUNS, 3)", "N" },
    { NULL }
  };

  if ((env = g_getenv ("LC_BENCH_OSM_MB")) != NULL && *env != '\0')
    target_mb = g_ascii_strtod (env, NULL);
  if ((env = g_getenv ("LC_BENCH_OSM_RUNS")) != NULL && *env != '\0')
    n_runs = atoi (env);

  context = g_option_context_new ("— time the OSM import against ogr2ogr");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  n_runs = MAX (n_runs, 1);
  if (!(target_mb > 0 && target_mb <= 1500))
    {
      fprintf (stderr, "bench-osm-import: the synthetic extract's size must be "
               "between 0 and 1500 MB\n");
      return 1;
    }

  /* Working copies go to a folder of our own, set before any lc_plan call */
  plan_fixture_use_temp_state ();
  temp_state = g_strdup (g_getenv ("XDG_STATE_HOME"));
  temp_root = g_dir_make_tmp ("lc-bench-osm-XXXXXX", &error);
  if (temp_root == NULL)
    die ("temporary folder", error);

  /* The measured runs start from a process this small */
  launcher_start (&l);

  sample = find_sample ();
  if (sample == NULL)
    {
      fprintf (stderr, "bench-osm-import: no data/sample/wujiaochang_fudan.osm.gz: "
               "give --sample or G_TEST_SRCDIR\n");
      launcher_stop (&l);
      remove_temporary_files ();
      return 1;
    }

  ogr2ogr = g_find_program_in_path ("ogr2ogr");
  if (ogr2ogr != NULL)
    {
      version = gdal_version (ogr2ogr);
      printf ("ogr2ogr: %s (%s)\n", ogr2ogr, version);
    }
  else
    printf ("ogr2ogr: not found (install gdal-bin): skipped, only our importer is timed\n");
  printf ("runs of each tool on each file: %d (time: median; peak RSS: the largest)\n", n_runs);

  /* 1. The sample, plain */
  inputs[0].label = "wujiaochang_fudan.osm";
  inputs[0].path = g_build_filename (temp_root, "wujiaochang_fudan.osm", NULL);
  gunzip (sample, inputs[0].path);
  {
    GStatBuf st, gz;

    if (g_stat (inputs[0].path, &st) != 0 || g_stat (sample, &gz) != 0)
      die (inputs[0].path, NULL);
    inputs[0].bytes = (guint64) st.st_size;
    printf ("五角场 sample: %s, %.2f MB gzip-compressed, %.2f MB as plain XML\n",
            sample, mb ((guint64) gz.st_size), mb (inputs[0].bytes));
  }

  /* 2. The synthetic extract */
  inputs[1].label = "synthetic.osm";
  inputs[1].path = g_build_filename (temp_root, "synthetic.osm", NULL);
  inputs[1].bytes = generate (inputs[1].path, (guint64) (target_mb * 1e6));
  fflush (stdout);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    if (!measure (&l, &inputs[i], ogr2ogr, i))
      {
        launcher_stop (&l);
        for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
          input_clear (&inputs[k]);
        remove_temporary_files ();
        return 1;
      }
  launcher_stop (&l);

  /* Side by side */
  printf ("\n%-22s %8s | %-31s | %-31s | %s\n", "", "", "lc_osm_import (ours)",
          ogr2ogr != NULL ? "ogr2ogr -f GPKG" : "ogr2ogr (skipped)", "ogr2ogr time /");
  printf ("%-22s %8s | %8s %8s %13s | %8s %8s %13s | %s\n", "input", "size MB",
          "time s", "MB/s", "peak RSS MiB", "time s", "MB/s", "peak RSS MiB",
          "our time, target ≥ 3×");
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      Input *in = &inputs[i];
      Summary ours = summarize (in->ours, TRUE);
      double size = mb (in->bytes);

      printf ("%-22s %8.2f | %8.3f %8.1f %13.1f | ", in->label, size,
              ours.seconds, size / ours.seconds, mib (ours.peak_kib));
      if (in->theirs->len > 0)
        {
          Summary theirs = summarize (in->theirs, FALSE);
          double ratio = theirs.seconds / ours.seconds;
          gboolean met = ratio >= TARGET_RATIO;

          all_met = all_met && met;
          printf ("%8.3f %8.1f %13.1f | %5.2f× %s\n", theirs.seconds, size / theirs.seconds,
                  mib (theirs.peak_kib), ratio, met ? "MET" : "MISSED");
        }
      else
        printf ("%8s %8s %13s | skipped\n", "-", "-", "-");
    }
  printf ("\nMB = 10^6 bytes; time: median of %d run(s); peak RSS: ru_maxrss from wait4 of each "
          "run's own child, the largest of the runs.\n", n_runs);
  printf ("Our time is lc_osm_import () alone; our whole child process, with lc_plan_new () "
          "and closing the plan, took");
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      Summary ours = summarize (inputs[i].ours, TRUE);

      printf ("%s %.3f s on %s", i > 0 ? "," : "", ours.process_s, inputs[i].label);
      if (inputs[i].theirs->len > 0)
        printf (" (ratio %.2f×)", summarize (inputs[i].theirs, FALSE).seconds / ours.process_s);
    }
  printf (".\n");
  if (ogr2ogr != NULL)
    printf ("target: our importer at least %.0f× faster than ogr2ogr on every input: %s\n",
            TARGET_RATIO, all_met ? "MET" : "MISSED");
  else
    printf ("target: not checked, ogr2ogr was skipped\n");

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    input_clear (&inputs[i]);
  remove_temporary_files ();
  return 0;
}
