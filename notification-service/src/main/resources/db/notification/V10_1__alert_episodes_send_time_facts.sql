-- The program's name, for staff and officer alerts only (ProgramConfigured v3); null until an event carries it.
ALTER TABLE program ADD COLUMN name text;

-- Each client-week's status as last announced, and its alert episodes: an episode begins each time the week enters
-- AT_RISK or BELOW_MINIMUM from a better status. alerted_episode is the last episode the officers were told about;
-- an episode of a week beyond the alert horizon waits (episode > alerted_episode) until the week comes near.
CREATE TABLE client_week (
    client_id       text        NOT NULL,
    week_start      date        NOT NULL,
    program_id      text        NOT NULL,
    status          text        NOT NULL,
    entered_from    text,        -- the better status the current episode began from (null: a new week)
    attended_minutes  int       NOT NULL,
    remaining_minutes int       NOT NULL,
    minimum_minutes   int       NOT NULL,
    episode         int         NOT NULL DEFAULT 0,
    alerted_episode int         NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (client_id, week_start)
);
CREATE INDEX client_week_unalerted ON client_week (program_id) WHERE episode > alerted_episode;

-- Digest alerts are per episode too: a week that leaves AT_RISK and enters it again is reported again.
ALTER TABLE compliance_alert ADD COLUMN episode int NOT NULL DEFAULT 1;
ALTER TABLE compliance_alert ADD COLUMN previous_status text;
ALTER TABLE compliance_alert DROP CONSTRAINT compliance_alert_once;
ALTER TABLE compliance_alert ADD CONSTRAINT compliance_alert_once UNIQUE (client_id, week_start, episode);

-- The latest attendance outcome of each booking (SessionAttended / SessionMissed, highest revision wins), so a
-- "we missed you" is only sent while the absence still stands.
CREATE TABLE attendance_outcome (
    booking_id  text PRIMARY KEY,
    outcome     text        NOT NULL,
    revision    int         NOT NULL,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT attendance_outcome_known CHECK (outcome IN ('ATTENDED', 'NO_SHOW', 'UNEXCUSED', 'EXCUSED'))
);
