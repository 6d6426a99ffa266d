/* lc-exchange-private.h: what the parts of the spreadsheet exchange share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-exchange.h"
#include "lc-meeting.h"
#include "lc-plan-private.h"
#include "lc-services.h"

G_BEGIN_DECLS

/*
 * For the lc-exchange*.c files alone:
 *
 *   lc-exchange.c            the sheets, their kinds; export, preview, apply
 *   lc-exchange-csv.c        the CSV codec
 *   lc-exchange-xml.c        the SpreadsheetML (Excel 2003 XML) codec
 *   lc-exchange-cells.c      one cell, written or read, and a row's statements
 *   lc-exchange-projects.c   the projects and needs sheets ↔ the plan
 *   lc-exchange-meetings.c   the meeting log sheet ↔ the plan
 *   lc-exchange-blueprint.c  the blueprint and targets sheets ↔ the plan
 *
 * The column enums follow the order of lc_sheet_keys().
 */

#define LIST_SEPARATOR "、"

/* Columns of the projects sheet */
enum {
  P_NAME, P_KIND, P_ROLE, P_SERVICES, P_YEAR, P_STATUS, P_PROGRESS, P_BUDGET, P_FUNDING, P_BODY, P_CONTENT,
  P_PATH, P_START, P_END, P_DESIGN, P_LAT, P_LON, P_NOTES, P_N
};

/* … of the needs sheet */
enum { N_DATE, N_SOURCE, N_SERVICE, N_DESCRIPTION, N_URGENCY, N_RESIDENTS, N_STATUS, N_LAT, N_LON, N_PROJECTS,
       N_NOTES, N_N };

/* … of the meeting log */
enum {
  M_TYPE, M_DATE, M_PLACE, M_LAT, M_LON, M_ORGANISER, M_ORGANISER_NOTE, M_CHAIR, M_ATTENDANCE, M_AGENDA,
  M_MINUTES, M_DECISIONS, M_PROJECTS, M_VOTES, M_ABSTENTIONS, M_RATING_1, M_RATING_5 = M_RATING_1 + 4,
  M_FEEDBACK, M_N
};

/* … of the blueprint */
enum { B_SECTION, B_TITLE, B_BODY, B_N };

/* … of the blueprint targets */
enum { T_SERVICE, T_YEAR, T_FACILITIES, T_COVERAGE, T_NOTES, T_N };

/* The most columns a sheet has */
#define MAX_KEYS MAX ((int) P_N, (int) M_N)

/* Between the linked projects and between the vote options of a meeting */
#define MEETING_SEPARATOR "；"

/* Reads a sheet's rows one at a time */
typedef struct
{
  LcPlan      *plan;
  LcSheetKind  kind;
  int          column[MAX_KEYS];  /* sheet column of each key, -1 when absent */
  GStrv        cells;          /* the current row */
  GPtrArray   *errors;         /* the current row's, without "Row n: " */
  GError      *failed;         /* the first error reading the plan: it ends the preview */
} SheetReader;

/* What a row of each sheet will write (LcImportRow.item); projects and
 * needs are an LcProject and an LcNeed */
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

typedef struct
{
  LcMeeting *meeting;
  GPtrArray *options;     /* (element-type LcVoteOption) */
  gint64     counts[5];
  gboolean   had_ratings;
} MeetingItem;

/* lc-exchange-csv.c: the limits both codecs keep */
gboolean      lc_sheet_check_text         (const char          *data,
                                           gsize                len,
                                           GError             **error);
gboolean      lc_sheet_add_row            (GPtrArray           *rows,
                                           GPtrArray           *cells,
                                           GError             **error);

/* lc-exchange-cells.c */
char         *lc_sheet_format_number      (double               value,
                                           int                  decimals);
char         *lc_sheet_dup_or_empty       (const char          *s);
GPtrArray    *lc_sheet_new_rows           (LcSheetKind          kind);
char         *lc_sheet_project_name       (LcPlan              *plan,
                                           gint64               id);
GError      **lc_sheet_failed             (SheetReader         *r);
char         *lc_sheet_cell               (SheetReader         *r,
                                           int                  k);
void          lc_sheet_row_error          (SheetReader         *r,
                                           const char          *format,
                                           ...) G_GNUC_PRINTF (2, 3);
void          lc_sheet_row_problems       (SheetReader         *r,
                                           GPtrArray           *problems);
void          lc_sheet_take_text          (SheetReader         *r,
                                           int                  k,
                                           char               **target);
void          lc_sheet_take_word          (SheetReader         *r,
                                           int                  k,
                                           LcField              field,
                                           const char          *what,
                                           int                 *target);
void          lc_sheet_take_number        (SheetReader         *r,
                                           int                  k,
                                           const char          *what,
                                           gboolean             percent,
                                           double               scale,
                                           double              *target);
void          lc_sheet_take_int           (SheetReader         *r,
                                           int                  k,
                                           const char          *what,
                                           int                  min,
                                           int                  max,
                                           int                  empty,
                                           int                 *target);
const LcService *lc_sheet_service_by_name (const char          *name);
void          lc_sheet_take_location      (SheetReader         *r,
                                           int                  lat_k,
                                           int                  lon_k,
                                           double              *latitude,
                                           double              *longitude);
gboolean      lc_sheet_exec               (LcPlan              *plan,
                                           sqlite3_stmt        *stmt,
                                           GError             **error);
sqlite3_stmt *lc_sheet_prepare            (LcPlan              *plan,
                                           const char          *sql);

/* lc-exchange-projects.c */
GStrv         lc_sheet_project_cells      (const LcProject     *p);
GStrv         lc_sheet_need_cells         (const LcNeed        *n,
                                           const char * const  *project_names);
void          lc_sheet_read_project       (SheetReader         *r,
                                           LcImportRow         *row,
                                           GHashTable          *seen);
void          lc_sheet_read_need          (SheetReader         *r,
                                           LcImportRow         *row,
                                           GHashTable          *seen);
gboolean      lc_sheet_apply_need         (LcPlan              *plan,
                                           LcImportRow         *row,
                                           GError             **error);

/* lc-exchange-meetings.c */
GStrv         lc_sheet_meeting_cells      (const LcMeeting     *m,
                                           const char * const  *project_names,
                                           GPtrArray           *options,
                                           const gint64         counts[5]);
void          lc_sheet_meeting_item_free  (MeetingItem         *mi);
void          lc_sheet_read_meeting       (SheetReader         *r,
                                           LcImportRow         *row,
                                           GHashTable          *seen);
gboolean      lc_sheet_apply_meeting      (LcPlan              *plan,
                                           LcImportRow         *row,
                                           GError             **error);

/* lc-exchange-blueprint.c */
void          lc_sheet_blueprint_item_free (BlueprintItem      *b);
void          lc_sheet_target_item_free   (TargetItem          *t);
void          lc_sheet_read_blueprint     (SheetReader         *r,
                                           LcImportRow         *row);
void          lc_sheet_read_target        (SheetReader         *r,
                                           LcImportRow         *row,
                                           GHashTable          *seen);
GStrv         lc_sheet_blueprint_values   (const BlueprintItem *b);
GStrv         lc_sheet_target_values      (const TargetItem    *t);
gboolean      lc_sheet_apply_blueprint    (LcPlan              *plan,
                                           LcImportRow         *row,
                                           GError             **error);
gboolean      lc_sheet_apply_target       (LcPlan              *plan,
                                           LcImportRow         *row,
                                           GError             **error);

G_END_DECLS
