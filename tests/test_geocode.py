"""The offline geocoder: seed places, spellings, qualifiers, ambiguity, bad input."""

import geopandas as gpd
import pytest
from geopy.distance import geodesic
from geopy.location import Location

from eventmap.errors import InvalidInput
from eventmap.geocode import OfflineGeocoder
from eventmap.geocode_batch import geocode_many
from eventmap.geocode_query import parse_query

# GeoNames reference coordinates (geonames.org), the oracle for "within 10 km".
SEED_PLACES = {
    "Homs": (169577, 34.72405, 36.72559),
    "Hama": (170017, 35.13179, 36.75783),
    "Aleppo": (170063, 36.20124, 37.16117),
    "Daraa": (170905, 32.61889, 36.10213),
    "Suwayda": (172408, 32.70896, 36.56951),
    "Damascus": (170654, 33.5102, 36.29128),
    "Idlib": (169389, 35.93062, 36.63393),
    "Ar Rastan": (172946, 34.92667, 36.73241),
    "Talbiseh": (163779, 34.84072, 36.73092),
}


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


@pytest.mark.parametrize("name", sorted(SEED_PLACES))
def test_seed_places_within_10_km(geocoder: OfflineGeocoder, name: str) -> None:
    gid, lat, lon = SEED_PLACES[name]
    loc = geocoder.geocode(name)
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == gid
    assert loc.raw["country_code"] == "SY"
    assert geodesic((lat, lon), (loc.latitude, loc.longitude)).km < 10


def test_raw_carries_what_was_matched(geocoder: OfflineGeocoder) -> None:
    raw = geocoder.geocode("Homs").raw
    for key in (
        "geonameid",
        "kind",
        "country_code",
        "admin1_code",
        "admin1_name",
        "population",
        "matched_name",
        "score",
    ):
        assert key in raw
    assert raw["kind"] == "city" and raw["admin1_code"] == "11"


@pytest.mark.parametrize(
    "query",
    [
        "Homs province",
        "Homs governorate",
        "Homs Governorate",
        "the province of Homs",
        "province of Homs",
    ],
)
def test_province_qualifiers_give_the_governorate(geocoder: OfflineGeocoder, query: str) -> None:
    loc = geocoder.geocode(query)
    assert loc.raw["kind"] == "admin1"
    assert loc.raw["admin1_iso"] == "SY-HI"
    assert loc.address.startswith("Homs")
    assert loc.raw["capital"]["geonameid"] == 169577


@pytest.mark.parametrize(
    ("query", "qualifier"),
    [
        ("countryside of Homs", "countryside"),
        ("rural Homs", "countryside"),
        ("Homs countryside", "countryside"),
        ("northeast of Homs province", "direction"),
        ("the north-east of Homs province", "direction"),
    ],
)
def test_vague_qualifiers_resolve_to_admin1_and_are_kept(
    geocoder: OfflineGeocoder, query: str, qualifier: str
) -> None:
    loc = geocoder.geocode(query)
    assert loc.raw["admin1_iso"] == "SY-HI" and loc.raw["kind"] == "admin1"
    assert loc.raw["qualifier"] == qualifier


@pytest.mark.parametrize(
    ("query", "country", "label"),
    [
        ("Dayr az Zawr Governorate", "SY", "Deir ez-Zor"),
        ("Deir ez-Zor province", "SY", "Deir ez-Zor"),
        ("Shabeellaha Hoose", "SO", "Lower Shebelle"),
        ("Lower Shabelle region", "SO", "Lower Shebelle"),
        ("Donetsk oblast", "UA", "Donetsk"),
        ("Kandahar province", "AF", "Kandahar"),
    ],
)
def test_divisions_carry_the_english_name_and_read_either_spelling(
    geocoder: OfflineGeocoder, query: str, country: str, label: str
) -> None:
    """The admin1 column says what English-language reports say ('Deir ez-Zor', not
    GeoNames' 'Dayr az Zawr'); both spellings still find the division."""
    loc = geocoder.geocode(query, country_codes=country)
    assert loc.raw["kind"] == "admin1"
    assert loc.raw["admin1_name"] == label


