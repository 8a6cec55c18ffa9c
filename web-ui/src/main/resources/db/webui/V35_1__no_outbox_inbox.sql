-- web-ui takes backbone-web only since the backbone split (issue 16): it neither publishes nor consumes events, so the
-- outbox and the processed-event log that the former single backbone jar created in its schema go (both were empty,
-- the relay was disabled here). A fresh schema never had them.
DROP TABLE IF EXISTS outbox;
DROP FUNCTION IF EXISTS outbox_notify();
DROP TABLE IF EXISTS processed_event;
