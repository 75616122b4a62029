"""The engine stays pure: importable without Django and without `highspy` (which breaks ortools)."""

import subprocess
import sys


def test_it_imports_neither_django_nor_highspy():
    code = (
        "import sys, renbang.engine.optimizer.__main__, renbang.engine.optimizer.bnb; "
        "print(sorted(m for m in ('django', 'highspy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
