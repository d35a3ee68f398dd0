"""The central database's push function: every mutation is judged on the server.

Application logins cannot write a table. A desk sends its outbox to ``tjce_push(batch,
client)``, which runs with the owner's rights but takes the login's identity, role and scope
from ``sync_admin`` by ``session_user`` — never from what the client sends. For each
mutation, in order:

1. already in ``sync_applied``: done (a replayed push changes nothing);
2. judged against ``sync_permission`` (the rows of ``domain/permissions.py``) and the row's
   org path before and after the change (``sync_table.path_sql``); refused → a conflict of
   kind ``refused`` with the Chinese reason, which comes back to the desk;
3. applied, merged or a conflict, as before: the same base version is applied; otherwise the
   fields other desks changed since (``sync_change_log``) decide — none of mine: merged; one
   of mine, or an edit against a delete: a conflict, never an overwrite. A row whose parent
   is not central yet waits in the outbox.

The function returns one outcome per mutation; the desk removes from its outbox what is not
waiting. One push at a time (an advisory lock only this function may take), so change
numbers commit in order.
"""

from __future__ import annotations

from tjce_desktop.domain.permissions import GRANTS
from tjce_desktop.storage.models import Base
from tjce_desktop.storage.outbox import BOOKKEEPING

PUSH_LOCK = 73_450_123

_ORG_OF = "(SELECT o.path FROM org o WHERE o.id = ($1->>'{column}')::uuid)"
_TRAINEE_OF = "(SELECT t.org_path FROM trainee t WHERE t.id = ($1->>'trainee_id')::uuid)"
_ARCHIVE_OF = ("(SELECT t.org_path FROM enrollment e JOIN trainee t ON t.id = e.trainee_id "
               "WHERE e.id = ($1->>'enrollment_id')::uuid)")
_ROOT = "(SELECT o.path FROM org o WHERE o.parent_id IS NULL ORDER BY o.path LIMIT 1)"

# Where a row (as jsonb, $1: the row after the change) lies in the tree, for writing.
WRITE_PATH: dict[str, str | None] = {
    "org": "($1->>'path')",
    "admin_user": _ORG_OF.format(column="org_id"),
    "training_plan": _ROOT,
    "course": _ROOT,
    "exam": _ROOT,
    "hour_rule": _ROOT,
    "signing_key": None,
    "trust_statement": None,
    "certificate_numbering": _ORG_OF.format(column="issuing_org_id"),
    "trainee": _ORG_OF.format(column="org_id"),
    "stamp_batch": _ORG_OF.format(column="org_id"),
    "enrollment": _TRAINEE_OF,
    "course_progress": _ARCHIVE_OF,
    "exam_attempt": _ARCHIVE_OF,
    "certificate": _TRAINEE_OF,
    "certificate_registration": _TRAINEE_OF,
    "certificate_reissue": ("(SELECT t.org_path FROM certificate c JOIN trainee t ON t.id = c.trainee_id "
                            "WHERE c.id = ($1->>'certificate_id')::uuid)"),
    "other_learning": _TRAINEE_OF,
    "title_change": _TRAINEE_OF,
    "issued_sheet": _ARCHIVE_OF,
    "recognition_rule": _ROOT,
    "recognised_hours": _TRAINEE_OF,
}


def _literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _array(values) -> str:
    return "NULL" if values is None else "ARRAY[" + ", ".join(_literal(v) for v in sorted(values)) + "]::text[]"


