"""What a brief sentence that opens pointing back needs before it (summarizer/text/pointing.py)."""

from __future__ import annotations

import pytest

from summarizer.text.pointing import may_hold_antecedent, points_back


@pytest.mark.parametrize(
    ("earlier", "pointing", "holds"),
    [
        ("Mayor Lena Park opened the harbour bridge on Friday.", "She said it cost less than planned.", True),
        ("A Harlow Vale man was arrested on Friday.", "He is being held in the county jail.", True),
        ("The mayor's approval rating has fallen to 42 percent.", "His rating on leadership fell too.", True),
        ("Okafor, a former harbour master, is a critic of the plan.", "He said the costs were hidden.", True),
        ("The video was shared thousands of times online.", "He is being held in the county jail.", False),
        ("In the new study, researchers tested 216 babies.", "She said more research is needed.", False),
        ("Students across the state will learn about the floods.", "He said teachers need materials.", False),
        (
            "The video was shared thousands of times online.",
            "In a statement, he said he was innocent.",
            False,
        ),
        ("The video was shared thousands of times online.", "Police said she was taken to hospital.", False),
        ("A Harlow Vale woman was hurt in the crash.", "Police said she was taken to hospital.", True),
        ("The video was shared thousands of times online.", "They were arrested on Friday.", True),
        ("The video was shared thousands of times online.", "The tweet puzzled even his aides.", True),
    ],
)
def test_he_or_she_needs_a_sentence_that_names_or_describes_someone(
    earlier: str, pointing: str, holds: bool
) -> None:
    assert may_hold_antecedent(earlier, pointing) is holds


@pytest.mark.parametrize(
    ("text", "pointing"),
    [
        ("He resigned on Tuesday.", True),
        ("“They knew,” the mayor said.", True),
        ("That was the end of the talks.", True),
        ("The tweet puzzled even his own aides.", True),
        ("The pair were arrested near the border.", True),
        ("The two leaders met in Oslo.", True),
        ("The Senate passed the bill on Tuesday.", False),
        ("Then the Senate passed the bill.", False),
        ("Thessaly's governor resigned.", False),
        ("In a written statement, he said the ballots arrived late.", True),
        ("Shortly after reaching the hospital, she went into septic shock.", True),
        ("In 2001, his company went bankrupt.", True),
        ("Before he took office, Okafor ran the harbour.", False),
        ("The mayor said he would resign.", False),
        ("Okafor said she would appeal.", False),
        ("Police said she was taken to hospital.", True),
        ("Police believe he fled on foot.", True),
        ("On the first, the senator said the judge was fair.", True),
        ("The latter declined to comment.", True),
        ("The first lady opened the harbour bridge.", False),
        ("The former mayor opened the harbour bridge.", False),
        ("The first of the two suspects was arrested.", False),
        ("", False),
    ],
)
def test_a_sentence_points_back_when_it_opens_with_a_pronoun_or_a_noun_that_refers_back(
    text: str, pointing: bool
) -> None:
    assert points_back(text) is pointing


@pytest.mark.parametrize(
    ("text", "pointing"),
    [
        ("A fire official said no ambulances were called to that day-care centre on Friday.", True),
        ("According to these reports, the quarry was a testing ground.", True),
        ("The bishop travelled on Saturday to this hill town north of the capital.", True),
        ("The council voted to rebuild those bridges by spring.", True),
        ("That night, the river broke its banks.", True),
        ("The river broke its banks this morning, the council said.", False),
        ("This summer the river broke its banks twice.", False),
        ("These days, few people write letters to the council.", False),
        ("“We will rebuild this town,” the mayor said.", False),
        ("The mayor said that the council would meet on Friday.", False),
        ("Pulling this or that lever changes little, the report found.", False),
        ("The council, in this case, voted against the plan.", False),
    ],
)
def test_a_demonstrative_points_back_unless_it_dates_from_the_day_of_writing(
    text: str, pointing: bool
) -> None:
    assert points_back(text) is pointing
