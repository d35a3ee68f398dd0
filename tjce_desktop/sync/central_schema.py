"""The central PostgreSQL database: the same tables as the local cache, plus what sync needs.

- ``sync_seq``: one global change sequence; a trigger stamps ``server_seq`` on every insert
  and update of a synced table. Pushes are serialised (``tjce_push``), so sequence values
  commit in order and a pull never skips a row that commits later with a smaller number.
- ``sync_admin`` maps a PostgreSQL login role to its account, role and scope; ``tjce_scope()``
  reads it for the current login (the owner sees everything).
- Reading: row-level security on every synced table — a login sees only rows of its org
  subtree (archives and their records through their trainee or archive); the org tree and
  the reference data (plans, courses, exams, signing keys, numbering rules, hour rules) are readable by
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

from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class Route:
    """How a row finds its org path: a path column on the row (``{row}``) or on a parent
    reached through joins on ids. The policies use it as a sub-select per row; the
    reconciliation as a join that starts from the scope's key range, so it reads only the
    scope's rows (through the indexes) instead of testing every row of the city."""

    path: str
    via: tuple[tuple[str, str], ...] = ()  # (parent table and alias, join condition)

    def correlated(self, table: str) -> str:
        """The path of one row of ``table``, as a scalar expression (joins on primary keys)."""
        if not self.via:
            return self.path.format(row=table)
        (first, first_on), *rest = self.via
        joins = "".join(f" JOIN {parent} ON {on}" for parent, on in rest)
        return f"(SELECT {self.path} FROM {first}{joins} WHERE {first_on.format(row=table)})"

    def exists(self, table: str) -> str:
        """Whether some parent row in the scope leads to this row (for joins that may fan out)."""
        (first, first_on), *rest = self.via
        joins = "".join(f" JOIN {parent} ON {on}" for parent, on in rest)
        return f"EXISTS (SELECT 1 FROM {first}{joins} WHERE {first_on.format(row=table)} AND {in_scope(self.path)})"

    def scope_rows(self, table: str) -> str:
        """``id, row_version`` of the rows whose path lies in the scope's key range (an index
        range) and, to be exact whatever the characters, starts with the scope."""
        joins = "".join(f" JOIN {parent} ON {on.format(row='t')}" for parent, on in self.via)
        path = self.path.format(row="t")
        return (f"SELECT t.id, t.row_version FROM {table} t{joins} "
                f"WHERE {path} >= scope_lo AND {path} < scope_hi AND starts_with({path}, login_scope)")


_THROUGH_ORG = (("org o", "o.id = {row}.org_id"),)
_THROUGH_ARCHIVE = (("enrollment e", "e.id = {row}.enrollment_id"),)
_THROUGH_TRAINEE = (("trainee p", "p.id = {row}.trainee_id"),)
# Tables and how their rows find their org path; the first route is the row's own, a further
# one a way the row is readable beyond it: a stamp batch of another org that an archive in
# the scope refers to (the archive's trainee moved here). None: reference data, read by all.
ROUTES: dict[str, tuple[Route, ...] | None] = {
    "org": (Route("{row}.path"),),
    "admin_user": (Route("o.path", _THROUGH_ORG),),
    "trainee": (Route("{row}.org_path"),),
    "enrollment": (Route("{row}.org_path"),),
    "course_progress": (Route("e.org_path", _THROUGH_ARCHIVE),),
    "exam_attempt": (Route("e.org_path", _THROUGH_ARCHIVE),),
    "stamp_batch": (Route("o.path", _THROUGH_ORG),
                    Route("e.org_path", (("enrollment e", "e.stamp_batch_id = {row}.id"),))),
    "certificate": (Route("p.org_path", _THROUGH_TRAINEE),),
    "certificate_registration": (Route("p.org_path", _THROUGH_TRAINEE),),
    "certificate_reissue": (Route("p.org_path", (("certificate c", "c.id = {row}.certificate_id"),
                                                 ("trainee p", "p.id = c.trainee_id"))),),
    "other_learning": (Route("p.org_path", _THROUGH_TRAINEE),),
    "title_change": (Route("p.org_path", _THROUGH_TRAINEE),),
    "recognised_hours": (Route("p.org_path", _THROUGH_TRAINEE),),
    "issued_sheet": (Route("e.org_path", _THROUGH_ARCHIVE),),
    "training_plan": None,
    "course": None,
    "exam": None,
    "signing_key": None,
    "trust_statement": None,
    "certificate_numbering": None,
    "recognition_rule": None,
    "hour_rule": None,
}
# A row's own org path, as a scalar expression over its table.
SCOPE_OF: dict[str, str | None] = {name: routes[0].correlated(name) if routes else None
                                   for name, routes in ROUTES.items()}


