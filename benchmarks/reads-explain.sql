-- EXPLAIN (ANALYZE, BUFFERS) of the reads that could grow with total data, each under the generic plan a pooled
-- prepared statement gets. Run against a database seeded by benchmarks/run-reads (READS_KEEP=1):
--   psql -h 127.0.0.1 -U postgres -d iop_reads_1 -v program=<uuid> -v client=<uuid> -f benchmarks/reads-explain.sql
-- The statements are the services' own (copied from the classes named in each heading).
SET plan_cache_mode = force_generic_plan;
\pset pager off

\echo '== attendance Certifications.due, all programs (clients still enrolled: partial index WHERE NOT discharged)'
SET search_path TO attendance;
PREPARE due_all(date) AS
SELECT * FROM certification_current WHERE NOT discharged AND due_date <= $1 ORDER BY due_date, client_id;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE due_all(CURRENT_DATE + 1);

\echo '== attendance Certifications.due, one program, within 14 days'
PREPARE due_one(date, text) AS
SELECT * FROM certification_current WHERE NOT discharged AND due_date <= $1 AND program_id = $2
ORDER BY due_date, client_id;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE due_one(CURRENT_DATE + 15, :'program');

\echo '== attendance ComplianceReader.discharged (the flag kept by Certifications.enrolmentsChanged)'
PREPARE discharged(text[], text[]) AS
SELECT e.client_id || '|' || e.program_id FROM compliance_enrolment e
JOIN unnest($1, $2) AS k(c, p) ON e.client_id = k.c AND e.program_id = k.p
WHERE e.status = 'DISCHARGED';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE discharged(ARRAY[:'client'], ARRAY[:'program']);

\echo '== attendance ComplianceReader.programWeek: the week''s clients'
PREPARE week_clients(text, date, date) AS
SELECT client_id FROM compliance_enrolment WHERE program_id = $1 AND track IS NOT NULL
  AND admission_date <= $3 AND (discharge_date IS NULL OR discharge_date >= $2)
UNION SELECT client_id FROM compliance_week WHERE program_id = $1 AND week_start = $2
ORDER BY 1;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE week_clients(:'program',
    date_trunc('week', now() AT TIME ZONE 'America/New_York')::date,
    date_trunc('week', now() AT TIME ZONE 'America/New_York')::date + 6);

\echo '== attendance FhirResources.ofClient'
PREPARE fhir(text) AS
SELECT b.booking_id, b.starts_at, r.outcome FROM booking b LEFT JOIN LATERAL (
    SELECT * FROM attendance_revision ar WHERE ar.booking_id = b.booking_id ORDER BY ar.revision DESC LIMIT 1) r ON true
WHERE b.client_id = $1 ORDER BY b.starts_at, b.booking_id;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE fhir(:'client');

\echo '== attendance AuditQuery, clientId only'
PREPARE audit_client(text, int, int) AS
SELECT * FROM audit_log WHERE client_ids @> ARRAY[$1] ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE audit_client(:'client', 100, 0);

\echo '== attendance AuditQuery, newest first'
PREPARE audit_all(int, int) AS SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE audit_all(100, 0);

\echo '== attendance WeekCloser: ComplianceStore.unjudgedClosedWeeks (every minute, in the background)'
PREPARE unjudged(date, date, double precision, timestamptz, int) AS
WITH e AS MATERIALIZED (
    SELECT client_id, program_id, admission_date, discharge_date, planned_discharge_date
    FROM compliance_enrolment
    WHERE track IS NOT NULL AND admission_date IS NOT NULL
      AND coalesce(discharge_date, planned_discharge_date, 'infinity'::date) BETWEEN $2 AND 'infinity'::date)
SELECT e.client_id, e.program_id, w.week_start
FROM e
JOIN compliance_program p ON p.program_id = e.program_id
CROSS JOIN LATERAL (
    SELECT g::date AS week_start FROM generate_series(
        e.admission_date - ((extract(isodow FROM e.admission_date)::int
            - array_position(ARRAY['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY',
                                   'SUNDAY'], p.week_start) + 7) % 7),
        least(coalesce(e.discharge_date, e.planned_discharge_date, $1), $1),
        interval '7 days') g) w
WHERE ((w.week_start + 7)::timestamp AT TIME ZONE p.time_zone) + make_interval(secs => $3) <= $4
  AND NOT EXISTS (SELECT 1 FROM compliance_week c WHERE c.client_id = e.client_id
                    AND c.program_id = e.program_id AND c.week_start = w.week_start OFFSET 0)
ORDER BY e.client_id, e.program_id, w.week_start LIMIT $5;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE unjudged(CURRENT_DATE + 1, CURRENT_DATE - 17, 172800, now(), 500);

\echo '== scheduling BookingRepository.bookedForClient (client schedule, 4 weeks)'
SET search_path TO scheduling;
PREPARE sched(uuid, date, date, int, bigint) AS
SELECT b.id, s.local_date, lower(s.period), p.time_zone
FROM booking b JOIN session s ON s.id = b.session_id JOIN program p ON p.id = b.program_id
WHERE b.client_id = $1 AND b.status = 'BOOKED' AND s.local_date BETWEEN $2 AND $3
ORDER BY lower(s.period), b.id LIMIT $4 OFFSET $5;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE sched(:'client', CURRENT_DATE - 14, CURRENT_DATE + 14, 50, 0);

\echo '== scheduling program search (ILIKE)'
PREPARE search(text, int, int) AS
SELECT id, name FROM program WHERE name ILIKE $1 ORDER BY name, id LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE search('%program 0997%', 20, 0);

\echo '== notification deliveries of a client'
SET search_path TO notification;
PREPARE deliveries(text) AS SELECT * FROM delivery WHERE client_id = $1 ORDER BY id DESC LIMIT 200;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE deliveries(:'client');
