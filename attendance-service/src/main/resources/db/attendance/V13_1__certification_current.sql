-- Each client's current certification per program (the latest certified_on, then recorded_at), kept on every
-- recording, so "who is due" reads only current certifications by due date instead of every certification ever
-- recorded (re-certified every other month, history grows six rows a year per client). A copy of the current row,
-- so the due list reads this table alone.
CREATE TABLE certification_current (
    client_id        text        NOT NULL,
    program_id       text        NOT NULL,
    certification_id text        NOT NULL REFERENCES certification (certification_id),
    certified_on     date        NOT NULL,
    certified_by     text        NOT NULL,
    period_start     date        NOT NULL,
    period_end       date        NOT NULL,
    due_date         date        NOT NULL,
    recorded_by      text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    CONSTRAINT certification_current_pk PRIMARY KEY (client_id, program_id)
);
CREATE INDEX certification_current_due ON certification_current (due_date);
CREATE INDEX certification_current_program_due ON certification_current (program_id, due_date);

INSERT INTO certification_current
SELECT DISTINCT ON (client_id, program_id) client_id, program_id, certification_id, certified_on, certified_by,
       period_start, period_end, due_date, recorded_by, recorded_at
FROM certification
ORDER BY client_id, program_id, certified_on DESC, recorded_at DESC;
