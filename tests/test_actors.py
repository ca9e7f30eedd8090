import pytest

from eventmap.actors import default_actors, default_media, demonyms, load_actors


def test_named_and_generic_actors() -> None:
    table = default_actors()
    found = {
        s.ref for s in table.find("HTS fighters clashed with the Syrian army and militants", "SY")
    }
    assert {
        "Hayat Tahrir al-Sham",
        "Military Forces of Syria (2000-2024)",
        "Unidentified Armed Group (Syria)",
    } <= found


def test_generic_aliases_only_in_their_country() -> None:
    table = default_actors()
    assert not [s for s in table.find("the army and militants", "FR") if s.generic]
    assert [s for s in table.find("the army and militants", "SY") if s.generic]


def test_acronyms_are_case_sensitive() -> None:
    table = default_actors()
    assert table.find("hts is not an acronym here", "SY") == []


def test_custom_actor_table(tmp_path) -> None:
    p = tmp_path / "actors.csv"
    p.write_text(
        "actor,side,inter,country,aliases\nWagner Group,state_ally,8,RU,Wagner|~mercenaries\n",
        encoding="utf-8",
    )
    t = load_actors(p)
    assert [s.ref for s in t.find("Wagner and mercenaries", "RU")] == ["Wagner Group"] * 2


def test_media_and_demonyms() -> None:
    assert [s.ref for s in default_media().find("According to SANA")] == [
        "SANA (Syrian Arab News Agency)"
    ]
    assert default_media().find("Sanaa") == []
    d = demonyms()
    assert d["Syrians"] == "SY" and d["Chinese"] == "CN" and "Chineses" not in d


def test_generic_phrases_come_from_the_table() -> None:
    table = default_actors()
    assert table.is_generic("troops") and table.is_generic("Terrorist  groups")
    assert not table.is_generic("Syrian army")


def test_every_country_has_acled_generic_actors() -> None:
    table = default_actors()
    assert table.role_actor("military", "KE") == "Military Forces of Kenya"
    assert table.role_actor("police", "PH") == "Police Forces of the Philippines"
    assert table.role_actor("protesters", "CD") == "Protesters (Democratic Republic of Congo)"
    assert table.role_actor("rioters", "CI") == "Rioters (Ivory Coast)"
    # a curated actor takes its generated namesake's place
    assert table.role_actor("military", "SY") == "Military Forces of Syria (2000-2024)"


def test_role_phrases_name_the_events_country() -> None:
    table = default_actors()
    text = "Police dispersed the crowd after gunmen fired at Kenyan troops."
    found = {(s.text, s.ref) for s in table.find(text, "KE", roles=True)}
    assert ("Police", "Police Forces of Kenya") in found
    assert ("gunmen", "Unidentified Armed Group (Kenya)") in found
    assert ("Kenyan troops", "Military Forces of Kenya") in found
    assert not [s for s in table.find(text, "KE") if s.text == "Police"]  # opt-in


def test_a_generic_phrase_names_a_different_actor_in_each_country() -> None:
    table = default_actors()
    assert [s.ref for s in table.find("the rebels", "SY")] == ["Unidentified Armed Group (Syria)"]
    assert [s.ref for s in table.find("the rebels", "UA")] == [
        "NAF: United Armed Forces of Novorossiya"
    ]


def test_state_forces_are_external_outside_their_country() -> None:
    table = default_actors()
    assert table.inter("Military Forces of Turkey (2016-)", "TR") == 1
    assert table.inter("Military Forces of Turkey (2016-)", "SY") == 8
    assert table.inter("Military Forces of Ukraine (2019-)", "UA") == 1
    assert table.inter("Taliban", "AF") == 2 and table.inter("Protesters (Chile)", "CL") == 6
    assert table.inter("nobody", "AF") is None


def test_named_actors_of_other_conflicts() -> None:
    table = default_actors()
    text = "Houthi fighters and al-Shabaab militants"
    refs = [s.ref for s in table.find(text, None, generic=False)]
    assert refs == ["Military Forces of Yemen (2016-) Supreme Political Council", "Al Shabaab"]


def test_generated_aliases_are_not_masked_for_the_geoparser() -> None:
    from eventmap.actors import name_mask

    table = default_actors()
    assert "Kenyan army" in table.generated and "Taliban" not in table.generated
    mask = name_mask(default_media(), table)
    assert not mask.find("the Kenyan army") and mask.find("the Taliban")


def test_names_near_a_span_are_the_ones_find_sees() -> None:
    # PhraseScan looks only around each capitalised run; it must find what a scan of the
    # whole text finds there.
    import re

    from eventmap.actors import name_mask

    mask = name_mask(default_media(), default_actors())
    texts = [
        "The Syrian Observatory for Human Rights said the Syrian Democratic Forces and "
        "the Syrian army clashed near Hayat Tahrir al-Sham positions, SANA reported.",
        "Forces loyal to President Hadi and Houthi fighters met; the military forces of "
        "Azerbaijan and Boko Haram militants were also named by AFP and Reuters.",
        "THE HTS statement, per the United Nations and the Islamic State, said nothing.",
    ]
    for text in texts:
        every = {(s.start, s.end) for s in mask.find(text)}
        scan = mask.scanner(text)
        for run in re.finditer(r"[A-Z][\w'-]*(?: [A-Z][\w'-]*)*", text):
            probe = mask.probe(run.group(0))
            got = set(scan.near(run.start(), run.end(), probe)) if probe else set()
            want = {(s, e) for s, e in every if s < run.end() and run.start() < e}
            assert got == want, (run.group(0), got, want)


def test_a_name_in_a_hyphenated_adjective_is_still_masked() -> None:
    from eventmap.actors import name_mask

    mask = name_mask(default_media(), default_actors())
    for text, name in (("a Taliban-planted mine", "Taliban"), ("anti-Houthi tribes", "Houthi")):
        start = text.index(name)
        probe = mask.probe(name)
        assert mask.scanner(text).near(start, start + len(name), probe)
    # Joined to more of a name, it is not this actor.
    assert not mask.find("the Taliban-Jones")


@pytest.mark.parametrize(
    "sentence",
    [
        "HTS fighters and Hayat Tahrir al-Sham clashed with the Syrian army near Idlib.",
        "The police said gunmen shot two men; police later arrested the gunmen.",
        "IS claimed the attack, and the Islamic State's media arm AMAQ said so again.",
        "Russian and Syrian warplanes struck rebels of the Free Syrian Army in Hama.",
        "Nothing here anchors a phrase at all.",
        "SANA and sana: the agency, SANA, reported it.",
    ],
)
def test_anchor_places_from_the_word_index_are_the_word_loops(sentence: str):
    from eventmap.actors import PhraseIndex

    table = default_actors()
    indexes = [v for v in vars(table).values() if isinstance(v, PhraseIndex)]
    lower, lower_set, exact_set = PhraseIndex.words_of(sentence)
    for index in indexes:
        loop = index._hits(sentence, lower)
        assert index._ascii_hits(sentence, lower, lower_set, exact_set) == loop


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
    from eventmap.actors import _TOKEN, _places

    assert _places(hay, word) == want
    assert _places(hay, word) == [m.span() for m in _TOKEN.finditer(hay) if m.group(0) == word]
