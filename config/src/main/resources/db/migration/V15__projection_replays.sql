-- The administrators' replays of read models, one row per projection with its last replay, shared by every node. One
-- replay runs at a time in the whole cluster, on the node that accepted it, which renews heartbeat_at while it runs;
-- the other nodes meanwhile release the replayed processor's segments. A RUNNING replay whose heartbeat is older
-- than its lease was left behind by a node that died.
CREATE TABLE command.projection_replay (
    projection      VARCHAR(64)  PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    events_replayed BIGINT       NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    failure         VARCHAR(200),
    node            VARCHAR(255) NOT NULL,
    heartbeat_at    TIMESTAMPTZ  NOT NULL
);
