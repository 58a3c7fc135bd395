-- What each node's admission control admitted and refused since it started, per request class: every node writes
-- its own rows every few seconds, and the ops counters add up all of them (a node's row stays when it stops, so the
-- totals never go down). node_id is new at each start.
CREATE TABLE command.node_admission (
    node_id        VARCHAR(64)  NOT NULL,
    request_class  VARCHAR(16)  NOT NULL,
    admitted       BIGINT       NOT NULL,
    refused        BIGINT       NOT NULL,
    reported_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (node_id, request_class)
);
