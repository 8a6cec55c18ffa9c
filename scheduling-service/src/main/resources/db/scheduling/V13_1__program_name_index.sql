-- The program list is paged by name (GET /api/programs): an index walk, not a sort of every program.
CREATE INDEX program_name ON program (name, id);
