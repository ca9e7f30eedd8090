"""Names the geoparser must not read as places, and actor words it should distrust as towns."""

import eventmap.actors as actors
from eventmap.actors import default_actors, default_media
from eventmap.actors.mask import actor_name_words, name_mask


def test_generated_aliases_are_not_masked_for_the_geoparser() -> None:
    table = default_actors()
    mask = name_mask(default_media(), table)
    assert not mask.find("the Kenyan army") and mask.find("the Taliban")
    assert [s.ref for s in mask.find("SANA said")] == ["SANA (Syrian Arab News Agency)"]


def test_actor_name_words_leave_demonyms_and_acronyms_out() -> None:
    words = actor_name_words(default_actors())
    assert {"Hadi", "Taliban"} <= words
    assert "Syrian" not in words and "HTS" not in words and "al" not in words


def test_the_package_still_offers_every_name_it_did_as_one_module() -> None:
    public = {"Actor", "ActorTable", "MediaTable", "PhraseIndex", "PhraseScan", "Span"}
    public |= {"default_actors", "default_media", "demonyms", "load_actors", "name_mask"}
    public |= {"actor_name_words", "acled_country_names", "ROLE_ACTORS", "STATE_PREFIXES"}
    assert public == set(actors.__all__)
    assert all(hasattr(actors, name) for name in public)
