/* lc-facility-symbols.c: the facility layer's symbols: colours, images, drawing
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-facility-layer-private.h"

/*
 * Each symbol style (shape × status × colour) is drawn once with cairo into a
 * small image at the widget's scale factor. A snapshot places symbols on
 * whole device pixels, so they stay crisp, and draws them as one texture
 * node each when there are few; when there are many, it composites them
 * itself into one image (see append_symbols_as_image()).
 */

/* Above this many symbols, they are composited into one image (see
 * append_symbols_as_image()), at a fixed cost of one image of their extent;
 * a texture node costs the cairo renderer some 8 µs, the GL one less */
#define MAX_SYMBOL_NODES_CAIRO 250
#define MAX_SYMBOL_NODES_GL 4000

/* Neighbours in the catalogue get unlike hues */
static const guint32 palette[N_COLOURS] = {
  0xd62f2f, /* party_service: red */
  0xf08c00, /* community_deliberation: orange */
  0x8b5a2b, /* employment: brown */
  0x1c6fd6, /* health: blue */
  0xd4a106, /* elderly: gold */
  0xe8579b, /* childcare: pink */
  0x8e44ad, /* culture: purple */
  0x2e9e48, /* sports: green */
  0x0b7285, /* emergency: dark teal */
  0x7cb518, /* public_space: lime */
  0x12b886, /* nature: mint */
  0x4c5fd5, /* learning: indigo */
  0xc2255c, /* child_care_after_school: raspberry */
  0x22b8cf, /* all_day_health: cyan */
  0xa48be8, /* elderly_care: lavender */
  0xa9746e, /* daily_life: rosy brown */
  0x5f3dc4, /* culture_outreach: deep violet */
  0x495057, /* startup_space: charcoal */
  0x5ca8f0, /* smart: sky blue */
  0x6b8e23, /* municipal_env: olive */
  0x9a9996, /* none: grey */
};

#define NEED_COLOUR 0xe01b24
#define PROJECT_COLOUR 0x9141ac

static void
set_source_hex (cairo_t *cr,
                guint32  rgb,
                double   shade,
                double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0 * shade,
                         ((rgb >> 8) & 0xff) / 255.0 * shade,
                         (rgb & 0xff) / 255.0 * shade,
                         alpha);
}

static void
rounded_square_path (cairo_t *cr,
                     double   half,
                     double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, half - radius, -half + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, half - radius, half - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, -half + radius, half - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, -half + radius, -half + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
shape_path (cairo_t *cr,
            Group    group)
{
  cairo_new_path (cr);
  switch (group)
    {
    case GROUP_RENMINFANG:
      rounded_square_path (cr, 9.0, 2.5);
      break;

    case GROUP_LIUYITING:
      /* A hexagon standing on a point, like a pavilion's roof seen from above */
      for (int i = 0; i < 6; i++)
        {
          double a = (60 * i - 90) * G_PI / 180;

          cairo_line_to (cr, 9.5 * cos (a), 9.5 * sin (a));
        }
      cairo_close_path (cr);
      break;

    case GROUP_NEED:
      cairo_move_to (cr, 0, -7.5);
      cairo_line_to (cr, 7.5, 5.5);
      cairo_line_to (cr, -7.5, 5.5);
      cairo_close_path (cr);
      break;

    case GROUP_OTHER:
    case GROUP_PROJECT:
    case N_GROUPS:
    default:
      cairo_arc (cr, 0, 0, 6.0, 0, 2 * G_PI);
      break;
    }
}

/* A soft shadow and a white rim make a symbol stand out on any background */
static void
draw_base (cairo_t *cr,
           Group    group)
{
  cairo_save (cr);
  cairo_translate (cr, 0, 1);
  shape_path (cr, group);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.28);
  cairo_set_line_width (cr, 5.5);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
  cairo_restore (cr);

  shape_path (cr, group);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
}

