"""The window's first screen waits for no module it does not need (#19).

A fresh process does what ``bench/bench_window.py`` times — imports, opens the database, builds
the main window and shows it — and notes which heavy libraries are loaded when the trainee table
first paints with its count and rows: none. SQLAlchemy and the models load after that paint
(``gui/preload.py``), the Excel, PDF and signing libraries only when something is exported,
printed or signed. The first screen is read through ``storage/plain_sqlite.py``; what it shows is
checked against the same read through the engine. How fast is the bench's business, not this test's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import LOCAL_ADMIN

HEAVY = ("sqlalchemy", "alembic", "reportlab", "openpyxl", "cryptography", "argon2", "psycopg", "pypinyin")

CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

HEAVY = %r
def loaded():
    return sorted(name for name in HEAVY if name in sys.modules)

app = QApplication([])
from tjce_desktop.storage.database import open_database
from tjce_desktop.gui.main_window import MainWindow
report = {"imported": loaded()}
window = MainWindow(open_database(sys.argv[1]))
window.resize(1366, 768)
model = window.trainees_page.model
loop = QEventLoop()

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and model.total is not None and "painted" not in report:
            report["painted"] = loaded()
            report["total"], report["rows"] = model.total, model.rowCount()
            report["first_row"] = list(model.row_values(0))  # what the table shows in its first row
            report["after_first_row"] = loaded()
            loop.quit()
        return False

painted = Painted()
model_view = window.trainees_page.ui.table.viewport()
model_view.installEventFilter(painted)
window.show()
QTimer.singleShot(30_000, loop.quit)
loop.exec()
model_view.removeEventFilter(painted)

def rest_done():
    if window.__dict__.get("sync_page") is not None and window.runner.idle:
        loop.quit()
    else:
        QTimer.singleShot(20, rest_done)

rest_done()
QTimer.singleShot(30_000, loop.quit)
loop.exec()
report["rest"] = loaded()
report["tabs"] = [window.ui.pages.tabText(i) for i in range(window.ui.pages.count())]
report["pages_built"] = [type(window.ui.pages.widget(i)).__name__ for i in range(window.ui.pages.count())]
report["scope"] = window.current_org().path
window.close()
print(json.dumps(report, ensure_ascii=False))
"""


def test_the_first_page_paints_before_sqlalchemy_and_the_file_libraries_load(demo_database, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", CHILD % (HEAVY,), str(demo_database.path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["imported"] == []  # importing the main window loads none of them
    assert report["painted"] == []  # nor does building it and painting the first page
    assert report["after_first_row"] == []  # the first rows came with the keys: no query to show them

    # What the plain connection showed is what the engine reads.
    scope = LOCAL_ADMIN.scope(report["scope"])
    filters = listing.TraineeFilter(active=True)  # 在职, the page's default
    with demo_database.engine.connect() as connection:
        total = listing.count_in_scope(connection, scope, filters)
        keys = listing.fetch_key_page(connection, scope, listing.SortOrder(), None, 100, filters)
        first = listing.fetch_rows(connection, scope, keys.rowids[:1])[keys.rowids[0]]
    assert report["scope"] == "/120000/" and report["total"] == total > 0
    assert report["rows"] == len(keys.rowids) and report["first_row"] == list(first.values)

    # Then the rest: SQLAlchemy, the models and every page; the file libraries still wait for their use.
    assert "sqlalchemy" in report["rest"]
    assert not {"reportlab", "openpyxl", "cryptography"} & set(report["rest"])
    assert report["tabs"] == ["学员管理", "综合查询", "培训计划", "证书登记", "合规看板", "报表", "同步/冲突",
                              "审计日志"]
    assert report["pages_built"] == ["TraineesPage", "ArchiveQueryPage", "PlansPage", "DeskPage", "CompliancePage",
                                     "ReportsPage", "SyncPage", "AuditPage"]
