"""The parameters of /search: read and checked once, and the links that add or remove one thing."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from api.search import marked
from api.search_parameters import BadSearchParameter, read_parameters

MEXICO = "https://w3id.org/mrkg/id/actor/mexico"
CHILE = "https://w3id.org/mrkg/id/actor/chile"


def query_of(link: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(link).query)


def test_repeated_filters_are_kept_in_order_and_links_add_and_remove_one() -> None:
    asked = read_parameters([("q", "detention"), ("onBehalfOf", MEXICO), ("page", "3"), ("lang", "en")])
    added = query_of(asked.with_filter("onBehalfOf", CHILE))
    assert added == [("q", "detention"), ("onBehalfOf", MEXICO), ("onBehalfOf", CHILE), ("lang", "en")]  # page 1 again
    assert query_of(asked.without_filter("onBehalfOf", MEXICO)) == [("q", "detention"), ("lang", "en")]
    assert query_of(asked.without_filter("lang", "en")) == [("q", "detention"), ("onBehalfOf", MEXICO)]
    assert ("page", "4") in query_of(asked.at_page(4))
    assert ("sort", "date") in query_of(asked.sorted_by("date"))
    assert asked.is_active("onBehalfOf", MEXICO) and not asked.is_active("onBehalfOf", CHILE)
    assert asked.hidden_fields() == [("onBehalfOf", MEXICO)]


def test_dates_may_be_a_year_or_a_month() -> None:
    asked = read_parameters([("q", "x"), ("from", "2022-02"), ("to", "2022-02")])
    assert (asked.date_from, asked.date_to) == ("2022-02-01", "2022-02-28")
    asked = read_parameters([("q", "x"), ("from", "2009"), ("to", "2009")])
    assert (asked.date_from, asked.date_to) == ("2009-01-01", "2009-12-31")


@pytest.mark.parametrize("items, parameter", [
    ([("page", "0")], "page"), ([("page", "-1")], "page"), ([("size", "1000")], "size"), ([("size", "ten")], "size"),
    ([("from", "notadate")], "from"), ([("to", "2022-02-30")], "to"), ([("speaker", "Mexico")], "speaker"),
    ([("provision", "https://example.org/article/22")], "provision"), ([("topic", MEXICO + " x")], "topic"),
    ([("year", "22")], "year"), ([("lang", "de")], "lang"), ([("kind", "speech")], "kind"),
    ([("sort", "name")], "sort"), ([("q", "a"), ("q", "b")], "q"), ([("q", "x" * 1001)], "q"),
])
def test_a_bad_parameter_is_named(items: list[tuple[str, str]], parameter: str) -> None:
    with pytest.raises(BadSearchParameter) as refused:
        read_parameters(items)
    assert refused.value.parameter == parameter and f"'{parameter}'" in str(refused.value)


def test_only_the_marks_of_a_snippet_stay_markup() -> None:
    shown = str(marked('a &lt;b&gt; <mark>detention</mark> <script>x</script> &amp; <mark>centres'))
    assert shown == ("a &lt;b&gt; <mark>detention</mark> &lt;script&gt;x&lt;/script&gt; &amp; "
                     "<mark>centres</mark>")


def test_the_kind_facet_adds_and_removes_a_kind() -> None:
    asked = read_parameters([("q", "detention")])
    added = read_parameters(query_of(asked.with_filter("kind", "statement")))
    assert added.kinds == ("statement",) and added.is_active("kind", "statement")
    assert query_of(added.without_filter("kind", "statement")) == [("q", "detention")]
    assert ("kind", "statement") in added.active()