static void
draw_facility (cairo_t *cr,
               Group    group,
               Status   status,
               guint32  colour)
{
  static const double hub_dash[] = { 4.0, 2.5 };
  static const double pavilion_dash[] = { 3.5, 2.4 };

  draw_base (cr, group);

  switch (status)
    {
    case STATUS_PLANNED:
      /* Proposed: white inside, a bold coloured outline, dashed where the
       * shape is large enough for dashes to read */
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_set_line_width (cr, 2.5);
      if (group == GROUP_RENMINFANG)
        cairo_set_dash (cr, hub_dash, G_N_ELEMENTS (hub_dash), 0);
      else if (group == GROUP_LIUYITING)
        cairo_set_dash (cr, pavilion_dash, G_N_ELEMENTS (pavilion_dash), 1.2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case STATUS_UNDER_CONSTRUCTION:
      /* Half built: the left half filled */
      cairo_save (cr);
      shape_path (cr, group);
      cairo_clip (cr);
      cairo_rectangle (cr, -20, -20, 20, 40);
      set_source_hex (cr, colour, 1, 1);
      cairo_fill (cr);
      cairo_restore (cr);
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      break;

    case STATUS_EXISTING:
    case N_STATUSES:
    default:
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_fill_preserve (cr);
      set_source_hex (cr, colour, 0.65, 1);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      break;
    }

  /* The hub's mark: a small square in the middle, in the contrasting colour */
  if (group == GROUP_RENMINFANG)
    {
      cairo_new_path (cr);
      rounded_square_path (cr, 3.0, 1.0);
      switch (status)
        {
        case STATUS_PLANNED:
          set_source_hex (cr, colour, 1, 1);
          cairo_fill (cr);
          break;

        case STATUS_UNDER_CONSTRUCTION:
          /* Across the half-filled face: white, edged in the colour */
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          set_source_hex (cr, colour, 1, 1);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
          break;

        case STATUS_EXISTING:
        case N_STATUSES:
        default:
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill (cr);
          break;
        }
    }
}

static void
draw_need (cairo_t *cr)
{
  draw_base (cr, GROUP_NEED);
  shape_path (cr, GROUP_NEED);
  set_source_hex (cr, NEED_COLOUR, 1, 1);
  cairo_fill_preserve (cr);
  set_source_hex (cr, NEED_COLOUR, 0.65, 1);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* A ring with a dot: drawn under the facilities, so that a project at a
 * facility rings it */
static void
draw_project (cairo_t *cr)
{
  cairo_new_path (cr);
  cairo_arc (cr, 0, 1, 13.0, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 6.0);
  cairo_stroke (cr);

  cairo_arc (cr, 0, 0, 13.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 6.0);
  cairo_stroke_preserve (cr);
  set_source_hex (cr, PROJECT_COLOUR, 1, 1);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);

  cairo_arc (cr, 0, 0, 3.5, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  set_source_hex (cr, PROJECT_COLOUR, 1, 1);
  cairo_fill (cr);
}

static cairo_surface_t *
render_symbol (guint index,
               int   scale)
{
  Group group = lc_facility_symbol_group (index);
  int size = group_info[group].size;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale, size * scale);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, size / 2, size / 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (index == SYMBOL_NEED)
    draw_need (cr);
  else if (index == SYMBOL_PROJECT)
    draw_project (cr);
  else
    draw_facility (cr, group, (index / N_COLOURS) % N_STATUSES, palette[index % N_COLOURS]);

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* cairo's ARGB32 is premultiplied, in native byte order: GDK_MEMORY_DEFAULT */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  int size = cairo_image_surface_get_width (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * size);

  return gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);
}

static void
clear_symbols (LcFacilitySymbols *self)
{
  for (guint i = 0; i < N_SYMBOLS; i++)
    {
      g_clear_pointer (&self->surfaces[i], cairo_surface_destroy);
      g_clear_object (&self->textures[i]);
    }
}

/**
 * lc_facility_symbols_set_scale:
 * @scale: the widget's scale factor
 *
 * Symbols are drawn for one scale: another one draws them anew.
 */
