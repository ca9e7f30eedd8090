import random
import re
import sys

import pytest

from eventmap import dates, fatalities
from eventmap.events import triggers
from eventmap.literal_gate import (
    GatedPattern,
    _scan,
    article,
    candidates,
    fold,
    gated,
    necessary_literals,
    present,
)
from tests.random_texts import random_texts

_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_necessary_literals_read_from_the_pattern() -> None:
    assert necessary_literals(re.compile(r"\bair\s*strikes?\b", re.I)) == {"strike"}
    assert necessary_literals(re.compile(r"\b(?:shelled|mortars?)\b", re.I)) == {
        "shelled",
        "mortar",
    }
    # one branch without a literal: nothing can be promised
    assert necessary_literals(re.compile(r"\b(?:shot|\w+ed)\b", re.I)) == {"shot", "ed"}
    assert necessary_literals(re.compile(r"\b(?:shot|\w+)\b", re.I)) is None
    assert necessary_literals(re.compile(r"(?:killed)?\d+", re.I)) is None
    assert necessary_literals(re.compile(r"[A-Z]\w+")) is None


def test_fold_keeps_length_and_character_classes_at_every_code_point() -> None:
    folded = fold(_ALL)
    assert len(folded) == len(_ALL)
    for cls in (r"\w", r"\s", r"\d", r"\b"):
        pattern = re.compile(cls)
        assert [m.start() for m in pattern.finditer(_ALL)] == [
            m.start() for m in pattern.finditer(folded)
        ], cls


def test_fold_maps_every_ignorecase_look_alike_of_an_ascii_letter() -> None:
    for letter in "abcdefghijklmnopqrstuvwxyz":
        same = re.compile(letter, re.IGNORECASE)
        for m in same.finditer(_ALL):
            assert fold(m.group(0)) == letter, hex(ord(m.group(0)))


def _texts(seed: int, n: int) -> list[str]:
    words = re.findall(
        r"\S+",
        "Air strikes hit AIRSTRIKE shelled Shelling killed KILLED shot gunman police "
        "protesters rallied mortars UAVs struck drone ſhot İed K\u212aILLED attacked "
        "the a of in on near self-detonated anti-tank “killed” 12 two, dozens, "
        "blew himself up. ıed demonstrators dispersed arrested on 5 May, 2024-12-07 "
        "Sunday TODAY Last Week yesterday in March casualties 3 Dec. AT LEAST 5 “Seven” "
        "2–4 Dozens of ONE hundred,",
    )
    seps = [" ", " ", "  ", "\n", "-", ", ", "\u00a0"]
    return random_texts(seed, n, words, seps, (1, 14))


@pytest.mark.parametrize(
    "lexicon",
    [
        triggers.TRIGGERS,
        triggers.WEAK_TRIGGERS,
        [(p, k) for k, p in triggers.CUES.items()],
        [(p, rule) for rule, p in dates._GATED],
        [(fatalities._OUTCOME,), (fatalities._CASUALTY_ONLY,), (fatalities._FIGURE,)],
    ],
)
def test_gated_lexicon_finds_exactly_what_the_plain_patterns_find(lexicon) -> None:
    texts = [
        *_texts(13, 400),
        "Russian warplanes struck Idlib.",
        "The UAV STRUCK a convoy; SHELLING followed.",
        "İn the İED blast, two were ſhot.",
    ]
    for text in texts:
        possible = {id(row[0]) for row in candidates(lexicon, text)}
        for pattern, *_ in lexicon:
            assert isinstance(pattern, GatedPattern)
            matches = list(pattern.regex.finditer(text))
            plain = [m.span() for m in matches]
            assert pattern.spans(text) == plain, (pattern.pattern, text)
            # search and finditer run the pattern only where its lower-case twin matched:
            # the same matches, groups as the text writes them
            groups = [(m.span(), m.group(0), m.groups()) for m in matches]
            assert [(m.span(), m.group(0), m.groups()) for m in pattern.finditer(text)] == groups
            found = pattern.search(text)
            assert (found and (found.span(), found.group(0), found.groups())) == (
                groups[0] if groups else None
            )
            if plain:
                assert id(pattern) in possible, (pattern.pattern, text)


def test_present_finds_overlapping_and_nested_literals() -> None:
    gated(re.compile(r"\b(?:shell|shelling|helli)\b", re.I))
    found = present("SHELLING")
    assert {"shell", "shelling", "helli"} <= found


def test_search_with_bounds_uses_the_plain_pattern() -> None:
    p = gated(re.compile(r"killed$", re.I))
    text = "two were killed yesterday"
    assert p.search(text) is None
    assert p.search(text, 0, 15) is not None  # the end moved: '$' matches there


def test_present_of_an_article_slice_is_what_a_scan_of_the_slice_finds() -> None:
    """The article is scanned once; every sentence, clause or window of it is gated from
    those hits, never differently from a scan of its own (literals cut by the slice's ends,
    nested and overlapping ones, a slice found elsewhere in the article)."""
    gated(re.compile(r"\b(?:shell|shelling|helli|air\s*strikes?)\b", re.I))
    rng = random.Random(7)
    for text in [*_texts(21, 60), "Shelling. Shelling hit. SHELLING again", ""]:
        article(text)
        for _ in range(40):
            i = rng.randint(0, len(text))
            j = rng.randint(i, len(text))
            part = text[i:j]
            assert present(part) == _scan(part), (text, i, j)
        assert present("shelling elsewhere") == _scan("shelling elsewhere")  # not a slice


