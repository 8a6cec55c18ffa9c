-- Sibling programs (issue 17): an admin of a program names the other programs its clients may also attend (make-up
-- sessions, bookings). One directed row per permission: (program_id, sibling_id) lets clients enrolled in program_id
-- book sessions of sibling_id. Not symmetric: the other program's own list decides the reverse direction.
CREATE TABLE program_sibling (
    program_id  uuid        NOT NULL,
    sibling_id  uuid        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT program_sibling_pk PRIMARY KEY (program_id, sibling_id),
    CONSTRAINT program_sibling_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT program_sibling_sibling_fk FOREIGN KEY (sibling_id) REFERENCES program (id),
    CONSTRAINT program_sibling_not_itself CHECK (program_id <> sibling_id)
);
CREATE INDEX program_sibling_by_sibling ON program_sibling (sibling_id);

-- The booking rules of V20_1 with one change: the session's program must be the client's program or a sibling the
-- client's program allows (the permission row is key-share locked, so removing it waits for the booking to commit).
-- Everything else (enrolment window, closures of the session's program, capacity, overlaps) is unchanged.
CREATE OR REPLACE FUNCTION booking_rules() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- A started session takes a new seat only as a late entry (reason, who, when); a move never lands in the past.
    IF lower(s.period) <= now() AND (TG_OP <> 'INSERT' OR NEW.late_entry_reason IS NULL) THEN
        RAISE EXCEPTION 'session % has already started', s.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_not_in_past';
    END IF;
    SELECT * INTO e FROM enrolment WHERE client_id = NEW.client_id FOR SHARE;
    IF e.program_id <> s.program_id THEN
        PERFORM 1 FROM program_sibling ps WHERE ps.program_id = e.program_id AND ps.sibling_id = s.program_id
            FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'client % is not enrolled in program % nor in a program allowing it', e.client_id, s.program_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_same_program';
        END IF;
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
