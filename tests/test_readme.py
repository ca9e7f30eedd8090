"""The README's command-line examples work as written after `make map`.

`make map` installs `eventmap` into .venv, which is not on PATH: the README must say to
activate it (or use .venv/bin/eventmap) before its first bare `eventmap` line, and the
examples that need no file of the reader's own must run.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from eventmap.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def shell_blocks() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    return [block.splitlines() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_eventmap_is_reachable_before_its_first_use() -> None:
    activated = False
    for block in shell_blocks():
        for line in block:
            command = line.split("#", 1)[0].strip()
            if "source .venv/bin/activate" in command:
                activated = True
            if command.startswith("eventmap "):
                assert activated, f"README runs {command!r} before activating .venv"


def examples() -> list[list[str]]:
    found = []
    for block in shell_blocks():
        for line in block:
            command = line.split("  #", 1)[0].strip()
            if command.startswith(("eventmap ", ".venv/bin/eventmap ")):
                found.append(shlex.split(command)[1:])
    return found


@pytest.mark.parametrize("argv", [a for a in examples() if a[0] == "geocode"])
def test_readme_geocode_example_runs(argv: list[str], capsys) -> None:
    assert main(argv) == 0, capsys.readouterr().err
