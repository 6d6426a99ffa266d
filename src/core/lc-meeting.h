/* lc-meeting.h: the 一图三会 meeting log: meetings, votes, ratings, and each project's 三会
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"
#include "lc-problem.h"
#include "lc-project.h"

G_BEGIN_DECLS

/* The meeting types of 一图三会 (shared/docs/domain.md), as the "type"
 * column stores them: 'consultation', 'coordination', 'evaluation', 'other' */
typedef enum
{
  LC_MEETING_CONSULTATION,   /* 征询会: before, residents' wishes */
  LC_MEETING_COORDINATION,   /* 协调会: during, public notice and vote between options */
  LC_MEETING_EVALUATION,     /* 评议会: after, residents rate the scheme and result */
  LC_MEETING_OTHER,
} LcMeetingType;

#define LC_MEETING_TYPE_ANY  (-1)   /* lc_plan_list_meetings(): no filter on the type */

typedef enum
{
  LC_ORGANISER_NONE,                  /* not recorded (NULL) */
  LC_ORGANISER_RESIDENTS_COMMITTEE,   /* 居委会 */
  LC_ORGANISER_OWNERS_COMMITTEE,      /* 业委会 */
  LC_ORGANISER_SUBDISTRICT,           /* 街道 */
  LC_ORGANISER_OTHER,                 /* see organiser_note */
} LcOrganiser;

/* One meeting, as the log and its editor show it. Strings may be NULL. */
typedef struct
{
  gint64         id;              /* 0 for a meeting not yet in the plan */
  LcMeetingType  type;
  char          *date_time;       /* ISO 8601: "2025-10-12" or "2025-10-12T14:00[:00][zone]" */
  char          *place;
  double         latitude;        /* NAN when the place is not on the map */
  double         longitude;
  LcOrganiser    organiser;
  char          *organiser_note;
  char          *chair;
  gint64         attendance;      /* -1 when not recorded */
  char          *agenda;
  char          *minutes;
  char          *decisions;
  gint64         abstentions;     /* 协调会: blank or abstaining ballots; -1 when not recorded */
  char          *feedback;        /* 评议会: free-text feedback */
  GArray        *project_ids;     /* gint64: linked projects, by id (loaded; written by add) */
} LcMeeting;

typedef struct
{
  gint64  id;
  char   *name;
  char   *role;
} LcMeetingAttendee;

typedef struct
{
  gint64  id;
  char   *label;
  char   *description;
  gint64  attachment_id;    /* 0 when none (e.g. the option's drawing) */
  gint64  votes_paper;      /* paper ballots */
  gint64  votes_other;      /* other channels (online, show of hands) */
  int     sort;
} LcVoteOption;

/*
 * The result of a vote. An option's votes are its paper and other votes
 * together; its share is its votes ÷ the votes cast for an option
 * (abstentions are not votes for an option, so the shares add up to 1);
 * ballots = votes cast + abstentions, and abstention_share = abstentions ÷
 * ballots. The winner is the option with the most votes; when two or more
 * share the most (and it is more than 0), there is a tie and no winner.
 */
typedef struct
{
  guint    n_options;
  gint64  *votes;             /* per option, in the order given */
  double  *shares;            /* per option; 0 when no vote was cast */
  gint64   votes_cast;
  gint64   abstentions;
  gint64   ballots;
  double   abstention_share;  /* 0 when there was no ballot */
  int      winner;            /* index of the winning option, or -1 */
  gboolean tie;               /* the most votes are shared by two or more options */
} LcVoteResult;

/*
 * Satisfaction ratings of an evaluation meeting, 1 (very dissatisfied) to
 * 5 (very satisfied). average = Σ level × count ÷ total; the share
 * satisfied counts levels 4 (satisfied) and 5 (very satisfied):
 * (count₄ + count₅) ÷ total. Both are NAN when nobody rated.
 */
typedef struct
{
  gint64  counts[5];          /* counts[0] is level 1 */
  gint64  total;
  double  average;
  double  satisfied_share;
} LcRatingSummary;

