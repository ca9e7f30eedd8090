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
