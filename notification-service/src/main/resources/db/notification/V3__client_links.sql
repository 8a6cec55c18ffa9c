-- Clients' signed links (the token itself is never stored: it is recomputed from these columns and the secret).
-- A link is valid until expires_at unless revoked; revocation is one UPDATE, checked on every request.
CREATE TABLE client_link (
    link_id    uuid PRIMARY KEY,
    client_id  text        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    issued_by  text        NOT NULL, -- a staff user, or 'reminders' for links written into messages
    revoked_at timestamptz,
    revoked_by text,
    CONSTRAINT client_link_expires_after_issue CHECK (expires_at > issued_at)
);
CREATE INDEX client_link_client ON client_link (client_id, expires_at);
