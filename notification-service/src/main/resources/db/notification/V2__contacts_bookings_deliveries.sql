-- The notification service's own state. Contact details live here and nowhere else on the platform.

-- What a program tells every service (ProgramConfigured): null until that event arrives.
CREATE TABLE program (
    program_id     text PRIMARY KEY,
    time_zone      text        NOT NULL,
    location_label text        NOT NULL,
    phone          text        NOT NULL,
    configured_at  timestamptz NOT NULL
);

-- What staff set for a program's notifications; a program without a row uses the configured defaults.
CREATE TABLE program_settings (
    program_id            text PRIMARY KEY,
    reminder_offsets      text[]  NOT NULL,
    channels              text[]  NOT NULL,
    staff_alert_emails    text[]  NOT NULL,
    officer_emails        text[]  NOT NULL,
    compliance_alert_mode text    NOT NULL,
    digest_time           time    NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT program_settings_mode_known CHECK (compliance_alert_mode IN ('IMMEDIATE', 'DAILY_DIGEST')),
    CONSTRAINT program_settings_has_offsets CHECK (cardinality(reminder_offsets) > 0),
    CONSTRAINT program_settings_has_channels CHECK (cardinality(channels) > 0)
);

-- Which program a client is enrolled in (ClientEnrolled/Updated/Discharged): identifiers and dates only.
CREATE TABLE enrolment (
    client_id     text PRIMARY KEY,
    program_id    text        NOT NULL,
    discharged_on date,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE client_contact (
    client_id   text PRIMARY KEY,
    email       text,
    phone       text,
    channels    text[]      NOT NULL,
    email_consent boolean   NOT NULL,
    sms_consent boolean     NOT NULL,
    quiet_start time,
    quiet_end   time,
    language    text        NOT NULL,
    time_zone   text,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT client_contact_language_known CHECK (language IN ('en', 'es')),
    CONSTRAINT client_contact_quiet_hours_whole CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
    CONSTRAINT client_contact_phone_e164 CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{6,14}$')
);
CREATE INDEX client_contact_phone ON client_contact (phone);

-- Numbers that replied STOP. Kept apart from the contact so an opt-out sticks whatever staff record later,
-- until the number itself replies START.
CREATE TABLE sms_opt_out (
    phone        text PRIMARY KEY,
    opted_out_at timestamptz NOT NULL
);

-- The latest known state of each booking. Events may arrive late or twice; an older event never overwrites a newer.
CREATE TABLE booking (
    booking_id    text PRIMARY KEY,
    client_id     text        NOT NULL,
    program_id    text        NOT NULL,
    session_id    text        NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    time_zone     text        NOT NULL,
    status        text        NOT NULL,
    booked_at     timestamptz NOT NULL, -- when the current times were booked: reminders due before it are replaced
    revision      int         NOT NULL, -- the calendar SEQUENCE: one more at every change of times or status
    last_event_at timestamptz NOT NULL,
    CONSTRAINT booking_status_known CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    CONSTRAINT booking_ends_after_start CHECK (ends_at > starts_at)
);
CREATE INDEX booking_client ON booking (client_id, starts_at);
CREATE INDEX booking_program ON booking (program_id, starts_at);

-- The durable dispatch queue and delivery log in one: a row per message per channel, from planned to sent.
-- reference + kind + channel + occasion is what makes a message unique: for session messages the booking, the
-- reminder kind, the channel and the session start it announces, so however often an event is redelivered and
-- however many instances run, a client gets each reminder at most once per channel.
CREATE TABLE delivery (
    id                bigserial PRIMARY KEY,
    reference         text        NOT NULL,
    kind              text        NOT NULL,
    channel           text        NOT NULL,
    occasion          text        NOT NULL,
    audience          text        NOT NULL,
    client_id         text,
    program_id        text        NOT NULL,
    booking_id        text,
    recipient         text,        -- staff/officer addresses, or the client's address once sent
    session_starts_at timestamptz,
    session_ends_at   timestamptz,
    time_zone         text,
    calendar_sequence int         NOT NULL DEFAULT 0,
    details           jsonb       NOT NULL DEFAULT '{}',
    due_at            timestamptz NOT NULL,
    status            text        NOT NULL,
    attempts          int         NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    claimed_until     timestamptz,
    provider_id       text,
    detail            text,        -- why it was skipped or failed (no contact details in here)
    sent_at           timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT delivery_once_per_booking_kind_channel UNIQUE (reference, kind, channel, occasion),
    CONSTRAINT delivery_status_known CHECK (status IN ('PLANNED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'DROPPED')),
    CONSTRAINT delivery_channel_known CHECK (channel IN ('EMAIL', 'SMS')),
    CONSTRAINT delivery_audience_known CHECK (audience IN ('CLIENT', 'STAFF', 'OFFICER'))
);
CREATE INDEX delivery_claimable ON delivery (next_attempt_at) WHERE status IN ('PLANNED', 'SENDING');
CREATE INDEX delivery_client ON delivery (client_id, id);
CREATE INDEX delivery_booking ON delivery (booking_id);

-- Compliance alerts waiting for a program's daily digest.
CREATE TABLE compliance_alert (
    id            bigserial PRIMARY KEY,
    program_id    text        NOT NULL,
    client_id     text        NOT NULL,
    week_start    date        NOT NULL,
    status        text        NOT NULL,
    attended_minutes  int     NOT NULL,
    remaining_minutes int     NOT NULL,
    minimum_minutes   int     NOT NULL,
    raised_at     timestamptz NOT NULL,
    digest_id     bigint REFERENCES delivery (id),
    CONSTRAINT compliance_alert_once UNIQUE (client_id, week_start, status)
);
CREATE INDEX compliance_alert_pending ON compliance_alert (program_id) WHERE digest_id IS NULL;
