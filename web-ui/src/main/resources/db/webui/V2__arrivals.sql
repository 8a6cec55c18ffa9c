-- Arrivals waiting for their check-out. attendance-service records a visit only as check-in AND check-out, so the
-- front door holds the check-in time of "one-click check-in" here until staff click check-out. Identifiers and an
-- instant only: no names or other client details.
CREATE TABLE arrival (
    booking_id    text        NOT NULL,
    checked_in_at timestamptz NOT NULL,
    recorded_by   text        NOT NULL,
    CONSTRAINT arrival_pk PRIMARY KEY (booking_id)
);
