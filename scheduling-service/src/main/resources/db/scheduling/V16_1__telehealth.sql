-- Telehealth (issue 18): where a session takes place, and the meeting link of a video session. The link is kept in
-- its own table, read only by the telehealth package: it never goes into an event, a log line or the session view.
ALTER TABLE session ADD COLUMN modality text NOT NULL DEFAULT 'IN_PERSON'
    CONSTRAINT session_modality_valid CHECK (modality IN ('IN_PERSON', 'TELEHEALTH', 'HYBRID'));

CREATE TABLE session_join_link (
    session_id uuid PRIMARY KEY REFERENCES session (id),
    url        text        NOT NULL CONSTRAINT session_join_link_https CHECK (url LIKE 'https://%'),
    set_at     timestamptz NOT NULL DEFAULT now(),
    set_by     text        NOT NULL
);
