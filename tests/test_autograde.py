"""selfcheck.autograde: a class graded file by file, each in its own process, under limits.

The whole folder of sample submissions is graded once (module fixture) with a short time
limit; the hostile submissions must end as failed submissions with a message saying what
they did, and every other file must still be graded as when it runs alone.
"""

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from selfcheck import autograde

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = ROOT / "tests" / "submissions"
TIME_LIMIT = 4.0  # seconds per check: far above what a check of a correct network takes

# (hostile file, words the record's problem or first failure must contain)
HOSTILE = [
    ("hostile_infinite_loop.py", f"check 'sigmoid' did not finish within {TIME_LIMIT:g} s"),
    ("hostile_crash.py", "ended the grading process (killed by SIGSEGV) during check 'sigmoid'"),
    ("hostile_exit.py", "ended the grading process (exit status 0) during check 'sigmoid'"),
    ("hostile_huge_allocation.py", "MemoryError"),
    ("hostile_print_flood.py", "printed more than 1048576 bytes (the output limit)"),
]


def _args(*extra: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    autograde.add_arguments(parser)
    return parser.parse_args(["--time-limit", str(TIME_LIMIT), *extra])


@pytest.fixture(scope="module")
def graded() -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    status = autograde.run([str(SUBMISSIONS)], _args("--json"), out)
    return status, json.loads(out.getvalue())


def _record(graded: tuple[int, dict[str, Any]], name: str) -> dict[str, Any]:
    (record,) = [r for r in graded[1]["submissions"] if Path(r["path"]).name == name]
    return record


def test_every_file_of_the_folder_gets_one_record(graded: tuple[int, dict[str, Any]]) -> None:
    names = sorted(p.name for p in SUBMISSIONS.glob("*.py"))
    assert [Path(r["path"]).name for r in graded[1]["submissions"]] == names
    assert graded[1]["limits"]["time_limit_seconds"] == TIME_LIMIT


@pytest.mark.parametrize(("name", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_submission_fails_with_a_clear_message(
    graded: tuple[int, dict[str, Any]], name: str, words: str
) -> None:
    record = _record(graded, name)
    assert record["status"] == "fail"
    assert record["exit"] == 1
    said = record["problem"] + json.dumps(record["first_failure"])
    assert words in said
    # stopped within its time limit (and the grader's own start), not left running
    assert record["seconds"] < autograde.Limits().startup_limit + 2 * TIME_LIMIT


def test_the_print_flood_is_kept_short_in_the_record(graded: tuple[int, dict[str, Any]]) -> None:
    output = _record(graded, "hostile_print_flood.py")["output"]
    assert output.startswith("debugging sigmoid")
    assert len(output) <= 2000


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("site_api.py", "pass"),
        ("nielsen.py", "pass"),
        ("inplace_rows.py", "pass"),
        ("inplace_columns.py", "pass"),
        ("site_api_mean.py", "pass"),
        ("nielsen_sigma_prime_of_activation.py", "fail"),
        ("inplace_rows_derivative_of_z.py", "fail"),
        ("site_api_mean_loss_sum_gradient.py", "fail"),
        ("unrecognised.py", "error"),
    ],
)
def test_the_other_submissions_are_graded_as_when_they_run_alone(
    graded: tuple[int, dict[str, Any]], name: str, status: str
) -> None:
    record = _record(graded, name)
    assert record["status"] == status, record["problem"]
    assert not record["problem"] or status == "error"


def test_a_record_names_the_first_failing_check_case_expected_got_and_label(
    graded: tuple[int, dict[str, Any]],
) -> None:
    record = _record(graded, "inplace_rows_derivative_of_z.py")
    first = record["first_failure"]
    assert first["check"] == "Network.backward: output delta"
    assert first["label"] == "eq-output-delta"
    assert "2-2-2" in first["case"]
    assert first["expected"] != first["got"]
    assert len(first["expected"]) == 2  # the 2-2-2 case's δ⁽²⁾: 2 outputs
    assert first["read"].endswith("#equation-eq-output-delta")
    assert record["checked_as"].startswith("attributes W1 b1 W2 b2")
    assert {c["status"] for c in record["checks"]} == {"pass", "fail", "skip"}


def test_the_exit_status_is_the_worst_over_the_files(graded: tuple[int, dict[str, Any]]) -> None:
    assert graded[0] == 2  # unrecognised.py cannot be checked
    assert max(r["exit"] for r in graded[1]["submissions"]) == 2


def test_only_correct_files_exit_0_and_a_failing_one_exits_1() -> None:
    good = [str(SUBMISSIONS / "site_api.py"), str(SUBMISSIONS / "nielsen.py")]
    assert autograde.run(good, _args(), io.StringIO()) == 0
    bad = [*good, str(SUBMISSIONS / "inplace_rows_derivative_of_z.py")]
    out = io.StringIO()
    assert autograde.run(bad, _args(), out) == 1
    assert out.getvalue().splitlines()[-1] == "3 files: 2 passed, 1 failed, 0 could not be checked"


def test_bad_paths_and_limits_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert autograde.run([str(tmp_path / "missing.py")], _args(), io.StringIO()) == 2
    assert "no file or folder at" in capsys.readouterr().err
    assert autograde.run([str(tmp_path)], _args(), io.StringIO()) == 2
    assert "is a folder with no .py file in it" in capsys.readouterr().err
    with pytest.raises(ValueError, match="time_limit must be a positive number"):
        autograde.Limits(time_limit=0)
    with pytest.raises(ValueError, match="memory_limit must be at least 256 MiB"):
        autograde.Limits(memory_limit=1024)
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        autograde.grade([str(SUBMISSIONS / "site_api.py")], jobs=0)


def test_the_command_line_grades_several_files_into_one_json_report() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "selfcheck",
            str(SUBMISSIONS / "site_api.py"),
            str(SUBMISSIONS / "hostile_exit.py"),
            "--json",
            "--time-limit",
            str(TIME_LIMIT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [r["status"] for r in report["submissions"]] == ["pass", "fail"]
