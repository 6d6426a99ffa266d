/* lc-application.h: the application object
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-app-types.h"

G_BEGIN_DECLS

#define LC_TYPE_APPLICATION (lc_application_get_type ())

G_DECLARE_FINAL_TYPE (LcApplication, lc_application, LC, APPLICATION, AdwApplication)

LcApplication *lc_application_new          (const char    *application_id,
                                            GApplicationFlags flags);
GSettings     *lc_application_get_settings (LcApplication *self);
gboolean       lc_application_check_schema (GError       **error);
void           lc_application_offer_recovery (LcApplication *self);

G_END_DECLS
