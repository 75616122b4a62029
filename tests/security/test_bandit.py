"""bandit (static security analysis) on the app's code: no high-severity finding (issue 10, hardening)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_it_finds_no_high_severity_issue_in_the_code():
    run = subprocess.run([sys.executable, "-m", "bandit", "-r", "renbang", "-f", "json", "-q",
                          "--severity-level", "high", "-x", "renbang/*/migrations"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    assert report["metrics"]["_totals"]["loc"] > 10_000  # it really read the code
    high = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in report["results"]
            if r["issue_severity"] == "HIGH"]
    assert high == []
    assert not report["errors"], report["errors"]
