"""Windows fit the screen, and a short phone number is called short (from a walk at 1366×768)."""

from PySide6.QtWidgets import QWidget

from tjce_desktop.gui.screen_fit import fit_to_screen
from tjce_desktop.services.trainees import TraineeForm, clean_form


def test_a_window_designed_taller_than_the_screen_is_shrunk(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    area = widget.screen().availableGeometry()
    widget.resize(area.width() + 500, area.height() + 500)
    fit_to_screen(widget)
    assert widget.width() < area.width() and widget.height() < area.height()
    small = QWidget()
    qtbot.addWidget(small)
    small.resize(200, 100)
    fit_to_screen(small)
    assert (small.width(), small.height()) == (200, 100)  # a window that fits keeps its size


def test_a_short_phone_number_is_called_short():
    _values, errors = clean_form(TraineeForm(username="u1", real_name="王一", id_number="", org_id=None, phone="1234",
                                             email="", title_level="", post_type="", high_tech=False, job_title=""))
    assert "只有 4 位数字" in errors["phone"] and "只能包含数字" not in errors["phone"]
