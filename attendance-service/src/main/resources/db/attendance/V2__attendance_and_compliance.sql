-- Recording side: the bookings this service expects (fed by iop.sessions.v1) and their attendance, kept as revisions.

CREATE TABLE booking_program (
    program_id            text PRIMARY KEY,
    no_show_grace_minutes int  NOT NULL,
    CONSTRAINT booking_program_grace_not_negative CHECK (no_show_grace_minutes >= 0)
);

CREATE TABLE booking (
    booking_id     text        PRIMARY KEY,
    session_id     text        NOT NULL,
    client_id      text        NOT NULL,
    program_id     text        NOT NULL,
    session_type   text        NOT NULL,
    block          text        NOT NULL,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    time_zone      text        NOT NULL,
    cancelled      boolean     NOT NULL DEFAULT false,
    recorded       boolean     NOT NULL DEFAULT false,
    -- When the automatic no-show becomes due: the session's end plus the program's grace.
    no_show_due_at timestamptz NOT NULL,
    CONSTRAINT booking_ends_after_start CHECK (ends_at > starts_at)
);
CREATE INDEX booking_session ON booking (session_id);
CREATE INDEX booking_client ON booking (client_id, starts_at);
CREATE INDEX booking_no_show_due ON booking (no_show_due_at) WHERE NOT cancelled AND NOT recorded;

-- Every version of a booking's attendance: never overwritten. The current record is the highest revision.
-- The primary key is also what stops two instances (or staff and the no-show sweep) from both writing revision 1.
CREATE TABLE attendance_revision (
    booking_id        text        NOT NULL,
    revision          int         NOT NULL,
    outcome           text        NOT NULL,
    checked_in_at     timestamptz,
    checked_out_at    timestamptz,
    attended_minutes  int         NOT NULL DEFAULT 0,
    missed_reason     text,
    automatic         boolean     NOT NULL DEFAULT false,
    note              text,
    correction_reason text,
    recorded_by       text        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT attendance_revision_pk PRIMARY KEY (booking_id, revision),
    CONSTRAINT attendance_revision_booking_fk FOREIGN KEY (booking_id) REFERENCES booking (booking_id),
    CONSTRAINT attendance_revision_positive CHECK (revision >= 1),
    CONSTRAINT attendance_revision_outcome CHECK (
        (outcome = 'ATTENDED' AND checked_in_at IS NOT NULL AND checked_out_at > checked_in_at
            AND missed_reason IS NULL AND attended_minutes >= 0)
        OR (outcome = 'MISSED' AND missed_reason IN ('NO_SHOW', 'EXCUSED', 'UNEXCUSED')
            AND checked_in_at IS NULL AND checked_out_at IS NULL AND attended_minutes = 0)),
    CONSTRAINT attendance_revision_correction_has_reason CHECK (revision = 1 OR correction_reason IS NOT NULL)
);

-- Compliance projection: built only from the topics (programs, clients, sessions, attendance), so it can be dropped
-- and rebuilt by replaying them. Nothing here is written by the recording side.

CREATE TABLE compliance_program (
    program_id                 text PRIMARY KEY,
    time_zone                  text NOT NULL,
    week_start                 text NOT NULL,
    adult_minimum_minutes      int  NOT NULL,
    adolescent_minimum_minutes int  NOT NULL,
    daily_threshold_minutes    int  NOT NULL,
    step_down_allowance_weeks  int  NOT NULL
);

CREATE TABLE compliance_enrolment (
    client_id              text NOT NULL,
    program_id             text NOT NULL,
    -- Null while only a discharge has been seen (events of one client can be replayed out of order).
    track                  text,
    admission_date         date,
    planned_discharge_date date,
    discharge_date         date,
    status                 text NOT NULL,
    CONSTRAINT compliance_enrolment_pk PRIMARY KEY (client_id, program_id)
);
CREATE INDEX compliance_enrolment_program ON compliance_enrolment (program_id);

-- Phase history (step-down or not, from when), so a week is judged by the phase it really had, whatever order
-- the events are replayed in.
CREATE TABLE compliance_phase (
    client_id    text        NOT NULL,
    program_id   text        NOT NULL,
    effective_at timestamptz NOT NULL,
    step_down    boolean     NOT NULL,
    CONSTRAINT compliance_phase_pk PRIMARY KEY (client_id, program_id, effective_at)
);

CREATE TABLE compliance_session (
    booking_id       text        PRIMARY KEY,
    session_id       text        NOT NULL,
    client_id        text        NOT NULL,
    program_id       text        NOT NULL,
    session_type     text        NOT NULL,
    block            text        NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    time_zone        text        NOT NULL,
    week_start       date        NOT NULL,
    cancelled        boolean     NOT NULL DEFAULT false,
    outcome          text        NOT NULL DEFAULT 'PENDING',
    revision         int         NOT NULL DEFAULT 0,
    checked_in_at    timestamptz,
    checked_out_at   timestamptz,
    attended_minutes int         NOT NULL DEFAULT 0,
    missed_reason    text,
    automatic        boolean     NOT NULL DEFAULT false,
    CONSTRAINT compliance_session_ends_after_start CHECK (ends_at > starts_at)
);
CREATE INDEX compliance_session_week ON compliance_session (client_id, program_id, week_start);
CREATE INDEX compliance_session_program ON compliance_session (program_id);

CREATE TABLE compliance_week (
    client_id                   text        NOT NULL,
    program_id                  text        NOT NULL,
    week_start                  date        NOT NULL,
    track                       text,
    attended_minutes            int         NOT NULL,
    scheduled_remaining_minutes int         NOT NULL,
    minimum_minutes             int,
    status                      text        NOT NULL,
    partial                     boolean     NOT NULL,
    qualifying_days             int         NOT NULL,
    closed                      boolean     NOT NULL,
    closes_at                   timestamptz NOT NULL,
    -- Set when a change arrived after the week had closed (a late correction re-opened and re-judged it).
    reopened_at                 timestamptz,
    evaluated_at                timestamptz NOT NULL,
    CONSTRAINT compliance_week_pk PRIMARY KEY (client_id, program_id, week_start)
);
CREATE INDEX compliance_week_program ON compliance_week (program_id, week_start);
CREATE INDEX compliance_week_closing ON compliance_week (closes_at) WHERE NOT closed;

-- The status last announced (WeeklyComplianceChanged) per client-week. Kept across a projection rebuild, so a
-- replay announces only what really changed.
CREATE TABLE compliance_announcement (
    client_id  text NOT NULL,
    program_id text NOT NULL,
    week_start date NOT NULL,
    status     text NOT NULL,
    CONSTRAINT compliance_announcement_pk PRIMARY KEY (client_id, program_id, week_start)
);
