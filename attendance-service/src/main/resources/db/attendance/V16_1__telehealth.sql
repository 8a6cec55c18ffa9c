-- Telehealth attendance (issue 18): what a video platform reported about who was in a meeting, kept apart from the
-- attendance revisions it leads to. Display names can be names: they are shown to staff for matching by hand and
-- never logged or put in an event.

-- Every accepted webhook delivery, by the SHA-256 of its signed body: a replay or a platform retry applies nothing.
CREATE TABLE telehealth_delivery (
    delivery_id text        PRIMARY KEY,
    platform    text        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- One meeting occurrence (Zoom: the meeting's uuid). Its session is learnt from the first participant matched to a
-- booking (by join tag or by staff).
CREATE TABLE telehealth_meeting (
    platform         text        NOT NULL,
    meeting_instance text        NOT NULL,
    session_id       text,
    ended_at         timestamptz,
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT telehealth_meeting_pk PRIMARY KEY (platform, meeting_instance)
);

CREATE TABLE telehealth_participant (
    id               uuid        PRIMARY KEY,
    platform         text        NOT NULL,
    meeting_instance text        NOT NULL,
    participant_key  text        NOT NULL,
    display_name     text,
    booking_id       text        REFERENCES booking (booking_id),
    matched_by       text,
    CONSTRAINT telehealth_participant_once UNIQUE (platform, meeting_instance, participant_key),
    CONSTRAINT telehealth_participant_meeting_fk FOREIGN KEY (platform, meeting_instance)
        REFERENCES telehealth_meeting (platform, meeting_instance),
    CONSTRAINT telehealth_participant_matched CHECK ((booking_id IS NULL) = (matched_by IS NULL))
);
CREATE INDEX telehealth_participant_booking ON telehealth_participant (booking_id);

-- Join/leave intervals as reported; merged and clipped to the session only when attendance is computed.
CREATE TABLE telehealth_presence (
    participant_id uuid        NOT NULL REFERENCES telehealth_participant (id),
    joined_at      timestamptz NOT NULL,
    left_at        timestamptz,
    CONSTRAINT telehealth_presence_pk PRIMARY KEY (participant_id, joined_at),
    CONSTRAINT telehealth_presence_order CHECK (left_at IS NULL OR left_at >= joined_at)
);

-- Matching a join tag looks at bookings whose session is near the event's time.
CREATE INDEX booking_starts_at ON booking (starts_at);

-- Each session's modality (SessionScheduled, from v2): a TELEHEALTH session's services are telehealth services.
CREATE TABLE telehealth_session (
    session_id text PRIMARY KEY,
    modality   text NOT NULL CONSTRAINT telehealth_session_modality CHECK (modality IN ('TELEHEALTH', 'HYBRID'))
);
