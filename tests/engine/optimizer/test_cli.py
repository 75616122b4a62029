"""The command line: a plan as JSON, or one readable error line and exit code 2."""

import json

from renbang.engine.optimizer import generate, instance_to_dict
from renbang.engine.optimizer.__main__ import main


def test_it_writes_a_plan_with_its_bound(tmp_path):
    source = tmp_path / "instance.json"
    source.write_text(json.dumps(instance_to_dict(generate("tiny", 2))), encoding="utf-8")
    out = tmp_path / "plan.json"
    assert main([str(source), "--out", str(out), "--time-limit", "10"]) == 0
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["status"] in {"optimal", "feasible"}
    assert plan["bound"] >= plan["objective"] > 0
    assert plan["assignments"] and set(plan["assignments"][0]) == {"employee", "session"}


def test_it_exits_with_code_2_naming_the_field_of_a_bad_instance(tmp_path, capsys):
    data = instance_to_dict(generate("tiny", 2))
    data["employees"][3]["needs"]["M.1"]["gap"] = -2
    source = tmp_path / "instance.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert main([str(source)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: employees[3].needs.M.1.gap: harus bilangan >= 0"


def test_it_exits_with_code_2_for_a_file_that_is_not_json(tmp_path, capsys):
    source = tmp_path / "instance.json"
    source.write_text("employees: []", encoding="utf-8")
    assert main([str(source)]) == 2
    err = capsys.readouterr().err
    assert "bukan JSON yang sah" in err and "Traceback" not in err


def test_it_exits_with_code_2_for_a_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "tidak-ada.json")]) == 2
    assert "tidak dapat dibaca" in capsys.readouterr().err


def test_it_prints_no_traceback_when_run_as_a_module(tmp_path):
    import subprocess
    import sys

    source = tmp_path / "instance.json"
    source.write_text("[", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "renbang.engine.optimizer", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
