-- Late entry (issue 19): a session or booking of something that already happened, entered afterwards with a reason.
-- Who entered it and when travel with it (events, evidence); the reason stays here. The booking rule for started
-- sessions admits exactly these rows; how far back staff may go (14 days, ADMIN beyond) is the service's policy.
ALTER TABLE session
    ADD COLUMN late_entry_reason text,
    ADD COLUMN late_entered_by   text,
    ADD COLUMN late_entered_at   timestamptz,
    ADD CONSTRAINT session_late_entry_complete CHECK (
        (late_entry_reason IS NULL) = (late_entered_by IS NULL) AND (late_entry_reason IS NULL) = (late_entered_at IS NULL)),
    ADD CONSTRAINT session_late_entry_reason_not_blank CHECK (btrim(late_entry_reason) <> '');

ALTER TABLE booking
    ADD COLUMN late_entry_reason text,
    ADD COLUMN late_entered_by   text,
    ADD COLUMN late_entered_at   timestamptz,
    ADD CONSTRAINT booking_late_entry_complete CHECK (
        (late_entry_reason IS NULL) = (late_entered_by IS NULL) AND (late_entry_reason IS NULL) = (late_entered_at IS NULL)),
    ADD CONSTRAINT booking_late_entry_reason_not_blank CHECK (btrim(late_entry_reason) <> '');

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
