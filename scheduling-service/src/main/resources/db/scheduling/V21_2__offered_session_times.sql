-- An offer keeps the times it offered, so reading it needs no other feature's table (the session package owns
-- `session`; see FeatureModulesTest).
ALTER TABLE makeup_offer_session ADD COLUMN starts_at timestamptz, ADD COLUMN ends_at timestamptz;
UPDATE makeup_offer_session x SET starts_at = lower(s.period), ends_at = upper(s.period) FROM session s
    WHERE s.id = x.session_id;
ALTER TABLE makeup_offer_session ALTER COLUMN starts_at SET NOT NULL, ALTER COLUMN ends_at SET NOT NULL;
