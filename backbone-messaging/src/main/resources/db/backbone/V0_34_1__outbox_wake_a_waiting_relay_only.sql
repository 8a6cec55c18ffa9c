-- NOTIFY takes a database-wide lock when its transaction commits and keeps it until the commit is durable, so every
-- transaction that notifies commits after the previous one (no group commit): with a NOTIFY per outbox insert, busy
-- writers queued on that lock. Writers now notify only while the relay says it is waiting for work; while it is
-- busy it keeps reading the outbox without being woken.
CREATE TABLE outbox_relay_state (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    -- true while the relay found nothing to publish and waits for a notification
    waiting  boolean NOT NULL
);
INSERT INTO outbox_relay_state (only_row, waiting) VALUES (true, true);

CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Held until this transaction ends. A relay about to wait sets "waiting" and then takes this lock exclusively
    -- once, so it sees the rows of every writer that looked before the flag changed and did not notify.
    PERFORM pg_advisory_xact_lock_shared(hashtext('iop_outbox_' || TG_TABLE_SCHEMA), 1);
    IF (SELECT waiting FROM outbox_relay_state) THEN
        PERFORM pg_notify('iop_outbox_' || TG_TABLE_SCHEMA, '');
    END IF;
    RETURN NULL;
END $$;
