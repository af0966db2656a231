-- Version 1: the records of record.rs, one row per sled key.
--
-- `key` holds the bytes sled keeps after the user's prefix (`interview`, `settings`,
-- `assessment\0 AT SEQ`), so ORDER BY key lists a user's records in sled's order, and `body`
-- the same JSON envelope {"v": N, "data": ...} as sled stores. Both ids and bodies are bytea: a
-- record is kept byte for byte, also one this build cannot read. Every row is keyed by user_id
-- first, so a distributed Postgres (Citus) can shard every table by it.

CREATE TABLE advisor_users (
    -- One row per user who has records: the row each writer of that user locks (FOR UPDATE).
    user_id bytea PRIMARY KEY
);

CREATE TABLE advisor_records (
    user_id bytea NOT NULL REFERENCES advisor_users (user_id) ON DELETE CASCADE,
    key bytea NOT NULL,
    body bytea NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- The SEQ of assessment keys: unique in the database, as sled's id generator's numbers are.
CREATE SEQUENCE advisor_assessment_seq;

-- The check-in due index: one entry per user while check-ins are on. A claim marks it so that
-- exactly one process sends it.
CREATE TABLE advisor_checkin_due (
    user_id bytea PRIMARY KEY REFERENCES advisor_users (user_id) ON DELETE CASCADE,
    due_at bigint NOT NULL,
    claimed_at bigint
);

CREATE INDEX advisor_checkin_due_unclaimed ON advisor_checkin_due (due_at) WHERE claimed_at IS NULL;
