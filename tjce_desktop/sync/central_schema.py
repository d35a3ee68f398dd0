"""The central PostgreSQL database: the same tables as the local cache, plus what sync needs.

- ``sync_seq``: one global change sequence; a trigger stamps ``server_seq`` on every insert
  and update of a synced table. Pushes are serialised (``tjce_push``), so sequence values
  commit in order and a pull never skips a row that commits later with a smaller number.
- ``sync_admin`` maps a PostgreSQL login role to its account, role and scope; ``tjce_scope()``
  reads it for the current login (the owner sees everything).
- Reading: row-level security on every synced table — a login sees only rows of its org
  subtree (archives and their records through their trainee or archive); the org tree and
  the reference data (plans, courses, exams, signing keys, numbering rules) are readable by
  all. Application roles are members of ``tjce_app``: they never own a table.
- Writing: application logins have no INSERT, UPDATE or DELETE on any table. Every change
  goes through ``tjce_push`` (``central_judge.py``), judged by the permission table.
- ``sync_applied`` (mutation ids already applied: a replayed push changes nothing),
  ``sync_change_log`` (which fields each applied change touched: the base of field merges),
  ``sync_conflict`` (what could not be applied, with mine / central / original, or why it
  was refused) and ``sync_scope_exit`` (rows that left a subtree, so its desks remove them):
  written only by the push function and triggers; the last two readable within the scope.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# Tables and how a row finds its org path; None: reference data, readable by every login.
SCOPE_OF: dict[str, str | None] = {
    "org": "path",
    "admin_user": "(SELECT o.path FROM org o WHERE o.id = admin_user.org_id)",
    "trainee": "org_path",
    "enrollment": "org_path",
    "course_progress": "(SELECT e.org_path FROM enrollment e WHERE e.id = course_progress.enrollment_id)",
    "exam_attempt": "(SELECT e.org_path FROM enrollment e WHERE e.id = exam_attempt.enrollment_id)",
    "stamp_batch": "(SELECT o.path FROM org o WHERE o.id = stamp_batch.org_id)",  # and see _EXTRA_READ
    "certificate": "(SELECT t.org_path FROM trainee t WHERE t.id = certificate.trainee_id)",
    "certificate_registration": "(SELECT t.org_path FROM trainee t WHERE t.id = certificate_registration.trainee_id)",
    "certificate_reissue": "(SELECT t.org_path FROM certificate c JOIN trainee t ON t.id = c.trainee_id "
                           "WHERE c.id = certificate_reissue.certificate_id)",
    "other_learning": "(SELECT t.org_path FROM trainee t WHERE t.id = other_learning.trainee_id)",
    "title_change": "(SELECT t.org_path FROM trainee t WHERE t.id = title_change.trainee_id)",
    "training_plan": None,
    "course": None,
    "exam": None,
    "signing_key": None,
    "certificate_numbering": None,
}


def in_scope(path_sql: str) -> str:
    """A policy's test. Written out, not called: the sub-select is an init plan, so the login's
    scope is read once per query; inside a function it would be read once per row (a
    function with a sub-select is never inlined). 50× faster on a district's archives."""
    return f"coalesce(starts_with({path_sql}, (SELECT tjce_scope())), false)"


# Rows readable beyond their own scope: a stamp batch of another org that an archive in the
# scope refers to (the archive's trainee moved here).
_EXTRA_READ = {
    "stamp_batch": "EXISTS (SELECT 1 FROM enrollment e WHERE e.stamp_batch_id = stamp_batch.id "
                   f"AND {in_scope('e.org_path')})",
}

# Parents before children: the order of pulls and of a full copy.
TABLE_ORDER = ("org", "admin_user", "training_plan", "course", "exam", "signing_key", "certificate_numbering",
               "trainee", "stamp_batch", "enrollment", "course_progress", "exam_attempt", "certificate",
               "certificate_registration", "certificate_reissue", "other_learning", "title_change")
APP_ROLE = "tjce_app"
# Readable by every login: the org tree (names, and what archives refer to) and reference data.
READ_BY_ALL = frozenset({"org"} | {name for name, scope in SCOPE_OF.items() if scope is None})

