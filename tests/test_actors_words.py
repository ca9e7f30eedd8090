"""Whole words, gaps between a phrase's words and hyphenated names, as every lookup sees them."""

import pytest

from eventmap.actors.words import TOKEN, hyphen_compound, lowered, match_at, places


@pytest.mark.parametrize(
    ("hay", "word", "want"),
    [
        ("aaa aa", "aa", [(4, 6)]),
        ("aa aaa aa", "aa", [(0, 2), (7, 9)]),
        ("the_police, police2 police", "police", [(4, 10), (20, 26)]),
        ("is-is is", "is", [(0, 2), (3, 5), (6, 8)]),
        ("", "is", []),
    ],
)
def test_whole_word_places_are_the_token_spans(hay: str, word: str, want: list):
    assert places(hay, word) == want
    assert places(hay, word) == [m.span() for m in TOKEN.finditer(hay) if m.group(0) == word]


def test_lowering_keeps_offsets() -> None:
    text = "İstanbul and Idlib"  # 'İ'.lower() is two characters
    assert len(lowered(text)) == len(text)
    assert lowered(text)[-5:] == "idlib"
    assert lowered("Free Syrian Army") == "free syrian army"


@pytest.mark.parametrize(
    ("text", "name", "compound"),
    [
        ("a Taliban-planted mine", "Taliban", True),
        ("anti-Houthi tribes", "Houthi", True),
        ("the Taliban-Jones feud", "Taliban", False),
        ("the Sham-Idlib road", "Sham", False),
        ("the Taliban said", "Taliban", True),
    ],
)
def test_a_hyphen_to_a_lower_case_word_makes_an_adjective(text: str, name: str, compound: bool):
    start = text.index(name)
    assert hyphen_compound(text, start, start + len(name)) is compound


def test_the_longest_phrase_at_an_anchor_and_its_gaps() -> None:
    # shapes: (anchor index, length, {words: (ref, generic)}), longest first
    shapes = [
        (1, 3, {("free", "syrian", "army"): ("FSA", False)}),
        (0, 1, {("syrian",): ("Syria", False)}),
    ]
    text = "the Free Syrian Army and Free  Syrian, Army"
    hay = lowered(text)
    pos = hay.index("syrian")
    assert match_at(text, hay, pos, 6, shapes, (20, 20)) == (4, 20, "FSA", False)
    # a comma between words is no gap a name can hold: only the one-word phrase is left
    pos = hay.index("syrian", 20)
    assert match_at(text, hay, pos, 6, shapes, (20, 20)) == (pos, pos + 6, "Syria", False)


def test_no_phrase_where_no_word_starts() -> None:
    # the words around an anchor are read only where a word starts at it
    shapes = [(1, 2, {("free", "syrian"): ("FSA", False)})]
    text = "the Free Syrian Army"
    hay = lowered(text)
    pos = hay.index("syrian")
    assert match_at(text, hay, pos, 6, shapes, (20, 20)) == (4, 15, "FSA", False)
    assert match_at(text, hay, pos + 1, 5, shapes, (20, 20)) is None


def test_the_words_next_to_an_anchor_rule_out_its_longer_phrases_as_reading_them_would() -> None:
    # with ``near`` (the words its longer phrases have next to it) the same answers come
    # back, the longer phrases' words read only where one of those words is next to it
    from eventmap.actors import default_actors
    from eventmap.actors.words import TOKEN

    table = default_actors()
    texts = [
        "The police said Kenya Police officers and the National Police Service came.",
        "Police in Kenya: Kenyan Police, police, POLICE and the Free Syrian Army's men.",
        "Syrian army and Syrian Democratic Forces, the army of Syria, army.",
    ]
    checked = 0
    for index in (table._named, table._generic_index, table._role_index):
        for text in texts:
            hay = lowered(text)
            for token in TOKEN.finditer(hay):
                key = (token.group(0), False)
                if key not in index._shapes:
                    continue
                args = (text, hay, token.start(), len(token.group(0)))
                shapes, reach = index._shapes[key], index._reach[key]
                plain = match_at(*args, shapes, reach)
                assert match_at(*args, shapes, reach, near=index._near[key]) == plain
                checked += 1
    assert checked > 20
