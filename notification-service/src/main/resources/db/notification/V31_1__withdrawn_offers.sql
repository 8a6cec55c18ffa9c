-- Staff may withdraw an offer before it is accepted (scheduling's MakeupOfferWithdrawn): the client's page stops
-- showing it and a choice of it is refused.
ALTER TABLE makeup_offer DROP CONSTRAINT makeup_offer_status_valid,
    ADD CONSTRAINT makeup_offer_status_valid CHECK (status IN ('OPEN','PENDING','ACCEPTED','EXPIRED','WITHDRAWN'));