def table_rows_sql() -> str:
    """``sync_table`` and ``sync_permission`` filled from the model and the permission table."""
    from tjce_desktop.domain.enums import Role
    from tjce_desktop.domain.permissions import TABLE_LABELS
    from tjce_desktop.sync.central_schema import READ_BY_ALL

    statements = ["DELETE FROM sync_table;", "DELETE FROM sync_permission;", "DELETE FROM sync_role;"]
    statements += [f"INSERT INTO sync_role VALUES ({_literal(r.value)}, {_literal(r.label)});" for r in Role]
    for name, path_sql in WRITE_PATH.items():
        table = Base.metadata.tables[name]
        derived = set(getattr(next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == name),
                              "__derived__", ()))
        writable = [c.name for c in table.c if c.name not in BOOKKEEPING and c.name != "id" and c.name not in derived]
        binary = [c.name for c in table.c if type(c.type).__name__ == "LargeBinary"]
        refs = {target: [c.name for c in table.c if c.name != "id" and any(
            fk.column.table.name == target for fk in c.foreign_keys)] for target in ("org", "stamp_batch")}
        statements.append(f"INSERT INTO sync_table VALUES ({_literal(name)}, {_literal(TABLE_LABELS[name])}, "
                          f"{_array(writable)}, {_array(binary)}, {_literal(path_sql)}, {name in READ_BY_ALL}, "
                          f"{_array(refs['org'] if name != 'org' else [])}, {_array(refs['stamp_batch'])});")
    for number, grant in enumerate(GRANTS):
        for role in grant.roles:
            for operation in grant.operations:
                statements.append(
                    f"INSERT INTO sync_permission VALUES ({number}, {_literal(role.value)}, {_literal(grant.table)}, "
                    f"{_literal(operation)}, {_array(grant.fields)}, {_literal(grant.scope)});")
    return "\n".join(statements)


