/* lc-services.c: the 十全十美 service catalogue and its default walking thresholds
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-services"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-services.h"

/* Defaults from shared standards (GB 50180-2018, GB 21734, Shanghai 2016
 * guideline): distances are network walking distances in metres. A plan file
 * stores its own copy of each threshold, so these only seed new plans. The
 * order is the programme's: the ten 十全 first, then the ten 十美.
 */
#define ONE_TIER(m) 1, { { "", N_("Any facility"), m } }

static const LcService services[LC_N_SERVICES] = {
  { "party_service", "党群服务", N_("Party–masses services"), LC_SERVICE_GROUP_BASIC,
    2, { { "centre", N_("Centre"), 1000 }, { "station", N_("Station"), 300 } },
    N_("GB 50180: community service centre within 1000 m, station within 300 m") },
  { "community_deliberation", "社区议事", N_("Community deliberation"), LC_SERVICE_GROUP_BASIC,
    ONE_TIER (300),
    N_("GB 50180: community service station within 300 m") },
  { "employment", "就业关怀", N_("Employment support"), LC_SERVICE_GROUP_BASIC,
    ONE_TIER (1000),
    N_("Sub-district service centre, 15-minute level") },
  { "health", "医疗卫生", N_("Medical and health care"), LC_SERVICE_GROUP_BASIC,
    2, { { "centre", N_("Centre"), 1000 }, { "station", N_("Station"), 500 } },
    N_("GB 50180: health service centre within 1000 m") },
  { "elderly", "为老服务", N_("Services for the elderly"), LC_SERVICE_GROUP_BASIC,
    ONE_TIER (300),
    N_("GB 50180: day care within 300 m; Shanghai 2016: within 5 minutes") },
  { "childcare", "保育托幼", N_("Nursery and kindergarten"), LC_SERVICE_GROUP_BASIC,
    2, { { "kindergarten", N_("Kindergarten"), 300 }, { "infant", N_("Care for ages 0–3"), 500 } },
    N_("GB 50180: kindergarten within 300 m; Shanghai 2016: care for ages 0–3 within 500 m") },
  { "culture", "文化活动", N_("Cultural activities"), LC_SERVICE_GROUP_BASIC,
    2, { { "centre", N_("Centre"), 1000 }, { "station", N_("Station"), 500 } },
    N_("GB 50180: cultural centre within 1000 m, station within 500 m") },
  { "sports", "体育健身", N_("Sports and fitness"), LC_SERVICE_GROUP_BASIC,
    3, { { "small", N_("Small"), 300 }, { "medium", N_("Medium"), 500 }, { "large", N_("Large"), 1000 } },
    N_("GB 50180: small venue within 300 m, medium within 500 m, large within 1000 m") },
  { "emergency", "急救防灾", N_("First aid and disaster prevention"), LC_SERVICE_GROUP_BASIC,
    ONE_TIER (500),
    N_("GB 21734: class III emergency shelter within about 500 m") },
  { "public_space", "公共空间", N_("Public space"), LC_SERVICE_GROUP_BASIC,
    ONE_TIER (300),
    N_("GB 50180: 5-minute green space within 300 m") },
  { "nature", "自然生态", N_("Nature and ecology"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (500),
    N_("5–10-minute level") },
  { "learning", "全民学习", N_("Lifelong learning"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (1000),
    N_("15-minute level") },
  { "child_care_after_school", "儿童托管", N_("After-school child care"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (500),
    N_("10-minute level") },
  { "all_day_health", "全时健康", N_("Round-the-clock health"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (500),
    N_("10-minute level") },
  { "elderly_care", "老年康养", N_("Elderly care and rehabilitation"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (1000),
    N_("GB 50180: care home, 15-minute level") },
  { "daily_life", "生活服务", N_("Daily-life services"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (500),
    N_("GB 50180: market or fresh-food store within 500 m") },
  { "culture_outreach", "文化传播", N_("Cultural outreach"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (1000),
    N_("15-minute level") },
  { "startup_space", "双创场所", N_("Innovation and start-up space"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (1000),
    N_("15-minute level") },
  { "smart", "智慧场景", N_("Smart services"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (1000),
    N_("15-minute level") },
  { "municipal_env", "市政环保", N_("Municipal and environmental services"), LC_SERVICE_GROUP_QUALITY,
    ONE_TIER (300),
    N_("GB 50180: 5-minute level (recycling points)") },
};

/**
 * lc_services_get_all:
 * @n_services: (out) (optional): set to the number of services, always %LC_N_SERVICES
 *
 * Returns: (transfer none): the built-in catalogue, 十全 first, in the programme's order
 */
const LcService *
lc_services_get_all (guint *n_services)
{
  if (n_services != NULL)
    *n_services = G_N_ELEMENTS (services);
  return services;
}

/**
 * lc_service_lookup:
 * @key: a service key such as "elderly"
 *
 * Returns: (transfer none) (nullable): the service, or %NULL for an unknown key
 */
const LcService *
lc_service_lookup (const char *key)
{
  if (key == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (services[i].key, key))
      return &services[i];

  return NULL;
}

/**
 * lc_service_get_index:
 * @key: (nullable): a service key such as "elderly"
 *
 * Returns: the service's position in lc_services_get_all(), or -1 for an
 *   unknown key or %NULL
 */
int
lc_service_get_index (const char *key)
{
  const LcService *service = lc_service_lookup (key);

  return service != NULL ? (int) (service - services) : -1;
}

/**
 * lc_service_get_display_name:
 *
 * Returns: (transfer none): the name in the user's language (the programme's
 * Chinese name under a Chinese locale)
 */
const char *
lc_service_get_display_name (const LcService *service)
{
  g_return_val_if_fail (service != NULL, NULL);

  return _(service->name_en);
}

static const char * const group_keys[] = { "basic", "quality" };

G_STATIC_ASSERT (G_N_ELEMENTS (group_keys) == LC_SERVICE_GROUP_QUALITY + 1);

/**
 * lc_service_group_to_key:
 *
 * Returns: (transfer none): the key @group has in plan files
 *   (`services.service_group`), the settings and the tool: "basic" or
 *   "quality"
 */
const char *
lc_service_group_to_key (LcServiceGroup group)
{
  g_return_val_if_fail ((guint) group < G_N_ELEMENTS (group_keys), NULL);
  return group_keys[group];
}

/**
 * lc_service_group_from_key:
 * @key: (nullable)
 * @group: (out): set when @key is a group
 *
 * Returns: whether @key is "basic" or "quality"
 */
gboolean
lc_service_group_from_key (const char     *key,
                           LcServiceGroup *group)
{
  return lc_enum_from_key (group_keys, G_N_ELEMENTS (group_keys), key, (int *) group);
}

/**
 * lc_service_group_get_name:
 *
 * Returns: (transfer none): the name of @group, translated
 */
const char *
lc_service_group_get_name (LcServiceGroup group)
{
  switch (group)
    {
    case LC_SERVICE_GROUP_BASIC:
      /* Translators: 十全, the ten services every unit must provide */
      return _("Basic services");
    case LC_SERVICE_GROUP_QUALITY:
      /* Translators: 十美, the ten services a unit may add */
      return _("Quality services");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lc_service_lookup_tier:
 * @tier_key: (nullable): a tier key; %NULL or "" picks the service's first tier
 *
 * Returns: (transfer none) (nullable): the tier, or %NULL when @service has no such tier
 */
const LcServiceTier *
lc_service_lookup_tier (const LcService *service,
                        const char      *tier_key)
{
  g_return_val_if_fail (service != NULL, NULL);

  if (tier_key == NULL || tier_key[0] == '\0')
    return &service->tiers[0];

  for (guint i = 0; i < service->n_tiers; i++)
    if (g_str_equal (service->tiers[i].key, tier_key))
      return &service->tiers[i];

  return NULL;
}

/**
 * lc_service_get_max_threshold:
 *
 * Returns: the largest threshold of any tier, in metres: how far a search for
 * this service's facilities must reach
 */
double
lc_service_get_max_threshold (const LcService *service)
{
  double max = 0;

  g_return_val_if_fail (service != NULL, 0);

  for (guint i = 0; i < service->n_tiers; i++)
    max = MAX (max, service->tiers[i].threshold_m);

  return max;
}
