/* test-services.c: the service catalogue
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-services"

#include "config.h"

#include "lc-services.h"

/* The programme's 十全 and 十美, in its order (shared/docs/domain.md) */
static const char *basic_keys[] = {
  "party_service", "community_deliberation", "employment", "health", "elderly",
  "childcare", "culture", "sports", "emergency", "public_space",
};
static const char *quality_keys[] = {
  "nature", "learning", "child_care_after_school", "all_day_health", "elderly_care",
  "daily_life", "culture_outreach", "startup_space", "smart", "municipal_env",
};

static void
test_catalogue_complete (void)
{
  guint n = 0;
  const LcService *all = lc_services_get_all (&n);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, 20);

  for (guint i = 0; i < G_N_ELEMENTS (basic_keys); i++)
    {
      g_assert_cmpstr (all[i].key, ==, basic_keys[i]);
      g_assert_cmpint (all[i].group, ==, LC_SERVICE_GROUP_BASIC);
    }
  for (guint i = 0; i < G_N_ELEMENTS (quality_keys); i++)
    {
      g_assert_cmpstr (all[10 + i].key, ==, quality_keys[i]);
      g_assert_cmpint (all[10 + i].group, ==, LC_SERVICE_GROUP_QUALITY);
    }

  for (guint i = 0; i < n; i++)
    {
      /* Unique keys and Chinese names; every tier has a positive threshold */
      g_assert_true (g_hash_table_add (keys, (gpointer) all[i].key));
      g_assert_true (g_hash_table_add (names, (gpointer) all[i].name_zh));
      g_assert_true (g_utf8_validate (all[i].name_zh, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (all[i].name_zh, -1), ==, 4);
      g_assert_cmpuint (all[i].n_tiers, >=, 1);
      g_assert_cmpuint (all[i].n_tiers, <=, LC_SERVICE_MAX_TIERS);
      for (guint t = 0; t < all[i].n_tiers; t++)
        {
          g_assert_cmpfloat (all[i].tiers[t].threshold_m, >=, 300);
          g_assert_cmpfloat (all[i].tiers[t].threshold_m, <=, 1000);
        }
      g_assert_nonnull (all[i].basis);
      g_assert_cmpstr (all[i].basis, !=, "");
    }
}

static void
test_thresholds (void)
{
  const LcService *s;

  /* Values straight from shared/docs/standards.md */
  s = lc_service_lookup ("elderly");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name_zh, ==, "为老服务");
  g_assert_cmpfloat (lc_service_lookup_tier (s, NULL)->threshold_m, ==, 300);

  s = lc_service_lookup ("health");
  g_assert_cmpfloat (lc_service_lookup_tier (s, "centre")->threshold_m, ==, 1000);
  g_assert_cmpfloat (lc_service_lookup_tier (s, "station")->threshold_m, ==, 500);
  g_assert_null (lc_service_lookup_tier (s, "kiosk"));
  g_assert_cmpfloat (lc_service_get_max_threshold (s), ==, 1000);

  s = lc_service_lookup ("childcare");
  g_assert_cmpfloat (lc_service_lookup_tier (s, "kindergarten")->threshold_m, ==, 300);
  g_assert_cmpfloat (lc_service_lookup_tier (s, "infant")->threshold_m, ==, 500);

  s = lc_service_lookup ("sports");
  g_assert_cmpuint (s->n_tiers, ==, 3);
  g_assert_cmpfloat (lc_service_lookup_tier (s, "medium")->threshold_m, ==, 500);
  g_assert_cmpfloat (lc_service_get_max_threshold (s), ==, 1000);

  s = lc_service_lookup ("daily_life");
  g_assert_cmpstr (s->name_zh, ==, "生活服务");
  g_assert_cmpfloat (lc_service_get_max_threshold (s), ==, 500);
}

static void
test_lookup_unknown (void)
{
  g_assert_null (lc_service_lookup ("nope"));
  g_assert_null (lc_service_lookup (""));
  g_assert_null (lc_service_lookup (NULL));
  /* Keys are exact: no case folding, no Chinese names */
  g_assert_null (lc_service_lookup ("Elderly"));
  g_assert_null (lc_service_lookup ("为老服务"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/services/catalogue-complete", test_catalogue_complete);
  g_test_add_func ("/core/services/thresholds", test_thresholds);
  g_test_add_func ("/core/services/lookup-unknown", test_lookup_unknown);

  return g_test_run ();
}