def in_scope(path_sql: str) -> str:
    """A policy's test. Written out, not called: the sub-select is an init plan, so the login's
    scope is read once per query; inside a function it would be read once per row (a
    function with a sub-select is never inlined). 50× faster on a district's archives."""
    return f"coalesce(starts_with({path_sql}, (SELECT tjce_scope())), false)"


def readable_sql(table: str) -> str:
    """The read policy of a synced table."""
    routes = ROUTES[table]
    if table in READ_BY_ALL or not routes:
        return "true"
    first, *further = routes
    return " OR ".join([in_scope(first.correlated(table))] + [route.exists(table) for route in further])


# Parents before children: the order of pulls and of a full copy.
TABLE_ORDER = ("org", "admin_user", "training_plan", "course", "exam", "signing_key", "trust_statement",
               "certificate_numbering", "hour_rule", "recognition_rule", "trainee", "stamp_batch", "enrollment",
               "course_progress", "exam_attempt", "issued_sheet", "certificate", "certificate_registration",
               "certificate_reissue", "other_learning", "title_change", "recognised_hours")
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

CREATE OR REPLACE FUNCTION tjce_scope() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS
$$ SELECT coalesce((SELECT scope_path FROM sync_admin WHERE login_role = session_user),
                   CASE WHEN pg_has_role(session_user, 'tjce_app', 'member') THEN '-' ELSE '/' END) $$;
DROP FUNCTION IF EXISTS tjce_in_scope(text);
-- 40 random bits of the id (the end of a UUIDv7, short of the two hex digits that pick the
-- bucket) times the version: a quarter of md5's cost, on both sides, and a version moved from
-- one row to another still changes the sum.
CREATE OR REPLACE FUNCTION tjce_row_hash(row_id uuid, version integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(row_id::text, 25, 10))::bit(40)::bigint * (mod(version, 8388608)::bigint + 1) $$;
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
    UPDATE recognised_hours SET row_version = row_version WHERE trainee_id = NEW.id;
    INSERT INTO sync_scope_exit (table_name, row_id, old_path, new_path) VALUES ('trainee', NEW.id, OLD.org_path,
                                                                                  NEW.org_path);
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION tjce_recognition_four_eyes() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  -- Pushed by a login (tjce_write_row sets updated_by to its account): who recorded and who
  -- decided are that account, whatever the desk sent. The owner's copy of a joining desk is
  -- taken as it is (the CHECK constraints still hold).
  IF NOT EXISTS (SELECT 1 FROM sync_admin WHERE login_role = session_user) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.recorded_by := NEW.updated_by;
    IF NEW.status <> 'pending' OR NEW.decided_by IS NOT NULL THEN
      RAISE EXCEPTION '学时认定须先以“待审核”登记，再由另一账户审核。' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  NEW.recorded_by := OLD.recorded_by;
  IF OLD.status <> 'pending' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.hours IS DISTINCT FROM OLD.hours
                                  OR NEW.decided_by IS DISTINCT FROM OLD.decided_by) THEN
    RAISE EXCEPTION USING ERRCODE = 'check_violation',
      MESSAGE = '该学时认定已审核（' || CASE OLD.status WHEN 'approved' THEN '已认定' ELSE '已驳回' END
                || '），不能再更改。';
  END IF;
  IF OLD.status = 'pending' AND NEW.status <> 'pending' THEN
    NEW.decided_by := NEW.updated_by;
    IF NEW.decided_by = OLD.recorded_by THEN
      RAISE EXCEPTION USING ERRCODE = 'check_violation',
        MESSAGE = '学时认定须由登记人以外的另一账户审核：账户“' || OLD.recorded_by || '”不能审核自己登记的认定。';
    END IF;
  END IF;
  IF NEW.hours > NEW.claimed_hours THEN
    RAISE EXCEPTION '认定学时不能超过折算学时。' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
