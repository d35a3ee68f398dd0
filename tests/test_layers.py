"""The layers of DESIGN.md (docs/ARCHITECTURE.md): imports point down only; only gui/ imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "tjce_desktop"
QT_MODULES = ("PySide6", "shiboken6")
# Each layer and the layers below it that it may import. exchange/ (files) and sync/ (the
# central database) are side by side: neither imports the other; cli/ and gui/ likewise.
LAYERS = {
    "domain": set(),
    "storage": {"domain"},
    "exchange": {"domain", "storage"},
    "sync": {"domain", "storage"},
    "services": {"domain", "storage", "exchange", "sync"},
    "cli": {"domain", "storage", "exchange", "sync", "services"},
    "gui": {"domain", "storage", "exchange", "sync", "services"},
}
# Modules at the top of the package: the version and paths.py, for every layer above the
# domain (they import only the domain); __main__ starts the window, above everything.
BASE_MODULES = {"__init__", "paths"}
ENTRY_MODULES = {"__main__"}
CORE_LAYERS = [layer for layer in LAYERS if layer != "gui"]


def _imported_modules(path: Path, package: Path) -> set[str]:
    """Every module the file imports, as a dotted name (relative imports resolved,
    ``from tjce_desktop import x`` read as ``tjce_desktop.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = [package.name, *path.relative_to(package).with_suffix("").parts]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = here[:-node.level]  # a module's own package is one up (``__init__`` counts as a part)
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            if "." not in base:  # from the package itself: the names are modules (or its version)
                names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def upward_imports(package: Path) -> list[str]:
    """The imports that break the layering, and modules that belong to no layer."""
    offenders = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) == 1:
            module = path.stem
            if module in ENTRY_MODULES:
                continue
            if module not in BASE_MODULES:
                offenders.append(f"{parts[0]} belongs to no layer")
                continue
            layer, allowed = module, {"domain"}
        elif parts[0] in LAYERS:
            layer = parts[0]
            allowed = LAYERS[layer] | {layer} | (BASE_MODULES if layer != "domain" else set())
        else:
            offenders.append(f"{'/'.join(parts)} belongs to no layer")
            continue
        for name in _imported_modules(path, package):
            pieces = name.split(".")
            if pieces[0] != package.name or len(pieces) < 2:
                continue
            target = pieces[1]
            if target not in LAYERS and target not in BASE_MODULES and target not in ENTRY_MODULES:
                continue  # a name imported from the package itself (``from tjce_desktop import __version__``)
            if target not in allowed:
                offenders.append(f"{'/'.join(parts)} ({layer}) imports {name}")
    return sorted(set(offenders))


def test_no_qt_import_outside_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for name in _imported_modules(path, PACKAGE):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_layers_import_downwards_only():
    assert upward_imports(PACKAGE) == []


def test_an_upward_import_is_caught(tmp_path):
    """The check itself: a copy of the package's shape with one import of each wrong kind."""
    package = tmp_path / "tjce_desktop"
    files = {
        "__init__.py": "",
        "paths.py": "from tjce_desktop.domain.errors import UserError\n",
        "domain/rules.py": "from tjce_desktop.paths import resource_path\n",
        "storage/models.py": "import tjce_desktop.domain.rules\n",
        "exchange/pdf.py": "from tjce_desktop.services.reports import format_cell\n",
        "sync/engine.py": "from tjce_desktop.services import audit\n",
        "sync/pull.py": "from ..exchange import pdf\n",
        "services/reports.py": "from tjce_desktop import __version__, cli\n",
        "cli/main.py": "from tjce_desktop.gui.app import main\n",
        "gui/app.py": "from tjce_desktop.cli.main import main\n",
        "plugins/x.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    assert upward_imports(package) == [
        "cli/main.py (cli) imports tjce_desktop.gui.app",
        "domain/rules.py (domain) imports tjce_desktop.paths",
        "exchange/pdf.py (exchange) imports tjce_desktop.services.reports",
        "gui/app.py (gui) imports tjce_desktop.cli.main",
        "plugins/x.py belongs to no layer",
        "services/reports.py (services) imports tjce_desktop.cli",
        "sync/engine.py (sync) imports tjce_desktop.services",
        "sync/pull.py (sync) imports tjce_desktop.exchange",
    ]


def test_importing_the_core_loads_no_qt():
    modules = [p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
               for layer in CORE_LAYERS for p in (PACKAGE / layer).rglob("*.py")
               if "migrations" not in p.parts]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + (
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\nprint(bad)\n"
        "sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
