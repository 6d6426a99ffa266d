/* bench-attachments.c: a plan with 50 MB of attachments: adding, saving, opening, reading
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-attachments"

#include "config.h"
#include "lc-plan-private.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-plan.h"
#include "bench-plan.h"
#include "plan-fixture.h"

/*
 * Issue 8: a plan with attachments of 50 MB in total still saves atomically
 * and opens quickly. The benchmark fills the fixture plan with nine 5 MiB
 * files of random (incompressible) bytes and ten 512 KiB PNG-like files,
 * then prints the time to add them, to save, to open the saved file (in a
 * fresh process, with its peak memory), to list the attachments and read
 * one, the file's size, and a save after a small edit. Then it kills a
 * process in the middle of saving over the file, at several moments, and
 * checks each time that the file opens and holds either the old plan or
 * the new one with every attachment's SHA-256 intact.
 *
 * Run: meson test -C build --benchmark -v bench-attachments, or
 * build/tests/bench/bench-attachments. Exits 1 only on an error or a torn
 * file.
 */

#define N_RANDOM   9
#define RANDOM_MIB 5
#define N_PNG      10
#define PNG_KIB    512
#define N_KILLS    8

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-attachments: %s: %s\n", what, error != NULL ? error->message : g_strerror (errno));
  exit (1);
}

static GBytes *
random_bytes (gsize     size,
              gboolean  png)
{
  static const guint8 png_header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                       0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  guint32 *words = g_malloc (size + sizeof (guint32));

  for (gsize i = 0; i < size / sizeof (guint32) + 1; i++)
    words[i] = g_random_int ();
  if (png)
    memcpy (words, png_header, sizeof png_header);
  return g_bytes_new_take (words, size);
}

/* The name and SHA-256 of every attachment, sorted by id, as one string */
static char *
attachments_digest (LcPlan *plan)
{
  g_autoptr(GPtrArray) list = lc_plan_list_attachments (plan, NULL, 0, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const LcAttachment *a = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s %s %lld\n", a->name, a->sha256, (long long) a->size);
    }
  return g_string_free (out, FALSE);
}

/* Reads every attachment back and checks its bytes against its SHA-256 */
static gboolean
attachments_intact (LcPlan *plan)
{
  g_autoptr(GPtrArray) list = lc_plan_list_attachments (plan, NULL, 0, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const LcAttachment *a = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = lc_plan_get_attachment_data (plan, a->id, &error);
      g_autofree char *sum = bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes) : NULL;

      if (g_strcmp0 (sum, a->sha256) != 0)
        return FALSE;
    }
  return TRUE;
}

/* ---- the child processes ---- */

/* --open PATH: open, list, read the largest; print the times */
static int
child_open (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sum = NULL;
  gint64 start = g_get_monotonic_time ();
  double open_s, list_s, read_s;

  plan = lc_plan_open (file, NULL, &error);
  if (plan == NULL)
    die ("open", error);
  open_s = bench_seconds_since (start);
  start = g_get_monotonic_time ();
  list = lc_plan_list_attachments (plan, NULL, 0, NULL);
  list_s = bench_seconds_since (start);
  start = g_get_monotonic_time ();
  bytes = lc_plan_get_attachment_data (plan, ((LcAttachment *) g_ptr_array_index (list, 0))->id, &error);
  if (bytes == NULL)
    die ("read", error);
  read_s = bench_seconds_since (start);
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  printf ("%.4f %.6f %.4f %u %d\n", open_s, list_s, read_s, list->len,
          g_str_equal (sum, ((LcAttachment *) g_ptr_array_index (list, 0))->sha256));
  return 0;
}

/* --save PATH FD: open, add one more attachment, say so on FD, save over PATH */
static int
child_save (const char *path,
            int         fd)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);
  g_autoptr(GBytes) extra = random_bytes (1024 * 1024, FALSE);

  if (plan == NULL || lc_plan_add_attachment_bytes (plan, "新增.bin", extra, NULL, 0, NULL, &error) < 0)
    die ("child", error);
  if (write (fd, "s", 1) != 1)
    die ("pipe", NULL);
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("child save", error);
  return 0;
}

