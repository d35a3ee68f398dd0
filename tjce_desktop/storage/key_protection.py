"""Private keys at rest: encrypted with a secret that lives outside the database.

A database file copied to another machine (or read by someone with file access to the
database alone) yields no usable key: the signing keys in ``app_meta`` are encrypted PKCS#8,
and their passphrase is a random secret in a key file in the user's own settings folder
(mode 0600; on Windows also sealed with DPAPI, which ties it to the Windows account). The
folder can be moved with ``TJCE_KEY_DIR`` (the tests give each test its own).
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path

import platformdirs

from tjce_desktop.domain.errors import UserError

_SECRET_BYTES = 32
_NAME = re.compile(r"[0-9a-f]{32}")


class KeyProtectionError(UserError, RuntimeError):
    """``str()`` is the Chinese message."""


def key_folder() -> Path:
    given = os.environ.get("TJCE_KEY_DIR")
    if given:
        return Path(given).expanduser()
    return platformdirs.user_config_path("TJCE Desktop", appauthor=False) / "keys"


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.parent.chmod(0o700)
    except OSError:
        pass  # a folder we do not own (TJCE_KEY_DIR on a share): its own rights apply
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def secret_for(name: str, *, create: bool) -> bytes | None:
    """The wrapping secret called ``name`` (random hex, kept in the database), made on first use."""
    if not _NAME.fullmatch(name or ""):
        return None  # not a name this program made: never a path of someone else's choosing
    path = key_folder() / f"{name}.key"
    if path.is_file():
        return _unseal(path.read_bytes())
    if not create:
        return None
    value = secrets.token_bytes(_SECRET_BYTES)
    try:
        _write_private(path, _seal(value))
    except OSError as exc:
        raise KeyProtectionError(f"无法保存密钥保护文件“{path}”：{exc.strerror or exc}。") from exc
    return value


def encrypt_private_key(private_key, secret: bytes) -> str:
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, PrivateFormat

    return private_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                     BestAvailableEncryption(secret)).decode("ascii")


def decrypt_private_key(pem: str, secret: bytes):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        return load_pem_private_key(pem.encode("ascii"), password=secret)
    except (ValueError, TypeError) as exc:
        raise KeyProtectionError("密钥保护文件与本数据库不符，无法解开签发密钥。") from exc


# --- Windows: DPAPI ties the secret to the signed-in Windows account ----------------------------

def _seal(data: bytes) -> bytes:
    return _dpapi(data, protect=True) if sys.platform == "win32" else data


def _unseal(data: bytes) -> bytes:
    return _dpapi(data, protect=False) if sys.platform == "win32" else data


def _dpapi(data: bytes, *, protect: bool) -> bytes:  # pragma: no cover — Windows only
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    buffer = ctypes.create_string_buffer(data, len(data))
    source, result = Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), Blob()
    windll = ctypes.windll  # type: ignore[attr-defined]  # Windows only: not in Linux's typeshed
    crypt32, kernel32 = windll.crypt32, windll.kernel32
    call = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if not call(ctypes.byref(source), None, None, None, None, 0, ctypes.byref(result)):
        raise KeyProtectionError("Windows 无法解开密钥保护文件（它属于另一个 Windows 账户）。")
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        kernel32.LocalFree(result.pbData)
