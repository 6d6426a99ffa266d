/* lc-form.h: what the editors and pages share: form rows, their errors, messages
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-project.h"

G_BEGIN_DECLS

/*
 * A form of preferences groups: its fields by name, and under some groups a
 * label for what is wrong with them. The editors (projects, needs,
 * meetings) are modal windows whose templates give Cancel and Save in the
 * header and the form's groups and fields.
 */
typedef struct
{
  GHashTable *fields;   /* name → widget */
  GHashTable *errors;   /* group key → GtkLabel */
  LcMapView  *map_view; /* (unowned) (nullable): where places are picked */
} LcForm;

void                 lc_form_init         (LcForm              *form,
                                           GtkWidget           *editor);
void                 lc_form_clear        (LcForm              *form);
void                 lc_form_add_error    (LcForm              *form,
                                           AdwPreferencesGroup *group,
                                           const char          *key);
void                 lc_form_set_text     (LcForm              *form,
                                           const char          *name,
                                           const char          *value);
void                 lc_form_set_combo    (LcForm              *form,
                                           const char          *name,
                                           GtkStringList       *names,
                                           const char * const  *keys,
                                           gboolean             optional,
                                           const char          *value);
void                 lc_form_set_field_combo (LcForm           *form,
                                              const char       *name,
                                              LcField           field,
                                              int               value);
int                  lc_form_field_combo_value (LcForm         *form,
                                                const char     *name);
GtkWidget           *lc_form_add_check    (AdwPreferencesRow   *expander,
                                           const char          *title,
                                           gboolean             active);
GtkWidget           *lc_form_field        (LcForm              *form,
                                           const char          *name);
const char          *lc_form_text         (LcForm              *form,
                                           const char          *name);
char                *lc_form_dup_text     (LcForm              *form,
                                           const char          *name);
char                *lc_form_combo_key    (LcForm              *form,
                                           const char          *name);
void                 lc_form_set_error    (LcForm              *form,
                                           const char          *group,
                                           GString             *text);
void                 lc_form_append_problems (GString          *text,
                                              GPtrArray        *problems);
gboolean             lc_form_parse_number (const char          *text,
                                           double              *value);
char                *lc_form_number_text  (double               value,
                                           double               scale);
void                 lc_form_set_point    (LcForm              *form,
                                           double               latitude,
                                           double               longitude);

typedef void (*LcFormPicked) (GtkWidget  *editor,
                              LcGeometry *location);

void                 lc_form_pick_on_map  (GtkWidget           *editor,
                                           LcMapView           *map_view,
                                           gboolean             area,
                                           LcFormPicked         picked);

void                 lc_form_map_centre_action (GtkWidget      *editor,
                                                const char     *name,
                                                GVariant       *param);
void                 lc_form_pick_point_action (GtkWidget      *editor,
                                                const char     *name,
                                                GVariant       *param);

void                 lc_show_error        (GtkWidget           *from,
                                           const char          *heading,
                                           const char          *body);
void                 lc_add_undo_toast    (GtkWidget           *from,
                                           const char          *text);
void                 lc_fill_field_dropdown (GtkDropDown       *dropdown,
                                             const char        *all,
                                             LcField            field);
gboolean             lc_field_dropdown_value (GtkDropDown      *dropdown,
                                              LcField           field,
                                              int              *value);
void                 lc_set_count_label   (GtkLabel            *label,
                                           const char          *text,
                                           gboolean             failed);

G_END_DECLS
