/* lc-exchange.h: projects, needs, the blueprint and meetings as spreadsheets (CSV, SpreadsheetML)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"
#include "lc-project.h"

G_BEGIN_DECLS

#define LC_EXCHANGE_ERROR (lc_exchange_error_quark ())

typedef enum
{
  LC_EXCHANGE_ERROR_FAILED,
  LC_EXCHANGE_ERROR_NOT_UTF8,       /* the sheet is not UTF-8 text */
  LC_EXCHANGE_ERROR_TOO_LARGE,      /* over LC_EXCHANGE_MAX_FILE_SIZE */
  LC_EXCHANGE_ERROR_TOO_MANY_ROWS,  /* over LC_EXCHANGE_MAX_ROWS */
  LC_EXCHANGE_ERROR_MALFORMED,      /* an unclosed quote, an unreadable XML workbook */
  LC_EXCHANGE_ERROR_UNKNOWN_SHEET,  /* headers of none of the sheets */
  LC_EXCHANGE_ERROR_BAD_ROWS,       /* applying a preview with bad rows, not skipping them */
} LcExchangeError;

/* Sheets larger than this are refused: a unit's lists are far smaller */
#define LC_EXCHANGE_MAX_FILE_SIZE (32 * 1024 * 1024)
#define LC_EXCHANGE_MAX_ROWS 50000
#define LC_EXCHANGE_MAX_COLUMNS 256

typedef enum
{
  LC_SHEET_PROJECTS,           /* 项目清单 */
  LC_SHEET_NEEDS,              /* 需求清单 */
  LC_SHEET_BLUEPRINT,          /* 社区蓝图 */
  LC_SHEET_BLUEPRINT_TARGETS,  /* 蓝图目标 */
  LC_SHEET_MEETINGS,           /* 会议记录: the 一图三会 meeting log */
} LcSheetKind;

typedef enum
{
  LC_EXCHANGE_FORMAT_CSV,      /* UTF-8 with BOM, RFC 4180 */
  LC_EXCHANGE_FORMAT_XML,      /* Excel 2003 XML Spreadsheet (SpreadsheetML) */
} LcExchangeFormat;

GQuark               lc_exchange_error_quark   (void);

/* CSV: rows are GStrv */
GPtrArray           *lc_csv_parse              (const char        *data,
                                                gsize              len,
                                                GError           **error);
void                 lc_csv_append_row         (GString           *out,
                                                const char * const *cells);
GBytes              *lc_csv_write              (GPtrArray         *rows);
GBytes              *lc_spreadsheet_xml_write  (const char        *sheet_name,
                                                GPtrArray         *rows);
GPtrArray           *lc_spreadsheet_xml_parse  (const char        *data,
                                                gsize              len,
                                                GError           **error);
GPtrArray           *lc_sheet_parse            (GBytes            *data,
                                                GError           **error);

const char          *lc_sheet_kind_name        (LcSheetKind        kind);
const char          *lc_sheet_kind_title       (LcSheetKind        kind);
const char * const  *lc_sheet_headers          (LcSheetKind        kind);
const char * const  *lc_sheet_keys             (LcSheetKind        kind);
gboolean             lc_exchange_format_for_path (const char      *path,
                                                  LcExchangeFormat *format);

GPtrArray           *lc_exchange_project_rows  (LcPlan            *plan,
                                                const LcProjectFilter *filter,
                                                GError           **error);
GPtrArray           *lc_exchange_need_rows     (LcPlan            *plan,
                                                GError           **error);
GPtrArray           *lc_exchange_blueprint_rows (LcPlan           *plan,
                                                 LcSheetKind       kind,
                                                 GError          **error);
GPtrArray           *lc_exchange_meeting_rows  (LcPlan            *plan,
                                                GError           **error);
GBytes              *lc_exchange_export        (LcPlan            *plan,
                                                LcSheetKind        kind,
                                                const LcProjectFilter *filter,
                                                LcExchangeFormat   format,
                                                GError           **error);

typedef struct
{
  guint      row;        /* the row's number in the sheet, the headers being row 1 */
  GStrv      values;     /* one per lc_sheet_headers(): what the row will hold once written */
  GPtrArray *errors;     /* (element-type utf8): translated, "Row 4: …"; empty for a good row */
  gint64     replaces;   /* id or fid of the row it replaces, 0 when it adds one */
  gpointer   item;       /* private: the LcProject, LcNeed, … to write */
  GStrv      links;      /* private: the project names a need names */
} LcImportRow;

typedef struct
{
  LcSheetKind  kind;
  GPtrArray   *rows;      /* (element-type LcImportRow) */
  GPtrArray   *warnings;  /* (element-type utf8): columns ignored, translated */
  guint        n_bad;     /* rows with errors */
} LcImportPreview;

LcImportPreview     *lc_exchange_preview        (LcPlan            *plan,
                                                 GBytes            *data,
                                                 GError           **error);
gboolean             lc_exchange_apply          (LcPlan            *plan,
                                                 const LcImportPreview *preview,
                                                 gboolean           skip_bad_rows,
                                                 guint             *n_written,
                                                 GError           **error);
char                *lc_import_preview_to_text  (const LcImportPreview *preview);
void                 lc_import_preview_free     (LcImportPreview   *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcImportPreview, lc_import_preview_free)

G_END_DECLS