JUDGE_DDL = r"""
DROP TABLE IF EXISTS sync_table;
CREATE TABLE sync_table (
    table_name text PRIMARY KEY, label text NOT NULL, columns text[] NOT NULL, binary_columns text[] NOT NULL,
    path_sql text, read_by_all boolean NOT NULL, org_refs text[] NOT NULL, batch_refs text[] NOT NULL);
CREATE TABLE IF NOT EXISTS sync_role (role text PRIMARY KEY, label text NOT NULL);
CREATE TABLE IF NOT EXISTS sync_permission (
    grant_no integer NOT NULL, role text NOT NULL, table_name text NOT NULL, operation text NOT NULL,
    fields text[], scope text NOT NULL, PRIMARY KEY (grant_no, role, operation));
CREATE TABLE IF NOT EXISTS sync_penalty (login_role text PRIMARY KEY, until timestamptz NOT NULL);
ALTER TABLE sync_penalty ADD COLUMN IF NOT EXISTS last_ended timestamptz;
ALTER TABLE sync_conflict ADD COLUMN IF NOT EXISTS reason text;
ALTER TABLE sync_conflict ADD COLUMN IF NOT EXISTS mutation_id uuid;
CREATE INDEX IF NOT EXISTS ix_sync_conflict_open_by ON sync_conflict (created_by) WHERE resolved_at IS NULL;

-- A row's org path, from the row as jsonb.
CREATE OR REPLACE FUNCTION tjce_row_path(tbl text, r jsonb) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp AS $$
DECLARE expression text; result text;
BEGIN
  SELECT path_sql INTO expression FROM sync_table WHERE table_name = tbl;
  IF expression IS NULL THEN RETURN NULL; END IF;
  EXECUTE 'SELECT ' || expression INTO result USING r;
  RETURN result;
END $$;

-- A central row as the desks' JSON: binary columns in base64, like the outbox.
CREATE OR REPLACE FUNCTION tjce_row_json(tbl text, r jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE
SET search_path = public, pg_temp AS $$
DECLARE name text;
BEGIN
  IF r IS NULL THEN RETURN NULL; END IF;
  FOR name IN SELECT unnest(binary_columns) FROM sync_table WHERE table_name = tbl LOOP
    IF r ? name AND jsonb_typeof(r->name) = 'string' THEN
      r := jsonb_set(r, ARRAY[name], to_jsonb(translate(encode(decode(substr(r->>name, 3), 'hex'), 'base64'),
                                                        E'\n', '')));
    END IF;
  END LOOP;
  RETURN r;
END $$;

-- The desks' JSON as column values (binary from base64), only the table's writable columns.
CREATE OR REPLACE FUNCTION tjce_row_values(tbl text, v jsonb) RETURNS jsonb LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT coalesce(jsonb_object_agg(e.key, CASE
           WHEN e.key = ANY(s.binary_columns) AND jsonb_typeof(e.value) = 'string'
           THEN to_jsonb('\x' || encode(decode(e.value #>> '{}', 'base64'), 'hex'))
           ELSE e.value END), '{}'::jsonb)
  FROM jsonb_each(coalesce(v, '{}'::jsonb)) e JOIN sync_table s ON s.table_name = tbl
  WHERE e.key = ANY(s.columns)
$$;

-- Why this login may not make this change, or NULL.
CREATE OR REPLACE FUNCTION tjce_refusal(me sync_admin, tbl text, op text, changed text[], before jsonb, after jsonb)
RETURNS text LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE grant_row sync_permission; old_path text; new_path text; any_grant boolean := false;
        table_label text := coalesce((SELECT s.label FROM sync_table s WHERE s.table_name = tbl), tbl);
        role_label text := coalesce((SELECT r.label FROM sync_role r WHERE r.role = me.role), me.role);
BEGIN
  FOR grant_row IN SELECT * FROM sync_permission WHERE role = me.role AND table_name = tbl AND operation = op LOOP
    any_grant := true;
    CONTINUE WHEN grant_row.fields IS NOT NULL AND NOT (changed <@ grant_row.fields);
    IF grant_row.scope = 'any' THEN RETURN NULL; END IF;
    IF grant_row.scope = 'self' THEN
      IF (before IS NULL OR before->>'username' = me.username) AND after->>'username' = me.username THEN
        RETURN NULL;
      END IF;
      CONTINUE;
    END IF;
    new_path := tjce_row_path(tbl, after);
    old_path := CASE WHEN before IS NULL THEN new_path ELSE tjce_row_path(tbl, before) END;
    IF new_path IS NOT NULL AND old_path IS NOT NULL AND starts_with(new_path, me.scope_path)
       AND starts_with(old_path, me.scope_path) THEN
      RETURN NULL;
    END IF;
    -- 调入: a person another unit marked 离职 may be claimed into the login's scope (made 在职
    -- there); an 在职 person of another scope may not be moved.
    IF tbl = 'trainee' AND op = 'update' AND before IS NOT NULL AND NOT (before->>'active')::boolean
       AND (after->>'active')::boolean AND new_path IS NOT NULL AND starts_with(new_path, me.scope_path) THEN
      RETURN NULL;
    END IF;
  END LOOP;
  IF NOT any_grant THEN
    RETURN format('“%s”不能%s%s。', role_label,
                  CASE op WHEN 'insert' THEN '新增' WHEN 'update' THEN '修改' ELSE '删除' END, table_label);
  END IF;
  IF EXISTS (SELECT 1 FROM sync_permission p WHERE p.role = me.role AND p.table_name = tbl AND p.operation = op
             AND (p.fields IS NULL OR changed <@ p.fields)) THEN
    RETURN format('该%s不在账户“%s”的管辖范围内，中心数据库拒绝了这项修改。', table_label, me.username);
  END IF;
  RETURN format('“%s”不能修改%s的这些字段：%s。', role_label, table_label, array_to_string(ARRAY(
    SELECT f FROM unnest(changed) f WHERE NOT EXISTS (
      SELECT 1 FROM sync_permission p WHERE p.role = me.role AND p.table_name = tbl AND p.operation = op
      AND (p.fields IS NULL OR f = ANY(p.fields))) ORDER BY f), '、'));
END $$;

-- A conflict (or a refusal) the desks of the scope see; never another scope's row contents.
CREATE OR REPLACE FUNCTION tjce_record_conflict(me sync_admin, m jsonb, client text, kind text, fields text[],
                                                mine jsonb, central jsonb, reason text)
RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE tbl text := m->>'table'; row_path text; original jsonb;
BEGIN
  -- Only the table's own columns are kept: a conflict is no place to store what a client invents.
  SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) INTO mine
    FROM jsonb_each(CASE WHEN jsonb_typeof(mine) = 'object' THEN mine ELSE '{}'::jsonb END) e
    JOIN sync_table s ON s.table_name = tbl WHERE e.key = ANY(s.columns);
  SELECT jsonb_object_agg(e.key, e.value) INTO original
    FROM jsonb_each(CASE WHEN jsonb_typeof(m->'original') = 'object' THEN m->'original' ELSE '{}'::jsonb END) e
    JOIN sync_table s ON s.table_name = tbl WHERE e.key = ANY(s.columns);
  row_path := tjce_row_path(tbl, coalesce(central, '{}'::jsonb) || mine);
  IF central IS NOT NULL AND NOT (SELECT s.read_by_all FROM sync_table s WHERE s.table_name = tbl)
     AND NOT coalesce(starts_with(tjce_row_path(tbl, central), me.scope_path), false) THEN
    central := NULL;  -- the clashing row lies outside the login's scope: say so, show nothing of it
  END IF;
  INSERT INTO sync_conflict (id, table_name, row_id, kind, fields, mine, central, original, base_version, client_id,
                             created_by, scope_path, reason, mutation_id)
  VALUES (gen_random_uuid(), tbl, (m->>'row_id')::uuid, kind, fields, coalesce(mine, '{}'::jsonb),
          tjce_row_json(tbl, central), original, coalesce((m->>'base_version')::integer, 0), client,
          session_user, CASE WHEN row_path IS NOT NULL AND starts_with(row_path, me.scope_path) THEN row_path
                             ELSE me.scope_path END, reason, (m->>'mutation_id')::uuid);
END $$;

CREATE OR REPLACE FUNCTION tjce_log_change(tbl text, row_id uuid, fields text[], client text)
RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('INSERT INTO sync_change_log (server_seq, table_name, row_id, row_version, client_id, fields) '
                 'SELECT server_seq, %L, id, row_version, $2, $3 FROM %I WHERE id = $1', tbl, tbl)
    USING row_id, client, fields;
END $$;

-- Insert a row (base_row NULL) or write values over it, one version more: 'applied',
-- 'waiting' (a row it refers to is not central yet), 'conflict' (a duplicate) or 'refused'
-- (the database said no: a value too long, a check); conflicts and refusals are recorded.
CREATE OR REPLACE FUNCTION tjce_write_row(me sync_admin, m jsonb, client text, base_row jsonb, v jsonb)
RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE tbl text := m->>'table'; row_id uuid := (m->>'row_id')::uuid; columns text; fields text[];
        message text; clash_constraint text;
BEGIN
  fields := ARRAY(SELECT jsonb_object_keys(v) ORDER BY 1);
  BEGIN
    v := tjce_row_values(tbl, v)
         || jsonb_build_object('row_version', coalesce((base_row->>'row_version')::integer, 0) + 1,
                               'updated_at', now() AT TIME ZONE 'UTC',
                               'updated_by', me.username);
    IF base_row IS NULL THEN
      v := v || jsonb_build_object('id', row_id);
    END IF;
    SELECT string_agg(quote_ident(k), ', ') INTO columns FROM jsonb_object_keys(v) k;
    IF base_row IS NULL THEN
      EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_record(NULL::%I, $1)',
                     tbl, columns, columns, tbl) USING v;
    ELSE
      EXECUTE format('UPDATE %I SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) WHERE id = $2',
                     tbl, columns, columns, tbl) USING v, row_id;
    END IF;
  EXCEPTION
    WHEN foreign_key_violation THEN RETURN 'waiting';  -- it refers to a row still in this desk's outbox
    WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS clash_constraint = CONSTRAINT_NAME;
      PERFORM tjce_record_conflict(me, m, client, 'duplicate', fields, m->'values',
                                   coalesce(tjce_clashing_row(tbl, clash_constraint, v), base_row),
                                   '与中心数据库中已有的记录重复');
      RETURN 'conflict';
    WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS message = MESSAGE_TEXT;
      PERFORM tjce_record_conflict(me, m, client, 'refused', fields, m->'values', base_row,
                                   '中心数据库拒绝了这项修改：' || message);
      RETURN 'refused';
  END;
  PERFORM tjce_log_change(tbl, row_id, fields, client);
  RETURN 'applied';
END $$;

-- The row holding the unique values that clashed (the same ID number added at two desks).
CREATE OR REPLACE FUNCTION tjce_clashing_row(tbl text, index_name text, v jsonb)
RETURNS jsonb LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE columns text; result jsonb;
BEGIN
  SELECT string_agg(quote_ident(a.attname), ', ') INTO columns
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
   WHERE c.relname = index_name AND i.indrelid = tbl::regclass;
  IF columns IS NULL THEN RETURN NULL; END IF;
  EXECUTE format('SELECT to_jsonb(t) FROM %I t WHERE (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) '
                 'LIMIT 1', tbl, columns, columns, tbl) INTO result USING v;
  RETURN result;
END $$;

-- One mutation: applied | merged | conflict | refused | waiting.
CREATE OR REPLACE FUNCTION tjce_apply(me sync_admin, m jsonb, client text)
RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE tbl text := m->>'table'; op text := m->>'operation'; target uuid := (m->>'row_id')::uuid;
        base integer := coalesce((m->>'base_version')::integer, 0); v jsonb; fields text[]; central_row jsonb;
        reason text; theirs text[]; clash text[]; rest jsonb; outcome text;
        has_path boolean; ref text; ref_path text; written text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sync_table WHERE table_name = tbl) OR op NOT IN ('insert', 'update', 'delete') THEN
    PERFORM tjce_record_conflict(me, m, client, 'refused', '{}', '{}', NULL,
                                 '不是可以同步的表或操作：' || left(coalesce(tbl, ''), 64));
    RETURN 'refused';
  END IF;
  IF octet_length(m::text) > 4 * 1024 * 1024 THEN
    PERFORM tjce_record_conflict(me, m, client, 'refused', '{}', '{}', NULL, '这项修改超过 4 MB，中心数据库拒绝。');
    RETURN 'refused';
  END IF;
  SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) INTO v
    FROM jsonb_each(CASE WHEN jsonb_typeof(m->'values') = 'object' THEN m->'values' ELSE '{}'::jsonb END) e
    JOIN sync_table s ON s.table_name = tbl WHERE e.key = ANY(s.columns);
  fields := ARRAY(SELECT jsonb_object_keys(v) ORDER BY 1);
  has_path := (SELECT path_sql IS NOT NULL FROM sync_table WHERE table_name = tbl);
  IF op <> 'insert' THEN
    EXECUTE format('SELECT to_jsonb(t) FROM %I t WHERE id = $1 FOR UPDATE', tbl) INTO central_row USING target;
    IF central_row IS NULL THEN RETURN 'waiting'; END IF;  -- its insert has not reached the central database yet
  END IF;
  IF has_path AND tjce_row_path(tbl, coalesce(central_row, '{}'::jsonb) || v) IS NULL THEN
    RETURN 'waiting';  -- the parent it hangs off is not central yet
  END IF;
  IF op <> 'insert' AND cardinality(fields) = 0 THEN
    RETURN 'applied';  -- nothing to write (a version bump alone changes nothing centrally)
  END IF;
  reason := tjce_refusal(me, tbl, op, fields, central_row, coalesce(central_row, '{}'::jsonb) || v);
  IF reason IS NULL THEN
    -- The orgs and stamp batches it newly refers to must lie in the scope too.
    FOR ref IN SELECT unnest(org_refs) FROM sync_table WHERE table_name = tbl LOOP
      CONTINUE WHEN v->>ref IS NULL OR v->>ref IS NOT DISTINCT FROM central_row->>ref;
      ref_path := (SELECT o.path FROM org o WHERE o.id = (v->>ref)::uuid);
      IF ref_path IS NULL THEN RETURN 'waiting'; END IF;
      IF NOT starts_with(ref_path, me.scope_path) THEN
        reason := format('它引用的机构（%s）不在账户“%s”的管辖范围内，中心数据库拒绝了这项修改。', ref, me.username);
      END IF;
    END LOOP;
    FOR ref IN SELECT unnest(batch_refs) FROM sync_table WHERE table_name = tbl LOOP
      CONTINUE WHEN v->>ref IS NULL OR v->>ref IS NOT DISTINCT FROM central_row->>ref;
      ref_path := (SELECT o.path FROM stamp_batch b JOIN org o ON o.id = b.org_id WHERE b.id = (v->>ref)::uuid);
      IF ref_path IS NULL THEN RETURN 'waiting'; END IF;
      IF NOT starts_with(ref_path, me.scope_path) THEN
        reason := format('它引用的盖章批次不在账户“%s”的管辖范围内，中心数据库拒绝了这项修改。', me.username);
      END IF;
    END LOOP;
  END IF;
  IF reason IS NOT NULL THEN
    PERFORM tjce_record_conflict(me, m, client, 'refused', fields, v, NULL, reason);
    RETURN 'refused';
  END IF;
  IF op = 'insert' THEN
    RETURN tjce_write_row(me, m, client, NULL, v);
  END IF;
  outcome := 'applied';
  IF (central_row->>'row_version')::integer <> base THEN
    theirs := ARRAY(SELECT DISTINCT f FROM sync_change_log l, unnest(l.fields) f
                     WHERE l.row_id = target AND l.row_version > base AND l.client_id <> client);
    IF central_row->>'deleted_at' IS NOT NULL AND op <> 'delete' THEN
      PERFORM tjce_record_conflict(me, m, client, 'edit_deleted', fields, m->'values', central_row, NULL);
      RETURN 'conflict';
    END IF;
    IF op = 'delete' AND cardinality(theirs) > 0 THEN
      PERFORM tjce_record_conflict(me, m, client, 'delete_edited', theirs, m->'values', central_row, NULL);
      RETURN 'conflict';
    END IF;
    clash := ARRAY(SELECT unnest(fields) INTERSECT SELECT unnest(theirs) ORDER BY 1);
    IF cardinality(clash) > 0 THEN
      -- The fields nobody else touched are merged; only the clashing ones wait for a person.
      rest := v - clash;
      IF rest <> '{}'::jsonb THEN
        written := tjce_write_row(me, m, client, central_row, rest);
        IF written <> 'applied' THEN RETURN written; END IF;
      END IF;
      PERFORM tjce_record_conflict(me, m, client, 'same_field', clash,
                                   (SELECT jsonb_object_agg(key, value) FROM jsonb_each(v) WHERE key = ANY(clash)),
                                   central_row, NULL);
      RETURN 'conflict';
    END IF;
    outcome := 'merged';
  END IF;
  written := tjce_write_row(me, m, client, central_row, v);
  RETURN CASE WHEN written = 'applied' THEN outcome ELSE written END;
END $$;

-- The push lock, waited for at most 10 s. A desk's transaction is one push call and its
-- commit, so a holder idle in its transaction for 3 s, or running anything but the push
-- statement for 2 s, is a stuck or hostile client: its session is ended, so it cannot stall
-- every other desk; a login ended twice within two minutes waits two minutes before it may
-- push again. One push per transaction keeps the lock from being held call after call.
CREATE OR REPLACE FUNCTION tjce_push_lock() RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE holder record; deadline timestamptz := clock_timestamp() + interval '10 seconds';
        desk_timeout text := current_setting('lock_timeout');
BEGIN
  IF EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND classid = 0
             AND objid = 73450123 AND objsubid = 1 AND granted) THEN
    RAISE EXCEPTION '一个事务只能上传一批修改。' USING ERRCODE = 'invalid_transaction_state';
  END IF;
  -- Wait in the server's lock queue (no polling) in one-second slices; between slices, look
  -- at the holder.
  PERFORM set_config('lock_timeout', '1000', true);
  LOOP
    BEGIN
      PERFORM pg_advisory_xact_lock(73450123);
      PERFORM set_config('lock_timeout', desk_timeout, true);
      RETURN;
    EXCEPTION WHEN lock_not_available THEN
      NULL;
    END;
    SELECT a.pid, a.usename, a.state, a.state_change, a.query INTO holder
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = 73450123 AND l.objsubid = 1 AND l.granted;
    IF holder.pid IS NOT NULL AND (
         (holder.state <> 'active' AND holder.state_change < clock_timestamp() - interval '3 seconds')
         OR (holder.state = 'active'
             AND holder.query !~* '^\s*SELECT tjce_push\((CAST\()?\$1( AS jsonb\)|::jsonb)?, \$2\)\s*;?\s*$'
             AND holder.state_change < clock_timestamp() - interval '2 seconds')) THEN
      PERFORM pg_terminate_backend(holder.pid, 2000);  -- and wait until it is gone, with its row locks
      -- Ended twice within two minutes (or once running something else): its login may not
      -- push for two minutes, so several sessions of one login cannot take turns. Once, idle,
      -- is forgiven: a desk on a slow machine or network.
      BEGIN
        INSERT INTO sync_penalty AS p (login_role, until, last_ended)
          VALUES (holder.usename, CASE WHEN holder.state = 'active' THEN clock_timestamp() + interval '2 minutes'
                                       ELSE clock_timestamp() END, clock_timestamp())
          ON CONFLICT (login_role) DO UPDATE SET
            until = CASE WHEN holder.state = 'active' OR p.last_ended > clock_timestamp() - interval '2 minutes'
                         THEN clock_timestamp() + interval '2 minutes' ELSE p.until END,
            last_ended = clock_timestamp();
      EXCEPTION WHEN lock_not_available THEN
        NULL;  -- another waiting desk is recording it
      END;
    END IF;
    IF clock_timestamp() > deadline THEN
      PERFORM set_config('lock_timeout', desk_timeout, true);
      RAISE EXCEPTION '中心数据库繁忙，稍后自动重试。' USING ERRCODE = 'lock_not_available';
    END IF;
  END LOOP;
END $$;

-- A batch of a desk's outbox, in order. Returns [{"seq": …, "outcome": …}, …].
CREATE OR REPLACE FUNCTION tjce_push(batch jsonb, client text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE me sync_admin; m jsonb; outcome text; results jsonb := '[]'::jsonb; waiting uuid[] := '{}';
        mutation uuid; row_id uuid;
BEGIN
  SELECT * INTO me FROM sync_admin WHERE login_role = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION '该登录没有对应的管理员账户，不能上传修改。' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM sync_penalty WHERE login_role = session_user AND until > clock_timestamp()) THEN
    RAISE EXCEPTION '该登录刚才占用同步锁过久，两分钟内暂停上传。' USING ERRCODE = 'lock_not_available';
  END IF;
  IF (SELECT count(*) FROM sync_conflict WHERE created_by = session_user AND resolved_at IS NULL) >= 1000 THEN
    RAISE EXCEPTION '本账户未处理的同步冲突已有 1000 项，请先在“同步/冲突”页处理，再上传新的修改。'
      USING ERRCODE = 'program_limit_exceeded';
  END IF;
  IF client IS NULL OR length(client) > 64 THEN
    RAISE EXCEPTION '安装编号不正确。' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_typeof(batch) <> 'array' OR jsonb_array_length(batch) > 1000 THEN
    RAISE EXCEPTION '一次最多上传 1000 项修改。' USING ERRCODE = 'program_limit_exceeded';
  END IF;
  PERFORM tjce_push_lock();
  FOR m IN SELECT value FROM jsonb_array_elements(batch) LOOP
    mutation := (m->>'mutation_id')::uuid;
    row_id := (m->>'row_id')::uuid;
    IF EXISTS (SELECT 1 FROM sync_applied WHERE mutation_id = mutation) THEN
      outcome := 'done';
    ELSIF row_id = ANY(waiting) THEN
      outcome := 'waiting';  -- keep a row's changes in order
    ELSE
      outcome := tjce_apply(me, m, client);
      IF outcome = 'waiting' THEN
        waiting := waiting || row_id;
      ELSE
        INSERT INTO sync_applied (mutation_id, login_role, outcome) VALUES (mutation, session_user, outcome);
      END IF;
    END IF;
    results := results || jsonb_build_array(jsonb_build_object('seq', m->'seq', 'outcome', outcome));
  END LOOP;
  RETURN results;
END $$;

-- 调入 (services/trainee_transfer.py): move the person with this ID number into an org of the
-- login's scope, only when no unit holds them 在职. Answers a code, never the person's name,
-- login or org: claimed | not_found | in_scope | active | org | role.
DROP FUNCTION IF EXISTS tjce_claim_trainee(text, uuid);
CREATE FUNCTION tjce_claim_trainee(p_id_number text, p_org uuid)
RETURNS TABLE (answer text, archives bigint) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE me sync_admin; target_path text; person trainee;
BEGIN
  SELECT * INTO me FROM sync_admin WHERE login_role = session_user;
  IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM sync_permission p WHERE p.role = me.role AND p.table_name = 'trainee'
                              AND p.operation = 'update' AND (p.fields IS NULL OR 'org_id' = ANY(p.fields))) THEN
    RETURN QUERY SELECT 'role'::text, 0::bigint; RETURN;
  END IF;
  SELECT o.path INTO target_path FROM org o WHERE o.id = p_org AND o.deleted_at IS NULL;
  IF target_path IS NULL OR NOT starts_with(target_path, me.scope_path) THEN
    RETURN QUERY SELECT 'org'::text, 0::bigint; RETURN;
  END IF;
  PERFORM tjce_push_lock();  -- one writer at a time, as pushes: change numbers commit in order
  SELECT * INTO person FROM trainee t WHERE t.id_number = upper(p_id_number) AND t.deleted_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, 0::bigint; RETURN;
  END IF;
  IF starts_with(person.org_path, me.scope_path) THEN
    RETURN QUERY SELECT 'in_scope'::text, 0::bigint; RETURN;
  END IF;
  IF person.active THEN
    RETURN QUERY SELECT 'active'::text, 0::bigint; RETURN;
  END IF;
  UPDATE trainee SET org_id = p_org, active = true, left_on = NULL, row_version = row_version + 1,
         updated_at = now() AT TIME ZONE 'UTC', updated_by = me.username
   WHERE id = person.id;  -- the triggers move its path, its archives and records, and tell the old scope
  PERFORM tjce_log_change('trainee', person.id, ARRAY['active', 'left_on', 'org_id'], 'claim:' || session_user);
  RETURN QUERY SELECT 'claimed'::text, (SELECT count(*) FROM enrollment e WHERE e.trainee_id = person.id
                                        AND e.deleted_at IS NULL);
END $$;

-- Close a conflict the login may see (its scope, or its own); an auditor closes none.
CREATE OR REPLACE FUNCTION tjce_resolve_conflict(conflict uuid, choice text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE me sync_admin;
BEGIN
  SELECT * INTO me FROM sync_admin WHERE login_role = session_user;
  IF NOT FOUND OR me.role = 'auditor' THEN RETURN false; END IF;
  IF choice NOT IN ('central', 'mine', 'merge') THEN RETURN false; END IF;
  UPDATE sync_conflict SET resolved_at = now(), resolved_by = session_user, resolution = choice
   WHERE id = conflict AND resolved_at IS NULL
     AND (starts_with(scope_path, me.scope_path) OR created_by = session_user);
  RETURN FOUND;
END $$;
"""
