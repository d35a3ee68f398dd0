"""Compile every ui/*.ui into ui_<name>.py beside this file (pyside6-uic)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).parent
UI_DIR = FORMS_DIR.parents[2] / "ui"


def uic() -> str | None:
    """pyside6-uic beside this interpreter (a venv run as .venv/bin/python), else on PATH."""
    beside = Path(sys.executable).parent / ("pyside6-uic.exe" if sys.platform == "win32" else "pyside6-uic")
    return str(beside) if beside.exists() else shutil.which("pyside6-uic")


def compile_form(ui_file: Path) -> str:
    """The generated Python source of one form."""
    result = subprocess.run(
        [uic() or "pyside6-uic", str(ui_file)],
        check=True,
        capture_output=True,
        text=True,
    )
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
