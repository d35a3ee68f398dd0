import pytest

from tjce_desktop.domain.enums import TitleLevel
from tjce_desktop.domain.hour_policy import BUILT_IN, BUILT_IN_RULE, HourRule, HourRules


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
    assert BUILT_IN.for_year(2026).required_hours(title, high_tech) == hours


def test_the_statute_is_twelve_and_eighteen_days_of_eight_hours():
    assert (BUILT_IN_RULE.standard_hours, BUILT_IN_RULE.senior_hours) == (12 * 8, 18 * 8)
    assert BUILT_IN_RULE.register_deadline(2025).isoformat() == "2025-12-31"
    assert BUILT_IN_RULE.verify_deadline(2025).isoformat() == "2026-01-20"


def test_year_before_any_rule_is_refused():
    with pytest.raises(ValueError, match="没有学时规定"):
        BUILT_IN.for_year(1990)


def test_a_later_rule_is_a_data_change():
    rules = HourRules((HourRule(2030, 120, 160),))
    assert rules.for_year(2029).required_hours(TitleLevel.NONE, False) == 96
    assert rules.for_year(2031).required_hours(TitleLevel.NONE, False) == 120
    assert rules.for_year(2031).required_hours(TitleLevel.SENIOR_FULL, False) == 160