#define LC_RATING_SATISFIED_LEVEL 4

/* -- names -- */

const char   *lc_meeting_type_to_key      (LcMeetingType  type);
gboolean      lc_meeting_type_from_key    (const char    *key,
                                           LcMeetingType *type);
const char   *lc_meeting_type_get_name    (LcMeetingType  type);
const char   *lc_organiser_to_key         (LcOrganiser    organiser);
gboolean      lc_organiser_from_key       (const char    *key,
                                           LcOrganiser   *organiser);
const char   *lc_organiser_get_name       (LcOrganiser    organiser);

/* -- meetings -- */

LcMeeting    *lc_meeting_new              (LcMeetingType  type,
                                           const char    *date_time);
void          lc_meeting_free             (LcMeeting     *meeting);
GPtrArray    *lc_meeting_check            (const LcMeeting *meeting);
gboolean      lc_meeting_date_valid       (const char    *date_time);
LcMeeting    *lc_plan_load_meeting        (LcPlan        *plan,
                                           gint64         id,
                                           GError       **error);
GPtrArray    *lc_plan_list_meetings       (LcPlan        *plan,
                                           int            type,
                                           gint64         project_id,
                                           GError       **error);

gint64        lc_plan_add_meeting         (LcPlan        *plan,
                                           const LcMeeting *meeting,
                                           GError       **error);
gboolean      lc_plan_update_meeting      (LcPlan        *plan,
                                           const LcMeeting *meeting,
                                           GError       **error);
gboolean      lc_plan_delete_meeting      (LcPlan        *plan,
                                           gint64         id,
                                           GError       **error);
gboolean      lc_plan_link_meeting_project   (LcPlan     *plan,
                                              gint64      meeting_id,
                                              gint64      project_id,
                                              GError    **error);
gboolean      lc_plan_unlink_meeting_project (LcPlan     *plan,
                                              gint64      meeting_id,
                                              gint64      project_id,
                                              GError    **error);

/* -- attendees (the sign-in list) -- */

GPtrArray    *lc_plan_list_meeting_attendees (LcPlan     *plan,
                                              gint64      meeting_id,
                                              GError    **error);
void          lc_meeting_attendee_free    (LcMeetingAttendee *attendee);
gint64        lc_plan_add_meeting_attendee    (LcPlan     *plan,
                                               gint64      meeting_id,
                                               const char *name,
                                               const char *role,
                                               GError    **error);
gboolean      lc_plan_delete_meeting_attendee (LcPlan     *plan,
                                               gint64      attendee_id,
                                               GError    **error);

/* -- votes -- */

GPtrArray    *lc_plan_list_vote_options    (LcPlan       *plan,
                                            gint64        meeting_id,
                                            GError      **error);
void          lc_vote_option_free          (LcVoteOption *option);
gint64        lc_plan_add_vote_option      (LcPlan       *plan,
                                            gint64        meeting_id,
                                            const char   *label,
                                            const char   *description,
                                            gint64        attachment_id,
                                            GError      **error);
gboolean      lc_plan_update_vote_option   (LcPlan       *plan,
                                            gint64        option_id,
                                            const char   *label,
                                            const char   *description,
                                            gint64        attachment_id,
                                            GError      **error);
gboolean      lc_plan_set_vote_counts      (LcPlan       *plan,
                                            gint64        option_id,
                                            gint64        votes_paper,
                                            gint64        votes_other,
                                            GError      **error);
gboolean      lc_plan_delete_vote_option   (LcPlan       *plan,
                                            gint64        option_id,
                                            GError      **error);
LcVoteResult *lc_vote_result_new           (GPtrArray    *options,
                                            gint64        abstentions);
void          lc_vote_result_free          (LcVoteResult *result);

/* -- ratings -- */

gboolean      lc_plan_get_meeting_ratings  (LcPlan       *plan,
                                            gint64        meeting_id,
                                            gint64        counts[5],
                                            GError      **error);
