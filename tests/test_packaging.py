"""Build the PyInstaller bundle and run both programs from it (slow: about a minute)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tjce_desktop.storage.schema_version import HEAD_REVISION

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if shutil.which("pyinstaller") is None and not (Path(sys.executable).parent / "pyinstaller").exists():
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is not installed (pip install -e '.[test]')")
        pytest.skip("PyInstaller is not installed")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build_spec" / "tjce_desktop.spec"), "--noconfirm",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        check=True, capture_output=True, cwd=ROOT, timeout=900,
    )
    return work / "dist" / "tjce-desktop"


def test_bundle_self_test_with_demo_data(bundle, tmp_path):
    db = tmp_path / "bundle.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(bundle / "tjce-desktop"), "--db", str(db), "--demo", "--demo-trainees", "2000",
                             "--self-test"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "self-test ok" in result.stdout and "active trainees" in result.stdout


def test_bundle_cli_and_resources(bundle, tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    tjce = str(bundle / "tjce")
    env = {**os.environ, "TJCE_USER": "admin", "TJCE_PASSWORD": "Bundle-Test-1"}
    subprocess.run([tjce, "--db", db, "demo", "--trainees", "300"], check=True, capture_output=True, timeout=300,
                   env=env)
    info = json.loads(subprocess.run([tjce, "--db", db, "info", "--json"], check=True, capture_output=True,
                                     text=True, encoding="utf-8", env=env).stdout)
    assert info["counts"]["trainee"] == 300 and info["schema_revision"] == HEAD_REVISION
    # Signing (cryptography), the QR code (segno) and the CJK font work from the bundle.
    pdf = tmp_path / "sheets.pdf"
    printed = subprocess.run([tjce, "--db", db, "print-archives", "--stamp", "已盖章", str(pdf)], capture_output=True,
                             text=True, encoding="utf-8", env=env, timeout=300)
    assert printed.returncode == 0, printed.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert (bundle / "_internal" / "tjce_desktop" / "resources" / "icons" / "tjce.png").exists()
    bad = subprocess.run([tjce, "--db", str(tmp_path), "info"], capture_output=True, text=True, encoding="utf-8")
    assert bad.returncode == 2 and "是一个文件夹" in bad.stderr
