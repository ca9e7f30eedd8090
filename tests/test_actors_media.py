"""News outlets: matched as written, never mistaken for the city they share letters with."""

from eventmap.actors import default_media
from eventmap.actors.media import MediaTable


def test_media_are_case_sensitive() -> None:
    assert [s.ref for s in default_media().find("According to SANA")] == [
        "SANA (Syrian Arab News Agency)"
    ]
    assert default_media().find("Sanaa") == []


def test_a_custom_media_file_with_parties(tmp_path) -> None:
    p = tmp_path / "media.csv"
    p.write_text(
        "name,aliases,party\nRiver Herald,River Herald|RH,River Front\nDaily Hill,Daily Hill,\n",
        encoding="utf-8",
    )
    media = MediaTable(p)
    assert media.parties == {"River Herald": "River Front"}
    found = media.find("RH and the Daily Hill, not rh")
    assert [(s.text, s.ref) for s in found] == [
        ("RH", "River Herald"),
        ("Daily Hill", "Daily Hill"),
    ]
