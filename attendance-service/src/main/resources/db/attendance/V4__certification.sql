-- Physicians' certifications of need for IOP (Medicare, since 2024: at least 9 hours a week, re-certified at least
-- every other month). Append-only: a re-certification is a new row; the current one is the latest certified_on.
CREATE TABLE certification (
    certification_id text        PRIMARY KEY,
    client_id        text        NOT NULL,
    program_id       text        NOT NULL,
    certified_on     date        NOT NULL,
    -- Id of the certifying clinician (no name here: identifiers only).
    certified_by     text        NOT NULL,
    period_start     date        NOT NULL,
    period_end       date        NOT NULL,
    -- Computed once when recorded (CertificationRules.dueDate), so a list and its alert agree.
    due_date         date        NOT NULL,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT certification_period_ordered CHECK (period_end >= period_start)
);
CREATE INDEX certification_client ON certification (client_id, program_id, certified_on DESC, recorded_at DESC);
CREATE INDEX certification_due ON certification (due_date);

-- One CertificationDue event per client, program and due date, whatever the number of instances or re-runs.
CREATE TABLE certification_due_notice (
    client_id        text        NOT NULL,
    program_id       text        NOT NULL,
    due_date         date        NOT NULL,
    certification_id text        NOT NULL REFERENCES certification (certification_id),
    announced_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT certification_due_notice_pk PRIMARY KEY (client_id, program_id, due_date)
);
