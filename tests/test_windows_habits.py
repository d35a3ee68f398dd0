"""Windows habits that can be tried here (#19): folders whose names have Chinese characters,
spaces, ``#`` and ``%``; proposed file names built from org names holding characters Windows
forbids; output to a console that cannot encode Chinese."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tjce_desktop.domain.file_names import FORBIDDEN, safe_file_name
from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.storage import private_temp

BIN = Path(sys.executable).parent
PASSWORD = "Windows-Habit-7"
RARE_NAME = "𠮷野家"  # U+20BB7: in GB18030, not in GBK (cp936)
RARE_ID = make_id_number("120101", dt.date(1985, 3, 1), 17)


def _tjce(*args, env=None, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "tjce"), *map(str, args)], capture_output=True, timeout=300,
                            env={**os.environ, "TJCE_USER": "admin", "TJCE_PASSWORD": PASSWORD, **(env or {})})
    if check:
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A demo database in a folder named as people name folders on Windows."""
    folder = tmp_path_factory.mktemp("habits") / "我的 文档" / "C# 项目 100%25" / "继续教育 数据"
    folder.mkdir(parents=True)
    db = folder / "tjce 数据库.sqlite3"
    _tjce("--db", db, "demo", "--trainees", "300")
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号", "手机"])
    book.active.append(["rare1", RARE_NAME, RARE_ID, "13900000001"])
    book.save(folder / "名单 (生僻字).xlsx")
    _tjce("--db", db, "import-trainees", folder / "名单 (生僻字).xlsx", "--org", "和平区")
    return folder


def test_the_database_import_and_exports_in_such_folders(folder):
    db = folder / "tjce 数据库.sqlite3"
    # The file it names, and nothing beside it ("C" from "C#…", or "…100%" from "%25").
    assert db.exists() and [p.name for p in folder.parent.parent.iterdir()] == ["C# 项目 100%25"]
    info = json.loads(_tjce("--db", db, "info", "--json").stdout)
    assert info["counts"]["trainee"] == 301
    (folder / "导入 模板").mkdir()
    _tjce("--db", db, "template", folder / "导入 模板" / "学员 导入模板.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学员姓名", "真实姓名", "身份证号", "手机"])
    sheet.append(["new1", "新 学员", make_id_number("120101", dt.date(1986, 4, 2), 18), "13900000003"])
    valid = make_id_number("120101", dt.date(1987, 5, 3), 19)
    wrong = valid[:-1] + ("1" if valid[-1] != "1" else "2")
    sheet.append(["bad1", "错误 行", wrong, "13900000002"])  # a wrong check digit
    source = folder / "导入 模板" / "学员 名单 (1).xlsx"
    book.save(source)
    imported = json.loads(_tjce("--db", db, "import-trainees", source, "--org", "和平区", "--json",
                                "--errors", folder / "导入 模板" / "错误 报告.xlsx").stdout)
    assert imported["added"] == 1 and imported["refused"] == 1
    assert (folder / "导入 模板" / "错误 报告.xlsx").exists()
    (folder / "导出 结果").mkdir()
    for name in ("学员 名单.xlsx", "学员 名单.csv"):
        _tjce("--db", db, "export-trainees", folder / "导出 结果" / name, "--org", "和平区")
        assert (folder / "导出 结果" / name).stat().st_size > 0
    _tjce("--db", db, "report", "4.1", "--xlsx", folder / "导出 结果" / "报表 4.1.xlsx",
          "--pdf", folder / "导出 结果" / "报表 4.1.pdf")
    assert (folder / "导出 结果" / "报表 4.1.pdf").read_bytes().startswith(b"%PDF")
    backup = _tjce("--db", db, "backup").stdout.decode()
    assert "已备份到" in backup and "C# 项目 100%25" in backup
    backups = list((folder / "backups").glob("tjce-backup-*.sqlite3"))
    assert len(backups) == 1
    verified = _tjce("--db", db, "audit", "verify", "--offline").stdout.decode()  # reads the backup's checkpoint
    assert "审计日志完好" in verified and "无法读取" not in verified  # 备份 … 无法读取 under a '#'


