-- The audit trail as one row per request (naming every client it showed), partitioned by month so that old months
-- can be dropped whole when the documentation period has passed (AuditPartitions creates months ahead and drops
-- expired ones). The old one-row-per-client table becomes a view of the same name for ad-hoc reading.

CREATE SEQUENCE audit_log_id_seq;

CREATE TABLE audit_log (
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
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- Months from the oldest existing row up to two months ahead, so the copied history lands in its own months.
DO $$
DECLARE
    month date := date_trunc('month', coalesce((SELECT min(at) FROM audit_event), now()) AT TIME ZONE 'UTC');
    last  date := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months';
BEGIN
    WHILE month <= last LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                       'audit_log_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'),
                       month::text || ' 00:00:00+00', (month + interval '1 month')::date::text || ' 00:00:00+00');
        month := month + interval '1 month';
    END LOOP;
END $$;

-- Indexes of the filters the audit API offers (each query is built for its filter set, so each can use its index).
CREATE INDEX audit_log_clients ON audit_log USING gin (client_ids);
CREATE INDEX audit_log_actor ON audit_log (actor, at);

INSERT INTO audit_log (id, at, actor, role, action, client_ids, resource, remote_addr, detail)
SELECT id, at, actor, role, action, CASE WHEN client_id IS NULL THEN '{}' ELSE ARRAY[client_id] END, resource,
       remote_addr, detail
FROM audit_event;
SELECT setval('audit_log_id_seq', coalesce((SELECT max(id) FROM audit_event), 0) + 1, false);

DROP TABLE audit_event; -- its trigger goes with it

-- Append-only: updates and deletes of rows are refused (a whole month is dropped only when its retention has passed).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
DROP FUNCTION audit_event_append_only();

-- One row per client touched, as the trail used to be stored: for people reading it with SQL.
CREATE VIEW audit_event AS
SELECT l.id, l.at, l.actor, l.role, l.action, c.client_id, l.resource, l.remote_addr, l.detail
FROM audit_log l LEFT JOIN LATERAL unnest(l.client_ids) AS c (client_id) ON true;
