"""The words a report writes as people's names (events/surnames.py).

Every sentence here is invented for the tests.
"""

from eventmap.events.surnames import surnames, surnames_of


def test_a_town_written_after_a_given_name_or_a_title_is_a_surname() -> None:
    from eventmap.events.surnames import surnames_of

    text = (
        "Neighbor Dana Williams, 41, heard four shots. Officer Thomas said the car fled. "
        "A fatal Memphis crash... Fatal Memphis shooting. North Charleston police said. "
        "Pastor Lee Greenville of the church and Jo Selma (19) were there."
    )
    towns = {"Williams", "Thomas", "Greenville", "Selma", "Memphis", "Charleston", "Macon"}
    # Williams: a given name before it, an age after it; Thomas: a title before it;
    # Greenville: 'of' the church; Selma: an age in brackets. Not Memphis ('Fatal' is also
    # written 'fatal'), Charleston (part of a place's name), Macon (not in the text)
    assert surnames_of(text, towns) == {"williams", "thomas", "greenville", "selma"}
    assert surnames_of(text, {"Williams", "Memphis", "Charleston"}) == {"williams"}
    # a caption's or a headline's capitalised word before a town, with no age, hometown
    # or verb after the town, leaves it a town
    caption = "Staff Photo Dayton police officers at the scene. A Westside Dayton teen was shot."
    assert surnames_of(caption, {"Dayton"}) == set()


def test_a_name_written_with_a_generation_or_his_family_is_a_surname() -> None:
    text = (
        "Dana Wilson and his friend were playing. Police arrested Jo Robinson Jr. on Sunday. "
        "Heather Kelso and her son were shot."
    )
    assert surnames_of(text, {"Wilson", "Robinson", "Kelso"}) == {"wilson", "robinson", "kelso"}


def test_a_name_alone_with_an_age_or_saying_something_is_a_person() -> None:
    text = (
        "According to police, Robinson, 16, told them the gun went off. Lindsay, 24 and "
        "Duncan, 23, died. Neighbors heard it. Jackson says she called 911."
    )
    assert {"robinson", "lindsay", "duncan", "jackson"} <= surnames(text)
    # a town with 'said' after 'in', a hometown with an age: places, not people
    text = "Police in Dayton said a man of Macon, 34, was shot. The shooting in Selma, 2 died."
    assert not {"dayton", "macon", "selma"} & surnames(text)


def test_a_word_written_in_lower_case_is_found_as_findall_of_the_words_finds_it() -> None:
    import random
    import re

    from eventmap.events.surnames import _is_word, _written

    for code in range(0x3000):  # the look-up's \w is re's
        ch = chr(code)
        assert _is_word(ch) == bool(re.match(r"\w", ch)), hex(code)
    assert _is_word("\U0001d7ce") and not _is_word("\u2014")
    rng = random.Random(3)
    pieces = ["fatal", "fatally", "Fatal", "_fatal", "fatal_", "2fatal", "é", "fatalé", " ", ", "]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        words = set(re.findall(r"\b[a-z]+\b", text))
        for word in ("fatal", "fa", "al"):
            assert _written(text, word) == (word in words), (text, word)


def test_the_possessive_name_patterns_match_as_the_plain_ones_would() -> None:
    # a name's letters never give back one: what follows them never is a lower-case letter
    import random
    import re

    from eventmap.events import surnames as module

    words = "Robinson , 16 24 aged age said says told Jo Williams Jr. of Selma and his O'Neil-Smith"
    rnd = random.Random(5)
    texts = [
        "".join(
            w + rnd.choice([" ", "  ", "\t", ", ", ".", ""])
            for w in rnd.choices(words.split(), k=20)
        )
        for _ in range(2000)
    ]
    for pattern in (module._CAPITALISED_PAIR, module._ALONE):
        assert "++" in pattern.pattern
        plain = re.compile(pattern.pattern.replace("++", "+"))
        for text in texts:
            got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text
