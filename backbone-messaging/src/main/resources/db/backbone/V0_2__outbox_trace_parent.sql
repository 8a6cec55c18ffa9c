-- W3C trace context of the change that wrote the event, so a trace continues across the outbox and Kafka.
ALTER TABLE outbox ADD COLUMN trace_parent text;
