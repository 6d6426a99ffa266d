/* lc-meeting-export.h: meeting minutes and the 三会 summary as PDF, PNG and CSV
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

/* The fonts of exported pages: a Simplified Chinese face first, so that
 * Chinese renders, then whatever the system offers */
#define LC_EXPORT_FONT_FAMILY "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Noto Sans, sans-serif"

/* The fonts of Latin runs in exported pages (and of the quotes and dashes
 * around them), so that ’ “ ” — are not set in the CJK face's full width */
#define LC_EXPORT_LATIN_FONT_FAMILY "Liberation Sans, DejaVu Sans, Noto Sans, " LC_EXPORT_FONT_FAMILY

gboolean  lc_meeting_export_minutes   (LcPlan      *plan,
                                       gint64       meeting_id,
                                       const char  *path,
                                       GError     **error);
gboolean  lc_meetings_export_summary  (LcPlan      *plan,
                                       const char  *path,
                                       GError     **error);
char     *lc_meetings_summary_csv     (LcPlan      *plan,
                                       GError     **error);

G_END_DECLS
