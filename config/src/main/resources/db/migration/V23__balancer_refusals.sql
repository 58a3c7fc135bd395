-- What each load balancer in front of the nodes answered itself, per backend (HAProxy's refusals reach no node, so no
-- node's own counts have them): the nodes read the balancer while they report their own admission and write here;
-- the ops counters add up every row. A balancer's counts start from 0 when its process starts, so each process has
-- rows of its own, and a reading only ever raises its process's row: several nodes read the same balancer, and a
-- reading taken before another node's may arrive after it.
CREATE TABLE command.balancer_refusals (
    balancer     TEXT         NOT NULL,  -- the address of its statistics, as the nodes are configured
    backend      TEXT         NOT NULL,
    started_at   BIGINT       NOT NULL,  -- its process's start, seconds since the epoch
    refused      BIGINT       NOT NULL,  -- by that process, as last read
    reported_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (balancer, backend, started_at)
);
