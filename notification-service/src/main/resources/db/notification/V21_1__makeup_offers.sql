-- The client's copy of make-up offers (MakeupOffered from scheduling-service), shown on their page; their choice is
-- sent back as MakeupOfferChosen and the outcome (MakeupOfferAccepted / MakeupOfferExpired) updates this copy.
CREATE TABLE makeup_offer (
    offer_id        text        PRIMARY KEY,
    client_id       text        NOT NULL,
    program_id      text        NOT NULL,
    time_zone       text        NOT NULL,
    -- OPEN, PENDING (the client chose; scheduling is booking it), ACCEPTED, EXPIRED
    status          text        NOT NULL DEFAULT 'OPEN',
    chosen_option   int,
    -- why the client's last choice could not be booked (SEAT_TAKEN, NOT_BOOKABLE), shown once on their page
    last_refusal    text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT makeup_offer_status_valid CHECK (status IN ('OPEN','PENDING','ACCEPTED','EXPIRED')),
    CONSTRAINT makeup_offer_pending_has_choice CHECK (status <> 'PENDING' OR chosen_option IS NOT NULL)
);
CREATE INDEX makeup_offer_by_client ON makeup_offer (client_id, created_at DESC);

CREATE TABLE makeup_offer_option (
    offer_id    text        NOT NULL,
    number      int         NOT NULL,
    -- OPEN, BOOKED, CLOSED (another option was booked), UNAVAILABLE (started, taken or refused)
    status      text        NOT NULL DEFAULT 'OPEN',
    CONSTRAINT makeup_offer_option_pk PRIMARY KEY (offer_id, number),
    CONSTRAINT makeup_offer_option_offer_fk FOREIGN KEY (offer_id) REFERENCES makeup_offer (offer_id),
    CONSTRAINT makeup_offer_option_status_valid CHECK (status IN ('OPEN','BOOKED','CLOSED','UNAVAILABLE'))
);

CREATE TABLE makeup_offer_session (
    offer_id    text        NOT NULL,
    number      int         NOT NULL,
    session_id  text        NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    CONSTRAINT makeup_offer_session_pk PRIMARY KEY (offer_id, number, session_id),
    CONSTRAINT makeup_offer_session_option_fk FOREIGN KEY (offer_id, number)
        REFERENCES makeup_offer_option (offer_id, number)
);
