-- Room on each page for a row's next version, so the projection's updates of a booking (its outcome arriving in a
-- later poll than its times, a revision replacing it, its times moving within the week) stay heap-only (HOT): the
-- new version goes on the same page and no index gets a new entry. None of compliance_session's indexes
-- (booking_id; client_id, program_id, week_start; program_id) holds a column those updates change, so only the full
-- page stopped them: at the default fillfactor of 100 every insert filled the page and each update wrote the row
-- on another page plus an entry in all three indexes. A booking moved to another week still changes week_start
-- (indexed): that update is not HOT, as before. Pages written before this keep their layout until rewritten.
-- Half the page: nearly every booking gets its outcome once and its row grows by it (the check-in and check-out
-- times); 12,000 rows each updated once, PostgreSQL 15: 90% HOT at fillfactor 50, 62% at 60, 40% at 70, 1% at 100.
-- Once the old versions are pruned, the pages hold about as many rows as at 100 after its updates and a vacuum.
ALTER TABLE compliance_session SET (fillfactor = 50);

-- The same for the judged weeks, rewritten each time a poll touches one: the indexes (client_id, program_id,
-- week_start; program_id, week_start, client_id; closes_at WHERE NOT closed) hold no column a re-judgement changes
-- unless the week closes or its closing time moves.
ALTER TABLE compliance_week SET (fillfactor = 70);
