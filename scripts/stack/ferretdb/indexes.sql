-- Indexes that FerretDB 1.24's queries can use, installed in the PostgreSQL database it stores in
-- (docs/local-stack.md, "Index-served reads"). Idempotent: scripts/stack.sh runs it on every `up`.
--
-- FerretDB pushes a top-level equality filter down as `_jsonb->$1 @> $2`. The indexes it makes
-- for createIndex are btrees on `(_jsonb->'field')`, and a btree has no `@>`: every find scans
-- the table. A GIN index with jsonb_path_ops on the same expression serves `@>`, so each btree
-- FerretDB creates gets a GIN twin on its first key (the field the store queries by equality).

-- FerretDB's statements are prepared with the field name as a parameter. A generic plan cannot
-- match an index on `_jsonb->'aggregateId'` to `_jsonb->$1`; a custom plan, made with the
-- parameter's value known, can.
ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan;

CREATE OR REPLACE FUNCTION social_posts_gin_twin(index_oid oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  btree record;
  first_key text;
BEGIN
  SELECT n.nspname AS schema_name, t.relname AS table_name, c.relname AS index_name
    INTO btree
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE i.indexrelid = index_oid
     AND am.amname = 'btree'
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
     AND t.relname NOT LIKE '\_ferretdb%';
  IF NOT FOUND THEN
    RETURN;
  END IF;
  first_key := pg_get_indexdef(index_oid, 1, true);
  IF first_key NOT LIKE '(_jsonb -> %' THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((%s) jsonb_path_ops)',
                 left(btree.index_name, 59) || '_gin', btree.schema_name, btree.table_name, first_key);
END
$$;

CREATE OR REPLACE FUNCTION social_posts_gin_twin_on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  created record;
BEGIN
  FOR created IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    -- FerretDB's own CREATE INDEX must never fail because of its twin: the twin is an optimisation.
    BEGIN
      PERFORM social_posts_gin_twin(created.objid);
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'no GIN twin for index %: %', created.objid, SQLERRM;
    END;
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS social_posts_gin_twins;
CREATE EVENT TRIGGER social_posts_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION social_posts_gin_twin_on_create_index();

-- Btrees made before the trigger existed (a .stack/ from an earlier version) get their twins now.
SELECT social_posts_gin_twin(indexrelid) FROM pg_index;
