"""Pages a researcher reads without a glossary (issue 14, point 1), over a real build of data/.

Each genre's statement page is read for its title, date, body and session; every page
for internal keys, class badges and footnote marks left as printed.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pyoxigraph as ox
import pytest

from graph import iris
from graph.vocab import MRKG
from pages.support import Page

pytestmark = pytest.mark.slow

INTERNAL_KEY = re.compile(r"\b[cpq]-[0-9a-f]{10}\b")
SR_506 = "/id/statement/001_572bfb9b02552e02/6"
SEMINAR_7 = "/id/statement/003_3a65919e68961041/7"


class Reading(HTMLParser):
    """What a reader sees of a page: its title, its text (identifiers shown as code and scripts left out),
    and its facts (each ``<dt>`` with the text of its ``<dd>``)."""

    HIDDEN = {"script", "style", "code"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.shown: list[str] = []
        self._facts: dict[str, str] = {}
        self._hidden = 0
        self._in: str | None = None
        self._term = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in ("title", "dt", "dd"):
            self._in = tag
            if tag == "dd":
                self._facts[self._term] = ""
            elif tag == "dt":
                self._term = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden -= 1
        elif tag in ("title", "dt", "dd"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
            return
        if self._hidden:
            return
        self.shown.append(data)
        if self._in == "dt":
            self._term += data.strip()
        elif self._in == "dd":
            self._facts[self._term] += data

    @property
    def facts(self) -> dict[str, str]:
        return {term: " ".join(value.split()) for term, value in self._facts.items()}

    @property
    def text(self) -> str:
        return " ".join("".join(self.shown).split())


def read(site: httpx.Client, path: str) -> tuple[Reading, str]:
    response = site.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return Reading(response.text), response.text


def first_statement(store: ox.Store, document: str, kind: str = "Statement") -> str:
    """The first statement of ``kind`` in a document's reading order (the seed's keys are content hashes)."""
    rows = list(store.query(f"""SELECT ?s WHERE {{ ?s <{MRKG.document}> <{iris.document(document)}> ;
        a <{MRKG[kind]}> ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?b }}
        ORDER BY ?b LIMIT 1""",
                            use_default_graph_as_union=True))
    assert rows, document
    return "/id/" + rows[0]["s"].value[len(iris.ID):]


def test_summary_record_statement_cites_symbol_paragraph_speaker_and_meeting_date(real_site: httpx.Client) -> None:
    page, _ = read(real_site, SR_506)
    assert Page(_).h1 == ["CMW/C/SR.506, para. 6 (Ms. Hernández Paramo), 27 September 2022"]
    assert page.title.startswith("CMW/C/SR.506, para. 6 (Ms. Hernández Paramo), 27 September 2022")
    assert page.facts["Date"] == "27 September 2022"
    assert page.facts["Body"].startswith("Committee on the Protection of the Rights of All Migrant Workers")
    assert page.facts["Session"] == "Committee on Migrant Workers, 35th session › 506th meeting"


def test_seminar_statement_has_short_title_date_body_and_session(real_site: httpx.Client) -> None:
    page, html = read(real_site, SEMINAR_7)
    label = Page(html).h1[0]
    assert label.startswith("Experts seminar on “Linking human rights and migrant empowerment for development”, "
                            "paragraph 7 (Mr. Ndiaye")
    assert label.endswith(", 8 October 2009")
    assert "EXPERTS SEMINAR" not in page.text
    assert page.facts["Date"] == "8 October 2009"
    assert page.facts["Body"] == "Office of the United Nations High Commissioner for Human Rights"
    # The seminar itself is named as the document (said once, there); the session within it is given.
    assert page.facts["Session"] == "Opening session"


def test_footnote_marks_in_the_printed_passage_are_superscripts(real_site: httpx.Client) -> None:
    page, html = read(real_site, SEMINAR_7)
    passage = re.search(r'<pre class="passage">(.*?)</pre>', html, re.S)
    assert passage is not None
    assert "footnoteRef" not in passage.group(1)
    assert re.search(r"remuneration and conditions of work;<sup[^>]*>2</sup> the right to primary", passage.group(1))


def test_concept_note_statement_says_its_short_title_once_in_each_place(real_site: httpx.Client,
                                                                        real_store: ox.Store) -> None:
    page, html = read(real_site, first_statement(real_store, "002_68f5826c22f0372f"))
    short = "Second thematic session: “International normative instruments on labor migration and…”"
    assert Page(html).h1[0].startswith(short + ", paragraph 1 (Chair of CAM)")
    assert "INTERNATIONAL NORMATIVE INSTRUMENTS" not in page.text and "INTERNATIONAL NORMATIVE" not in page.title
    # The words past the cut are nowhere on the page: the whole heading is said by no label, crumb or fact.
    assert "that promote inclusion of a migratory perspective" not in page.text.lower()
    assert short in page.facts["Document"]
    assert "Session" not in page.facts
    assert page.facts["Body"] == "Committee on Migration Issues"


def test_discussion_comment_is_numbered_and_dated_in_its_thread(real_site: httpx.Client,
                                                               real_store: ox.Store) -> None:
    path = first_statement(real_store, "004_78fd61f76d543e46", "Comment")
    page, html = read(real_site, path)
    label = Page(html).h1[0]
    assert re.fullmatch(r"Discussion Spaces: Discussion Questions & Comments, comment 1 \([^)]+\), "
                        r"\d{1,2} [A-Z][a-z]+ 2022", label), label
    assert page.facts["Date"] == label.rsplit(", ", 1)[1]
    # The thread (its question, cut short); the space around it is named as the document, so said once.
    thread = next(iter(real_store.quads_for_pattern(
        ox.NamedNode(iris.ID + path[len("/id/"):]), ox.NamedNode(str(MRKG.session)), None))).object
    thread_label = next(iter(real_store.quads_for_pattern(
        thread, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None))).object.value
    assert page.facts["Session"] == thread_label
    # Listed under its document as "Comment 1": the place, speaker and date beside it, not the label again.
    listing = Page(real_site.get("/id/document/004_78fd61f76d543e46").text)
    assert listing.hrefs("Comment 1") == [path]


def test_listings_say_which_date_is_which(real_site: httpx.Client) -> None:
    page, _ = read(real_site, "/id/instrument/icrmw/article/22")
    assert "CMW/C/SR.450: Summary record of the 450th meeting issued 19 April 2021" in page.text
    assert "450th meeting, meeting of 14 April 2021" in page.text


def test_who_spoke_most_counts_speech_people_apart(real_site: httpx.Client, real_store: ox.Store) -> None:
    response = real_site.get("/")
    section = re.search(r'<section aria-labelledby="actors">(.*?)</section>', response.text, re.S)
    assert section is not None
    people = re.search(r"<h3>People</h3>(.*?)</ul>", section.group(1), re.S)
    bodies = re.search(r"<h3>Organizations and States</h3>(.*?)</ul>", section.group(1), re.S)
    assert people is not None and bodies is not None

    def kinds(html: str) -> list[set[str]]:
        found = []
        for path in re.findall(r'href="(/id/actor/[^"]+)"', html):
            subject = ox.NamedNode(iris.ID + path[len("/id/"):])
            found.append({q.object.value.rsplit("#", 1)[-1] for q in real_store.quads_for_pattern(
                subject, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)})
        return found

    assert kinds(people.group(1)) and all("Person" in k for k in kinds(people.group(1)))
    assert kinds(bodies.group(1)) and all({"Organization", "State"} & k for k in kinds(bodies.group(1)))
    assert "Chair of CAM" not in section.group(1)  # the concept note's author wrote it, did not speak


def test_no_page_shows_internal_keys_class_badges_or_footnote_marks(real_site: httpx.Client,
                                                                    real_store: ox.Store) -> None:
    resources = sorted({q.subject.value for q in real_store.quads_for_pattern(None, None, None, None)
                        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(iris.ID)})
    # Every resource with a page of its own; of the passages inside statements (references, topic
    # matches, mentions), every third, which show the same labels.
    pages = ["/"] + ["/id/" + r[len(iris.ID):] for index, r in enumerate(resources)
                     if r[len(iris.ID):].count("/") <= 3 or index % 3 == 0]
    failed = []
    for path in pages:
        response = real_site.get(path, headers={"Accept": "text/html"})
        page = Reading(response.text)
        found = INTERNAL_KEY.findall(page.text) + INTERNAL_KEY.findall(page.title)
        if "footnoteRef" in page.text:
            found.append("footnoteRef")
        if 'class="kinds"' in response.text:
            found.append("class badges")
        if found:
            failed.append((path, found[:3]))
    assert failed == []