"""


# Trust: the desks' audit anchors (append-only; a login adds its desk's head and reads its own
# series back, never changes one), the look-up of a printed sheet by its short code (75
# random bits: a code is found only by whoever holds the sheet) and of a stamp batch's
# revocation by its id (printed in the sheet's signed claim).
_TRUST_DDL = """
CREATE TABLE IF NOT EXISTS sync_audit_anchor (
    id bigserial PRIMARY KEY, login_role text NOT NULL DEFAULT session_user, desk text NOT NULL,
    seq bigint NOT NULL, hash text NOT NULL, anchored_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS ix_sync_audit_anchor_login ON sync_audit_anchor (login_role, desk, seq);
DROP FUNCTION IF EXISTS tjce_anchor_audit(text, bigint, text);
CREATE FUNCTION tjce_anchor_audit(p_desk text, p_seq bigint, p_hash text)
RETURNS TABLE (a_desk text, a_seq bigint, a_hash text, a_at timestamptz) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  IF p_desk !~ '^[0-9a-f]{32}$' OR p_hash !~ '^[0-9a-f]{64}$' OR p_seq < 0 THEN
    RAISE EXCEPTION '审计日志锚点的格式不对。';
  END IF;
  -- Before this one: the latest anchor of each desk this login has anchored from. Anchors
  -- are the login's own: another login can neither add to nor read this login's series.
  RETURN QUERY SELECT DISTINCT ON (a.desk) a.desk, a.seq, a.hash, a.anchored_at FROM sync_audit_anchor a
    WHERE a.login_role = session_user ORDER BY a.desk, a.id DESC;
  IF NOT EXISTS (SELECT 1 FROM sync_audit_anchor a WHERE a.login_role = session_user AND a.desk = p_desk
                 AND a.seq = p_seq AND a.hash = p_hash) THEN
    INSERT INTO sync_audit_anchor (desk, seq, hash) VALUES (p_desk, p_seq, p_hash);
  END IF;
END $$;
DROP FUNCTION IF EXISTS tjce_audit_anchors(text);
CREATE OR REPLACE FUNCTION tjce_audit_anchors()
RETURNS TABLE (a_desk text, a_seq bigint, a_hash text, a_at timestamptz) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT a.desk, a.seq, a.hash, a.anchored_at FROM sync_audit_anchor a WHERE a.login_role = session_user
  ORDER BY a.desk, a.seq, a.id
$$;
CREATE OR REPLACE FUNCTION tjce_batch_revocation(p_batch uuid)
RETURNS TABLE (revoked_at timestamp, revoke_reason text) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT b.revoked_at, b.revoke_reason FROM stamp_batch b WHERE b.id = p_batch
$$;
CREATE OR REPLACE FUNCTION tjce_find_sheet(p_code text) RETURNS bytea LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT s.signed FROM issued_sheet s WHERE s.code = p_code AND s.deleted_at IS NULL LIMIT 1
$$;
"""


def scope_rows_sql(table: str) -> str:
    """``id, row_version`` of the table's rows that the login (``login_scope``, key range
    ``[scope_lo, scope_hi)``) may read: the same rows as the read policy, found from the scope's end."""
    routes = ROUTES[table]
    if table in READ_BY_ALL or not routes:
        return f"SELECT t.id, t.row_version FROM {table} t"
    return " UNION ".join(route.scope_rows(table) for route in routes)


