-- Automatic make-up offers (docs/adr/0010-make-up-options-and-waitlists.md): a program's rule, off by default, to
-- send the client their week's options as soon as attendance-service announces the week turned AT_RISK.

CREATE TABLE makeup_setting (
    program_id       uuid        PRIMARY KEY,
    automatic_offers boolean     NOT NULL DEFAULT false,
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT makeup_setting_program_fk FOREIGN KEY (program_id) REFERENCES program (id)
);

-- One automatic offer per client-week, whatever the number of AT_RISK announcements (redelivered, replayed, or the
-- week leaving and re-entering AT_RISK): the row is written in the transaction that sends the offer.
CREATE TABLE makeup_automatic_offer (
    client_id  uuid        NOT NULL,
    week_start date        NOT NULL,
    offer_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT makeup_automatic_offer_pk PRIMARY KEY (client_id, week_start),
    CONSTRAINT makeup_automatic_offer_offer_fk FOREIGN KEY (offer_id) REFERENCES makeup_offer (id)
);

-- Staff withdraw an offer before it is accepted.
ALTER TABLE makeup_offer DROP CONSTRAINT makeup_offer_status_valid,
    ADD CONSTRAINT makeup_offer_status_valid CHECK (status IN ('OPEN','ACCEPTED','EXPIRED','WITHDRAWN'));
ALTER TABLE makeup_offer_option DROP CONSTRAINT makeup_offer_option_status_valid,
    ADD CONSTRAINT makeup_offer_option_status_valid
        CHECK (status IN ('OPEN','BOOKED','CLOSED','EXPIRED','TAKEN','REFUSED','WITHDRAWN'));
ALTER TABLE makeup_offer ADD COLUMN withdrawn_by text;
