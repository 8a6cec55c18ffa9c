-- Shared by every service (each in its own schema): the outbox, the consumers' processed-event log, the audit trail.

CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    event_type   text        NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz,
    CONSTRAINT outbox_event_id_unique UNIQUE (event_id)
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- NOTIFY is delivered at commit, so the relay wakes only when an event is really there.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('iop_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- An event id recorded here was applied, in the same transaction as its effect: a redelivery changes nothing.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT processed_event_pk PRIMARY KEY (consumer, event_id)
);

-- Who read or changed which client's data, when and from where. Append-only: updates and deletes are refused.
CREATE TABLE audit_event (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text        NOT NULL,
    role        text,
    action      text        NOT NULL,
    client_id   text,
    resource    text        NOT NULL,
    remote_addr text,
    detail      text
);
CREATE INDEX audit_event_client ON audit_event (client_id, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
