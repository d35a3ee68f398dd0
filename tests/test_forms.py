"""The compiled forms match ui/*.ui (regenerate with python -m tjce_desktop.gui.forms.compile)."""

import pytest

from tjce_desktop.gui.forms import compile as forms


def _without_version(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if "Created by: Qt User Interface Compiler" not in line)


@pytest.mark.parametrize("ui_file", sorted(forms.UI_DIR.glob("*.ui")), ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(ui_file):
    target = forms.target_for(ui_file)
    assert target.exists(), f"{target.name} missing: run python -m tjce_desktop.gui.forms.compile"
    assert _without_version(target.read_text(encoding="utf-8")) == _without_version(forms.compile_form(ui_file))


def test_a_stale_form_is_noticed(tmp_path):
    """The check can fail: a form changed in Designer but not compiled again differs."""
    ui_file = forms.UI_DIR / "faq_dialog.ui"
    changed = tmp_path / ui_file.name
    text = ui_file.read_text(encoding="utf-8")
    assert "<string>" in text
    changed.write_text(text.replace("<string>", "<string>改过的", 1), encoding="utf-8")
    compiled = forms.target_for(ui_file).read_text(encoding="utf-8")
    assert _without_version(compiled) == _without_version(forms.compile_form(ui_file))
    assert _without_version(compiled) != _without_version(forms.compile_form(changed))
