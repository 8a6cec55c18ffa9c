-- The client's copy of seats held for them from a waitlist (scheduling's WaitlistSeatHeld), shown on their page with
-- its deadline; their answer goes back as WaitlistHoldAnswered and WaitlistHoldEnded closes this copy.
CREATE TABLE waitlist_hold (
    entry_id        text        PRIMARY KEY,
    client_id       text        NOT NULL,
    program_id      text        NOT NULL,
    time_zone       text        NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    held_until      timestamptz NOT NULL,
    -- HELD, PENDING (the client answered; scheduling is applying it), then how it ended:
    -- BOOKED, DECLINED, EXPIRED, REMOVED, NOT_BOOKABLE
    status          text        NOT NULL DEFAULT 'HELD',
    -- the client's answer while PENDING: ACCEPT or DECLINE
    answer          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_hold_status_valid CHECK (status IN ('HELD','PENDING','BOOKED','DECLINED','EXPIRED','REMOVED',
        'NOT_BOOKABLE')),
    CONSTRAINT waitlist_hold_answer_valid CHECK (answer IN ('ACCEPT','DECLINE')),
    CONSTRAINT waitlist_hold_pending_has_answer CHECK (status <> 'PENDING' OR answer IS NOT NULL)
);
CREATE INDEX waitlist_hold_by_client ON waitlist_hold (client_id, created_at DESC);