_SYNC_DDL = """
CREATE SEQUENCE IF NOT EXISTS sync_seq;
CREATE TABLE IF NOT EXISTS sync_admin (
    login_role text PRIMARY KEY, username text NOT NULL UNIQUE, role text NOT NULL, scope_path text NOT NULL);
CREATE TABLE IF NOT EXISTS sync_applied (
    mutation_id uuid PRIMARY KEY, login_role text NOT NULL DEFAULT session_user, outcome text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS sync_change_log (
    server_seq bigint PRIMARY KEY, table_name text NOT NULL, row_id uuid NOT NULL, row_version integer NOT NULL,
    client_id text NOT NULL, fields text[] NOT NULL);
CREATE INDEX IF NOT EXISTS ix_sync_change_log_row ON sync_change_log (row_id, row_version);
CREATE TABLE IF NOT EXISTS sync_conflict (
    id uuid PRIMARY KEY, table_name text NOT NULL, row_id uuid NOT NULL, kind text NOT NULL,
    fields text[] NOT NULL, mine jsonb NOT NULL, central jsonb, original jsonb, base_version integer NOT NULL,
    client_id text NOT NULL, created_by text NOT NULL DEFAULT session_user, scope_path text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), server_seq bigint NOT NULL DEFAULT nextval('sync_seq'),
    resolved_at timestamptz, resolved_by text, resolution text);
CREATE TABLE IF NOT EXISTS sync_scope_exit (
    server_seq bigint PRIMARY KEY DEFAULT nextval('sync_seq'), table_name text NOT NULL, row_id uuid NOT NULL,
    old_path text NOT NULL, new_path text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS ix_sync_conflict_open ON sync_conflict (created_at) WHERE resolved_at IS NULL;

CREATE OR REPLACE FUNCTION tjce_scope() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT coalesce((SELECT scope_path FROM sync_admin WHERE login_role = session_user),
                   CASE WHEN pg_has_role(session_user, 'tjce_app', 'member') THEN '-' ELSE '/' END) $$;
DROP FUNCTION IF EXISTS tjce_in_scope(text);
CREATE OR REPLACE FUNCTION tjce_row_hash(row_id uuid, version integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || left(md5(replace(row_id::text, '-', '') || ':' || version::text), 16))::bit(64)::bigint $$;
CREATE OR REPLACE FUNCTION tjce_stamp_seq() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS
$$ BEGIN NEW.server_seq := nextval('public.sync_seq'::regclass); RETURN NEW; END $$;
CREATE OR REPLACE FUNCTION tjce_enrollment_scope() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS
$$ BEGIN
  -- Derived copies (not synced): the archive carries its trainee's path and 在职 flag.
  SELECT t.org_path, t.active INTO NEW.org_path, NEW.trainee_active FROM trainee t WHERE t.id = NEW.trainee_id;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION tjce_trainee_path() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS
$$ BEGIN
  -- The trainee's scope is its org's path, whatever a desk sent.
  NEW.org_path := (SELECT o.path FROM org o WHERE o.id = NEW.org_id);
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION tjce_trainee_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.org_path IS DISTINCT FROM OLD.org_path OR NEW.active IS DISTINCT FROM OLD.active THEN
    -- The archives carry copies of the trainee's scope; their records follow, so that the
    -- new subtree's desks pull them (a new server_seq) and the old one's remove them.
    UPDATE enrollment SET org_path = NEW.org_path, trainee_active = NEW.active WHERE trainee_id = NEW.id;
  END IF;
  IF NEW.org_path IS DISTINCT FROM OLD.org_path THEN
    UPDATE stamp_batch SET row_version = row_version
      WHERE id IN (SELECT stamp_batch_id FROM enrollment WHERE trainee_id = NEW.id);
    UPDATE course_progress SET row_version = row_version
      WHERE enrollment_id IN (SELECT id FROM enrollment WHERE trainee_id = NEW.id);
    UPDATE exam_attempt SET row_version = row_version
      WHERE enrollment_id IN (SELECT id FROM enrollment WHERE trainee_id = NEW.id);
    UPDATE certificate SET row_version = row_version WHERE trainee_id = NEW.id;
    UPDATE certificate_registration SET row_version = row_version WHERE trainee_id = NEW.id;
    UPDATE other_learning SET row_version = row_version WHERE trainee_id = NEW.id;
    UPDATE title_change SET row_version = row_version WHERE trainee_id = NEW.id;
    INSERT INTO sync_scope_exit (table_name, row_id, old_path, new_path) VALUES ('trainee', NEW.id, OLD.org_path,
                                                                                  NEW.org_path);
  END IF;
  RETURN NEW;
END $$;
"""


def _reconcile_functions() -> str:
    """Invoker's rights: row-level security gives each login the figures of its own scope."""
    tables = ", ".join(f"'{name}'" for name in TABLE_ORDER)
    return f"""
CREATE OR REPLACE FUNCTION tjce_reconcile(tbl text, excluded uuid[])
RETURNS TABLE (bucket text, n_rows bigint, checksum numeric) LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT tbl = ANY(ARRAY[{tables}]) THEN RAISE EXCEPTION '不是同步的表：%', tbl; END IF;
  RETURN QUERY EXECUTE format('SELECT right(id::text, 2), count(*), sum(tjce_row_hash(id, row_version))::numeric '
                              'FROM %I WHERE NOT (id = ANY($1)) GROUP BY 1', tbl) USING excluded;
END $$;
CREATE OR REPLACE FUNCTION tjce_reconcile_rows(tbl text, buckets text[], excluded uuid[])
RETURNS TABLE (id uuid, row_version integer) LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT tbl = ANY(ARRAY[{tables}]) THEN RAISE EXCEPTION '不是同步的表：%', tbl; END IF;
  RETURN QUERY EXECUTE format('SELECT id, row_version FROM %I WHERE right(id::text, 2) = ANY($1) '
                              'AND NOT (id = ANY($2))', tbl) USING buckets, excluded;
END $$;
"""


