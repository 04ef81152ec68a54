"""Any number of documents name the same session, agenda item, actor or participation (issue 11, point 1).

The five sources are built together with three more summary records of the Committee's
thirty-fifth session, the session of CMW/C/SR.506: synthetic records written after the
genre's conventions, of other meetings, with other chairs and speakers, the same States and
agenda items, in both layouts (``tests/fixtures/summary_record/cmw_5*_same_session.txt``, each
described in its ``.json``), and the copy of SR.506 renumbered as SR.508 that first showed the
fault.  Each document's words for what they share are checked against that document's own file.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from graph import iris
from graph.documents import Source
from graph.pipeline import BuildSummary, build
from graph.records import DocumentKind, ParsedDocument, Session, SessionKind
from graph.sessions_graph import sessions_graph
from graph.settings import PROJECT_ROOT, Settings
from graph.vocab import MRKG
from passages import (
    passages_outside_their_documents_graph,
    rows,
    shared_resources_with_offsets,
    slice_every_passage,
    triples_in_several_graphs,
)

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "summary_record"
SAME_SESSION = sorted(FIXTURES.glob("cmw_5*_same_session.txt"))
SR506 = "001_572bfb9b02552e02"
COPY = "cmw-c-sr-508"
SESSION = iris.session("cmw/35")
PROMOTION = iris.ID + "session/cmw/35/agenda/promotion-of-the-convention"
RECORDS_OF_THE_SESSION = {SR506, COPY} | {path.stem for path in SAME_SESSION}
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_TIME = "http://www.w3.org/2001/XMLSchema#time"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary, ox.Store]:
    root = tmp_path_factory.mktemp("one-session")
    data = root / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "catalogue", data / "catalogue")
    shutil.copytree(PROJECT_ROOT / "data" / "sources", data / "sources")
    for path in SAME_SESSION:
        shutil.copy(path, data / "sources" / path.name)
    original = (data / "sources" / f"{SR506}.txt").read_text(encoding="utf-8")
    renumbered = original.replace("SR.506", "SR.508").replace("506th meeting", "508th meeting")
    (data / "sources" / f"{COPY}.txt").write_text(renumbered, encoding="utf-8")
    summary = build(Settings(data_dir=data, var_dir=root / "var"))
    store = ox.Store.read_only(str(root / "var" / "current" / "store"))
    return data, summary, store


def mentions_of(store: ox.Store, resource: str) -> list[dict[str, str]]:
    """Each mention of ``resource``: its document's file stem, its words and the graph holding it."""
    found = rows(store, f"""SELECT ?mention ?doc ?words ?g WHERE {{
        GRAPH ?g {{ ?mention mrkg:mentionOf <{resource}> ; nif:referenceContext ?doc ; nif:anchorOf ?words }} }}""")
    for row in found:
        row["stem"] = row["doc"].rsplit("/", 1)[-1]
    return sorted(found, key=lambda row: row["stem"])


def test_the_records_of_one_session_build_together(corpus: tuple[Path, BuildSummary, ox.Store]) -> None:
    _, summary, _ = corpus
    assert summary.violations == 0
    assert len(summary.documents) == 9
    # The records agree on what they share: no fact is given two ways.
    assert [note for note in summary.notes if "the first is kept" in note] == []


def test_one_session_with_one_mention_in_each_record(corpus: tuple[Path, BuildSummary, ox.Store]) -> None:
    _, _, store = corpus
    found = mentions_of(store, SESSION)
    assert [row["stem"] for row in found] == sorted(RECORDS_OF_THE_SESSION)
    assert {row["words"] for row in found} == {"Thirty-fifth session"}
    for row in found:
        assert row["g"] == iris.source_graph(row["stem"])
        assert row["mention"].startswith(iris.document(row["stem"]) + "/mention/session/cmw/35/")
    described = rows(store, f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ <{SESSION}> ?p ?o }} }}")
    assert {row["g"] for row in described} == {iris.SESSIONS_GRAPH}
    labels = [row["o"] for row in described if row["p"].endswith("#label")]
    assert labels == ["Committee on Migrant Workers, 35th session"]
    dates = {row["o"] for row in described if row["p"] == "http://purl.org/dc/terms/date"}
    assert dates == {"2022-09-27", "2022-09-28", "2022-09-29", "2022-09-30"}
    meetings = rows(store, f"SELECT ?m WHERE {{ ?m mrkg:partOfSession <{SESSION}> }} ORDER BY ?m")
    assert [row["m"].rsplit("/", 1)[-1] for row in meetings] == ["506", "507", "508", "509", "511"]


def test_an_agenda_item_of_the_session_is_one_item_printed_many_ways(
        corpus: tuple[Path, BuildSummary, ox.Store]) -> None:
    _, _, store = corpus
    found = mentions_of(store, PROMOTION)
    assert [row["stem"] for row in found] == sorted(RECORDS_OF_THE_SESSION)
    assert {row["words"] for row in found} == {
        "Promotion of the Convention", "Promotion of the Convention (continued)",
        "Promotion of the Convention (*continued*)"}
    taken_up = rows(store, f"SELECT ?s WHERE {{ ?s mrkg:agendaItem <{PROMOTION}> }} ORDER BY ?s")
    assert [row["s"].removeprefix(SESSION) for row in taken_up] == [
        "", "/meeting/506", "/meeting/507", "/meeting/508", "/meeting/509", "/meeting/511"]
    [label] = rows(store, f"SELECT ?l WHERE {{ <{PROMOTION}> rdfs:label ?l }}")
    assert label["l"] == "Promotion of the Convention"


