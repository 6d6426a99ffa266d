/* lc-field.c: the enumerated fields of projects and needs: keys, names and the sheets' words
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-field"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-project.h"

/* One table per field, in the order of its enum: the key stored in the
 * plan, a translatable name for the interface, and the fixed Chinese word
 * of the exchange sheets (docs/exchange-sheets.md: data, not a
 * translation). A field that may be empty starts with its _NONE. */
typedef struct
{
  const char *key;
  const char *name;   /* N_ */
  const char *word;
} FieldValue;

static const FieldValue kind_values[] = {
  { NULL, NULL, NULL },
  { "basic", N_("Basic provision"), "基础保障" },
  { "quality", N_("Quality improvement"), "品质提升" },
};

static const FieldValue role_values[] = {
  { NULL, NULL, NULL },
  { "renminfang", N_("Renminfang (community hub)"), "人民坊" },
  { "liuyiting", N_("Liuyiting (pavilion)"), "六艺亭" },
  { "other", N_("Other"), "其他" },
};

static const FieldValue status_values[] = {
  { "reserve", N_("Reserve"), "储备" },
  { "in_progress", N_("In progress"), "推进" },
  { "completed", N_("Completed"), "完成" },
};

static const FieldValue path_values[] = {
  { NULL, NULL, NULL },
  { "new_build", N_("New build"), "新建" },
  { "renovation", N_("Renovation"), "改建" },
  { "attached_space", N_("Opening an attached space"), "开放附属空间" },
  { "other", N_("Other"), "其他" },
};

static const FieldValue source_values[] = {
  { NULL, NULL, NULL },
  { "questionnaire", N_("Questionnaire"), "问卷" },
  { "forum", N_("Residents’ forum"), "座谈会" },
  { "residents_committee", N_("Residents’ committee"), "居委会" },
  { "hotline_12345", N_("12345 hotline"), "12345热线" },
  { "other", N_("Other"), "其他" },
};

static const FieldValue need_status_values[] = {
  { "open", N_("Open"), "待回应" },
  { "answered", N_("Answered"), "已回应" },
  { "closed", N_("Closed"), "已关闭" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_values) == LC_PROJECT_KIND_QUALITY + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (role_values) == LC_PROJECT_ROLE_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (status_values) == LC_PROJECT_STATUS_COMPLETED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (path_values) == LC_PROJECT_PATH_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (source_values) == LC_NEED_SOURCE_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (need_status_values) == LC_NEED_STATUS_CLOSED + 1);

static const struct
{
  const FieldValue *values;
  guint             n;
} fields[] = {
  [LC_FIELD_PROJECT_KIND] = { kind_values, G_N_ELEMENTS (kind_values) },
  [LC_FIELD_PROJECT_ROLE] = { role_values, G_N_ELEMENTS (role_values) },
  [LC_FIELD_PROJECT_STATUS] = { status_values, G_N_ELEMENTS (status_values) },
  [LC_FIELD_PROJECT_PATH] = { path_values, G_N_ELEMENTS (path_values) },
  [LC_FIELD_NEED_SOURCE] = { source_values, G_N_ELEMENTS (source_values) },
  [LC_FIELD_NEED_STATUS] = { need_status_values, G_N_ELEMENTS (need_status_values) },
};

/* @value's row of @field, or NULL for a value out of its range (such as
 * LC_NEED_SOURCE_UNKNOWN) */
static const FieldValue *
lookup (LcField field,
        int     value)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (fields), NULL);

  return value >= 0 && (guint) value < fields[field].n ? &fields[field].values[value] : NULL;
}

/**
 * lc_field_get_n_values:
 *
 * Returns: how many values @field has: 0 … n - 1, its _NONE included
 */
guint
lc_field_get_n_values (LcField field)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (fields), 0);

  return fields[field].n;
}

/**
 * lc_field_to_key:
 *
 * Returns: (nullable): the key @value has in plan files; %NULL for a _NONE
 */
const char *
lc_field_to_key (LcField field,
                 int     value)
{
  const FieldValue *v = lookup (field, value);

  return v != NULL ? v->key : NULL;
}

/**
 * lc_field_from_key:
 * @key: (nullable): a key of @field, or %NULL for its _NONE
 * @value: (out): set when @key is one of @field's
 *
 * Returns: whether @key is one of @field's (%NULL is when it has a _NONE)
 */
gboolean
lc_field_from_key (LcField     field,
                   const char *key,
                   int        *value)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (fields), FALSE);

  for (guint i = 0; i < fields[field].n; i++)
    if (g_strcmp0 (fields[field].values[i].key, key) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * lc_field_get_name:
 *
 * Returns: the translated name of @value for the interface; "" for a _NONE
 */
const char *
lc_field_get_name (LcField field,
                   int     value)
{
  const FieldValue *v = lookup (field, value);

  return v != NULL && v->name != NULL ? _(v->name) : "";
}

/**
 * lc_field_to_sheet_word:
 *
 * Returns: the exchange sheets' Chinese word for @value; "" for a _NONE
 */
const char *
lc_field_to_sheet_word (LcField field,
                        int     value)
{
  const FieldValue *v = lookup (field, value);

  return v != NULL && v->word != NULL ? v->word : "";
}

/**
 * lc_field_from_sheet_word:
 * @word: a sheet's Chinese word, or the key itself
 * @value: (out): set when @word is one of @field's
 *
 * Returns: whether @word names a value of @field (not its _NONE)
 */
gboolean
lc_field_from_sheet_word (LcField     field,
                          const char *word,
                          int        *value)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (fields), FALSE);

  for (guint i = 0; word != NULL && i < fields[field].n; i++)
    {
      const FieldValue *v = &fields[field].values[i];

      if (v->key != NULL && (g_str_equal (v->word, word) || g_str_equal (v->key, word)))
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * lc_field_list_sheet_words:
 *
 * Returns: (transfer full): the sheet words of @field as "储备, 推进, 完成"
 */
char *
lc_field_list_sheet_words (LcField field)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < lc_field_get_n_values (field); i++)
    if (fields[field].values[i].key != NULL)
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", fields[field].values[i].word);
  return g_string_free (s, FALSE);
}