gboolean      lc_plan_set_meeting_ratings  (LcPlan       *plan,
                                            gint64        meeting_id,
                                            const gint64  counts[5],
                                            GError      **error);
void          lc_rating_summary_compute    (const gint64  counts[5],
                                            LcRatingSummary *summary);

/* -- for lc-exchange.c: the writes above without their own undo step,
 * inside an edit the caller began; they check first and write nothing on
 * a bad value -- */

gint64        lc_meeting_write             (LcPlan       *plan,
                                            const LcMeeting *meeting,
                                            GError      **error);
gboolean      lc_meeting_votes_write       (LcPlan       *plan,
                                            gint64        meeting_id,
                                            GPtrArray    *options,
                                            GError      **error);
gboolean      lc_meeting_ratings_write     (LcPlan       *plan,
                                            gint64        meeting_id,
                                            const gint64  counts[5],
                                            GError      **error);

/* -- 三会 status per project --
 *
 * For each project and each of the three meetings (the stages, in order
 * 征询会, 协调会, 评议会), the meeting linked to the project that counts and
 * its state. Dates compare by their day (the first ten characters,
 * YYYY-MM-DD); a project's start_date is when design and work begin, its
 * end_date when it is (to be) completed.
 *
 * - 征询会 (consultation) comes before design: the earliest one linked
 *   counts; it is OUT_OF_ORDER when it is after the project's start_date.
 *   It is due once the project is in progress or completed; a reserve
 *   project without one is NOT_DUE.
 * - 协调会 (coordination) comes before construction ends: the earliest one
 *   linked counts; it is OUT_OF_ORDER when it is before the 征询会 or after
 *   the project's end_date. Due once the project is in progress or completed.
 * - 评议会 (evaluation) comes after completion: the latest one linked
 *   counts; it is OUT_OF_ORDER when the project is not completed, or the
 *   meeting is before the end_date or before the 协调会. Due once the
 *   project is completed.
 *
 * A meeting without a date, or a project without the date to compare,
 * cannot be out of order. A project is complete when no stage is MISSING
 * or OUT_OF_ORDER; lc_plan_list_project_meetings() says which are not.
 */
typedef enum
{
  LC_STAGE_CONSULTATION,
  LC_STAGE_COORDINATION,
  LC_STAGE_EVALUATION,
  LC_N_STAGES,
} LcStage;

typedef enum
{
  LC_STAGE_NOT_DUE,        /* not held, and not needed yet */
  LC_STAGE_MISSING,        /* not held, though the project has reached the stage */
  LC_STAGE_HELD,           /* held, in the right order */
  LC_STAGE_OUT_OF_ORDER,   /* held, but at the wrong time; see note */
} LcStageState;

typedef struct
{
  gint64        meeting_id;   /* 0 when none was held */
  char         *date;         /* YYYY-MM-DD of that meeting, or NULL */
  LcStageState  state;
  char         *note;         /* translated, why OUT_OF_ORDER or MISSING; else NULL */
} LcStageStatus;

typedef struct
{
  gint64         project_id;
  char          *name;
  LcProjectStatus status;
  char          *start_date;
  char          *end_date;
  LcStageStatus  stages[LC_N_STAGES];
} LcProjectMeetings;

const char        *lc_stage_get_name           (LcStage       stage);
const char        *lc_stage_state_to_key       (LcStageState  state);
const char        *lc_stage_state_get_name     (LcStageState  state);
void               lc_project_meetings_evaluate (LcProjectMeetings *pm,
                                                 GPtrArray         *meetings);
gboolean           lc_project_meetings_complete (const LcProjectMeetings *pm);
GPtrArray         *lc_plan_list_project_meetings (LcPlan      *plan,
                                                  GError     **error);
GPtrArray         *lc_project_meetings_missing (GPtrArray     *all);
void               lc_project_meetings_free    (LcProjectMeetings *pm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcMeeting, lc_meeting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcVoteResult, lc_vote_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcProjectMeetings, lc_project_meetings_free)

G_END_DECLS
