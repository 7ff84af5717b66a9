"""The task runner: every task it lists can run, arguments reach the
scripts, and an unknown task names the allowed ones."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kz_between_chairs import tasks


def test_every_script_a_task_names_is_in_the_repository():
    scripts = [c[0] for task in tasks.TASKS.values() for c in task.commands if c[0].endswith(".py")]
    assert scripts and [s for s in scripts if not (tasks.ROOT / s).is_file()] == []


def test_the_listing_names_every_task_once(capsys):
    assert tasks.main([]) == 0
    out = capsys.readouterr().out
    assert "python -m kz_between_chairs.tasks docs --check" in out
    assert [line.split()[0] for line in out.split("\n\n")[-1].splitlines()] == list(tasks.TASKS)


def test_arguments_reach_every_command_and_the_first_failure_stops(monkeypatch):
    calls = []

    def fake(argv, cwd):
        calls.append(argv[1:])
        return subprocess.CompletedProcess(argv, 1 if "update_catalogs" in argv[1] else 0)

    monkeypatch.setattr(tasks.subprocess, "run", fake)
    assert tasks.run("check", ["--quiet"]) == 1
    assert calls == [
        [str(tasks.ROOT / "scripts/update_derived.py"), "--check", "--quiet"],
        [str(tasks.ROOT / "scripts/update_catalogs.py"), "--check", "--quiet"],
    ]


def test_unknown_task_names_the_allowed_ones():
    done = subprocess.run([sys.executable, "-m", "kz_between_chairs.tasks", "deploy"], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kz_between_chairs.tasks: unknown task 'deploy'; allowed: derived, catalogs, metadata, docs, site, release, benchmark, check\n"
    )


@pytest.mark.parametrize("name", ["derived", "catalogs"])
def test_a_drift_check_runs_through_the_runner(name):
    done = subprocess.run([sys.executable, "-m", "kz_between_chairs.tasks", name, "--check"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
