-- Sign-in throttling (SignInThrottle): wrong passwords counted per user name and per client address, shared by every
-- instance of the service and kept across restarts, so neither a restart nor a second instance resets a lock.
CREATE TABLE sign_in_failure (
    throttle_key    text        PRIMARY KEY,   -- 'user:<name>' or 'addr:<address>'
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz
);

-- pruning of entries nobody has failed on for a while
CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure_at);