@pytest.mark.parametrize("encoding", ["ascii", "cp936", "latin-1"])
def test_output_to_a_console_that_cannot_encode_chinese(folder, encoding):
    """Nothing crashes: tjce writes UTF-8 (unencodable characters replaced) whatever the console
    says it takes, as on a Windows console with a legacy code page redirected to a file."""
    db = folder / "tjce 数据库.sqlite3"
    env = {"PYTHONIOENCODING": encoding}
    orgs = _tjce("--db", db, "orgs", env=env)
    assert "和平区" in orgs.stdout.decode("utf-8")
    hours = _tjce("--db", db, "hours", RARE_ID, "--year", "2026", env=env)
    assert RARE_NAME in hours.stdout.decode("utf-8")
    failed = _tjce("--db", folder, "info", env=env, check=False)  # a folder: an error in Chinese
    assert failed.returncode == 2 and "是一个文件夹" in failed.stderr.decode("utf-8")
    usage = _tjce("report", "9.9", env=env, check=False)  # argparse's own error
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr
    helped = _tjce("--help", env=env)
    assert "import-trainees" in helped.stdout.decode("utf-8")
    window = subprocess.run([str(BIN / "tjce-desktop"), "--db", str(db), "--self-test"], capture_output=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TJCE_USER": "admin",
                                              "TJCE_PASSWORD": PASSWORD, **env})
    assert window.returncode == 0, window.stderr.decode("utf-8", "replace")
    assert "scope 天津市" in window.stdout.decode("utf-8")


def test_safe_file_names():
    assert safe_file_name("学员_天津市.xlsx") == "学员_天津市.xlsx"
    assert safe_file_name("学员_财务/审计处.xlsx") == "学员_财务_审计处.xlsx"
    assert safe_file_name('学员_A\\B:C*D?E"F<G>H|I.csv') == "学员_A_B_C_D_E_F_G_H_I.csv"
    assert safe_file_name("报表 4.1 和平区.xlsx") == "报表 4.1 和平区.xlsx"  # dots and spaces inside stay
    assert safe_file_name("催办名单_和平区. .xlsx") == "催办名单_和平区.xlsx"  # Windows drops a trailing dot
    assert safe_file_name("CON.xlsx") == "_CON.xlsx" and safe_file_name("nul") == "_nul"
    assert safe_file_name("a\tb\x00c.pdf") == "a_b_c.pdf"
    long = safe_file_name("学员_" + "很长的机构名称" * 40 + ".xlsx")
    assert long.endswith(".xlsx") and len(long.encode()) <= 240
    for name in ("/", "", "..", "?*"):
        cleaned = safe_file_name(name)
        assert cleaned and not set(cleaned) & set(FORBIDDEN) and cleaned not in (".", "..")


def test_private_previews_take_any_name():
    path = private_temp.new_file("学习档案_财务/审计:处_3份.pdf")
    assert path.name == "学习档案_财务_审计_处_3份.pdf" and path.exists()
    private_temp.discard(path)


@pytest.fixture
def slashed_window(qtbot, demo_database, message_boxes):
    """The window on a database whose 和平区 is called 财务/审计:处 (free text; the GUI used it in
    proposed file names as it was)."""
    from tjce_desktop.gui.main_window import MainWindow

    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE org SET name = '财务/审计:处' WHERE name = '和平区'")
    window = MainWindow(demo_database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.trainees_page.model.total is not None, timeout=10_000)
    yield window
    window.close()


def test_proposed_export_names_are_valid_file_names(qtbot, slashed_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = slashed_window
    proposed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, name, *rest: (proposed.append(name), ("", ""))[1]))
    with window.database.engine.connect() as connection:
        path = connection.exec_driver_sql("SELECT path FROM org WHERE name = '财务/审计:处'").scalar_one()
    with qtbot.waitSignal(window.trainees_page.model.sig_loaded, timeout=10_000):
        window.select_org_index(window.org_model.index_for_path(path))
    window.trainees_page.export(full_ids=False)
    window.archive_query_page.export()
    assert proposed == ["学员_财务_审计_处.xlsx", "学习档案_财务_审计_处.xlsx"]
