-- What each load balancer in front of the nodes answered itself, per backend (HAProxy's refusals reach no node, so no
-- node's own counts have them): the nodes read the balancer when they report their own admission and write here;
-- the ops counters add up refused_before + refused. A balancer's counts start from 0 when its process restarts:
-- a reading of a newer process moves what the older one had refused into refused_before, and a reading older than
-- the row (another node read the balancer a moment earlier) changes nothing, so the totals never go down.
CREATE TABLE command.balancer_refusals (
    balancer        VARCHAR(256) NOT NULL,  -- the address of its statistics, as the nodes are configured
    backend         VARCHAR(64)  NOT NULL,
    started_at      BIGINT       NOT NULL,  -- its process's start, seconds since the epoch
    refused         BIGINT       NOT NULL,  -- by that process
    refused_before  BIGINT       NOT NULL,  -- by its earlier processes
    reported_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (balancer, backend)
);