void
lc_facility_symbols_set_scale (LcFacilitySymbols *self,
                               int                scale)
{
  if (scale == self->scale)
    return;
  clear_symbols (self);
  self->scale = scale;
}

/**
 * lc_facility_symbols_clear:
 *
 * Drops every symbol and image, to be drawn anew at the next set_scale().
 */
void
lc_facility_symbols_clear (LcFacilitySymbols *self)
{
  clear_symbols (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->images); i++)
    g_clear_pointer (&self->images[i], cairo_surface_destroy);
  self->scale = 0;
}

static cairo_surface_t *
get_symbol_surface (LcFacilitySymbols *self,
                    guint              index)
{
  if (self->surfaces[index] == NULL)
    self->surfaces[index] = render_symbol (index, self->scale);
  return self->surfaces[index];
}

static GdkTexture *
get_symbol (LcFacilitySymbols *self,
            guint              index)
{
  if (self->textures[index] == NULL)
    self->textures[index] = texture_for_surface (get_symbol_surface (self, index));
  return self->textures[index];
}

/* A node per symbol: cheap to build, and the GL renderer draws them from
 * one texture each */
static void
append_symbols_as_nodes (LcFacilitySymbols *self,
                         GtkSnapshot       *snapshot,
                         GArray            *visible)
{
  for (guint i = 0; i < visible->len; i++)
    {
      const Visible *v = &g_array_index (visible, Visible, i);
      double half = group_info[lc_facility_symbol_group (v->symbol)].size / 2.0;

      gtk_snapshot_append_texture (snapshot, get_symbol (self, v->symbol),
                                   &GRAPHENE_RECT_INIT (v->x - half, v->y - half, 2 * half, 2 * half));
    }
}

/* Premultiplied @src over premultiplied @dst, 8 bits a channel: the two
 * channels of each half at once, rounded as pixman does */
static inline guint32
over (guint32 src,
      guint32 dst)
{
  guint32 ia = 255 - (src >> 24);
  guint32 rb = (dst & 0x00ff00ff) * ia + 0x00800080;
  guint32 ag = ((dst >> 8) & 0x00ff00ff) * ia + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return src + (rb | ag);
}

/* Where each row of a symbol has pixels, and its longest run of opaque
 * ones, which compositing copies instead of blending */
typedef struct
{
  gint16 first, end;            /* [first, end): not transparent */
  gint16 opaque, opaque_end;    /* [opaque, opaque_end): opaque */
} RowSpan;

static const cairo_user_data_key_t row_spans_key;

static const RowSpan *
get_row_spans (cairo_surface_t *symbol)
{
  RowSpan *spans = cairo_surface_get_user_data (symbol, &row_spans_key);
  const guint8 *data;
  int size, stride;

  if (spans != NULL)
    return spans;

  data = cairo_image_surface_get_data (symbol);
  size = cairo_image_surface_get_width (symbol);
  stride = cairo_image_surface_get_stride (symbol);
  spans = g_new0 (RowSpan, size);
  for (int r = 0; r < size; r++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) r * stride);
      int run = 0;

      spans[r].first = (gint16) size;
      for (int c = 0; c < size; c++)
        {
          if (row[c] != 0)
            {
              spans[r].first = (gint16) MIN (spans[r].first, c);
              spans[r].end = (gint16) (c + 1);
            }
          run = row[c] >= 0xff000000 ? run + 1 : 0;
          if (run > spans[r].opaque_end - spans[r].opaque)
            {
              spans[r].opaque = (gint16) (c + 1 - run);
              spans[r].opaque_end = (gint16) (c + 1);
            }
        }
    }
  cairo_surface_set_user_data (symbol, &row_spans_key, spans, g_free);
  return spans;
}

