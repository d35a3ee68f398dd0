"""Where the program's own files are, the same way from source, wheel and bundle."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(relative: str) -> Path:
    """A file under the top-level ``resources/`` folder, shipped as ``tjce_desktop.resources``.

    Installed (wheel, editable) and frozen (PyInstaller) builds import that package; a
    plain source checkout without installing falls back to the folder itself.
    """
    try:
        base = Path(str(resources.files("tjce_desktop.resources")))
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parents[1] / "resources"
    path = base / relative
    if not path.exists():
        raise FileNotFoundError(f"程序文件缺失：{relative}（在 {base} 中找不到）。请重新安装 TJCE Desktop。")
    return path
