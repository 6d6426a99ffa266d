/* lc-bzip2-decompressor.c: a GConverter for .bz2 streams
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-bzip2-decompressor"

#include "config.h"

#include <string.h>
#include <bzlib.h>
#include <glib/gi18n.h>

#include "lc-bzip2-decompressor.h"

/*
 * GIO decompresses gzip (GZlibDecompressor) but not bzip2, in which
 * Geofabrik and planet extracts come; libbz2 does the work, this adapts it
 * to GConverter so that any GInputStream can be read through it. Like
 * bunzip2, it reads concatenated streams (as pbzip2 writes them).
 */

struct _LcBzip2Decompressor
{
  GObject parent_instance;

  bz_stream bz;
  gboolean  initialised;
  gboolean  between_streams;   /* one stream ended; another may follow */
};

static void lc_bzip2_decompressor_iface_init (GConverterIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LcBzip2Decompressor, lc_bzip2_decompressor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER, lc_bzip2_decompressor_iface_init))

static void
start_stream (LcBzip2Decompressor *self)
{
  if (self->initialised)
    BZ2_bzDecompressEnd (&self->bz);
  memset (&self->bz, 0, sizeof self->bz);
  /* small = 0, verbosity = 0; failure only on a bad parameter or no memory */
  self->initialised = BZ2_bzDecompressInit (&self->bz, 0, 0) == BZ_OK;
}

static void
lc_bzip2_decompressor_reset (GConverter *converter)
{
  LcBzip2Decompressor *self = LC_BZIP2_DECOMPRESSOR (converter);

  start_stream (self);
  self->between_streams = FALSE;
}

static GConverterResult
lc_bzip2_decompressor_convert (GConverter       *converter,
                               const void       *inbuf,
                               gsize             inbuf_size,
                               void             *outbuf,
                               gsize             outbuf_size,
                               GConverterFlags   flags,
                               gsize            *bytes_read,
                               gsize            *bytes_written,
                               GError          **error)
{
  LcBzip2Decompressor *self = LC_BZIP2_DECOMPRESSOR (converter);
  int rc;

  if (!self->initialised)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not start decompressing."));
      return G_CONVERTER_ERROR;
    }

  if (self->between_streams)
    {
      if (inbuf_size == 0 && (flags & G_CONVERTER_INPUT_AT_END))
        {
          *bytes_read = *bytes_written = 0;
          return G_CONVERTER_FINISHED;
        }
      if (inbuf_size > 0)
        self->between_streams = FALSE;
    }

  self->bz.next_in = (char *) inbuf;
  self->bz.avail_in = MIN (inbuf_size, G_MAXUINT);
  self->bz.next_out = outbuf;
  self->bz.avail_out = MIN (outbuf_size, G_MAXUINT);

  rc = BZ2_bzDecompress (&self->bz);

  *bytes_read = MIN (inbuf_size, G_MAXUINT) - self->bz.avail_in;
  *bytes_written = MIN (outbuf_size, G_MAXUINT) - self->bz.avail_out;

  switch (rc)
    {
    case BZ_OK:
      if (*bytes_read == 0 && *bytes_written == 0)
        {
          if (flags & G_CONVERTER_INPUT_AT_END)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                   _("The compressed file is cut short."));
              return G_CONVERTER_ERROR;
            }
          g_set_error_literal (error, G_IO_ERROR, outbuf_size == 0 ? G_IO_ERROR_NO_SPACE : G_IO_ERROR_PARTIAL_INPUT,
                               "need more");
          return G_CONVERTER_ERROR;
        }
      return G_CONVERTER_CONVERTED;

    case BZ_STREAM_END:
      if (self->bz.avail_in == 0 && (flags & G_CONVERTER_INPUT_AT_END))
        return G_CONVERTER_FINISHED;
      /* Another stream may follow (pbzip2 writes several) */
      start_stream (self);
      self->between_streams = self->bz.avail_in == 0;
      return G_CONVERTER_CONVERTED;

    case BZ_DATA_ERROR:
    case BZ_DATA_ERROR_MAGIC:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file is not valid bzip2-compressed data."));
      return G_CONVERTER_ERROR;

    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not decompress the file."));
      return G_CONVERTER_ERROR;
    }
}

static void
lc_bzip2_decompressor_iface_init (GConverterIface *iface)
{
  iface->convert = lc_bzip2_decompressor_convert;
  iface->reset = lc_bzip2_decompressor_reset;
}

static void
lc_bzip2_decompressor_finalize (GObject *object)
{
  LcBzip2Decompressor *self = LC_BZIP2_DECOMPRESSOR (object);

  if (self->initialised)
    BZ2_bzDecompressEnd (&self->bz);

  G_OBJECT_CLASS (lc_bzip2_decompressor_parent_class)->finalize (object);
}

static void
lc_bzip2_decompressor_class_init (LcBzip2DecompressorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_bzip2_decompressor_finalize;
}

static void
lc_bzip2_decompressor_init (LcBzip2Decompressor *self)
{
  start_stream (self);
}

/**
 * lc_bzip2_decompressor_new:
 *
 * Returns: (transfer full): a converter from bzip2 data to its contents
 */
LcBzip2Decompressor *
lc_bzip2_decompressor_new (void)
{
  return g_object_new (LC_TYPE_BZIP2_DECOMPRESSOR, NULL);
}
