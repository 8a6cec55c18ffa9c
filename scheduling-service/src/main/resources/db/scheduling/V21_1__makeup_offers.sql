-- Make-up offers to the client (docs/adr/0010-make-up-options-and-waitlists.md): staff send a client-week's options;
-- the client chooses one on their page (through notification-service and Kafka) and scheduling books it through the
-- ordinary booking rules. An offer holds no seat: a seat taken meanwhile makes that option unavailable.

CREATE TABLE makeup_offer (
    id              uuid        PRIMARY KEY,
    client_id       uuid        NOT NULL,
    program_id      uuid        NOT NULL,
    week_start      date        NOT NULL,
    status          text        NOT NULL DEFAULT 'OPEN',
    -- the last option's start: the offer is open until then, or until it is accepted or no option is left
    expires_at      timestamptz NOT NULL,
    accepted_option int,
    offered_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT makeup_offer_client_fk FOREIGN KEY (client_id) REFERENCES enrolment (client_id),
    CONSTRAINT makeup_offer_program_fk FOREIGN KEY (program_id) REFERENCES program (id),
    CONSTRAINT makeup_offer_status_valid CHECK (status IN ('OPEN','ACCEPTED','EXPIRED')),
    CONSTRAINT makeup_offer_accepted_has_option CHECK ((status = 'ACCEPTED') = (accepted_option IS NOT NULL))
);
-- one open offer per client: a second would leave the client two pages of choices for the same hours
CREATE UNIQUE INDEX makeup_offer_one_open ON makeup_offer (client_id) WHERE status = 'OPEN';
CREATE INDEX makeup_offer_by_client ON makeup_offer (client_id, created_at DESC);

CREATE TABLE makeup_offer_option (
    offer_id    uuid        NOT NULL,
    number      int         NOT NULL,
    -- OPEN; BOOKED (the client's choice); CLOSED (another option was booked); EXPIRED (started);
    -- TAKEN (a seat was gone when the client chose it); REFUSED (another booking rule refused it)
    status      text        NOT NULL DEFAULT 'OPEN',
    expires_at  timestamptz NOT NULL,
    minutes     int         NOT NULL,
    CONSTRAINT makeup_offer_option_pk PRIMARY KEY (offer_id, number),
    CONSTRAINT makeup_offer_option_offer_fk FOREIGN KEY (offer_id) REFERENCES makeup_offer (id),
    CONSTRAINT makeup_offer_option_status_valid
        CHECK (status IN ('OPEN','BOOKED','CLOSED','EXPIRED','TAKEN','REFUSED'))
);
CREATE INDEX makeup_offer_option_due ON makeup_offer_option (expires_at) WHERE status = 'OPEN';

CREATE TABLE makeup_offer_session (
    offer_id    uuid        NOT NULL,
    number      int         NOT NULL,
    session_id  uuid        NOT NULL,
    -- set when the option is booked
    booking_id  uuid,
    CONSTRAINT makeup_offer_session_pk PRIMARY KEY (offer_id, number, session_id),
    CONSTRAINT makeup_offer_session_option_fk FOREIGN KEY (offer_id, number)
        REFERENCES makeup_offer_option (offer_id, number),
    CONSTRAINT makeup_offer_session_session_fk FOREIGN KEY (session_id) REFERENCES session (id),
    CONSTRAINT makeup_offer_session_booking_fk FOREIGN KEY (booking_id) REFERENCES booking (id)
);
