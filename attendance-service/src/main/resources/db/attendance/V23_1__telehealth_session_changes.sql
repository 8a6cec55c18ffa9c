-- A session's modality can change after it was created (scheduling re-announces each seat with SessionScheduled).
-- Seats' events arrive on different partitions (keyed by client), so the newest announcement wins by its time, and
-- a session moved back to the room is kept as IN_PERSON rather than forgotten (an older video announcement arriving
-- late must not bring it back).
ALTER TABLE telehealth_session ADD COLUMN noted_at timestamptz;
ALTER TABLE telehealth_session DROP CONSTRAINT telehealth_session_modality;
ALTER TABLE telehealth_session ADD CONSTRAINT telehealth_session_modality
    CHECK (modality IN ('IN_PERSON', 'TELEHEALTH', 'HYBRID'));