def _reconcile_functions() -> str:
    """The figures of the login's scope. Owner's rights, so the rows are found from the scope
    through the indexes rather than by the read policy testing every row of the city (22.7 s
    a sync for 滨海新区 at a million trainees, now 5.5 s: ``bench/bench_sync_city.py``);
    ``test_reconcile_reads_what_the_policy_lets_read`` holds the two to the same rows."""

    def dispatch(select: str) -> str:
        branches = "\n  ".join(f"{'IF' if n == 0 else 'ELSIF'} tbl = '{name}' THEN RETURN QUERY "
                                + select.format(rows=scope_rows_sql(name)) + ";"
                                for n, name in enumerate(TABLE_ORDER))
        return f"""DECLARE
  login_scope text := tjce_scope();
  scope_lo text := login_scope;
  -- services.orgs.subtree_bounds, for any last character (a login without a scope has '-')
  scope_hi text := left(login_scope, -1) || chr(ascii(right(login_scope, 1)) + 1);
BEGIN
  {branches}
  ELSE RAISE EXCEPTION '不是同步的表：%', tbl;
  END IF;
END"""

    figures = dispatch("SELECT right(s.id::text, 2), count(*), sum(tjce_row_hash(s.id, s.row_version))::numeric "
                       "FROM ({rows}) s WHERE NOT (s.id = ANY(excluded)) GROUP BY 1")
    rows = dispatch("SELECT s.id, s.row_version FROM ({rows}) s "
                    "WHERE right(s.id::text, 2) = ANY(buckets) AND NOT (s.id = ANY(excluded))")
    header = "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS"
    return f"""
DROP FUNCTION IF EXISTS tjce_reconcile(text, uuid[]);
CREATE FUNCTION tjce_reconcile(tbl text, excluded uuid[])
RETURNS TABLE (bucket text, n_rows bigint, checksum numeric) {header} $$
{figures} $$;
DROP FUNCTION IF EXISTS tjce_reconcile_rows(text, text[], uuid[]);
CREATE FUNCTION tjce_reconcile_rows(tbl text, buckets text[], excluded uuid[])
RETURNS TABLE (id uuid, row_version integer) {header} $$
{rows} $$;
-- The reconciliation starts from the scope's key range: the archives and trainees by path.
CREATE INDEX IF NOT EXISTS ix_enrollment_sync_scope ON enrollment (org_path) INCLUDE (id, row_version, stamp_batch_id);
CREATE INDEX IF NOT EXISTS ix_trainee_sync_scope ON trainee (org_path) INCLUDE (id, row_version);
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
    connection.exec_driver_sql(_TRUST_DDL.replace("%", "%%"))
    connection.exec_driver_sql(table_rows_sql().replace("%", "%%"))
    for table in ROUTES:
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
        connection.exec_driver_sql(f"CREATE POLICY tjce_read ON {table} FOR SELECT USING ({readable_sql(table)})")
    # Derived paths, computed on the server whatever a desk sent.
    for name, table, events, function in (
        ("tjce_scope_copy", "enrollment", "INSERT OR UPDATE OF trainee_id", "tjce_enrollment_scope"),
        ("tjce_trainee_path", "trainee", "INSERT OR UPDATE", "tjce_trainee_path"),
    ):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        connection.exec_driver_sql(f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW "
                                   f"EXECUTE FUNCTION {function}()")
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS tjce_four_eyes ON recognised_hours")
    connection.exec_driver_sql("CREATE TRIGGER tjce_four_eyes BEFORE INSERT OR UPDATE ON recognised_hours "
                               "FOR EACH ROW EXECUTE FUNCTION tjce_recognition_four_eyes()")
    connection.exec_driver_sql("DROP TRIGGER IF EXISTS tjce_moved ON trainee")
    connection.exec_driver_sql("CREATE TRIGGER tjce_moved AFTER UPDATE ON trainee FOR EACH ROW "
                               "EXECUTE FUNCTION tjce_trainee_moved()")
    # Sync bookkeeping: written only by the push function and the triggers (owner's rights).
    for table, readable in (
        ("sync_applied", None),
        ("sync_change_log", None),
        ("sync_penalty", None),
        ("sync_audit_anchor", None),
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
    connection.exec_driver_sql(f"REVOKE ALL ON SEQUENCE sync_audit_anchor_id_seq FROM PUBLIC, {APP_ROLE}")
    connection.exec_driver_sql(f"REVOKE ALL ON sync_admin FROM PUBLIC, {APP_ROLE}")
    connection.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")
    connection.exec_driver_sql("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    connection.exec_driver_sql("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {', '.join(APP_FUNCTIONS)} TO {APP_ROLE}")
    connection.exec_driver_sql(_NO_ADVISORY_LOCKS.replace("%", "%%"))


# What an application login may call: its scope (the policies), the reconciliation figures,
# the push, closing a conflict, anchoring its desk's audit log, finding a sheet by its code
# and claiming a person another unit marked 离职 (调入).
APP_FUNCTIONS = ("tjce_scope()", "tjce_row_hash(uuid, integer)",
                 "tjce_reconcile(text, uuid[])", "tjce_reconcile_rows(text, text[], uuid[])",
                 "tjce_push(jsonb, text)", "tjce_resolve_conflict(uuid, text)",
                 "tjce_anchor_audit(text, bigint, text)", "tjce_audit_anchors()", "tjce_find_sheet(text)",
                 "tjce_batch_revocation(uuid)", "tjce_claim_trainee(text, uuid)")

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
