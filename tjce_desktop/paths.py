"""Where the program's own files are, looked up the same way in every kind of install."""

from __future__ import annotations

from pathlib import Path

from tjce_desktop.domain.errors import UserError

_PACKAGE = Path(__file__).resolve().parent
# Wheels and the PyInstaller bundle carry the top-level resources/ folder inside the
# package (pyproject maps it as tjce_desktop.resources, the spec copies it there); a source
# checkout or an editable install reads it where it is.
_RESOURCE_DIRS = (_PACKAGE / "resources", _PACKAGE.parent / "resources")


class ResourceMissing(UserError, FileNotFoundError):
    """A file of the installation is missing; ``str()`` is the Chinese message."""


def resource_path(relative: str) -> Path:
    for base in _RESOURCE_DIRS:
        path = base / relative
        if path.exists():
            return path
    raise ResourceMissing(f"程序文件缺失：{relative}。请重新安装 TJCE Desktop。")
