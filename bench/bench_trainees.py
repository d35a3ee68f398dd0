"""学员管理 against the raw libraries:

1. Import of a 100,000-row .xlsx end to end (read, check every row, write with outbox and
   audit) against python-calamine reading the same file alone.
2. Export of 100,000 trainees against openpyxl write-only writing the same rows.
3. Name searches over 1,000,000 trainees — a fragment (明), pinyin (zhang), initials (zm) — and
   the 真实姓名 sort (by pinyin), at the city, a district and a unit: count and first page.

    python bench/bench_trainees.py --city-db bench/out/demo_ours.sqlite3
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import time
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from tjce_desktop.domain.id_number import make_id_number
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.demo import build_demo
from tjce_desktop.services.orgs import list_orgs
from tjce_desktop.services.trainee_export import HEADERS, export_trainees
from tjce_desktop.services.trainee_import import ImportMode, analyse_import, apply_import, open_import
from tjce_desktop.services.trainee_listing import SortOrder, TraineeFilter, count_in_scope, fetch_key_page, fetch_rows
from tjce_desktop.storage.database import open_database
from tjce_desktop.storage.unit_of_work import UnitOfWork

ROWS = 100_000


def make_import_file(path: Path, units: list[str]) -> None:
    import xlsxwriter  # only the import bench needs it

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("学员信息")
    headers = ["学员姓名", "真实姓名", "身份证号", "所属机构", "手机", "电子邮箱", "职称", "岗位类别", "高新技术",
               "职务"]
    sheet.write_row(0, 0, headers)
    titles = ["正高级", "副高级", "中级", "初级", "无"]
    for n in range(ROWS):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=n // 400)
        sheet.write_row(n + 1, 0, [f"imp{n:06d}", f"导入学员{n % 977}", make_id_number("120105", birth, n % 400 * 2),
                                   units[n % len(units)], f"139{n:08d}", "", titles[n % 5], "专业技术岗位",
                                   "否", "工程师"])
    book.close()


def bench_import(work: Path) -> None:
    db_path = work / "import.sqlite3"
    for leftover in work.glob("import.sqlite3*"):
        leftover.unlink()
    database = open_database(db_path)
    build_demo(database, trainees=20_000, seed=11, as_of=dt.date(2026, 11, 29))
    with UnitOfWork(database) as uow:
        units = [org.full_name for org in list_orgs(uow.session) if org.kind == "unit"][:3]
    file = work / "import_100k.xlsx"
    make_import_file(file, units)
    floor = []
    for _ in range(3):
        start = time.perf_counter()
        CalamineWorkbook.from_path(str(file)).get_sheet_by_name("学员信息").to_python()
        floor.append(time.perf_counter() - start)
    backup = work / "import_backup.sqlite3"
    database.dispose()
    shutil.copyfile(db_path, backup)
    ours = []
    for _ in range(3):
        shutil.copyfile(backup, db_path)
        for wal in work.glob("import.sqlite3-*"):
            wal.unlink()
        database = open_database(db_path)
        start = time.perf_counter()
        source = open_import(file)
        with UnitOfWork(database) as uow:
            preview = analyse_import(uow, LOCAL_ADMIN, source, mode=ImportMode.ADD, default_org=None)
            summary = apply_import(uow, LOCAL_ADMIN, preview)
        ours.append(time.perf_counter() - start)
        database.dispose()
        assert summary.added == ROWS, summary
    f, o = statistics.median(floor), statistics.median(ours)
    print(f"import 100,000 rows   calamine read alone {f:.2f} s; tjce read+check+write {o:.2f} s;"
          f" ratio {o / f:.2f}x (goal: within 2x)")


def bench_export(work: Path, city_db: Path) -> None:
    """滨海新区's 在职 trainees (about 125,000 rows on the 1,000,000 demo)."""
    from openpyxl import load_workbook

    database = open_database(city_db)
    scope, filters, out = "/120000/120116/", TraineeFilter(active=True), work / "export.xlsx"
    ours = []
    for _ in range(3):
        start = time.perf_counter()
        count = export_trainees(database, LOCAL_ADMIN, out, scope_path=scope, filters=filters)
        ours.append(time.perf_counter() - start)
    database.dispose()
    rows = list(load_workbook(out, read_only=True).active.iter_rows(min_row=2, values_only=True))  # untimed
    floor = []
    for _ in range(3):
        start = time.perf_counter()
        book = Workbook(write_only=True)
        sheet = book.create_sheet("学员")
        sheet.append(list(HEADERS))
        for row in rows:
            sheet.append(row)
        book.save(work / "export_floor.xlsx")
        floor.append(time.perf_counter() - start)
    f, o = statistics.median(floor), statistics.median(ours)
    print(f"export {count:,} rows   openpyxl write-only of the same rows {f:.2f} s; tjce export (query+format+write)"
          f" {o:.2f} s; ratio {o / f:.2f}x (goal: within 1.3x)")


def _timed(database, scope_path: str, order: SortOrder, filters: TraineeFilter) -> tuple[int, float]:
    """Count + first key page + the rows of a screen, as 学员管理 shows a query: median of 5."""
    times = []
    with database.engine.connect() as connection:
        for _ in range(5):
            start = time.perf_counter()
            scope = LOCAL_ADMIN.scope(scope_path)
            total = count_in_scope(connection, scope, filters)
            page = fetch_key_page(connection, scope, order, None, 1000, filters)
            fetch_rows(connection, scope, page.rowids[:200])
            times.append(time.perf_counter() - start)
    return total, statistics.median(times)


def bench_query(city_db: Path) -> None:
    """Name searches and the name sort, at the city, a district (滨海新区) and a unit."""
    from tjce_desktop.services.trainee_listing import TraineeColumn

    database = open_database(city_db)
    with database.engine.connect() as connection:
        unit = connection.exec_driver_sql(
            "SELECT path FROM org WHERE kind = 'unit' AND path >= '/120000/120116/' AND path < '/120000/1201160' "
            "ORDER BY path LIMIT 1").scalar()
    by_name = SortOrder(TraineeColumn.REAL_NAME)
    cases = [("name fragment '明'", TraineeFilter(real_name="明", active=True), SortOrder()),
             ("pinyin 'zhang'", TraineeFilter(real_name="zhang", active=True), SortOrder()),
             ("initials 'zm'", TraineeFilter(real_name="zm", active=True), SortOrder()),
             ("sorted by 真实姓名", TraineeFilter(active=True), by_name),
             ("pinyin 'zhang' sorted by 真实姓名", TraineeFilter(real_name="zhang", active=True), by_name)]
    for label, filters, order in cases:
        for where, path in (("city", "/120000/"), ("滨海新区", "/120000/120116/"), ("a unit", unit)):
            total, seconds = _timed(database, path, order, filters)
            print(f"{label:32} {where:6}: {total:>9,} match; count + first page {seconds * 1000:6.0f} ms "
                  "(goal < 300 ms)")
    database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--city-db", type=Path, default=Path(__file__).parent / "out" / "demo_ours.sqlite3")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--query-only", action="store_true", help="only the name searches and sorts")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bench_query(args.city_db)
    if args.query_only:
        return 0
    bench_import(args.out)
    bench_export(args.out, args.city_db)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
