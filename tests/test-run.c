/* test-run.c: run a program, for tests, and keep what it wrote
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-run"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "test-run.h"

/**
 * test_run:
 * @run: where the output and the exit status go; clear it with
 *   test_run_clear() (or declare it g_auto(Run))
 * @argv: the program and its arguments, %NULL-terminated
 * @env_overrides: (nullable): "NAME=VALUE" to set and "NAME" to unset in
 *   the program's environment, %NULL-terminated; %NULL for ours unchanged
 *
 * Runs @argv to its end and keeps its standard output and error. The test
 * fails when the program cannot be started.
 */
void
test_run (Run                *run,
          const char * const *argv,
          const char * const *env_overrides)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  g_auto(GStrv) envp = NULL;
  int wait_status = 0;

  if (env_overrides != NULL)
    {
      envp = g_get_environ ();
      for (guint i = 0; env_overrides[i] != NULL; i++)
        {
          const char *eq = strchr (env_overrides[i], '=');

          if (eq != NULL)
            {
              g_autofree char *name = g_strndup (env_overrides[i], eq - env_overrides[i]);

              envp = g_environ_setenv (envp, name, eq + 1, TRUE);
            }
          else
            envp = g_environ_unsetenv (envp, env_overrides[i]);
        }
    }

  g_test_message ("running: %s", command);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (run->err[0] != '\0')
    g_test_message ("%s wrote to stderr:\n%s", argv[0], run->err);
}

void
test_run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