def install_sync_schema(connection: Connection) -> None:
    """Idempotent: run after every migration of the central database (as its owner).

    Application logins get SELECT (row-level security decides which rows) and the functions
    of ``APP_FUNCTIONS``; they write only through ``tjce_push``.
    """
    from tjce_desktop.sync.central_judge import JUDGE_DDL, table_rows_sql

    connection.execute(text(f"DO $$ BEGIN CREATE ROLE {APP_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
                            "END $$"))
    connection.exec_driver_sql(_SYNC_DDL)
    connection.exec_driver_sql(_reconcile_functions().replace("%", "%%"))  # the driver reads % as a placeholder
    connection.exec_driver_sql(JUDGE_DDL.replace("%", "%%"))
    connection.exec_driver_sql(table_rows_sql().replace("%", "%%"))
    for table, scope in SCOPE_OF.items():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS tjce_seq ON {table}")
        connection.exec_driver_sql(f"CREATE TRIGGER tjce_seq BEFORE INSERT OR UPDATE ON {table} "
                                   "FOR EACH ROW EXECUTE FUNCTION tjce_stamp_seq()")
        connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM PUBLIC, {APP_ROLE}")
        connection.exec_driver_sql(f"GRANT SELECT ON {table} TO {APP_ROLE}")
        # Pulls read "above the cursor, in order", a page at a time.
        connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{table}_server_seq ON {table} (server_seq)")
        for policy in ("tjce_read", "tjce_write", "tjce_change"):
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
        if table in READ_BY_ALL:
            readable = "true"
        else:
            readable = in_scope(scope)
        if table in _EXTRA_READ:
            readable = f"({readable} OR {_EXTRA_READ[table]})"
        connection.exec_driver_sql(f"CREATE POLICY tjce_read ON {table} FOR SELECT USING ({readable})")
    # Derived paths, computed on the server whatever a desk sent.
    for name, table, events, function in (
        ("tjce_scope_copy", "enrollment", "INSERT OR UPDATE OF trainee_id", "tjce_enrollment_scope"),
        ("tjce_trainee_path", "trainee", "INSERT OR UPDATE", "tjce_trainee_path"),
    ):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        connection.exec_driver_sql(f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW "
                                   f"EXECUTE FUNCTION {function}()")
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS tjce_moved ON trainee")
    connection.exec_driver_sql("CREATE TRIGGER tjce_moved AFTER UPDATE ON trainee FOR EACH ROW "
                               "EXECUTE FUNCTION tjce_trainee_moved()")
    # Sync bookkeeping: written only by the push function and the triggers (owner's rights).
    for table, readable in (
        ("sync_applied", None),
        ("sync_change_log", None),
        ("sync_penalty", None),
        ("sync_conflict", f"{in_scope('scope_path')} OR created_by = session_user"),
        ("sync_scope_exit", in_scope("old_path")),
        ("sync_table", "true"),
        ("sync_permission", "true"),
        ("sync_role", "true"),
    ):
        connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM PUBLIC, {APP_ROLE}")
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS tjce_all ON {table}")
        if readable is not None:
            connection.exec_driver_sql(f"CREATE POLICY tjce_all ON {table} FOR SELECT USING ({readable})")
            connection.exec_driver_sql(f"GRANT SELECT ON {table} TO {APP_ROLE}")
    connection.exec_driver_sql(f"REVOKE ALL ON SEQUENCE sync_seq FROM PUBLIC, {APP_ROLE}")
    connection.exec_driver_sql(f"REVOKE ALL ON sync_admin FROM PUBLIC, {APP_ROLE}")
    connection.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")
    connection.exec_driver_sql("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    connection.exec_driver_sql("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {', '.join(APP_FUNCTIONS)} TO {APP_ROLE}")
    connection.exec_driver_sql(_NO_ADVISORY_LOCKS.replace("%", "%%"))


# What an application login may call: its scope (the policies), the reconciliation figures,
# the push and closing a conflict.
APP_FUNCTIONS = ("tjce_scope()", "tjce_row_hash(uuid, integer)",
                 "tjce_reconcile(text, uuid[])", "tjce_reconcile_rows(text, text[], uuid[])",
                 "tjce_push(jsonb, text)", "tjce_resolve_conflict(uuid, text)")

# Advisory locks are the push function's alone: a login that could take the push lock (or
# any advisory lock) could stall every desk. Only a superuser may revoke them (and end a
# stuck session), so the owner must be one.
_NO_ADVISORY_LOCKS = r"""
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'pg_catalog' AND p.proname LIKE 'pg\_%advisory%' LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, current_user);
  END LOOP;
  -- No temporary tables: a login's temp table named like one of ours would be found first.
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION '中心数据库的所有者必须是超级用户：否则任何登录都能取得同步锁，使其他单位无法同步。'
    USING ERRCODE = 'insufficient_privilege';
END $$;
"""
