-- The provider's id of every inbound SMS acted on, so a replayed webhook call (a captured, validly signed STOP sent
-- again later) changes nothing. Kept without expiry: a few bytes per reply, and a replay may come at any time.
CREATE TABLE inbound_sms (
    message_sid text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
