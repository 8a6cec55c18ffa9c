-- Waitlists for full sessions. A hold on a freed seat counts against capacity exactly like a booking: it adds one to
-- session.booked_count (the counter of seats taken, checked by session_capacity_not_exceeded) under the session's row
-- lock, so a booking and a hold can never both take the last seat.

CREATE TABLE waitlist_entry (
    id          uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL,
    client_id   uuid        NOT NULL,
    -- queue order: first come, first offered
    position    bigint      GENERATED ALWAYS AS IDENTITY,
    status      text        NOT NULL DEFAULT 'WAITING',
    held_until  timestamptz,
    -- set once accepted: the hold is released and the booking made in the same transaction
    booking_id  uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_session_fk FOREIGN KEY (session_id) REFERENCES session (id),
    CONSTRAINT waitlist_client_fk FOREIGN KEY (client_id) REFERENCES enrolment (client_id),
    CONSTRAINT waitlist_booking_fk FOREIGN KEY (booking_id) REFERENCES booking (id),
    CONSTRAINT waitlist_status_valid CHECK (status IN ('WAITING','HELD','BOOKED','DECLINED','EXPIRED','REMOVED')),
    CONSTRAINT waitlist_hold_has_deadline CHECK (status <> 'HELD' OR held_until IS NOT NULL)
);
-- one open place per client and session
CREATE UNIQUE INDEX waitlist_one_open_entry ON waitlist_entry (session_id, client_id)
    WHERE status IN ('WAITING','HELD');
CREATE INDEX waitlist_queue ON waitlist_entry (session_id, position) WHERE status IN ('WAITING','HELD');
CREATE INDEX waitlist_held_until ON waitlist_entry (held_until) WHERE status = 'HELD';
CREATE INDEX waitlist_client ON waitlist_entry (client_id) WHERE status IN ('WAITING','HELD');

-- Every change of an entry, with who made it ("system" for the expiry sweep and seat freeing).
CREATE TABLE waitlist_history (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    uuid        NOT NULL,
    status      text        NOT NULL,
    held_until  timestamptz,
    actor       text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_history_entry_fk FOREIGN KEY (entry_id) REFERENCES waitlist_entry (id)
);
CREATE INDEX waitlist_history_by_entry ON waitlist_history (entry_id, id);

-- The rules of joining a queue and of holding a seat, each RAISE named as a constraint the API translates.
CREATE FUNCTION waitlist_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s session%ROWTYPE;
    e enrolment%ROWTYPE;
BEGIN
    SELECT * INTO s FROM session WHERE id = NEW.session_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'session % does not exist', NEW.session_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'waitlist_session_fk';
    END IF;
    -- the lock order of every booking: program (shared, so a closure waits), then the session row, which orders this
    -- with every booking and cancellation of the session
    PERFORM 1 FROM program WHERE id = s.program_id FOR SHARE;
    SELECT * INTO s FROM session WHERE id = NEW.session_id FOR NO KEY UPDATE;
    IF s.status <> 'SCHEDULED' THEN
        RAISE EXCEPTION 'session % is cancelled', s.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_session_scheduled';
    END IF;
    IF lower(s.period) <= now() THEN
        RAISE EXCEPTION 'session % has already started', s.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_not_in_past';
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO e FROM enrolment WHERE client_id = NEW.client_id FOR SHARE;
        IF e.program_id <> s.program_id THEN
            RAISE EXCEPTION 'client % is not enrolled in program %', e.client_id, s.program_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_same_program';
        END IF;
        IF e.status <> 'ACTIVE' THEN
            RAISE EXCEPTION 'client % is discharged', e.client_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_client_active';
        END IF;
        IF EXISTS (SELECT 1 FROM booking b WHERE b.session_id = s.id AND b.client_id = NEW.client_id
                   AND b.status = 'BOOKED') THEN
            RAISE EXCEPTION 'client % is already booked in session %', NEW.client_id, s.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'waitlist_not_booked';
        END IF;
        IF s.booked_count < s.capacity THEN
            RAISE EXCEPTION 'session % has a free seat', s.id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'waitlist_session_full';
        END IF;
    END IF;
    IF NEW.status = 'HELD' AND (TG_OP = 'INSERT' OR OLD.status <> 'HELD') THEN
        IF NEW.held_until > lower(s.period) THEN
            RAISE EXCEPTION 'a hold must end by the session start'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'waitlist_hold_before_start';
        END IF;
        IF EXISTS (SELECT 1 FROM closure c WHERE c.program_id = s.program_id
                   AND s.local_date BETWEEN c.first_day AND c.last_day) THEN
            RAISE EXCEPTION 'program % is closed that day', s.program_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_not_on_closure';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER waitlist_rules BEFORE INSERT OR UPDATE OF status ON waitlist_entry
    FOR EACH ROW WHEN (NEW.status IN ('WAITING','HELD')) EXECUTE FUNCTION waitlist_rules();

-- Seats taken: a hold counts once against its session's capacity CHECK, like a booked seat.
CREATE FUNCTION waitlist_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status = 'HELD' THEN
        UPDATE session SET booked_count = booked_count - 1 WHERE id = OLD.session_id;
    END IF;
    IF NEW.status = 'HELD' THEN
        UPDATE session SET booked_count = booked_count + 1 WHERE id = NEW.session_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER waitlist_seats AFTER INSERT OR UPDATE OF status ON waitlist_entry
    FOR EACH ROW EXECUTE FUNCTION waitlist_seats();

-- A cancelled session closes its queue in the same statement, releasing any held seat with it.
CREATE FUNCTION waitlist_session_cancelled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO waitlist_history (entry_id, status, held_until, actor)
        SELECT id, 'REMOVED', held_until, 'system' FROM waitlist_entry
        WHERE session_id = NEW.id AND status IN ('WAITING','HELD');
    UPDATE waitlist_entry SET status = 'REMOVED', updated_at = now()
        WHERE session_id = NEW.id AND status IN ('WAITING','HELD');
    RETURN NULL;
END $$;
CREATE TRIGGER waitlist_session_cancelled AFTER UPDATE OF status ON session
    FOR EACH ROW WHEN (NEW.status = 'CANCELLED' AND OLD.status <> 'CANCELLED')
    EXECUTE FUNCTION waitlist_session_cancelled();
