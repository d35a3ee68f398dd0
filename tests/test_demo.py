import datetime as dt
import hashlib
from collections import Counter

import pytest

from tjce_desktop.domain.id_number import is_valid_id_number
from tjce_desktop.domain.regions import DISTRICTS
from tjce_desktop.domain.task_state import Cancelled, TaskState
from tjce_desktop.services import demo
from tjce_desktop.services import demo_generator as gen
from tjce_desktop.services.demo import DemoError, build_demo
from tjce_desktop.storage.database import open_database

AS_OF = dt.date(2026, 11, 29)


def _table_digest(database, table):
    with database.engine.connect() as connection:
        columns = ", ".join(gen.COLUMNS[table])
        rows = connection.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY id").all()
    return hashlib.sha256(repr(rows).encode()).hexdigest(), len(rows)


@pytest.mark.parametrize("workers", [0, 1])
def test_same_seed_gives_the_same_database_inline_or_in_a_worker(tmp_path, workers, monkeypatch):
    # Chunks of 300 trainees: 2,100 make seven, enough for the worker path (70,000 did at 10,000 a chunk).
    monkeypatch.setattr(gen, "CHUNK_SIZE", 300)
    trainees = 2_100 if workers else 2_000
    assert not workers or gen.build_context(3, trainees, AS_OF).chunk_count >= demo._PARALLEL_FROM_CHUNKS
    first = open_database(tmp_path / f"a{workers}.sqlite3")
    second = open_database(tmp_path / f"b{workers}.sqlite3")
    build_demo(first, trainees=trainees, seed=3, as_of=AS_OF, workers=0)
    build_demo(second, trainees=trainees, seed=3, as_of=AS_OF, workers=workers)
    for table in ("org", "trainee", "enrollment", "course_progress", "exam_attempt", "stamp_batch"):
        assert _table_digest(first, table) == _table_digest(second, table), table


def test_another_seed_gives_other_people(tmp_path):
    first, second = open_database(tmp_path / "a.sqlite3"), open_database(tmp_path / "b.sqlite3")
    build_demo(first, trainees=500, seed=1, as_of=AS_OF, workers=0)
    build_demo(second, trainees=500, seed=2, as_of=AS_OF, workers=0)
    assert _table_digest(first, "trainee") != _table_digest(second, "trainee")


def test_demo_content_is_realistic_and_consistent(demo_database):
    with demo_database.engine.connect() as c:
        q = lambda sql: c.exec_driver_sql(sql).all()  # noqa: E731
        districts = [name for (name,) in q("SELECT name FROM org WHERE kind='district' ORDER BY sort_order")]
        assert districts == [name for _, name in DISTRICTS]
        assert q("SELECT count(*) FROM org WHERE kind='bureau'")[0][0] >= 8
        assert q("SELECT count(*) FROM org WHERE kind='department'")[0][0] > 0
        assert q("PRAGMA foreign_key_check") == []
        # Every ID number valid and unique; local ones carry a Tianjin district code.
        ids = [row[0] for row in q("SELECT id_number FROM trainee")]
        assert len(ids) == len(set(ids)) == 3000
        assert all(is_valid_id_number(value) for value in ids)
        assert {value[:6] for value in ids} <= {code for code, _ in DISTRICTS}
        # Trainees' org_path copies their org's path.
        assert q("SELECT count(*) FROM trainee t JOIN org o ON o.id=t.org_id WHERE t.org_path != o.path") == [(0,)]
        # Three years of plans, each with public or professional courses and an exam.
        years = sorted({year for (year,) in q("SELECT year FROM training_plan")})
        assert years == [2024, 2025, 2026]
        categories = {cat for (cat,) in q("SELECT DISTINCT category FROM course")}
        assert categories == {"public_required", "public_elective", "professional"}
        assert q("SELECT count(*) FROM training_plan p "
                 "WHERE NOT EXISTS (SELECT 1 FROM exam e WHERE e.plan_id=p.id)") == [(0,)]
        statuses = Counter(dict(q("SELECT status, count(*) FROM enrollment GROUP BY status")))
        assert set(statuses) == {"not_started", "in_progress", "finished"}
        # About four archives a trainee: three public plans, and half take their series' professional plan a year.
        assert 3.8 < sum(statuses.values()) / 3000 < 4.6
        # Finished archives have all their course hours and a passed exam.
        assert q("""SELECT count(*) FROM enrollment e WHERE e.status='finished' AND (
                    e.hours != (SELECT sum(hours) FROM course WHERE plan_id=e.plan_id)
                    OR NOT EXISTS (SELECT 1 FROM exam_attempt a
                                   WHERE a.enrollment_id=e.id AND a.passed=1))""") == [(0,)]
        # Stamps: only finished archives; batch counts match.
        assert q("SELECT count(*) FROM enrollment WHERE stamp_status='stamped' AND status!='finished'") == [(0,)]
        assert q("SELECT sum(archive_count) FROM stamp_batch") == q(
            "SELECT count(*) FROM enrollment WHERE stamp_status='stamped'")
        # Attempts never exceed what the exam allows.
        assert q("""SELECT count(*) FROM exam_attempt a JOIN exam x ON x.id=a.exam_id
                    WHERE a.attempt_no > x.max_attempts""") == [(0,)]
        assert q("SELECT count(*) FROM trainee WHERE active=0")[0][0] > 0


def test_demo_refuses_a_database_with_data(demo_database):
    with pytest.raises(DemoError, match="已有数据"):
        build_demo(demo_database, trainees=10)


def test_cancel_leaves_the_database_empty(database, monkeypatch):
    monkeypatch.setattr(gen, "CHUNK_SIZE", 500)  # progress is told per chunk: four of them, as 40,000 made

    def cancel_midway(fraction, _message):
        if fraction > 0.3:
            state.cancel()

    state = TaskState(cancel_midway)
    with pytest.raises(Cancelled):
        build_demo(database, trainees=2_000, as_of=AS_OF, state=state, workers=0)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM org").scalar() == 0
    build_demo(database, trainees=100, as_of=AS_OF)  # and it can still be filled afterwards


def test_bad_sizes_are_refused(database):
    with pytest.raises(DemoError, match="大于 0"):
        build_demo(database, trainees=0)
