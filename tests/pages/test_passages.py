"""Placing citations (source offsets) in a statement's clean text."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from api.views.passages import Alignment, Mark, excerpt, place, segments

PRINTED = "7. **Ms. Diallo**, noting the pandemic, said that under article 7 of the Convention, migrants were protected."
CLEAN = "Ms. Diallo, noting the pandemic, said that under article 7 of the Convention, migrants were protected."
BEGIN = 4430  # where the printed passage starts in its document


def mark(words: str, target: str = "t", kind: str = "citation", occurrence: int = 0) -> Mark:
    start = -1
    for _ in range(occurrence + 1):
        start = PRINTED.index(words, start + 1)
    return Mark(BEGIN + start, BEGIN + start + len(words), words, target, kind)


def test_marks_land_on_their_words_through_markup_and_numbering() -> None:
    placed = place([mark("article 7"), mark("the Convention", kind="mention")], BEGIN, PRINTED, CLEAN)
    assert [CLEAN[s:e] for s, e, _ in placed] == ["article 7", "the Convention"]


def test_a_mark_inside_bold_markup() -> None:
    placed = place([mark("Ms. Diallo", target="actor")], BEGIN, PRINTED, CLEAN)
    assert [CLEAN[s:e] for s, e, _ in placed] == ["Ms. Diallo"]


def test_whitespace_changed_in_the_clean_text() -> None:
    printed = "3.\tMr. Salama said\nthat objective 8\tapplied."
    clean = "Mr. Salama said that objective 8 applied."
    start = printed.index("objective 8")
    placed = place([Mark(100 + start, 100 + start + 11, "objective 8", "o8", "citation")], 100, printed, clean)
    assert [clean[s:e] for s, e, _ in placed] == ["objective 8"]


def test_a_mark_outside_the_passage_is_not_placed() -> None:
    footnote = Mark(BEGIN + len(PRINTED) + 50, BEGIN + len(PRINTED) + 60, "article 9", "a9", "citation")
    assert place([footnote], BEGIN, PRINTED, CLEAN) == []


def test_a_misplaced_offset_is_found_nearby_or_dropped() -> None:
    right = mark("article 7")
    shifted = Mark(right.start - 3, right.end - 3, "article 7", "a7", "citation")
    placed = place([shifted], BEGIN, PRINTED, CLEAN)
    assert [CLEAN[s:e] for s, e, _ in placed] == ["article 7"]
    wrong = Mark(right.start, right.end, "article 99", "a99", "citation")
    assert place([wrong], BEGIN, PRINTED, CLEAN) == []


def test_nested_marks_do_not_nest_links() -> None:
    outer = Mark(mark("article 7").start, mark("the Convention").end, "article 7 of the Convention", "a7", "citation")
    inner = mark("the Convention", kind="mention")
    cut = segments(CLEAN, place([inner, outer], BEGIN, PRINTED, CLEAN))
    marked = [segment.text for segment in cut if segment.mark]
    assert marked == ["article 7 of the Convention"]
    assert "".join(segment.text for segment in cut) == CLEAN


def test_segments_rebuild_the_text() -> None:
    cut = segments(CLEAN, place([mark("article 7"), mark("the Convention")], BEGIN, PRINTED, CLEAN))
    assert "".join(segment.text for segment in cut) == CLEAN
    assert [segment.mark.words for segment in cut if segment.mark] == ["article 7", "the Convention"]


def test_alignment_maps_the_ends() -> None:
    alignment = Alignment(PRINTED, CLEAN)
    assert alignment.start(0) == 0  # the number and the ** are dropped: the text starts at "Ms."
    assert alignment.end(len(PRINTED)) == len(CLEAN)


def test_excerpt_is_the_sentence_and_knows_titles() -> None:
    text = "Ms. Diallo spoke first. Under article 22, no collective expulsion was allowed. Mr. Corzo Sosa agreed."
    start = text.index("article 22")
    before, words, after, cut_before, cut_after = excerpt(text, start, start + 10)
    assert (before, words, after) == ("Under ", "article 22", ", no collective expulsion was allowed.")
    assert not cut_before and not cut_after
    start = text.index("Diallo")
    before, _, after, _, _ = excerpt(text, start, start + 6)
    assert before == "Ms. " and after == " spoke first."


def test_excerpt_cuts_long_sentences_at_words() -> None:
    text = "word " * 200 + "article 22 " + "more " * 200
    start = text.index("article 22")
    before, words, after, cut_before, cut_after = excerpt(text, start, start + 10, reach=50)
    assert words == "article 22"
    assert cut_before and cut_after
    assert len(before) <= 50 and len(after) <= 50
    assert before.startswith("word") and after.strip().endswith("more")


def test_plain_numbered_paragraph_maps_by_arithmetic() -> None:
    printed = "12.\tThe Chair said that article 22 applied."
    clean = "The Chair said that article 22 applied."
    start = printed.index("article 22")
    placed = place([Mark(start, start + 10, "article 22", "a22", "citation")], 0, printed, clean)
    assert [clean[s:e] for s, e, _ in placed] == ["article 22"]
    assert Alignment(printed, clean).end(len(printed)) == len(clean)


def test_abbreviations_do_not_end_sentences() -> None:
    text = "See art. 22 and No. 5 of the list. Then para. 3 of it applied. Done."
    start = text.index("para. 3")
    before, words, after, _, _ = excerpt(text, start, start + 7)
    assert before == "Then " and after == " of it applied."
    start = text.index("art. 22")
    before, _, after, _, _ = excerpt(text, start, start + 7)
    assert before == "See " and after == " and No. 5 of the list."


@given(st.text("ab c", min_size=1, max_size=12), st.text("xy*", max_size=4), st.text("xy*", max_size=4),
       st.integers(-2, 30))
def test_a_passage_that_only_drops_a_prefix_or_suffix_maps_by_arithmetic(clean: str, before: str, after: str,
                                                                          offset: int) -> None:
    """Without a table: the same answers as one built by definition (kept characters shift by the prefix)."""
    printed = before + clean + after
    shift = printed.find(clean)
    table = [p - shift if shift <= p < shift + len(clean) else None for p in range(len(printed))] + [len(clean)]
    starts = [table[p] for p in range(max(offset, 0), len(table)) if table[p] is not None]
    ends = [table[p] + 1 for p in range(min(offset, len(printed)) - 1, -1, -1) if table[p] is not None]
    alignment = Alignment(printed, clean)
    assert alignment.start(offset) == (starts[0] if starts else None)
    assert alignment.end(offset) == (ends[0] if ends else None)
