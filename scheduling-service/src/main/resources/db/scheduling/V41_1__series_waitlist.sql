-- Series-wide waitlists (issue 17): staff put a client on the waitlist of every remaining full session of a series in
-- one action. Each session still gets its own entry (its own queue place, hold, acceptance, expiry); series_id only
-- links the entries so staff see them together and an accepted hold becomes a seat of the series. The existing
-- unique index waitlist_one_open_entry (session_id, client_id) WHERE status IN ('WAITING','HELD') already refuses a
-- second open entry for the same client and session, whether it comes from one session's page or from a series.
ALTER TABLE waitlist_entry
    ADD COLUMN series_id uuid,
    ADD CONSTRAINT waitlist_series_fk FOREIGN KEY (series_id) REFERENCES series (id);
CREATE INDEX waitlist_by_series ON waitlist_entry (series_id, position) WHERE series_id IS NOT NULL;