static inline void
blend_run (guint32       *d,
           const guint32 *s,
           int            from,
           int            to)
{
  for (int c = from; c < to; c++)
    {
      guint32 p = s[c];

      if (p == 0)
        continue;
      d[c] = p >= 0xff000000 ? p : over (p, d[c]);
    }
}

/* Composites the square ARGB32 @symbol onto @data with its top left at
 * (@x, @y), clipped to @width × @height: each row's opaque middle is
 * copied, only its edges blended. Not inlined: inlined into its caller,
 * GCC 12 keeps the edge loops' bounds on the stack, which costs the
 * composited frames some 5 % more instructions (callgrind) */
static G_GNUC_NO_INLINE void
blend_symbol (guint32         *data,
              int              stride,
              int              width,
              int              height,
              cairo_surface_t *symbol,
              int              x,
              int              y)
{
  const guint8 *src = cairo_image_surface_get_data (symbol);
  const RowSpan *spans = get_row_spans (symbol);
  int src_stride = cairo_image_surface_get_stride (symbol);
  int size = cairo_image_surface_get_width (symbol);
  int c0 = MAX (0, -x), c1 = MIN (size, width - x);
  int r0 = MAX (0, -y), r1 = MIN (size, height - y);

  for (int r = r0; r < r1; r++)
    {
      const guint32 *s = (const guint32 *) (gconstpointer) (src + (gsize) r * src_stride);
      guint32 *d = data + (gsize) (y + r) * stride + x;
      int from = MAX (c0, spans[r].first), to = MIN (c1, spans[r].end);
      int opaque = CLAMP (spans[r].opaque, from, MAX (from, to));
      int opaque_end = CLAMP (spans[r].opaque_end, opaque, MAX (opaque, to));

      blend_run (d, s, from, opaque);
      if (opaque_end > opaque)
        memcpy (d + opaque, s + opaque, (gsize) (opaque_end - opaque) * sizeof (guint32));
      blend_run (d, s, opaque_end, to);
    }
}

/*
 * A cleared image of @width × @height px. A new one of the window's size
 * costs some 1,000 page faults, several milliseconds in a virtual machine,
 * so images are reused once the render nodes that showed them are gone.
 */
static cairo_surface_t *
get_image (LcFacilitySymbols *self,
           int                width,
           int                height)
{
  cairo_surface_t **slot = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->images); i++)
    {
      cairo_surface_t *image = self->images[i];

      if (image != NULL && cairo_surface_get_reference_count (image) > 1)
        continue;  /* still shown */
      if (image != NULL &&
          cairo_image_surface_get_width (image) == width &&
          cairo_image_surface_get_height (image) == height)
        {
          cairo_surface_flush (image);
          memset (cairo_image_surface_get_data (image), 0, (gsize) cairo_image_surface_get_stride (image) * height);
          return cairo_surface_reference (image);
        }
      if (slot == NULL)
        slot = &self->images[i];
    }

  if (slot == NULL)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  g_clear_pointer (slot, cairo_surface_destroy);
  *slot = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  return cairo_surface_reference (*slot);
}

/*
 * Thousands of nodes cost a renderer far more than they cost us to build
 * (the cairo and software-GL renderers spend some 8 µs on each), so many
 * symbols are composited here into one image of the widget's size, which
 * is then a single node. A plain loop over the symbols' pixels is several
 * times faster than a cairo call per symbol.
 */
