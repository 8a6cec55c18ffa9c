-- Scheduling: programs, enrolments, clinicians, rooms, sessions, bookings, series, closures.
-- The booking rules live here, in PostgreSQL, so they hold under any concurrency: overlaps are refused by exclusion
-- constraints, capacity by a CHECK on a counter that every booking updates (which also row-locks the session), and the
-- enrolment / closure / past rules by a trigger that raises with a constraint name the API translates.

-- btree_gist lets an exclusion constraint combine "same client" (=) with "overlapping time" (&&). Installed in public
-- because an extension exists once per database and the three services may share one.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

CREATE TABLE program (
    id                          uuid        PRIMARY KEY,
    name                        text        NOT NULL,
    time_zone                   text        NOT NULL,
    location_label              text        NOT NULL,
    phone                       text        NOT NULL,
    week_start                  text        NOT NULL DEFAULT 'MONDAY',
    adult_minimum_minutes       int         NOT NULL DEFAULT 540,
    adolescent_minimum_minutes  int         NOT NULL DEFAULT 360,
    no_show_grace_minutes       int         NOT NULL DEFAULT 60,
    daily_threshold_minutes     int         NOT NULL DEFAULT 180,
    step_down_allowance_weeks   int         NOT NULL DEFAULT 2,
    default_group_capacity      int         NOT NULL DEFAULT 12,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT program_week_start_valid CHECK (week_start IN
        ('MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY')),
    CONSTRAINT program_minimums_positive CHECK (adult_minimum_minutes > 0 AND adolescent_minimum_minutes > 0),
    CONSTRAINT program_group_capacity_positive CHECK (default_group_capacity > 0)
);

-- MORNING 09:00-12:00 and EVENING 18:00-21:00 by default; a program may edit them and add more.
CREATE TABLE block_template (
    program_id  uuid NOT NULL,
    name        text NOT NULL,
    start_time  time NOT NULL,
    end_time    time NOT NULL,
    CONSTRAINT block_template_pk PRIMARY KEY (program_id, name),
    CONSTRAINT block_template_program_fk FOREIGN KEY (program_id) REFERENCES program (id) ON DELETE CASCADE,
    CONSTRAINT block_template_end_after_start CHECK (end_time > start_time)
);

-- Name and date of birth never leave this table: events carry the client id and track only.
CREATE TABLE enrolment (
    client_id               uuid        NOT NULL,
    program_id              uuid        NOT NULL,
    display_name            text        NOT NULL,
    date_of_birth           date        NOT NULL,
    track                   text        NOT NULL,
    admission_date          date        NOT NULL,
    planned_discharge_date  date,
    discharge_date          date,
    status                  text        NOT NULL DEFAULT 'ACTIVE',
    phase_sessions_per_week int         NOT NULL DEFAULT 0,
    phase_step_down         boolean     NOT NULL DEFAULT false,
    phase_since             date        NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrolment_pk PRIMARY KEY (client_id),
    CONSTRAINT enrolment_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT enrolment_track_valid CHECK (track IN ('ADULT','ADOLESCENT')),
    CONSTRAINT enrolment_status_valid CHECK (status IN ('ACTIVE','DISCHARGED')),
    CONSTRAINT enrolment_planned_discharge_after_admission CHECK (planned_discharge_date >= admission_date),
    CONSTRAINT enrolment_discharge_after_admission CHECK (discharge_date >= admission_date),
    CONSTRAINT enrolment_discharged_has_date CHECK ((status = 'DISCHARGED') = (discharge_date IS NOT NULL)),
    CONSTRAINT enrolment_phase_sessions_range CHECK (phase_sessions_per_week BETWEEN 0 AND 14)
);
CREATE INDEX enrolment_program ON enrolment (program_id, display_name);

CREATE TABLE clinician (
    id           uuid    PRIMARY KEY,
    program_id   uuid    NOT NULL,
    display_name text    NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    CONSTRAINT clinician_program_fk FOREIGN KEY (program_id) REFERENCES program (id)
);

