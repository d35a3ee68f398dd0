import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tjce_desktop.domain import text
from tjce_desktop.exchange.cells import cell_date, cell_text

ALPHABET = st.sampled_from(list("aZ09 x-张王\u3000\u200b\ufeff\u00a0") + [chr(c) for c in range(0xFF01, 0xFF5F, 7)])


@given(st.text(alphabet=ALPHABET, max_size=20))
def test_fast_path_equals_full_translation(value):
    # Invisible characters are left for the field check (domain.text.clean_text) to judge.
    full = unicodedata.normalize("NFC", value).translate(text._TRANSLATION).strip()
    assert text.normalise_text(value) == full


def test_cells_as_excel_and_wps_deliver_them():
    import datetime as dt

    assert cell_text(13800000000.0) == "13800000000"
    assert cell_text(1.20101199001011e17) == "1.20101E+17"
    assert cell_text(dt.datetime(2024, 3, 5)) == "2024-03-05"
    assert cell_date(45356.0) == dt.date(2024, 3, 5)  # an Excel serial number
    assert cell_date("45356") == dt.date(2024, 3, 5)
    assert cell_date("2024年3月5日") == cell_date("2024/03/05") == cell_date("20240305") == dt.date(2024, 3, 5)
