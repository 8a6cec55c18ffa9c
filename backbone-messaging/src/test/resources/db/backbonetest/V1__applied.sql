CREATE TABLE applied_booking (booking_id text PRIMARY KEY, event_id text NOT NULL, trace_id text);
