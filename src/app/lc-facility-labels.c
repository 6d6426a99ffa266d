/* lc-facility-labels.c: the facility layer's names, placed where they do not overlap
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
 * Names come after the symbols, from zoom 17, where they fit: each right of
 * its symbol, else left of it, else not at all.
 */

#define LABEL_GAP 3.0           /* px between a symbol and its label */
#define LABEL_PAD_X 4.0
#define LABEL_PAD_Y 1.0
#define MAX_LABEL_TRIES 1500    /* labels measured per snapshot, at most */
#define MAX_CACHED_LABELS 4096
#define GRID_CELL 4             /* px: resolution of the label placement grid */

/* What covers a cell of the label grid */
typedef enum
{
  OCCUPIED_SYMBOL     = 1 << 0,   /* a need, or a facility other than a hub or a pavilion */
  OCCUPIED_KEY_SYMBOL = 1 << 1,   /* a 人民坊 or a 六艺亭 */
  OCCUPIED_LABEL      = 1 << 2,
} Occupied;

void
lc_facility_labels_init (LcFacilityLabels *self)
{
  self->layouts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->grid = g_byte_array_new ();
}

/**
 * lc_facility_labels_clear:
 *
 * Forgets the names laid out: the features they were for are gone.
 */
void
lc_facility_labels_clear (LcFacilityLabels *self)
{
  g_hash_table_remove_all (self->layouts);
}

void
lc_facility_labels_finish (LcFacilityLabels *self)
{
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->grid, g_byte_array_unref);
}

static PangoLayout *
get_label (LcFacilityLabels      *self,
           GtkWidget             *widget,
           const LcFacilityIndex *index,
           guint                  i)
{
  const Feature *f = lc_facility_index_get (index, i);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, GUINT_TO_POINTER (i));
  PangoAttrList *attrs;

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->layouts) >= MAX_CACHED_LABELS)
    g_hash_table_remove_all (self->layouts);

  /* Names are Chinese: without a language Pango picks Japanese glyph forms */
  layout = gtk_widget_create_pango_layout (widget, f->name);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string ("zh-cn")));
  if (f->group == GROUP_RENMINFANG)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  else if (f->group == GROUP_LIUYITING)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_SEMIBOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  g_hash_table_insert (self->layouts, GUINT_TO_POINTER (i), layout);
  return layout;
}

/*
 * Labels go where neither a symbol nor another label is, on a grid of
 * GRID_CELL px. A symbol covers its core, a little less than its drawn size,
 * so that a label may touch the white rim of a neighbour but never its face.
 */
static void
grid_reset (LcFacilityLabels *self,
            const View       *view)
{
  self->columns = MAX (1, (int) ceil (view->width / GRID_CELL));
  self->rows = MAX (1, (int) ceil (view->height / GRID_CELL));
  g_byte_array_set_size (self->grid, (guint) (self->columns * self->rows));
  memset (self->grid->data, 0, self->grid->len);
}

/* Visits the cells under [x0, x1) × [y0, y1): marks them with @mark, or,
 * when @mark is 0, reports whether any holds @test */
static gboolean
grid_visit (LcFacilityLabels *self,
            double            x0,
            double            y0,
            double            x1,
            double            y1,
            guint8            mark,
            guint8            test)
{
  int c0 = CLAMP ((int) floor (x0 / GRID_CELL), 0, self->columns - 1);
  int c1 = CLAMP ((int) floor ((x1 - 1e-3) / GRID_CELL), 0, self->columns - 1);
  int r0 = CLAMP ((int) floor (y0 / GRID_CELL), 0, self->rows - 1);
  int r1 = CLAMP ((int) floor ((y1 - 1e-3) / GRID_CELL), 0, self->rows - 1);

  if (x1 <= 0 || y1 <= 0 || x0 >= self->columns * GRID_CELL || y0 >= self->rows * GRID_CELL)
    return FALSE;

  for (int r = r0; r <= r1; r++)
    {
      guint8 *row = self->grid->data + (gsize) r * self->columns;

      for (int c = c0; c <= c1; c++)
        {
          if (mark != 0)
            row[c] |= mark;
          else if (row[c] & test)
            return TRUE;
        }
    }

  return FALSE;
}

/* The names of hubs and pavilions matter most: they may cover lesser
 * symbols, which other names may not */