CREATE TABLE room (
    id         uuid    PRIMARY KEY,
    program_id uuid    NOT NULL,
    name       text    NOT NULL,
    capacity   int     NOT NULL,
    active     boolean NOT NULL DEFAULT true,
    CONSTRAINT room_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT room_capacity_positive CHECK (capacity > 0),
    CONSTRAINT room_name_unique UNIQUE (program_id, name)
);

-- Program closures and holidays, inclusive local dates.
CREATE TABLE closure (
    id         uuid        PRIMARY KEY,
    program_id uuid        NOT NULL,
    first_day  date        NOT NULL,
    last_day   date        NOT NULL,
    reason     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT closure_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT closure_last_after_first CHECK (last_day >= first_day),
    CONSTRAINT closure_no_overlap EXCLUDE USING gist (program_id WITH =, daterange(first_day, last_day, '[]') WITH &&)
);

-- A recurring series books one client into an occurrence of the same slot on every date of its rule.
CREATE TABLE series (
    id           uuid        PRIMARY KEY,
    program_id   uuid        NOT NULL,
    client_id    uuid        NOT NULL,
    session_type text        NOT NULL,
    block        text,
    start_time   time        NOT NULL,
    end_time     time        NOT NULL,
    topic        text,
    clinician_id uuid,
    room_id      uuid,
    capacity     int,
    first_day    date        NOT NULL,
    last_day     date        NOT NULL,
    status       text        NOT NULL DEFAULT 'ACTIVE',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT series_client_fk FOREIGN KEY (client_id) REFERENCES enrolment (client_id),
    CONSTRAINT series_status_valid CHECK (status IN ('ACTIVE','ENDED')),
    CONSTRAINT series_end_after_start CHECK (end_time > start_time),
    CONSTRAINT series_last_after_first CHECK (last_day >= first_day)
);

-- The rule a series follows from a date on; a step-down adds a row instead of rewriting the past.
CREATE TABLE series_rule (
    series_id      uuid        NOT NULL,
    effective_from date        NOT NULL,
    rrule          text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT series_rule_pk PRIMARY KEY (series_id, effective_from),
    CONSTRAINT series_rule_series_fk FOREIGN KEY (series_id) REFERENCES series (id)
);

CREATE TABLE session (
    id           uuid        PRIMARY KEY,
    program_id   uuid        NOT NULL,
    session_type text        NOT NULL,
    block        text,
    local_date   date        NOT NULL,
    start_time   time        NOT NULL,
    end_time     time        NOT NULL,
    period       tstzrange   NOT NULL,
    capacity     int         NOT NULL,
    booked_count int         NOT NULL DEFAULT 0,
    topic        text,
    clinician_id uuid,
    room_id      uuid,
    status       text        NOT NULL DEFAULT 'SCHEDULED',
    cancel_reason text,
    cancel_note  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT session_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT session_clinician_fk FOREIGN KEY (clinician_id) REFERENCES clinician (id),
    CONSTRAINT session_room_fk FOREIGN KEY (room_id) REFERENCES room (id),
    CONSTRAINT session_type_valid CHECK (session_type IN ('GROUP','INDIVIDUAL','FAMILY')),
    CONSTRAINT session_status_valid CHECK (status IN ('SCHEDULED','CANCELLED')),
    CONSTRAINT session_end_after_start CHECK (upper(period) > lower(period)),
    CONSTRAINT session_capacity_positive CHECK (capacity > 0),
    -- every booking adds one under the session's row lock: the last seat goes to exactly one caller
    CONSTRAINT session_capacity_not_exceeded CHECK (booked_count BETWEEN 0 AND capacity),
    CONSTRAINT session_clinician_no_overlap EXCLUDE USING gist (clinician_id WITH =, period WITH &&)
        WHERE (status = 'SCHEDULED' AND clinician_id IS NOT NULL),
    CONSTRAINT session_room_no_overlap EXCLUDE USING gist (room_id WITH =, period WITH &&)
        WHERE (status = 'SCHEDULED' AND room_id IS NOT NULL)
);
CREATE INDEX session_program_day ON session (program_id, local_date);