def test_a_name_both_sources_spell_alike_keeps_its_label(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.geocode("As-Suwayda governorate", country_codes="SY")
    assert loc.raw["admin1_name"] == "Suwayda"  # the seed's label: one name, two spellings


def test_city_of_hama_is_the_city(geocoder: OfflineGeocoder) -> None:
    loc = geocoder.geocode("city of Hama")
    assert loc.raw["kind"] == "city" and loc.raw["geonameid"] == 170017


@pytest.mark.parametrize(
    ("variants", "gid"),
    [
        (["Hama", "Ḩamāh", "Hamah", "HAMA"], 170017),
        (["Daraa", "Dar‘ā", "Dar'a", "Deraa"], 170905),
        (["Suwayda", "As-Suwayda", "As Suwayda", "Sweida"], 172408),
        (["Aleppo", "Halab", "Ḩalab"], 170063),
        (["Ar Rastan", "Rastan", "al-Rastan"], 172946),
        (["Nasiriyah", "Nassiriya", "Nasiriya", "Nassriya"], 98854),  # curated aliases
        (["Qamishli", "Quamishli", "Kamishli"], 173377),
        (["Wasit", "Wassit"], 89693),
        (["Kayin", "Karen State"], 1320233),
        (["Hadibu", "Hidaybu"], 75427),
        (["Urozgan"], 1131461),  # the province, as ACLED writes it
    ],
)
def test_spelling_variants(geocoder: OfflineGeocoder, variants: list[str], gid: int) -> None:
    for v in variants:
        assert geocoder.geocode(v).raw["geonameid"] == gid, v


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Homs", "SY"),
        ("Damascus", "SY"),
        ("Moscow", "RU"),
        ("Aleppo", "SY"),
        ("Sanaa", "YE"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("US", "US"),
        ("UK", "GB"),
        ("Ukraine", "UA"),
        ("Iran", "IR"),
    ],
)
def test_ambiguity(geocoder: OfflineGeocoder, query: str, country: str) -> None:
    assert geocoder.geocode(query).raw["country_code"] == country


def test_homs_libya_is_a_candidate_but_loses(geocoder: OfflineGeocoder) -> None:
    all_ = geocoder.geocode("Homs", exactly_one=False)
    assert all_[0].raw["country_code"] == "SY"
    assert any(loc.raw["country_code"] == "LY" for loc in all_)
    assert geocoder.geocode("Homs", country_codes="LY").raw["name"] == "Al Khums"


