-- Certifications due in one program, found by index (the list of a program's due certifications and the check for
-- a newer certification of the same client no longer read every certification).
CREATE INDEX certification_program_due ON certification (program_id, due_date);
