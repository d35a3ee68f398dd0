import pytest
from PySide6.QtCore import QModelIndex, Qt

from tjce_desktop.gui import trainee_table_model as table_module
from tjce_desktop.gui.org_tree_model import ORG_ROLE, OrgTreeModel
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.gui.trainee_table_model import TraineeTableModel
from tjce_desktop.services import trainee_listing as listing
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.orgs import direct_trainee_counts, list_orgs, subtree_bounds, subtree_totals
from tjce_desktop.storage.unit_of_work import UnitOfWork


def _fetch_all_children(model, parent=QModelIndex()):
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    for row in range(model.rowCount(parent)):
        _fetch_all_children(model, model.index(row, 0, parent))


def test_org_tree_model_passes_modeltester_and_lazy_loads(qtmodeltester, demo_database):
    model = OrgTreeModel(demo_database.engine)
    assert model.rowCount() == 0 and model.canFetchMore(QModelIndex())
    city = model.first_index()
    assert city.data() == "天津市"
    assert model.rowCount(city) == 0 and model.hasChildren(city)  # children not fetched yet
    _fetch_all_children(model)
    with UnitOfWork(demo_database) as uow:
        nodes = list_orgs(uow.session)
        totals = subtree_totals(nodes, direct_trainee_counts(uow.session, LOCAL_ADMIN.scope("/"), active_only=True))
    model.set_totals(totals)
    qtmodeltester.check(model)
    with demo_database.engine.connect() as connection:
        active = connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE active=1").scalar()
    assert model.index(0, 1).data() == f"{active:,}" and active < 3000
    heping = model.index_for_path("/120000/120101/")
    assert heping.data() == "和平区"
    assert heping.data(ORG_ROLE).full_name == "和平区"
    unit = model.index(0, 0, heping)
    assert unit.data(ORG_ROLE).full_name.startswith("和平区/")
    assert model.rowCount(city) == 24  # 16 districts + 8 bureaus


@pytest.fixture
def table_model(qtbot, demo_database):
    runner = TaskRunner()
    model = TraineeTableModel(demo_database.engine, runner, LOCAL_ADMIN)
    yield model
    runner.cancel_all_and_wait()


def _load(qtbot, model, scope="/120000/"):
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000) as blocker:
        model.set_scope(scope)
    return blocker.args[0]


def _sql_order(database, scope, order: listing.SortOrder):
    low, high = subtree_bounds(scope)
    keys = order.key_sql()
    direction = "DESC" if order.descending else "ASC"
    sql = (f"SELECT t.rowid FROM trainee t WHERE t.deleted_at IS NULL AND t.org_path >= ? AND t.org_path < ? "
           f"ORDER BY {', '.join(f'{k} {direction}' for k in keys)}")
    with database.engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql(sql, (low, high))]


def test_trainee_model_passes_modeltester(qtbot, qtmodeltester, table_model, demo_database, monkeypatch):
    monkeypatch.setattr(table_module, "FIRST_KEY_PAGE", 100)
    monkeypatch.setattr(table_module, "KEY_PAGE", 250)
    assert _load(qtbot, table_model) == 3000
    assert table_model.rowCount() == 100 and table_model.canFetchMore(QModelIndex())
    qtmodeltester.check(table_model)  # it calls fetchMore itself, also re-entrantly
    while table_model.canFetchMore(QModelIndex()):
        table_model.fetchMore(QModelIndex())
    got = [table_model.rowid_at(row) for row in range(table_model.rowCount())]
    assert got == _sql_order(demo_database, "/120000/", listing.SortOrder())
    qtmodeltester.check(table_model)


@pytest.mark.parametrize("column", list(listing.TraineeColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_through_exactly_the_sql_order(qtbot, table_model, demo_database, monkeypatch, column,
                                                        descending):
    """Keyset paging yields every row once, in the order plain SQL gives, for every column."""
    monkeypatch.setattr(table_module, "FIRST_KEY_PAGE", 61)
    monkeypatch.setattr(table_module, "KEY_PAGE", 97)
    scope = "/120000/120116/"  # 滨海新区
    _load(qtbot, table_model, scope)
    qt_order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    if listing.SortOrder(column, descending) != table_model.order:  # the default order needs no reload
        with qtbot.waitSignal(table_model.sig_loaded, timeout=10_000):
            table_model.sort(listing.COLUMNS.index(column), qt_order)
    while table_model.canFetchMore(QModelIndex()):
        table_model.fetchMore(QModelIndex())
    got = [table_model.rowid_at(row) for row in range(table_model.rowCount())]
    assert got == _sql_order(demo_database, scope, listing.SortOrder(column, descending))
    assert len(got) == table_model.total > 0


def test_rows_show_labels_masked_ids_and_departments_under_units(qtbot, table_model, demo_database):
    _load(qtbot, table_model)
    while table_model.canFetchMore(QModelIndex()):
        table_model.fetchMore(QModelIndex())
    headers = [table_model.headerData(c, Qt.Orientation.Horizontal) for c in range(table_model.columnCount())]
    assert headers[:3] == ["学员姓名", "真实姓名", "身份证号"]
    seen_department = seen_left = False
    for row in range(table_model.rowCount()):
        values = table_model.row_values(row)
        assert "********" in values[2] and len(values[2]) == 18
        assert values[3] in ("男", "女") and values[6] in ("正高级", "副高级", "中级", "初级", "无")
        seen_department |= " / " in values[5]
        if values[10] == "离职":
            seen_left = True
            assert table_model.data(table_model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert seen_department and seen_left


def test_a_newer_load_supersedes_an_older_one(qtbot, table_model):
    table_model.set_scope("/120000/120101/")
    with qtbot.waitSignal(table_model.sig_loaded, timeout=10_000) as blocker:
        table_model.set_scope("/120000/120116/")
    qtbot.wait(200)
    assert table_model.scope_path == "/120000/120116/"
    assert blocker.args[0] == table_model.total
    first = table_model.row_values(0)
    assert first is not None and first[5].startswith("滨海新区")