def test_country_bias_and_kind(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("Homs", country_bias="LY").raw["country_code"] == "LY"
    # A national capital, named as such, survives a bias towards a namesake town.
    assert geocoder.geocode("Damascus", country_bias="US").raw["country_code"] == "SY"
    assert geocoder.geocode("Washington").raw["admin1_code"] == "DC"
    assert geocoder.geocode("Aleppo", kind="admin1").raw["kind"] == "admin1"


def test_ranking_is_deterministic(geocoder: OfflineGeocoder) -> None:
    a = [loc.raw for loc in geocoder.geocode("Moscow", exactly_one=False)]
    b = [loc.raw for loc in geocoder.geocode("Moscow", exactly_one=False)]
    assert a == b


@pytest.mark.parametrize("query", ["Qwxzyv", "Nowhereville-upon-Nothing"])
def test_unknown_names_give_none(geocoder: OfflineGeocoder, query: str) -> None:
    assert geocoder.geocode(query) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (None, "None"),
        (42, "string"),
        ("", "blank"),
        ("   ", "blank"),
        ("x" * 513, "limit"),
        ("Homs\x00", "control"),
        ("Ho\nms", "control"),
    ],
)
def test_bad_input_raises_value_error(
    geocoder: OfflineGeocoder, query: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        geocoder.geocode(query)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        geocoder.geocode(query)  # type: ignore[arg-type]


def test_parse_query_keeps_the_name() -> None:
    assert parse_query("the city of Hama").name == "Hama"
    assert parse_query("Homs").kind is None


def test_geocode_many_survives_bad_rows(geocoder: OfflineGeocoder) -> None:
    frame, unresolved = geocode_many(["Homs", None, "Qwxzyv", "Hama", ""], geocoder)
    assert isinstance(frame, gpd.GeoDataFrame) and frame.crs.to_epsg() == 4326
    assert list(frame["query"]) == ["Homs", "Hama"]
    reasons = dict((str(n), r) for n, r in unresolved)
    assert "invalid input" in reasons["None"] and "no match" in reasons["Qwxzyv"]
    assert len(unresolved) == 3


@pytest.mark.parametrize(
    ("query", "region"),
    [("Nueva Ecija", "Central Luzon"), ("Samar", "Eastern Visayas"), ("Negros Occidental", None)],
)
def test_provinces_below_the_first_level_are_places(
    geocoder: OfflineGeocoder, query: str, region: str | None
) -> None:
    """The Philippines' provinces (GeoNames' level 2; its level 1 is the region), drawn by
    Natural Earth: named as news names them, inside their region."""
    loc = geocoder.geocode(query)
    assert (loc.raw["kind"], loc.raw["country_code"]) == ("admin2", "PH")
    assert loc.raw["point"] == "label point" and loc.raw["population"] > 100_000
    if region:
        assert loc.raw["admin1_name"] == region


@pytest.mark.parametrize("word", ["Lot", "Ain", "Var"])
def test_short_department_names_are_not_provinces(geocoder: OfflineGeocoder, word: str) -> None:
    found = geocoder.geocode(word, exactly_one=False, kind="admin2") or []
    assert not [x for x in found if x.raw["country_code"] == "FR"]


@pytest.mark.parametrize("query", ["Homs province", "Aleppo", "Gaza City", "Texas"])
def test_plain_answers_read_as_the_locations_do(geocoder: OfflineGeocoder, query: str) -> None:
    # corpus workers ask for plain answers (no geopy); whatever they read must agree
    plain = OfflineGeocoder(geocoder.gazetteer, plain=True)
    for exactly_one in (True, False):
        loc = geocoder.geocode(query, exactly_one=exactly_one)
        answer = plain.geocode(query, exactly_one=exactly_one)
        locs = [loc] if exactly_one else loc
        answers = [answer] if exactly_one else answer
        assert len(answers) == len(locs) and not isinstance(answers[0], Location)
        for a, b in zip(answers, locs, strict=True):
            assert (a.address, a.latitude, a.longitude, a.raw) == (
                b.address,
                b.latitude,
                b.longitude,
                b.raw,
            )
            assert a[1] == b[1]
    assert plain.geocode("Xqzzyville") is None


def test_ranking_from_cached_senses_as_from_the_rows(geocoder: OfflineGeocoder) -> None:
    """_rank reads each name's rows once (_senses): the same scores and order as scoring
    every row of the lookup for each query."""
    import math

    from eventmap import geocode as gc
    from eventmap.normalize import fold

    g = geocoder.gazetteer

    def reference(parsed, kind, restrict, bias, divisions):  # the ranking as it was written
        hint = kind or parsed.kind
        scored = []
        folded = fold(parsed.name)
        for row, level in g.lookup(parsed.name):
            r = g.info(row)
            if kind is not None and r.kind != kind:
                continue
            if restrict and r.country not in restrict:
                continue
            prior = gc._SEA_PRIOR if r.kind == "sea" else r.population
            score = math.log10(prior + 10) - gc._MATCH_PENALTY[level]
            if hint is not None and r.kind == hint:
                score += gc._KIND_HINT_BONUS
            if g.national_capitals.get(row) == folded:
                score += gc._CAPITAL_BONUS
            if r.country in bias:
                score += gc._BIAS_BONUS
            if (
                divisions
                and r.kind in ("city", "admin2")
                and f"{r.country}.{r.admin1}" in divisions
            ):
                score += gc._ADMIN1_BIAS_BONUS
            scored.append((round(score, 6), row, level))
        scored.sort(key=lambda t: (-t[0], g.info(t[1]).geonameid))
        if scored and hint is None:
            scored = geocoder._prefer_town_over_its_division(scored)
        return scored

    names = ["Santa Cruz", "Washington", "Springfield", "Homs", "Hama province", "Paris"]
    names += ["San Miguel", "Columbia", "Tripoli", "the city of Aleppo", "Georgia"]
    options = [
        (None, frozenset(), frozenset(), frozenset()),
        ("city", frozenset(), frozenset({"US"}), frozenset({"US.TX", "US.CA"})),
        (None, frozenset({"US"}), frozenset(), frozenset({"US.MO"})),
        ("admin1", frozenset(), frozenset({"SY"}), frozenset()),
    ]
    for name in names:
        parsed = parse_query(name)
        for kind, restrict, bias, divisions in options:
            for _ in range(2):  # (the second time from the cache)
                got = geocoder._rank(parsed, kind, restrict, bias, divisions)
                assert got == reference(parsed, kind, restrict, bias, divisions), name
