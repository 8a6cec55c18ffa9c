CREATE TABLE input_sample (
    id      bigserial PRIMARY KEY,
    name    text NOT NULL,
    born    date,
    day     date,
    count   integer,
    kind    text
);
