"""A scan around one span finds exactly the phrases a text-wide lookup finds there."""

import re

from eventmap.actors import default_actors, default_media, name_mask
from eventmap.actors.phrases import PhraseIndex
from eventmap.actors.scan import PhraseScan


def test_names_near_a_span_are_the_ones_find_sees() -> None:
    # PhraseScan looks only around each capitalised run; it must find what a scan of the
    # whole text finds there.
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
    mask = name_mask(default_media(), default_actors())
    for text, name in (("a Taliban-planted mine", "Taliban"), ("anti-Houthi tribes", "Houthi")):
        start = text.index(name)
        probe = mask.probe(name)
        assert mask.scanner(text).near(start, start + len(name), probe)
    # Joined to more of a name, it is not this actor.
    assert not mask.find("the Taliban-Jones")


def test_a_phrase_reaching_beyond_the_span_is_found_from_inside_it() -> None:
    index = PhraseIndex({"Gulf Cooperation Council": ("GCC", False), "Red Crescent": ("RC", False)})
    text = "ministers of the Gulf Cooperation Council met the Red Crescent team"
    scan = index.scanner(text)
    assert isinstance(scan, PhraseScan)
    start = text.index("Cooperation")  # a run holding only the phrase's middle word
    got = scan.near(start, start + len("Cooperation"), index.probe("Cooperation"))
    assert got == [(text.index("Gulf"), text.index(" met"))]
    assert index.probe("Lebanon") == ()  # no phrase holds it: nothing to look for
