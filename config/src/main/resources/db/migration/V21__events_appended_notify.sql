-- Every transaction that appends events wakes each node's ops tail: PostgreSQL sends a notification at commit, never
-- on rollback, and folds repeats of one channel and payload within a transaction into one. The payload is empty, a
-- wake-up; a node reads what is new from domainevententry itself. Sent from here rather than by a statement of the
-- service's, it costs a command no round trip.
CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ekabinet_ops', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER events_appended AFTER INSERT ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
