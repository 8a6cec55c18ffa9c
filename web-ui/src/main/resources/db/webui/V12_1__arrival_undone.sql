-- Check-ins withdrawn by staff (clicked by mistake, e.g. on the wrong client): kept, never deleted, so the roster's
-- history shows who checked whom in and who undid it. Identifiers and instants only.
CREATE TABLE arrival_undone (
    booking_id    text        NOT NULL,
    checked_in_at timestamptz NOT NULL,
    recorded_by   text        NOT NULL,
    undone_at     timestamptz NOT NULL DEFAULT now(),
    undone_by     text        NOT NULL
);
CREATE INDEX arrival_undone_booking ON arrival_undone (booking_id);
