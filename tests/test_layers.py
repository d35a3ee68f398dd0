"""Only tjce_desktop/gui may import Qt (DESIGN.md, 'Layers')."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "tjce_desktop"
QT_MODULES = ("PySide6", "shiboken6")
CORE_LAYERS = ("domain", "storage", "services", "cli")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_outside_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for name in _imported_modules(path):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_layers_import_downwards_only():
    order = ["domain", "storage", "services", "cli", "gui"]
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] not in order:
            continue
        allowed = set(order[: order.index(parts[0]) + 1])
        for name in _imported_modules(path):
            if name.startswith("tjce_desktop."):
                layer = name.split(".")[1]
                if layer in order and layer not in allowed:
                    offenders.append(f"{'/'.join(parts)} imports {name}")
    assert offenders == []


def test_importing_the_core_loads_no_qt():
    modules = [p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
               for layer in CORE_LAYERS for p in (PACKAGE / layer).rglob("*.py")
               if "migrations" not in p.parts]
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + (
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\nprint(bad)\n"
        "sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
