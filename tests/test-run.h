/* test-run.h: run a program, for tests, and keep what it wrote
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *out;
  char *err;
  int   status;    /* exit status, or -1 when killed */
} Run;

void test_run       (Run                *run,
                     const char * const *argv,
                     const char * const *env_overrides);
void test_run_clear (Run                *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, test_run_clear)

G_END_DECLS