static void
append_symbols_as_image (LcFacilitySymbols *self,
                         GtkSnapshot       *snapshot,
                         GArray            *visible,
                         const View        *view,
                         gboolean           cairo_renderer)
{
  int scale = self->scale;
  int view_width = (int) ceil (view->width * scale), view_height = (int) ceil (view->height * scale);
  int x0 = view_width, y0 = view_height, x1 = 0, y1 = 0;
  int width, height, stride;
  cairo_surface_t *image;
  guint32 *data;
  graphene_rect_t bounds;
  cairo_t *cr;

  /* The image covers only what the symbols do: a whole unit seen from afar
   * is a small patch of the window */
  for (guint i = 0; i < visible->len; i++)
    {
      const Visible *v = &g_array_index (visible, Visible, i);
      int size = group_info[lc_facility_symbol_group (v->symbol)].size * scale;
      int x = (int) lround (v->x * scale) - size / 2, y = (int) lround (v->y * scale) - size / 2;

      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + size);
      y1 = MAX (y1, y + size);
    }
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, view_width);
  y1 = MIN (y1, view_height);
  if (x1 <= x0 || y1 <= y0)
    return;

  width = x1 - x0;
  height = y1 - y0;
  image = get_image (self, width, height);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  for (guint i = 0; i < visible->len; i++)
    {
      const Visible *v = &g_array_index (visible, Visible, i);
      int size = group_info[lc_facility_symbol_group (v->symbol)].size * scale;

      blend_symbol (data, stride, width, height, get_symbol_surface (self, v->symbol),
                    (int) lround (v->x * scale) - size / 2 - x0, (int) lround (v->y * scale) - size / 2 - y0);
    }
  cairo_surface_mark_dirty (image);
  cairo_surface_set_device_scale (image, scale, scale);
  graphene_rect_init (&bounds, (float) x0 / scale, (float) y0 / scale, (float) width / scale, (float) height / scale);

  /* GTK 4.8's cairo renderer draws a texture node through a padded
   * pattern, which pixman composites pixel by pixel (15–20 ms for a window
   * of 1200 × 800); a cairo node painting the image takes 1 ms. The GL
   * renderer would only copy that image once more: it gets a texture. */
  if (cairo_renderer)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_set_source_surface (cr, image, bounds.origin.x, bounds.origin.y);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (data, (gsize) stride * 4 * height,
                                                            (GDestroyNotify) cairo_surface_destroy,
                                                            cairo_surface_reference (image));
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride * 4);

      gtk_snapshot_append_texture (snapshot, texture, &bounds);
    }
  cairo_surface_destroy (image);
}

/**
 * lc_facility_symbols_append:
 * @visible: (element-type Visible): the symbols to draw, bottom first
 * @cairo_renderer: whether the widget is drawn by GTK's cairo renderer
 *
 * Draws the symbols: a node each when there are few, else one image.
 */
void
lc_facility_symbols_append (LcFacilitySymbols *self,
                            GtkSnapshot       *snapshot,
                            GArray            *visible,
                            const View        *view,
                            gboolean           cairo_renderer)
{
  if (visible->len > (cairo_renderer ? MAX_SYMBOL_NODES_CAIRO : MAX_SYMBOL_NODES_GL))
    append_symbols_as_image (self, snapshot, visible, view, cairo_renderer);
  else
    append_symbols_as_nodes (self, snapshot, visible);
}

/**
 * lc_facility_layer_legend_symbol:
 * @kind: 0 other, 1 人民坊, 2 六艺亭, 3 a need, 4 a project location
 * @status: 0 existing, 1 planned, 2 under construction
 * @service: the service's index in the catalogue, or -1 for none
 *
 * Returns: (transfer full): the symbol the layer draws, for a legend
 */
GdkTexture *
lc_facility_layer_legend_symbol (guint kind,
                                 guint status,
                                 int   service)
{
  static const Group groups[] = { GROUP_OTHER, GROUP_RENMINFANG, GROUP_LIUYITING };
  guint index;
  cairo_surface_t *surface;
  GdkTexture *texture;

  if (kind == 3)
    index = SYMBOL_NEED;
  else if (kind == 4)
    index = SYMBOL_PROJECT;
  else
    index = ((guint) (groups[MIN (kind, 2)] - GROUP_OTHER) * N_STATUSES + MIN (status, N_STATUSES - 1)) * N_COLOURS +
            (service < 0 || service >= LC_N_SERVICES ? NO_SERVICE : (guint) service);

  surface = render_symbol (index, 2);
  texture = texture_for_surface (surface);
  cairo_surface_destroy (surface);

  return texture;
}

