-- "Who is due" without a program read every current certification due by the horizon, including the last one of
-- every discharged client (overdue for ever), and dropped those afterwards: it grew with every client ever
-- discharged. The flag follows the enrolment's status (set by the projection's EnrolmentsChanged, in its
-- transaction), and the due list reads only the rows of clients still enrolled, by partial indexes.
ALTER TABLE certification_current ADD COLUMN discharged boolean NOT NULL DEFAULT false;

UPDATE certification_current c SET discharged = true
FROM compliance_enrolment e
WHERE e.client_id = c.client_id AND e.program_id = c.program_id AND e.status = 'DISCHARGED';

DROP INDEX certification_current_due;
DROP INDEX certification_current_program_due;
CREATE INDEX certification_current_due ON certification_current (due_date, client_id) WHERE NOT discharged;
CREATE INDEX certification_current_program_due ON certification_current (program_id, due_date, client_id)
    WHERE NOT discharged;
