"""Hours of a year by category against the requirement (part of 证书登记)."""

import datetime as dt

import pytest

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.domain.ids import new_id
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.trainees import TraineeForm, add_trainee
from tjce_desktop.services.year_hours import HoursError, year_hours
from tjce_desktop.storage.unit_of_work import UnitOfWork

NOW = "2026-11-29 10:00:00.000000"


@pytest.fixture
def learner(demo_database):
    """A new trainee with course hours finished on chosen dates."""
    number = make_id_number("120101", dt.date(1985, 6, 1), 77)
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, TraineeForm("hours1", "学时测试", number, find_org(uow.session, "和平区").id))

    def finish(course_name: str, hours: float, when: str) -> None:
        with demo_database.engine.begin() as c:
            course_id, plan_id = c.exec_driver_sql("SELECT id, plan_id FROM course WHERE name = ?",
                                                   (course_name,)).one()
            enrollment = c.exec_driver_sql("SELECT id FROM enrollment WHERE trainee_id = ? AND plan_id = ?",
                                           (detail.id.hex, plan_id)).scalar()
            if enrollment is None:
                enrollment = new_id().hex
                c.exec_driver_sql(
                    "INSERT INTO enrollment (id, trainee_id, plan_id, status, enrolled_at, hours, stamp_status, "
                    "org_path, trainee_active, row_version, updated_at) VALUES (?, ?, ?, 'in_progress', ?, 0, "
                    "'unstamped', '/120000/120101/', 1, 1, ?)", (enrollment, detail.id.hex, plan_id, NOW, NOW))
            c.exec_driver_sql(
                "INSERT INTO course_progress (id, enrollment_id, course_id, hours, finished_at, row_version, updated_at) "
                "VALUES (?, ?, ?, ?, ?, 1, ?)", (new_id().hex, enrollment, course_id, hours, when, NOW))

    return demo_database, number, finish


def _hours(database, number, year):
    with database.engine.connect() as connection:
        return year_hours(connection, LOCAL_ADMIN, number, year)


def test_exactly_96_hours_meet_the_requirement_and_new_year_counts_where_finished(learner):
    database, number, finish = learner
    finish("习近平新时代中国特色社会主义思想专题（2024）", 30.0, "2025-01-02 09:00:00.000000")  # a 2024 course, finished in 2025
    finish("人工智能技术应用（2024）", 20.0, "2025-03-01 10:00:00.000000")
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    finish("卫生系列实务与规范（2025）", 22.0, "2025-12-31 23:59:00.000000")
    result = _hours(database, number, 2025)
    assert result.hours_by_category == {"公需课·必修": 30.0, "公需课·选修": 20.0, "专业课": 46.0}
    assert result.total == 96.0 and result.required == 96 and result.met and result.gap == 0
    assert _hours(database, number, 2024).total == 0.0  # nothing was finished in 2024


def test_senior_title_or_high_tech_needs_144(learner):
    database, number, finish = learner
    finish("卫生系列前沿进展（2025）", 24.0, "2025-06-01 10:00:00.000000")
    with database.engine.begin() as c:
        c.exec_driver_sql("UPDATE trainee SET high_tech = 1 WHERE id_number = ?", (number,))
    result = _hours(database, number, 2025)
    assert result.required == 144 and not result.met and result.gap == 120.0
    with database.engine.begin() as c:
        c.exec_driver_sql("UPDATE trainee SET high_tech = 0, title_level = 'senior_deputy' WHERE id_number = ?",
                          (number,))
    assert _hours(database, number, 2025).required == 144
    assert any("当前职称" in note for note in result.notes)  # says which title it used


def test_unknown_or_bad_numbers_are_clear(demo_database):
    with pytest.raises(HoursError, match="没有身份证号为"):
        _hours(demo_database, make_id_number("120101", dt.date(1970, 1, 1), 999), 2025)
    with pytest.raises(HoursError, match="校验位"):
        _hours(demo_database, "110105194912310021", 2025)
