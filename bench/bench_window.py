"""The main window on a large demo database, against bare PySide6 and raw SQL.

1. Start to first painted page: `tjce-desktop` on the database (imports, open, window,
   count and first page, paint) against a bare PySide6 window with an empty table.
2. Switching the tree to a district of ~100,000 trainees until count and first page are
   painted, against the raw SQL for the same count and page (在职, the page's default).
3. Peak RSS while scrolling the table through every row of the whole city.

    python bench/bench_window.py --db bench/out/demo_ours.sqlite3
Each part runs in its own process (offscreen Qt), with compiled modules cached as an installed
program has them (pip and the bundle keep .pyc files; the cache is bench/out/pycache, so an
environment with PYTHONDONTWRITEBYTECODE does not make every start compile the program's modules
from source again — about 0.1 s no user waits for). One untimed start of each comes first.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = """
import sys, time, json
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
app = QApplication([])
window = QMainWindow(); table = QTableView(); table.setModel(QStandardItemModel(0, 11))
window.setCentralWidget(table); window.resize(1400, 800)
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted_at": time.time()})); sys.stdout.flush(); app.quit()
        return False
watcher = First(); table.viewport().installEventFilter(watcher)
window.show(); app.exec()
"""

OURS = """
import sys, time, json, resource
from PySide6.QtCore import QEvent, QObject, QEventLoop, QTimer, QModelIndex
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tjce_desktop.storage.database import open_database
from tjce_desktop.gui.main_window import MainWindow
mode, db, district = sys.argv[1], sys.argv[2], sys.argv[3]
window = MainWindow(open_database(db)); window.resize(1400, 800)
table = window.trainees_page.ui.table
model = window.trainees_page.model
result = {}
class Painted(QObject):
    def __init__(self): super().__init__(); self.loop = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and model.rowCount() > 0 and model.total is not None:
            if "first_paint_at" not in result:
                result["first_paint_at"] = time.time()
            if self.loop is not None:
                self.loop.quit()
        return False
painted = Painted(); table.viewport().installEventFilter(painted)
def wait_painted():
    painted.loop = QEventLoop(); QTimer.singleShot(60000, painted.loop.quit); painted.loop.exec(); painted.loop = None
window.show()
wait_painted()
if mode == "switch":
    times = []
    for target in [district, "/120000/120101/"] * 6:
        loaded = QEventLoop(); model.sig_loaded.connect(loaded.quit)
        start = time.perf_counter()
        window.select_org_index(window.org_model.index_for_path(target))
        loaded.exec(); model.sig_loaded.disconnect(loaded.quit)
        table.viewport().repaint()   # paint the first page now, values read from SQL
        elapsed = time.perf_counter() - start
        if target == district:
            times.append(elapsed); result["district_total"] = model.total
    result["switch_seconds"] = times
if mode == "scroll":
    bar = table.verticalScrollBar()
    while model.canFetchMore(QModelIndex()):
        table.scrollToBottom(); app.processEvents()
        table.viewport().repaint()
    rows = model.rowCount()
    for step in range(0, rows, max(1, rows // 200)):  # jump through the whole table, painting
        table.scrollTo(model.index(step, 0)); table.viewport().repaint()
    result["rows"] = rows
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result)); sys.stdout.flush()
"""


PYCACHE = Path(__file__).parent / "out" / "pycache"


def child(code: str, *args: str) -> tuple[dict, float]:
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env,
                         timeout=1800).stdout
    return json.loads(out.strip().splitlines()[-1]), started


def raw_switch(db: Path, scope: str) -> list[float]:
    connection = sqlite3.connect(db)
    low, high = scope, scope[:-1] + "0"
    times = []
    for _ in range(6):
        start = time.perf_counter()
        connection.execute("SELECT count(*) FROM trainee WHERE deleted_at IS NULL AND org_path >= ? AND org_path < ?"
                           " AND active = 1", (low, high)).fetchone()
        connection.execute(
            "SELECT t.username, t.real_name, t.id_number, t.gender, t.birth_date, o.name, t.title_level, t.post_type,"
            " t.high_tech, t.phone, t.active FROM trainee t JOIN org o ON o.id = t.org_id"
            " WHERE t.deleted_at IS NULL AND t.org_path >= ? AND t.org_path < ? AND t.active = 1"
            " ORDER BY t.org_path, t.real_name, t.rowid LIMIT 40", (low, high)).fetchall()
        times.append(time.perf_counter() - start)
    connection.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "demo_ours.sqlite3")
    parser.add_argument("--district", default="/120000/120116/", help="materialised path (default 滨海新区)")
    args = parser.parse_args()
    db = str(args.db.resolve())

    child(BARE)  # untimed: the module cache written, the database's pages read once, for both alike
    child(OURS, "start", db, args.district)
    bare = []
    ours = []
    for _ in range(3):
        result, started = child(BARE)
        bare.append(result["painted_at"] - started)
        result, started = child(OURS, "start", db, args.district)
        ours.append(result["first_paint_at"] - started)
    print(f"start to first paint   bare PySide6 empty table: {statistics.median(bare):.2f} s")
    print(f"                       tjce main window, first page of the city: {statistics.median(ours):.2f} s"
          f"   ratio {statistics.median(ours) / statistics.median(bare):.2f}x (goal: within 2x)")

    result, _ = child(OURS, "switch", db, args.district)
    switch = statistics.median(result["switch_seconds"][1:])  # the first run warms the page cache
    raw = statistics.median(raw_switch(args.db, args.district)[1:])
    print(f"switch to district ({result['district_total']:,} trainees), count + first page painted: "
          f"{switch * 1000:.0f} ms (goal < 300 ms); raw SQL count + page {raw * 1000:.0f} ms;"
          f" ratio {switch / raw:.2f}x (goal: within 2x)")

    result, _ = child(OURS, "scroll", db, args.district)
    print(f"scrolling through all {result['rows']:,} rows: peak RSS {result['peak_rss_mb']:.0f} MB (goal < 400 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
