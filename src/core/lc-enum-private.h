/* lc-enum-private.h: what the enums' key functions share, for core only
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-field.h"

G_BEGIN_DECLS

/* The _from_key() of an enum whose keys are @keys, in its order (a NULL
 * key, a _NONE's, is found by a NULL @key): whether @key is one of them,
 * then its value in @value; @value is left as it is otherwise */
static inline gboolean
lc_enum_from_key (const char * const *keys,
                  guint               n_keys,
                  const char         *key,
                  int                *value)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (key, keys[i]) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  return FALSE;
}

/* Defines lc_<name>_to_key(), lc_<name>_from_key() and lc_<name>_get_name()
 * of enum @Type over lc-field.c's table of @field (docs/HACKING.md) */
#define LC_DEFINE_FIELD_ENUM(name, Type, field)                         \
  const char *                                                          \
  lc_##name##_to_key (Type value)                                       \
  {                                                                     \
    return lc_field_to_key (field, value);                              \
  }                                                                     \
                                                                        \
  gboolean                                                              \
  lc_##name##_from_key (const char *key,                                \
                        Type       *value)                              \
  {                                                                     \
    return lc_field_from_key (field, key, (int *) value);               \
  }                                                                     \
                                                                        \
  const char *                                                          \
  lc_##name##_get_name (Type value)                                     \
  {                                                                     \
    return lc_field_get_name (field, value);                            \
  }

G_END_DECLS
