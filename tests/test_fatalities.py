import pytest

from eventmap.fatalities import find_fatalities


@pytest.mark.parametrize(
    ("sentence", "coded", "text"),
    [
        ("These strikes resulted in the deaths of “dozens” of jihadists", 12, "dozens"),
        ("Tens of fighters were killed", 10, "Tens"),
        ("hundreds of people died", 100, "hundreds"),
        ("Several people were killed in the clashes", 3, "Several"),
        ("Many were killed in a massive bombing campaign", 10, "Many"),
        ("At least 7 civilians were killed", 7, "At least 7"),
        ("between 5 and 8 soldiers were killed", 5, "5 and 8"),
        ("twelve bodies were found", 12, "twelve"),
        ("resulting in significant militant casualties", 0, "casualties"),
        ("The army suffered heavy losses", 0, "losses"),
        ("The town was shelled", 0, None),
    ],
)
def test_acled_fatality_rules(sentence: str, coded: int, text: str | None) -> None:
    f = find_fatalities(sentence)
    assert f.coded == coded
    assert f.text == text


def test_ranges_keep_both_ends() -> None:
    f = find_fatalities("between 5 and 8 soldiers were killed")
    assert (f.low, f.high) == (5, 8)


def test_years_and_money_are_not_deaths() -> None:
    assert find_fatalities("In 2024 the war killed people").coded != 2024
    assert find_fatalities("A $500 reward after two were killed").coded == 2
