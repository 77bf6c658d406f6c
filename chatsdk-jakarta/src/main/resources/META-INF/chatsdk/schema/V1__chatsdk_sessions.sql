-- ChatSDK Jakarta session store, version 1 (chatsdk.session.store=jdbc). The module runs this file itself on
-- first use when the tables are missing; teams that manage the schema themselves (Flyway, Liquibase, a DBA) apply
-- it and set chatsdk.session.jdbc.create-schema=false. SQL that PostgreSQL 15, MariaDB 10.11 and H2 2.3 accept
-- alike (tested on each). Times are epoch milliseconds from the application's
-- clock. Only SHA-256 hashes of refresh token ids are stored, never a token.

CREATE TABLE chatsdk_session (
    sid           VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id       VARCHAR(255)  NOT NULL,
    profile       VARCHAR(8192) NOT NULL,
    created_at    BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    revoked_at    BIGINT,
    revoke_reason VARCHAR(16)
);

CREATE INDEX chatsdk_session_user ON chatsdk_session (user_id);

CREATE INDEX chatsdk_session_expires ON chatsdk_session (expires_at);

CREATE TABLE chatsdk_refresh (
    jti_hash CHAR(64)    NOT NULL PRIMARY KEY,
    sid      VARCHAR(36) NOT NULL,
    spent_at BIGINT,
    CONSTRAINT chatsdk_refresh_session FOREIGN KEY (sid) REFERENCES chatsdk_session (sid) ON DELETE CASCADE
);

CREATE INDEX chatsdk_refresh_sid ON chatsdk_refresh (sid);
