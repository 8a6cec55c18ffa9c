-- The programs each user works in, most recently chosen first: the program switcher and each role's home page
-- start from these (identifiers and a user name only; names come from scheduling-service per request).
CREATE TABLE my_program (
    username   text        NOT NULL,
    program_id text        NOT NULL,
    chosen_at  timestamptz NOT NULL,
    CONSTRAINT my_program_pk PRIMARY KEY (username, program_id)
);