static gboolean
label_fits (LcFacilityLabels      *self,
            const graphene_rect_t *rect,
            const View            *view,
            gboolean               key)
{
  double x0 = rect->origin.x, y0 = rect->origin.y;
  double x1 = x0 + rect->size.width, y1 = y0 + rect->size.height;
  guint8 symbols = key ? OCCUPIED_KEY_SYMBOL : OCCUPIED_KEY_SYMBOL | OCCUPIED_SYMBOL;

  return x0 >= 0 && y0 >= 0 && x1 <= view->width && y1 <= view->height &&
         !grid_visit (self, x0, y0, x1, y1, 0, OCCUPIED_LABEL) &&
         !grid_visit (self, x0 + 2, y0 + 2, x1 - 2, y1 - 2, 0, symbols);
}

/**
 * lc_facility_labels_draw:
 * @widget: the layer, whose font and colour the names take
 * @visible: (element-type Visible): the symbols drawn, bottom first
 *
 * Draws the names of the symbols drawn where they fit.
 *
 * Returns: how many names it drew
 */
guint
lc_facility_labels_draw (LcFacilityLabels      *self,
                         GtkWidget             *widget,
                         GtkSnapshot           *snapshot,
                         const LcFacilityIndex *index,
                         GArray                *visible,
                         const View            *view)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  GdkRGBA text, back;
  GskRoundedRect clip;
  guint tries = 0, n_drawn = 0;
  gboolean dark;

  /* Cached layouts are shaped for one font and one set of font options */
  if (pango_context_get_serial (context) != self->serial)
    {
      g_hash_table_remove_all (self->layouts);
      self->serial = pango_context_get_serial (context);
    }

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  dark = 0.299 * text.red + 0.587 * text.green + 0.114 * text.blue > 0.5;
  back = dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 0.85 } : (GdkRGBA) { 1, 1, 1, 0.88 };

  grid_reset (self, view);
  for (guint i = 0; i < visible->len; i++)
    {
      const Visible *v = &g_array_index (visible, Visible, i);
      Group group = lc_facility_symbol_group (v->symbol);
      double r = group_info[group].radius - 2;

      /* A project's ring is hollow: its facility's name may sit on it */
      if (group != GROUP_PROJECT)
        grid_visit (self, v->x - r, v->y - r, v->x + r, v->y + r,
                    group == GROUP_RENMINFANG || group == GROUP_LIUYITING ? OCCUPIED_KEY_SYMBOL : OCCUPIED_SYMBOL, 0);
    }

  /* Hubs first, then pavilions, then the rest, each from the south: the
   * symbols are in drawing order, so walk them backwards */
  for (guint i = visible->len; i-- > 0 && tries < MAX_LABEL_TRIES;)
    {
      const Visible *v = &g_array_index (visible, Visible, i);
      const Feature *f = lc_facility_index_get (index, v->index);
      double offset = group_info[f->group].radius + LABEL_GAP;
      PangoLayout *layout;
      PangoRectangle logical;
      graphene_rect_t rect;
      double w, h;

      if (f->name == NULL || f->group == GROUP_NEED || f->group == GROUP_PROJECT)
        continue;

      tries++;
      layout = get_label (self, widget, index, v->index);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      w = logical.width + 2 * LABEL_PAD_X;
      h = logical.height + 2 * LABEL_PAD_Y;

      /* Right of the symbol, else left of it, else nowhere */
      graphene_rect_init (&rect, v->x + offset, round (v->y - h / 2), w, h);
      if (!label_fits (self, &rect, view, f->group != GROUP_OTHER))
        {
          rect.origin.x = v->x - offset - w;
          if (!label_fits (self, &rect, view, f->group != GROUP_OTHER))
            continue;
        }
      grid_visit (self, rect.origin.x, rect.origin.y,
                  rect.origin.x + rect.size.width, rect.origin.y + rect.size.height, OCCUPIED_LABEL, 0);

      gsk_rounded_rect_init_from_rect (&clip, &rect, MIN (h / 2, 6.0));
      gtk_snapshot_push_rounded_clip (snapshot, &clip);
      gtk_snapshot_append_color (snapshot, &back, &rect);
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + LABEL_PAD_X - logical.x,
                                                              rect.origin.y + LABEL_PAD_Y - logical.y));
      gtk_snapshot_append_layout (snapshot, layout, &text);
      gtk_snapshot_restore (snapshot);

      n_drawn++;
    }

  return n_drawn;
}
