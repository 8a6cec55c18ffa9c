-- backbone-web's tables for an application without messaging (web-ui): the audit trail and sign-in throttling, as
-- db/backbone's V0_1 + V0_13_1 + V0_23_1 leave them. The services run db/backbone too, which created them already:
-- every statement here is idempotent, so this migration changes nothing there. Later audit or sign-in migrations go
-- to this location only (every application runs it). Months of audit_log are created by AuditPartitions at start.

CREATE SEQUENCE IF NOT EXISTS audit_log_id_seq;

CREATE TABLE IF NOT EXISTS audit_log (
    id          bigint      NOT NULL DEFAULT nextval('audit_log_id_seq'),
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text        NOT NULL,
    role        text,
    action      text        NOT NULL,
    -- Every client whose data the request read or changed; empty when it concerned none (e.g. a subscription).
    client_ids  text[]      NOT NULL DEFAULT '{}',
    resource    text        NOT NULL,
    remote_addr text,
    detail      text,
    CONSTRAINT audit_log_pk PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

-- Rows whose month has no partition yet land here instead of failing the request (AuditPartitions keeps it empty).
CREATE TABLE IF NOT EXISTS audit_log_default PARTITION OF audit_log DEFAULT;

CREATE INDEX IF NOT EXISTS audit_log_clients ON audit_log USING gin (client_ids);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, at);

-- Append-only: updates and deletes of rows are refused (a whole month is dropped only when its retention has passed).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- One row per client touched, as the trail used to be stored: for people reading it with SQL.
CREATE OR REPLACE VIEW audit_event AS
SELECT l.id, l.at, l.actor, l.role, l.action, c.client_id, l.resource, l.remote_addr, l.detail
FROM audit_log l LEFT JOIN LATERAL unnest(l.client_ids) AS c (client_id) ON true;

-- Sign-in throttling (SignInThrottle): wrong passwords counted per user name and per client address.
CREATE TABLE IF NOT EXISTS sign_in_failure (
    throttle_key    text        PRIMARY KEY,   -- 'user:<name>' or 'addr:<address>'
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);
CREATE INDEX IF NOT EXISTS sign_in_failure_last ON sign_in_failure (last_failure_at);
