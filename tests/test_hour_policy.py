import pytest

from tjce_desktop.domain.enums import TitleLevel
from tjce_desktop.domain.hour_policy import YEARLY_RULES, HourRule, required_hours, rule_for_year


@pytest.mark.parametrize(
    ("title", "high_tech", "hours"),
    [
        (TitleLevel.NONE, False, 96),
        (TitleLevel.JUNIOR, False, 96),
        (TitleLevel.INTERMEDIATE, False, 96),
        (TitleLevel.INTERMEDIATE, True, 144),
        (TitleLevel.SENIOR_DEPUTY, False, 144),
        (TitleLevel.SENIOR_FULL, False, 144),
    ],
)
def test_requirement_by_title_and_high_tech(title, high_tech, hours):
    assert required_hours(2026, title, high_tech) == hours


def test_days_are_eight_hours():
    rule = rule_for_year(2026)
    assert (rule.standard_days, rule.senior_days) == (12, 18)
    assert (rule.standard_hours, rule.senior_hours) == (96, 144)


def test_year_before_any_rule_is_refused():
    with pytest.raises(ValueError, match="没有学时规定"):
        rule_for_year(1990)


def test_a_later_rule_is_a_data_change(monkeypatch):
    import tjce_desktop.domain.hour_policy as policy

    monkeypatch.setattr(policy, "YEARLY_RULES", YEARLY_RULES + (HourRule(2030, 15, 20),))
    assert policy.required_hours(2029, TitleLevel.NONE, False) == 96
    assert policy.required_hours(2031, TitleLevel.NONE, False) == 120
    assert policy.required_hours(2031, TitleLevel.SENIOR_FULL, False) == 160
