"""Compile every ui/*.ui into ui_<name>.py beside this file (pyside6-uic)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).parent
UI_DIR = FORMS_DIR.parents[2] / "ui"


# pyside6-uic as its console script runs it, through this interpreter's PySide6: found
# whether or not the venv's bin folder is on PATH (.venv/bin/python -m pytest) or the scripts
# were installed at all, and always the uic of the PySide6 the program runs with.
_UIC = "import sys; from PySide6.scripts.pyside_tool import uic; sys.argv[0] = 'pyside6-uic'; uic()"


def uic_command() -> list[str]:
    return [sys.executable, "-c", _UIC]


def compile_form(ui_file: Path) -> str:
    """The generated Python source of one form."""
    result = subprocess.run([*uic_command(), str(ui_file)], check=True, capture_output=True, text=True)
    return result.stdout


def target_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main() -> int:
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target_for(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(f"{ui_file.name} -> {target_for(ui_file).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
