-- ChatSDK Jakarta session store, version 2: a session's refresh tokens move into its own row while they fit there
-- (the one current token, and the last spent one while the rotation grace may still ask about it), so the common
-- rotation updates one row found by its primary key: one statement, and on PostgreSQL a HOT update, as none of these
-- columns is indexed. chatsdk_refresh keeps the tokens of sessions that hold more (siblings minted by retries,
-- several spent tokens within the grace); such a session has NULL in all three columns, as every session created
-- before this version has until it next rotates. The module runs this file itself when the columns are missing;
-- with chatsdk.session.jdbc.create-schema=false apply it after V1. SQL that PostgreSQL 15, MariaDB 10.11 and H2 2.3
-- accept alike; on PostgreSQL and MariaDB,
-- adding NULL columns without a default rewrites no rows.

ALTER TABLE chatsdk_session ADD COLUMN current_hash CHAR(64);

ALTER TABLE chatsdk_session ADD COLUMN previous_hash CHAR(64);

ALTER TABLE chatsdk_session ADD COLUMN previous_spent_at BIGINT;