def test_actors_named_by_several_records(corpus: tuple[Path, BuildSummary, ox.Store]) -> None:
    _, _, store = corpus
    mexico = mentions_of(store, iris.actor("mexico"))
    assert {row["stem"] for row in mexico} >= {SR506, "cmw_507_same_session", "cmw_509_same_session",
                                               "cmw_511_same_session"}
    assert {row["words"] for row in mexico} >= {"Mexico"}
    delegate = mentions_of(store, iris.actor("mendez-escobar"))
    assert {row["stem"] for row in delegate} == {SR506, COPY, "cmw_507_same_session", "cmw_509_same_session"}
    assert {row["words"] for row in delegate} == {"Ms. Méndez Escobar"}
    for row in mexico + delegate:
        assert row["g"] == iris.source_graph(row["stem"])
    # Ms. Dicko chairs two meetings of the session: two participations, each printed in its own record.
    chaired = rows(store, """SELECT ?p ?session ?doc WHERE {
        ?p mrkg:participant <https://w3id.org/mrkg/id/actor/dicko> ; mrkg:participantRole <https://w3id.org/mrkg/id/role/chair> ;
           mrkg:inSession ?session .
        ?mention mrkg:mentionOf ?p ; nif:referenceContext ?doc } ORDER BY ?session""")
    assert [(row["session"].rsplit("/", 1)[-1], row["doc"].rsplit("/", 1)[-1]) for row in chaired] == [
        ("509", "cmw_509_same_session"), ("511", "cmw_511_same_session")]


def test_every_passage_matches_its_own_source(corpus: tuple[Path, BuildSummary, ox.Store]) -> None:
    data, _, store = corpus
    sliced = slice_every_passage(store, data / "sources")
    assert sliced.wrong == []
    assert sliced.by_kind["Mention"] > 500
    assert passages_outside_their_documents_graph(store) == []
    assert shared_resources_with_offsets(store) == []
    assert triples_in_several_graphs(store) == 0


def test_the_checks_see_a_passage_out_of_place(tmp_path: Path) -> None:
    """The helpers above can fail: a mention in another document's graph, with words not in its file."""
    (tmp_path / "a.txt").write_text("Thirty-fifth session", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Thirty-sixth session", encoding="utf-8")
    store = ox.Store()
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    prov = "http://www.w3.org/ns/prov#"

    def quad(s: str, p: str, o: ox.NamedNode | ox.Literal, graph: str) -> ox.Quad:
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(graph))

    for stem, text in (("a", "Thirty-fifth session"), ("b", "Thirty-sixth session")):
        document, graph = iris.document(stem), iris.source_graph(stem)
        store.add(quad(document, nif + "isString", ox.Literal(text), graph))
        store.add(quad(document, prov + "wasDerivedFrom", ox.NamedNode(iris.source_file(f"{stem}.txt")), graph))
    mention = iris.mention("a", SESSION, 0, 20)
    for predicate, value in ((nif + "beginIndex", ox.Literal("0", datatype=ox.NamedNode(XSD_INTEGER))),
                             (nif + "endIndex", ox.Literal("20", datatype=ox.NamedNode(XSD_INTEGER))),
                             (nif + "anchorOf", ox.Literal("Thirty-fifth session")),
                             (nif + "referenceContext", ox.NamedNode(iris.document("b")))):
        store.add(quad(mention, predicate, value, iris.source_graph("a")))
    store.add(quad(iris.document("b"), prov + "wasDerivedFrom", ox.NamedNode(iris.source_file("b.txt")),
                   iris.source_graph("a")))
    assert [row["node"] for row in passages_outside_their_documents_graph(store)] == [mention]
    assert slice_every_passage(store, tmp_path).wrong == [f"{mention}: offsets 0-20 of b.txt"]
    assert triples_in_several_graphs(store) == 1


def test_records_that_disagree_keep_the_first_source_and_say_so() -> None:
    def record(name: str, label: str, start: dt.time) -> ParsedDocument:
        meeting = Session("cmw/35/meeting/506", SessionKind.MEETING, label, parent="cmw/35", start_time=start)
        return ParsedDocument(Source(Path(name), ""), DocumentKind.SUMMARY_RECORD, label, sessions=[meeting])

    graph, notes = sessions_graph([record("a.txt", "506th meeting", dt.time(15)),
                                   record("b.txt", "506th meeting (resumed)", dt.time(16))], {})
    meeting = URIRef(iris.session("cmw/35/meeting/506"))
    assert list(graph.objects(meeting, MRKG.startTime)) == [Literal("15:00:00", datatype=URIRef(XSD_TIME))]
    assert notes == [f"b.txt: “506th meeting” (<{meeting}>) has mrkg:startTime 16:00:00, where a.txt gives "
                     "15:00:00; the first is kept"]
    assert list(graph.objects(meeting, RDFS.label)) == [Literal("506th meeting", lang="en")]
    assert list(graph.objects(meeting, SKOS.altLabel)) == [Literal("506th meeting (resumed)", lang="en")]
    # What both say is said once.
    assert len(list(graph.objects(meeting, MRKG.partOfSession))) == 1
