-- How a recurring series is held, and the meeting link of its video sessions (held here only, like
-- session_join_link): each session the series opens gets them. In-person series have no row.
CREATE TABLE series_modality (
    series_id uuid PRIMARY KEY REFERENCES series (id),
    modality  text NOT NULL CONSTRAINT series_modality_modality CHECK (modality IN ('TELEHEALTH', 'HYBRID')),
    join_url  text NOT NULL
);
