-- The projection reads a chunk's week rows by exact (client, program, week) keys. Before the table has statistics (a
-- replay into a new database) the planner took this index for those probes, equality on two of the three columns,
-- and filtered each program-week's rows by client: ~100 ms instead of ~4 ms for 2,000 keys of one large program.
-- With the client as its third column either index answers a probe with one row, and the program's week list
-- (ComplianceReader.programWeek) reads its clients from the index alone.
DROP INDEX compliance_week_program;
CREATE INDEX compliance_week_program ON compliance_week (program_id, week_start, client_id);
