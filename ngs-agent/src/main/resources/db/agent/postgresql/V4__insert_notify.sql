-- ngsign agent schema v4 (PostgreSQL): wake the agent on INSERT. A statement-level trigger, so a bulk
-- INSERT of many rows sends one notification; PostgreSQL delivers it when the inserting transaction
-- commits. The agent LISTENs on the channel '${prefix}MSG_INSERTED' and claims at once; its poll interval
-- stays as the fallback for a lost notification or a dropped LISTEN connection (docs/agent.md).
-- OR REPLACE: DROP TABLE drops the trigger but not the function (a recreated send table must migrate).
CREATE OR REPLACE FUNCTION ${prefix}MSG_NOTIFY() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${prefix}MSG_INSERTED', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}MSG_INSERTED AFTER INSERT ON ${prefix}MSG
  FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}MSG_NOTIFY();
