"""Roles read from the text: (sentence -> person, title, affiliation).

Written for this project in news style, with real-world people; none comes from the
seed or the BBC corpus.  A title matches when it equals the expected one ignoring case;
the affiliation must equal the expected actor label (or be absent when None is expected).
"""
from __future__ import annotations

import pytest

from kg.extract import extract_text

ROLES = [
    # title before the name, organisation or country first
    ("BBC political editor Laura Kuenssberg said the vote would be close.",
     "Laura Kuenssberg", "political editor", "BBC"),
    ("Oxfam senior policy adviser Nadia Daar welcomed the debt relief deal.",
     "Nadia Daar", "senior policy adviser", "Oxfam"),
    ("Labour campaign co-ordinator Pat McFadden said the party was ready.",
     "Pat McFadden", "campaign co-ordinator", "Labour"),
    ("Tory co-chairman Greg Hands attacked the spending plans.",
     "Greg Hands", "co-chairman", "Conservative Party"),
    ("Italian Foreign Minister Antonio Tajani met his Greek counterpart in Rome.",
     "Antonio Tajani", "Foreign Minister", "Italy"),
    # a title the tagger took into the name
    ("MEP Nigel Farage told the European Parliament it had no mandate.",
     "Nigel Farage", "MEP", None),
    ("Backbencher Jacob Rees-Mogg said the deal was a betrayal.",
     "Jacob Rees-Mogg", "Backbencher", None),
    ("Anti-war Labour MP Diane Abbott criticised the decision to send troops.",
     "Diane Abbott", "MP", "Labour"),
    ("CBI director general Rain Newton-Smith warned of a recession.",
     "Rain Newton-Smith", "director general", "Confederation of British Industry"),
    ("ASOS chief executive Jose Antonio Ramos Calamonte said sales had recovered.",
     "Jose Antonio Ramos Calamonte", "chief executive", "ASOS"),
    # apposition after the name, with "at" or "of"
    ("Laurence Tribe, a professor at Harvard Law School, said the ruling was flawed.",
     "Laurence Tribe", "professor", "Harvard Law School"),
    ("Nikhil Rathi, chief executive of the Financial Conduct Authority, warned banks on Monday.",
     "Nikhil Rathi", "chief executive", "Financial Conduct Authority"),
    # a relative clause, an honorific that makes a mistagged name a person, a person as
    # the affiliation
    ("Lady Chief Justice Sue Carr, who is head of the judiciary of England and Wales, spoke.",
     "Sue Carr", "head", "England and Wales"),
    ("Lord Cameron, a former prime minister, met Antony Blinken in Washington.",
     "Cameron", "former prime minister", None),
    ("Dominic Cummings, then chief adviser to Prime Minister Boris Johnson, broke the rules.",
     "Dominic Cummings", "chief adviser", "Boris Johnson"),
    # title first, name in apposition, post-nominal letters
    ("The new chairman of the Bar Council, Sam Townend KC, warned of a crisis in the courts.",
     "Sam Townend", "chairman", "Bar Council"),
    # "its" and "the company's" point back to the organisation named before
    ("Shell reported record profits. Its chief executive Wael Sawan defended the payouts.",
     "Wael Sawan", "chief executive", "Shell"),
    ("Boeing shares fell sharply, and the company's chief financial officer Brian West said "
     "deliveries would slow.",
     "Brian West", "chief financial officer", "Boeing"),
]


@pytest.mark.parametrize("text, person, title, affiliation", ROLES, ids=[r[1] for r in ROLES])
def test_role_is_read(text: str, person: str, title: str, affiliation: str | None) -> None:
    extraction = extract_text(text)
    actors = {a.label: a for a in extraction.actors}
    assert person in actors, f"{person} not found; actors: {sorted(actors)}"
    roles = [(r.title, r.affiliation) for r in actors[person].roles]
    assert any(t.lower() == title.lower() and a == affiliation for t, a in roles), roles


def test_possessor_without_an_organisation_gives_no_affiliation() -> None:
    extraction = extract_text("Its founder Elon Musk said the company would survive.")
    actors = {a.label: a for a in extraction.actors}
    assert [(r.title, r.affiliation) for r in actors["Elon Musk"].roles] == [("founder", None)]


@pytest.mark.parametrize("text, organisation", [
    ("The Labour spokesman said the government had broken its promise.", "Labour"),
    ("A Kremlin spokesman accused Washington of meddling.", "Kremlin"),
])
def test_an_organisation_a_spokesman_stands_for_holds_no_role(text: str, organisation: str) -> None:
    """An unnamed spokesman acts for the organisation, but the title is a person's: the
    organisation does not become its own "spokesman"."""
    actors = {a.label: a for a in extract_text(text).actors}
    assert organisation in actors, sorted(actors)
    assert actors[organisation].roles == ()