CREATE TABLE booking (
    id            uuid        PRIMARY KEY,
    session_id    uuid        NOT NULL,
    client_id     uuid        NOT NULL,
    program_id    uuid        NOT NULL,
    -- copied from the session by trigger, so the client's overlap rule can be an exclusion constraint
    period        tstzrange   NOT NULL,
    series_id     uuid,
    status        text        NOT NULL DEFAULT 'BOOKED',
    cancel_reason text,
    cancel_note   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    cancelled_at  timestamptz,
    CONSTRAINT booking_session_fk FOREIGN KEY (session_id) REFERENCES session (id),
    CONSTRAINT booking_client_fk FOREIGN KEY (client_id) REFERENCES enrolment (client_id),
    CONSTRAINT booking_series_fk FOREIGN KEY (series_id) REFERENCES series (id),
    CONSTRAINT booking_status_valid CHECK (status IN ('BOOKED','CANCELLED')),
    CONSTRAINT booking_client_no_overlap EXCLUDE USING gist (client_id WITH =, period WITH &&)
        WHERE (status = 'BOOKED')
);
CREATE INDEX booking_session ON booking (session_id) WHERE status = 'BOOKED';
CREATE INDEX booking_series ON booking (series_id) WHERE series_id IS NOT NULL;

-- The rules of a booked seat, checked whenever a booking is made or moved. Each RAISE names its rule as a constraint,
-- which the API translates into a problem document. Locks: the program row FOR SHARE (a closure takes it FOR UPDATE,
-- so a booking and a closure covering it cannot both commit) and the enrolment row FOR SHARE (likewise discharge).
CREATE FUNCTION booking_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s session%ROWTYPE;
    e enrolment%ROWTYPE;
BEGIN
    IF NEW.status <> 'BOOKED' THEN
        RETURN NEW;
    END IF;
    SELECT * INTO s FROM session WHERE id = NEW.session_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'session % does not exist', NEW.session_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'booking_session_fk';
    END IF;
    PERFORM 1 FROM program WHERE id = s.program_id FOR SHARE;
    NEW.period := s.period;
    NEW.program_id := s.program_id;
    IF s.status <> 'SCHEDULED' THEN
        RAISE EXCEPTION 'session % is cancelled', s.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_session_scheduled';
    END IF;
    IF lower(s.period) <= now() THEN
        RAISE EXCEPTION 'session % has already started', s.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_not_in_past';
    END IF;
    SELECT * INTO e FROM enrolment WHERE client_id = NEW.client_id FOR SHARE;
    IF e.program_id <> s.program_id THEN
        RAISE EXCEPTION 'client % is not enrolled in program %', e.client_id, s.program_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_same_program';
    END IF;
    IF e.status <> 'ACTIVE' THEN
        RAISE EXCEPTION 'client % is discharged', e.client_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_client_active';
    END IF;
    IF s.local_date < e.admission_date
            OR s.local_date > coalesce(e.planned_discharge_date, 'infinity'::date) THEN
        RAISE EXCEPTION 'session day is outside the enrolment of client %', e.client_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_within_enrolment';
    END IF;
    IF EXISTS (SELECT 1 FROM closure c WHERE c.program_id = s.program_id
               AND s.local_date BETWEEN c.first_day AND c.last_day) THEN
        RAISE EXCEPTION 'program % is closed that day', s.program_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_not_on_closure';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER booking_rules BEFORE INSERT OR UPDATE OF session_id, period ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_rules();

-- Seats used: every booked seat counts once against its session's capacity CHECK.
CREATE FUNCTION booking_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = 'BOOKED' THEN
        UPDATE session SET booked_count = booked_count - 1 WHERE id = OLD.session_id;
    END IF;
    IF NEW.status = 'BOOKED' THEN
        UPDATE session SET booked_count = booked_count + 1 WHERE id = NEW.session_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER booking_seats AFTER INSERT OR UPDATE OF status, session_id ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_seats();
