"""学时规定 on the central database (#18): the city's rule reaches every desk, and nobody else can write one."""

import datetime as dt
import json
import uuid

import pytest
import sqlalchemy as sa

from sync_support import desk, login
from tjce_desktop.domain.enums import CourseCategory, Role
from tjce_desktop.services import hour_rules
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.models import Outbox
from tjce_desktop.storage.unit_of_work import UnitOfWork
from tjce_desktop.sync.engine import local_conflicts, sync

pytestmark = pytest.mark.postgres

CITY = Actor("city", scope_path="/", role=Role.CITY_ADMIN)
FORM = hour_rules.RuleForm(2025, 100, 150, {CourseCategory.PROFESSIONAL: "2/3"}, ["数字经济与创新驱动"],
                           "津人社办发〔2025〕9号", "2025 年度继续教育安排")


def _rows(url):
    with sa.create_engine(url).connect() as owner:
        return owner.exec_driver_sql("SELECT first_year, standard_hours, row_version FROM hour_rule "
                                     "WHERE first_year = 2025").all()


def test_a_unit_login_cannot_write_rules_and_the_citys_rule_reaches_every_desk(central, tmp_path):
    city_desk, unit_desk = desk(tmp_path, "city"), desk(tmp_path, "heping")
    city, heping = login(central, "city"), login(central, "heping")
    sync(city_desk, city, actor="city")
    sync(unit_desk, heping, actor="heping")
    with UnitOfWork(city_desk, CITY) as uow:
        hour_rules.set_rule(uow, CITY, FORM, confirm=True, today=dt.date(2026, 11, 29))
    assert sync(city_desk, city, actor="city").pushed == 1
    [(year, hours, version)] = _rows(central)
    assert (year, hours) == (2025, 100)

    # A unit officer's own login, raw: neither a new rule nor a change of the city's.
    with heping.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM hour_rule WHERE first_year = 2025").scalar() == 1
        for statement in (
            "INSERT INTO hour_rule (id, first_year, standard_hours, senior_hours, required_courses, register_by, "
            "verify_by, document_number, document_title, changed_at, row_version, updated_at) VALUES "
            f"('{uuid.uuid4()}', 2026, 1, 1, '', '12-31', '01-20', 'x', '', now(), 1, now())",
            "UPDATE hour_rule SET standard_hours = 1",
            "DELETE FROM hour_rule",
        ):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.exec_driver_sql(statement)
            connection.rollback()
    # … nor through the push function, with a crafted outbox entry.
    with sa.create_engine(central).connect() as owner:
        rule_id = owner.exec_driver_sql("SELECT id FROM hour_rule WHERE first_year = 2025").scalar()
    mutation = uuid.uuid4()
    with unit_desk.session_factory() as session:
        session.add(Outbox(table_name="hour_rule", row_id=rule_id, operation="update", base_version=version,
                           changes=json.dumps({"standard_hours": 1.0}), mutation_id=mutation))
        session.commit()
    report = sync(unit_desk, heping, actor="heping")
    assert report.refused == 1 and report.pushed == 0
    refusal = next(c for c in local_conflicts(unit_desk) if c["mutation_id"] == str(mutation))
    assert "学时规定" in refusal["reason"]
    assert _rows(central) == [(2025, 100, version)]  # unchanged

    # The unit's desk pulled the rule, and its trainees' 2025 requirement follows it.
    with unit_desk.engine.connect() as local:
        assert local.exec_driver_sql("SELECT standard_hours FROM hour_rule WHERE first_year = 2025").scalar() == 100
        required = set(local.exec_driver_sql("SELECT DISTINCT required FROM trainee_year_hours WHERE year = 2025")
                       .scalars())
        assert required and required <= {100.0, 150.0}
        assert set(local.exec_driver_sql("SELECT DISTINCT required FROM trainee_year_hours WHERE year = 2024")
                   .scalars()) == {96.0, 144.0}
