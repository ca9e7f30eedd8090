"""The command line's grammar: examples for every command, one-line errors."""

import pytest

from eventmap.cli_parser import EXAMPLES, build_parser, printable


def test_every_command_has_an_example_that_parses() -> None:
    parser = build_parser()
    for name, example in EXAMPLES.items():
        first = example.splitlines()[0].split()
        assert first[:2] == ["eventmap", name]
        if "'" not in example and '"' not in example:
            assert parser.parse_args(first[1:]).command == name


def test_control_characters_are_shown_escaped() -> None:
    assert printable("a\rb\nc\td") == "a\\rb\\nc\\td"
    assert printable("Homs  Hama") == "Homs  Hama"


def test_a_bad_option_is_one_line_and_exit_code_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["map", "seeds", "--png", "maybe\nnot"])
    assert stop.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("eventmap map: error:") and "\\n" in error
