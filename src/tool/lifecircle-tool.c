/* lifecircle-tool.c: the command-line face of Life Circle Planner
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lifecircle-tool"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "lc-i18n.h"
#include "lc-services.h"

/* Exit codes shared by every command: scripts rely on them */
enum {
  EXIT_OK       = 0,
  EXIT_PROBLEMS = 1,  /* the command ran and found problems */
  EXIT_USAGE    = 2,  /* bad command line, or an input that cannot be read */
};

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;   /* translatable (N_) */
} Command;

static int cmd_services (int argc, char **argv);

static const Command commands[] = {
  { "services", cmd_services, N_("List the service catalogue and its default walking thresholds") },
};

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
print_services_json (void)
{
  g_autoptr(GString) out = g_string_new ("[\n");
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const LcService *s = &all[i];

      g_string_append (out, "  {\"key\": ");
      json_string (out, s->key);
      g_string_append (out, ", \"name_zh\": ");
      json_string (out, s->name_zh);
      g_string_append (out, ", \"name_en\": ");
      json_string (out, s->name_en);
      g_string_append_printf (out, ", \"group\": \"%s\", \"tiers\": [",
                              s->group == LC_SERVICE_GROUP_BASIC ? "basic" : "quality");
      for (guint t = 0; t < s->n_tiers; t++)
        {
          g_string_append (out, t > 0 ? ", {\"key\": " : "{\"key\": ");
          json_string (out, s->tiers[t].key);
          g_string_append_printf (out, ", \"threshold_m\": %.0f}", s->tiers[t].threshold_m);
        }
      g_string_append (out, "], \"basis\": ");
      json_string (out, s->basis);
      g_string_append (out, i + 1 < n ? "},\n" : "}\n");
    }
  g_string_append (out, "]\n");

  fputs (out->str, stdout);
}

static void
print_services_text (void)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const LcService *s = &all[i];
      g_autoptr(GString) tiers = g_string_new (NULL);

      if (i == 0 || all[i - 1].group != s->group)
        g_print ("%s%s\n", i == 0 ? "" : "\n", lc_service_group_get_name (s->group));

      for (guint t = 0; t < s->n_tiers; t++)
        {
          if (t > 0)
            g_string_append (tiers, ", ");
          if (s->n_tiers > 1)
            g_string_append_printf (tiers, "%s ", _(s->tiers[t].label));
          /* Translators: a walking distance in metres */
          g_string_append_printf (tiers, _("%.0f m"), s->tiers[t].threshold_m);
        }

      g_print ("  %-24s %s  %s: %s\n", s->key, s->name_zh, lc_service_get_display_name (s),
               tiers->str);
    }
}

static int
cmd_services (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _(commands[0].summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lifecircle-tool services: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_printerr (_("lifecircle-tool services: unexpected argument “%s”\n"), argv[1]);
      return EXIT_USAGE;
    }

  if (json)
    print_services_json ();
  else
    print_services_text ();

  return EXIT_OK;
}

static char *
commands_description (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Run “lifecircle-tool COMMAND --help” for a command’s options."));

  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  lc_i18n_init ();
  g_set_prgname ("lifecircle-tool");

  /* Translators: the command line's synopsis after the program name */
  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Inspect and process Life Circle Planner plan files."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command so that its own options reach it */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lifecircle-tool: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("lifecircle-tool %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("lifecircle-tool: unknown command “%s”. Run “lifecircle-tool --help” for the list.\n"),
              argv[1]);
  return EXIT_USAGE;
}