@pytest.mark.parametrize("text, document", [
    ("Sir Menzies Campbell said Britain must reform the Common Agricultural Policy.", "Common Agricultural Policy"),
    ("Jack Straw launched the new White Paper on Europe in the Commons.", "White Paper"),
    ("Bertie Ahern said the Good Friday Agreement must be respected by all sides.", "Good Friday Agreement"),
    ("Kofi Annan said the Universal Declaration of Human Rights bound every state.",
     "Universal Declaration of Human Rights"),
])
def test_a_named_text_is_not_an_actor(text: str, document: str) -> None:
    """A policy, a paper, an agreement or a declaration is a text, not an actor."""
    labels = {a.label for a in extract_text(text).actors}
    assert not any(document.endswith(label) or label.endswith(document.split()[-1]) for label in labels), labels


@pytest.mark.parametrize("text, person, title", [
    ("Theresa May flew to Brussels. Mrs May said a deal was close. Labour accused the prime minister of delay.",
     "Theresa May", "prime minister"),
    ("Keir Starmer opened the campaign. Mr Starmer promised to cut waiting lists. "
     "The SNP criticised the Labour leader over Scotland.", "Keir Starmer", "leader"),
])
def test_an_office_no_one_was_named_with_is_held_by_the_person_the_text_is_about(
        text: str, person: str, title: str) -> None:
    actors = {a.label: a for a in extract_text(text).actors}
    assert [r.title for r in actors[person].roles] == [title]


@pytest.mark.parametrize("text, person", [
    # the speaker of the sentence is not the office she speaks to
    ("Kemi Badenoch opened the debate. Mrs Badenoch said the government had failed. "
     "She urged the prime minister to resign.", "Kemi Badenoch"),
    # a country's office: the text does not say who is French
    ("Olaf Scholz arrived in Paris. Mr Scholz said Europe must stand together. "
     "Reporters asked whether the French president would back the plan.", "Olaf Scholz"),
    # one person is named twice, another once: a tie-free majority is needed, and Sunak holds
    # another office
    ("Chancellor Rishi Sunak met bankers. Mr Sunak said rates would rise. The health secretary warned of cuts.",
     "Rishi Sunak"),
    # a place's office ("the archbishop of Cardiff"), and no office at all ("the odd journalist")
    ("Tony Blair spoke in Cardiff. Mr Blair said the bill was fair. Lord Falconer had promised the "
     "archbishop of Cardiff to strengthen it.", "Tony Blair"),
    ("Tony Blair spoke in Cardiff. Mr Blair said the bill was fair. He said the odd journalist "
     "had got it wrong.", "Tony Blair"),
    # a former holder is someone else than the one the text is about
    ("Liz Truss spoke in Birmingham. Ms Truss said growth came first. Unions said the former chancellor was wrong.",
     "Liz Truss"),
])
def test_an_office_is_not_given_to_someone_it_cannot_be(text: str, person: str) -> None:
    actors = {a.label: a for a in extract_text(text).actors}
    assert person in actors, sorted(actors)
    assert all(r.title.lower() not in ("prime minister", "president", "health secretary", "former chancellor",
                                       "chancellor", "archbishop", "odd journalist", "journalist")
               or r.title.lower() == "chancellor" and person == "Rishi Sunak" for r in actors[person].roles), \
        actors[person].roles


@pytest.mark.parametrize("text, label, kind", [
    ("The Telegraph was sued by Mr Galloway after the newspaper claimed he took money from Iraq.",
     "Telegraph", "Organization"),
    ("A Bangladeshi was arrested by police in Tower Hamlets on Monday.", "Bangladesh", "Country"),
])
def test_a_name_the_tagger_took_for_a_person(text: str, label: str, kind: str) -> None:
    """A newspaper's name after "the", and a demonym, are no people even when tagged so."""
    actors = {a.label: a for a in extract_text(text).actors}
    assert label in actors and actors[label].type == kind, sorted((a.label, a.type) for a in actors.values())
    assert not any(a.type == "Person" for a in actors.values() if a.label in ("Telegraph", "Bangladeshi"))


def test_a_street_tagged_as_a_person_is_no_actor() -> None:
    """"Brick Lane" is a place, even when the tagger calls it a person."""
    labels = {a.label for a in extract_text("Oona King met voters in Brick Lane on Saturday.").actors}
    assert "Oona King" in labels and "Brick Lane" not in labels, labels
