-- Telehealth (issue 18): which bookings are in a video (TELEHEALTH or HYBRID) session, from SessionScheduled's
-- modality. No link is stored: the client's "Join online" link is derived from the booking id (ADR 0011).
CREATE TABLE online_booking (
    booking_id text PRIMARY KEY,
    modality   text NOT NULL CONSTRAINT online_booking_modality CHECK (modality IN ('TELEHEALTH', 'HYBRID'))
);
