"""Files the program writes, whatever their format: the target checked before any work, the
file written beside it and renamed into place, and every failure of the disk said in one
Chinese line (``XlsxWriteError``) with no partial file left — a read-only folder, a path under
a file, a missing folder, a file open in Excel, a full disk.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tjce_desktop.domain.errors import UserError

XLSX_ONLY = ("xlsx",)
XLSX_OR_CSV = ("xlsx", "csv")


class XlsxWriteError(UserError, OSError):
    """The file cannot be written; ``str()`` is the Chinese message (PDFs too, despite the name)."""


def output_format(path: Path | str, formats: Sequence[str] = XLSX_ONLY) -> str:
    """The format the target's name asks for, if this export writes it; else refused."""
    name = Path(path).name
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in formats:
        return suffix
    if suffix == "csv":
        raise XlsxWriteError(f"此项只能导出为 .xlsx 文件，请把文件名“{name}”改为以 .xlsx 结尾。")
    wanted = "或".join(f" .{fmt} " for fmt in formats).strip()
    raise XlsxWriteError(f"无法保存为“{name}”：文件名请以 {wanted} 结尾。")


def check_target(path: Path) -> None:
    """What can be said before writing: a folder, a path under a file, a missing folder, a device."""
    if path.is_dir():
        raise XlsxWriteError(f"“{path}”是一个文件夹，请指定要保存的文件名。")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise XlsxWriteError(f"无法保存到“{path}”：“{ancestor}”是一个文件，不是文件夹。")
    if not path.parent.exists():
        raise XlsxWriteError(f"文件夹“{path.parent}”不存在，请先创建它或选择其他位置。")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise XlsxWriteError(f"“{path}”不是普通文件，不能保存到这里。请指定其他文件名。")


def check_output(path: Path | str, formats: Sequence[str] = XLSX_ONLY) -> None:
    """Refuse a target that cannot be written before the work that leads to it (an import
    whose error report goes there): its name, its folder, and a file made and removed there."""
    path = Path(path)
    check_target(path)
    output_format(path, formats)
    try:
        handle, name = tempfile.mkstemp(prefix=".~tjce-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise XlsxWriteError(write_error_message(exc, path)) from None
    os.close(handle)
    Path(name).unlink(missing_ok=True)


def write_error_message(exc: OSError, path: Path) -> str:
    """One Chinese line for a failed write of ``path``."""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间不足，无法保存“{path}”。请清理磁盘后重试，或保存到其他位置。"
    if code == errno.EROFS:
        return f"“{path.parent}”在只读的磁盘上，无法保存“{path.name}”。请选择其他文件夹。"
    if winerror in (32, 33) or code in (errno.EBUSY, errno.ETXTBSY):
        return f"“{path}”正被其他程序使用（是否在 Excel 或 WPS 中打开？），请关闭后重试。"
    if code in (errno.EACCES, errno.EPERM):
        if path.exists():
            return f"无法覆盖“{path}”：没有写入权限，或文件正在 Excel/WPS 中打开。请关闭该文件或换一个文件名。"
        return f"没有权限在文件夹“{path.parent}”中保存文件，请选择其他文件夹。"
    if code == errno.ENOTDIR:
        return f"无法保存到“{path}”：路径中有一部分是文件，不是文件夹。"
    if code == errno.ENOENT:
        return f"文件夹“{path.parent}”不存在，请先创建它或选择其他位置。"
    if code == errno.ENAMETOOLONG:
        return f"文件名或路径太长，无法保存“{path.name}”。请使用较短的文件名或文件夹。"
    if code == errno.EISDIR:
        return f"“{path}”是一个文件夹，请指定要保存的文件名。"
    name = errno.errorcode.get(code, str(code)) if code is not None else type(exc).__name__
    return f"无法保存“{path}”（系统错误 {name}）。请检查磁盘和文件夹后重试。"


@contextmanager
def output_file(path: Path | str) -> Iterator[Path]:
    """``with output_file(path) as temporary:`` write ``temporary``; it becomes ``path`` when the
    block ends. On any failure the temporary file goes, and a failed write of the disk (no
    permission, read-only, full …) is one Chinese ``XlsxWriteError``."""
    path = Path(path)
    check_target(path)
    try:
        handle, name = tempfile.mkstemp(prefix=".~tjce-", suffix=path.suffix or ".tmp", dir=path.parent)
    except OSError as exc:
        raise XlsxWriteError(write_error_message(exc, path)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        publish(temporary, path)
    except OSError as exc:
        if exc.errno is None:
            raise  # ours (XlsxWriteError, a refused scope …), not the disk's
        raise XlsxWriteError(write_error_message(exc, path)) from None
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def _process_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once at import, on one thread: setting the umask to read it, while export threads
# create files, would give their files the wrong modes for that moment.
_UMASK = _process_umask()


def publish(temporary: Path | str, path: Path) -> None:
    """Move a finished temporary file into place with the permissions a new file would get
    (``mkstemp`` makes it readable by its owner only), or those of the file it replaces (a
    private temporary file stays private)."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_UMASK
    os.chmod(temporary, mode)
    os.replace(temporary, path)