static char *
run_open_child (const char *self,
                const char *path,
                long       *peak_kib)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--open", path, NULL };
  struct rusage usage;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    die ("open child", error);
  getrusage (RUSAGE_CHILDREN, &usage);
  *peak_kib = usage.ru_maxrss;
  return g_steal_pointer (&out);
}

/* Kills a process saving over @path after @delay_us, then checks the file */
static gboolean
kill_during_save (const char *self,
                  const char *path,
                  const char *old_digest,
                  gint64      delay_us,
                  const char **outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcPlan) plan = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *fd_arg = NULL;
  int fds[2], status;
  char c;
  pid_t pid;

  if (pipe (fds) != 0)
    die ("pipe", NULL);
  pid = fork ();
  if (pid < 0)
    die ("fork", NULL);
  if (pid == 0)
    {
      close (fds[0]);
      fd_arg = g_strdup_printf ("%d", fds[1]);
      execl (self, self, "--save", path, fd_arg, (char *) NULL);
      _exit (127);
    }
  close (fds[1]);
  if (read (fds[0], &c, 1) != 1)
    die ("the saving child ended early", NULL);
  close (fds[0]);
  g_usleep (delay_us);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);

  plan = lc_plan_open (file, NULL, &error);
  if (plan == NULL)
    {
      fprintf (stderr, "bench-attachments: after a kill at %.0f ms the file does not open: %s\n",
               delay_us / 1000.0, error->message);
      return FALSE;
    }
  digest = attachments_digest (plan);
  if (g_str_equal (digest, old_digest))
    *outcome = "old plan";
  else if (g_str_has_prefix (digest, old_digest) && strstr (digest + strlen (old_digest), "新增.bin") != NULL)
    *outcome = "new plan";
  else
    {
      fprintf (stderr, "bench-attachments: after a kill at %.0f ms the file holds neither plan\n", delay_us / 1000.0);
      return FALSE;
    }
  if (!attachments_intact (plan))
    {
      fprintf (stderr, "bench-attachments: after a kill at %.0f ms an attachment's bytes do not match its SHA-256\n",
               delay_us / 1000.0);
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *state = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *open_out = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *peak_text = NULL;
  g_autofree char *self_peak = NULL;
  struct rusage usage;
  GStatBuf st;
  gint64 start, total = 0;
  double add_s, save_s, resave_s, edit_save_s, open_s, list_s, read_s;
  long open_peak_kib;
  guint n_listed;
  int read_ok;
  gboolean sound = TRUE;

  if (argc == 3 && g_str_equal (argv[1], "--open"))
    return child_open (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--save"))
    return child_save (argv[2], atoi (argv[3]));

  /* Working copies and those the killed savers leave behind: our own */
  dir = g_dir_make_tmp ("lc-bench-attachments-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary folder", error);
  state = g_build_filename (dir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  path = g_build_filename (dir, "附件.lcplan", NULL);
  file = g_file_new_for_path (path);
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  plan = lc_plan_new (&error);
  if (plan == NULL)
    die ("new plan", error);
  plan_fixture_fill (plan);
  /* The fixture's one attachment is four bytes under a made-up SHA-256 */
  if (!lc_plan_delete_attachment (plan, 1, &error))
    die ("delete", error);

  /* Adding: the bytes are made first, so only the adding is timed */
  {
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

    for (guint i = 0; i < N_RANDOM; i++)
      g_ptr_array_add (files, random_bytes (RANDOM_MIB * 1024 * 1024, FALSE));
    for (guint i = 0; i < N_PNG; i++)
      g_ptr_array_add (files, random_bytes (PNG_KIB * 1024, TRUE));
    start = g_get_monotonic_time ();
    for (guint i = 0; i < files->len; i++)
      {
        GBytes *b = g_ptr_array_index (files, i);
        g_autofree char *name = i < N_RANDOM ? g_strdup_printf ("扫描件%02u.pdf", i + 1)
                                             : g_strdup_printf ("现场照片%02u.png", i + 1 - N_RANDOM);

        if (lc_plan_add_attachment_bytes (plan, name, b, "meetings", 1, NULL, &error) < 0)
          die ("add", error);
        total += g_bytes_get_size (b);
      }
    add_s = bench_seconds_since (start);
  }
  digest = attachments_digest (plan);

  start = g_get_monotonic_time ();
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("save", error);
  save_s = bench_seconds_since (start);
  if (g_stat (path, &st) != 0)
    die ("stat", NULL);
  size_text = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Saving again, unchanged, and after a one-field edit: all is rewritten */
  start = g_get_monotonic_time ();
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("save again", error);
  resave_s = bench_seconds_since (start);
  if (!lc_plan_execute (plan, "Rename", "UPDATE unit_profile SET unit_name = '五角场街道（附件）'", &error))
    die ("edit", error);
  start = g_get_monotonic_time ();
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("save after edit", error);
  edit_save_s = bench_seconds_since (start);

  /* Opening in a fresh process, so that its peak memory is the open's own */
  open_out = run_open_child (self, path, &open_peak_kib);
  if (sscanf (open_out, "%lf %lf %lf %u %d", &open_s, &list_s, &read_s, &n_listed, &read_ok) != 5)
    die ("open child's output", NULL);
  peak_text = bench_format_kib (open_peak_kib);
  getrusage (RUSAGE_SELF, &usage);
  self_peak = bench_format_kib (usage.ru_maxrss);

  printf ("attachments: %d × %d MiB random + %d × %d KiB PNG-like = %.1f MB (%s in the file of %s)\n",
          N_RANDOM, RANDOM_MIB, N_PNG, PNG_KIB, total / 1e6, size_text, path);
  printf ("add all %d (one undo step each):     %.3f s\n", N_RANDOM + N_PNG, add_s);
  printf ("save (VACUUM INTO, fsync, rename):   %.3f s\n", save_s);
  printf ("save again, unchanged:               %.3f s\n", resave_s);
  printf ("save after a one-field edit:         %.3f s (the whole file is rewritten)\n", edit_save_s);
  printf ("open the saved plan (copy + check):  %.3f s\n", open_s);
  printf ("list the attachments (%u):           %.6f s\n", n_listed, list_s);
  printf ("read one (%d MiB), SHA-256 %s:      %.4f s\n", RANDOM_MIB, read_ok ? "ok" : "WRONG", read_s);
  printf ("peak RSS: the open, in a fresh process: %s; this process (bytes made, undo steps): %s\n",
          peak_text, self_peak);
  if (!read_ok)
    sound = FALSE;

  /* Atomic saves: kill a saver at moments spread over its save */
  {
    GString *outcomes = g_string_new (NULL);

    for (guint k = 0; sound && k < N_KILLS; k++)
      {
        gint64 delay = (gint64) (edit_save_s * 1.3 * G_USEC_PER_SEC) * k / (N_KILLS - 1);
        const char *outcome = NULL;

        sound = kill_during_save (self, path, digest, delay, &outcome);
        if (sound)
          {
            g_string_append_printf (outcomes, "%s%.0f ms: %s", k > 0 ? ", " : "", delay / 1000.0, outcome);
            if (g_str_equal (outcome, "new plan"))
              {
                g_autoptr(LcPlan) now = lc_plan_open (file, NULL, &error);

                /* The next kills start from this plan */
                g_free (digest);
                digest = attachments_digest (now);
              }
          }
      }
    printf ("saver killed at: %s — %s\n", outcomes->str,
            sound ? "every time the file opened whole, old or new, SHA-256 intact" : "TORN");
    g_string_free (outcomes, TRUE);
  }

  g_clear_object (&plan);
  plan_fixture_remove_tree (dir);
  return sound ? 0 : 1;
}
