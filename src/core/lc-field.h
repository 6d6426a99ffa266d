/* lc-field.h: the enumerated fields of projects and needs, for forms and sheets
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Each field is an enum of its own (LcProjectKind, …, LcNeedStatus, with
 * their lc_<enum>_to_key(), _from_key() and _get_name()); these functions
 * reach any of them by its LcField, as a form's combo row or a sheet's
 * column does. A field's values are 0 … lc_field_get_n_values() - 1, in
 * the order of the enum; value 0 of a field that may be empty is its
 * _NONE, whose key is %NULL.
 */
typedef enum
{
  LC_FIELD_PROJECT_KIND,    /* LcProjectKind */
  LC_FIELD_PROJECT_ROLE,    /* LcProjectRole */
  LC_FIELD_PROJECT_STATUS,  /* LcProjectStatus */
  LC_FIELD_PROJECT_PATH,    /* LcProjectPath */
  LC_FIELD_NEED_SOURCE,     /* LcNeedSource */
  LC_FIELD_NEED_STATUS,     /* LcNeedStatus */
} LcField;

guint        lc_field_get_n_values     (LcField      field);
const char  *lc_field_to_key           (LcField      field,
                                        int          value);
gboolean     lc_field_from_key         (LcField      field,
                                        const char  *key,
                                        int         *value);
const char  *lc_field_get_name         (LcField      field,
                                        int          value);
const char  *lc_field_to_sheet_word    (LcField      field,
                                        int          value);
gboolean     lc_field_from_sheet_word  (LcField      field,
                                        const char  *word,
                                        int         *value);
char        *lc_field_list_sheet_words (LcField      field);

G_END_DECLS
