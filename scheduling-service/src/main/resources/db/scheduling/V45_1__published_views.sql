-- Published read-only views (ADR 0013, issue 16): the one SQL surface a feature package offers the others. Only the
-- owning package names its tables; another package's hot-path queries (booking rules' reads, make-up and waitlist
-- searches, enrolment lists) join these views instead, which PostgreSQL inlines into the same plans as the tables.
-- Each is a plain projection of one table, so a locking clause through it locks just that table's rows.
-- Owners are declared in scheduling-service's FeatureModulesTest; keep a column here as long as a reader uses it.

-- program: a program's time zone (session times are shown in it)
CREATE VIEW program_published AS
    SELECT id, time_zone FROM program;

-- session: when, what and how full a session is
CREATE VIEW session_published AS
    SELECT id, program_id, session_type, block, local_date, start_time, end_time, period, capacity, booked_count,
           status, modality, late_entry_reason
    FROM session;

-- booking: who holds a seat when
CREATE VIEW booking_published AS
    SELECT id, client_id, program_id, session_id, series_id, status, period FROM booking;

-- closure: days a program is closed
CREATE VIEW closure_published AS
    SELECT program_id, first_day, last_day FROM closure;

-- enrolment: whether a client is active in a program
CREATE VIEW enrolment_published AS
    SELECT client_id, program_id, status FROM enrolment;

-- waitlist: which client waits for or holds a seat of which session
CREATE VIEW waitlist_entry_published AS
    SELECT client_id, session_id, status FROM waitlist_entry;