def test_an_article_scan_is_dropped_when_new_literals_register() -> None:
    article("the mortars and the howitzers")
    gated(re.compile(r"howitzers?", re.I))
    assert "howitzer" in present("the howitzers")


def test_the_literals_kept_for_a_text_follow_new_registrations() -> None:
    text = "the trebuchets and the mortars"
    article(text)
    before = present(text[4:15])
    assert present("the mortars") == _scan("the mortars")
    assert present(text[4:15]) == before == _scan("trebuchets ")  # kept for the article
    gated(re.compile(r"trebuchets?", re.I))  # a new literal: what was kept is stale
    assert "trebuchet" in present(text[4:15]) and "trebuchet" not in before


def test_the_scanners_closure_and_prefixes_are_every_registered_literal_inside():
    from eventmap import literal_gate

    registry = literal_gate._REGISTRY
    assert registry  # the lexicons imported above registered theirs
    _, closure, prefixes = literal_gate._scanner()
    for lit in registry:
        assert closure[lit] == frozenset(other for other in registry if other in lit)
        want = tuple(sorted((len(p), p) for p in registry if lit.startswith(p)))
        assert prefixes[lit] == want


@pytest.mark.parametrize(
    "text", ["Ünïcode “quotes” — and KELVIN", "\u0130stanbul \u212aills", "plain ascii", "ſtrike"]
)
def test_fold_of_non_ascii_text_is_the_translated_lower_case(text: str) -> None:
    from eventmap import literal_gate

    literal_gate._STATE["folded_of"] = None  # not the cached text
    assert fold(text) == text.translate(literal_gate._FOLD).lower()


def test_repeated_scans_give_the_same_answers() -> None:
    # the stages ask the same pattern about the same text several times: answered once
    pattern = gated(re.compile(r"\bair\s*strikes?\b", re.I))
    text = "Air strikes hit Homs; an AIRSTRIKE followed, then air  strikes."
    article(text)
    first = [m.span() for m in pattern.finditer(text)]
    assert first == [m.span() for m in pattern.regex.finditer(text)] and len(first) == 3
    spans = pattern.spans(text)
    spans.append((0, 0))  # a caller may change the list it gets
    assert [m.span() for m in pattern.finditer(text)] == first == pattern.spans(text)
    assert pattern.search(text).span() == first[0] == pattern.search(text).span()
    sentence = text[22:40]  # a slice: equal text, another object
    assert pattern.search(sentence).group(0) == "AIRSTRIKE"
    assert pattern.search(text[22:40]).group(0) == "AIRSTRIKE"
    assert pattern.search("No strike here.") is None and pattern.search("No strike here.") is None
    article("Another report, another article.")  # the answers kept are dropped
    assert pattern.spans(text) == first


def test_the_automaton_finds_the_longest_literal_at_each_start_as_the_trie_regex_does() -> None:
    from eventmap import literal_gate
    from eventmap.literal_twin import trie_pattern

    gated(re.compile(r"\b(?:shell|shelling|helli|air\s*strikes?|ai)\b", re.I))
    registry = literal_gate._REGISTRY
    trie = re.compile(f"(?=({trie_pattern(sorted(registry))}))")
    # (with pyahocorasick installed, the automaton; without it, the regex itself)
    for text in [*_texts(31, 200), "airstrikes shellinghelli", "", "x"]:
        folded = fold(text)
        plain = [(m.start(), m.group(1)) for m in trie.finditer(folded)]
        assert literal_gate._longest(folded) == plain, text


def test_window_patterns_gated_find_what_the_plain_ones_find_in_every_window() -> None:
    """The words before a trigger or a date are read with pos and endpos: gated, the literal
    test is made on the whole text, which holds every literal of the window."""
    rng = random.Random(17)
    patterns = [
        triggers._PURPOSE_BEFORE,
        triggers._CARRIED,
        triggers._GRIEVANCE_BEFORE,
        triggers._REPORTED_BEFORE,
        dates._COUNTED,
        dates._STAMP,
    ]
    words = re.findall(
        r"\S+",
        "to counter prevent against possible armed with a an the carrying in possession of "
        "accused suspected charged arrested for over protesting condemning two 3 days weeks "
        "after before Posted Updated published modified on: 12 Thanksgiving attacks ſhot",
    )
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(1500)]
    found = 0
    for pattern in patterns:
        assert isinstance(pattern, GatedPattern)
        plain = re.compile(pattern.pattern, pattern.flags)
        for text in texts:
            if rng.random() < 0.5:
                article(text)  # the text an article, or no slice of the article scanned
            start = rng.randint(0, len(text))
            end = rng.choice([len(text), rng.randint(start, len(text))])
            want, got = plain.search(text, start, end), pattern.search(text, start, end)
            assert (got and got.span()) == (want and want.span()), (pattern.pattern, text)
            found += want is not None
            # match at a position: the twin's match there says no first
            want, got = plain.match(text, start, end), pattern.match(text, start, end)
            assert (got and got.span()) == (want and want.span()), (pattern.pattern, text)
    assert found > 60
