/* lc-tool-common.h: what every command of lifecircle-tool shares
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-plan.h"

G_BEGIN_DECLS

/* Exit codes shared by every command: scripts rely on them */
enum {
  EXIT_OK       = 0,
  EXIT_PROBLEMS = 1,  /* the command ran and found problems */
  EXIT_USAGE    = 2,  /* bad command line, or an input that cannot be read */
};

typedef int (*LcToolCommandFunc) (int argc, char **argv);

typedef struct
{
  const char        *name;
  LcToolCommandFunc  func;
  const char        *summary;   /* translatable (N_) */
} LcToolCommand;

const LcToolCommand *lc_tool_lookup_command      (const char          *name);
gboolean             lc_tool_parse_command       (int                 *argc,
                                                  char              ***argv,
                                                  const char          *parameters,
                                                  const GOptionEntry  *entries,
                                                  int                  n_args);
void                 lc_tool_json_member         (GString             *out,
                                                  const char          *name,
                                                  const char          *value,
                                                  gboolean             last);
LcPlan              *lc_tool_open_plan           (const char          *command,
                                                  const char          *path);
LcPlan              *lc_tool_open_plan_read_only (const char          *command,
                                                  const char          *path,
                                                  int                 *status);

/* The commands, each in the file of its group */
int lc_tool_info             (int argc, char **argv);   /* lc-tool-info.c */
int lc_tool_check            (int argc, char **argv);
int lc_tool_services         (int argc, char **argv);   /* lc-tool-coverage.c */
int lc_tool_coverage         (int argc, char **argv);
int lc_tool_suggest          (int argc, char **argv);
int lc_tool_import           (int argc, char **argv);   /* lc-tool-import.c */
int lc_tool_render           (int argc, char **argv);   /* lc-tool-render.c */
int lc_tool_meetings         (int argc, char **argv);   /* lc-tool-sheets.c */
int lc_tool_export_minutes   (int argc, char **argv);
int lc_tool_export_meetings  (int argc, char **argv);
int lc_tool_export_projects  (int argc, char **argv);
int lc_tool_import_projects  (int argc, char **argv);
int lc_tool_set_profile      (int argc, char **argv);   /* lc-tool-profile.c */

G_END_DECLS
