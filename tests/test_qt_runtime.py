"""Guards against a broken PySide6 release: PySide6-Essentials 6.12.0 drops a reference to
Py_True on every signal emitted to a Python slot, and the process dies after a few hundred
emits ("bool_dealloc: deallocating True or False"). pyproject.toml excludes it."""

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    sig_progress = Signal(float, str)
emitter = Emitter()
seen = []
emitter.sig_progress.connect(lambda fraction, message: seen.append(fraction))
for step in range(20_000):
    emitter.sig_progress.emit(step / 20_000, "x")
assert len(seen) == 20_000
print("ok")
"""


def test_many_signal_emits_do_not_crash_the_interpreter():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
