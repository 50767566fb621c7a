"""bot.understanding.problems: the parts of a message that may each carry a problem."""
import spacy

from bot.understanding.problems import MIN_WORDS, problem_spans

NLP = spacy.blank("en")


def parts(text):
    doc = NLP(text)
    return [text[s:e] for s, e in problem_spans(doc)]


def test_sentences_are_parts():
    text = ("The street light on our road has been out for weeks. Last night two cars were broken "
            "into under it.")
    assert parts(text) == ["The street light on our road has been out for weeks.",
                           "Last night two cars were broken into under it."]


def test_a_connective_opens_a_new_part_inside_one_sentence():
    text = "there's loads of rubbish dumped behind the garages and also someone keeps trying the car doors"
    got = parts(text)
    assert len(got) == 2 and got[1] == "and also someone keeps trying the car doors"


def test_blank_lines_and_list_items_end_a_part_without_full_stops():
    text = "bins not emptied for three weeks now\n\nkids setting fire to them at night"
    assert parts(text) == ["bins not emptied for three weeks now", "kids setting fire to them at night"]


def test_short_sentences_join_the_part_before():
    text = "Someone has dumped a fridge in the lane. Again! Who to tell?"
    got = parts(text)
    assert len(got) == 1 and got[0] == text
    assert all(len(p.split()) >= MIN_WORDS for p in parts("Help. My shed was broken into last night."))


def test_one_part_is_the_whole_text():
    assert parts("loud music next door every night") == ["loud music next door every night"]
    assert parts("") in ([], [""])


def test_spans_index_the_original_text_and_keep_order():
    text = "  Dog mess all over the path by the school.   Also a car with no tax parked there for months.  "
    doc = NLP(text)
    spans = problem_spans(doc)
    assert spans == sorted(spans)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
