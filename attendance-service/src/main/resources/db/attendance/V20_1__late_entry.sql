-- Late entry (issue 19): a booking entered in scheduling after its session had started arrives with who entered it and
-- when (SessionScheduled.lateEntry); its first attendance record is then a late entry too and keeps its reason.
ALTER TABLE booking
    ADD COLUMN late_entered_by      text,
    ADD COLUMN late_entered_at      timestamptz,
    ADD COLUMN session_entered_late boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT booking_late_entry_complete CHECK ((late_entered_by IS NULL) = (late_entered_at IS NULL));

ALTER TABLE attendance_revision
    ADD COLUMN late_entry_reason text,
    ADD CONSTRAINT attendance_revision_late_entry_reason_not_blank CHECK (btrim(late_entry_reason) <> '');
