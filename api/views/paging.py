"""Pages of a long list: which part a page shows, how many there are, and the links to the others.

A provision cited two thousand times, a person who spoke in three hundred meetings,
a session of a hundred meetings: every list on a page that grows with the corpus is
shown a page at a time (issue 11, point 7).  The query engine counts the list and
returns only the requested page (``COUNT``, ``ORDER BY … LIMIT … OFFSET``); this
module holds what every list shares: reading ``page``, ``size`` and ``list`` from a
request, refusing bad ones in words, and the numbers and links of a page.

A page can hold several lists (an actor's statements, who spoke for it, its
capacities…); ``list`` names the one that ``page`` and ``size`` apply to, and
the others show their first page.  Without ``list`` they apply to the page's
main list, so its links stay short (``?page=3``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Generic, Iterable, Mapping, TypeVar
from urllib.parse import urlencode

T = TypeVar("T")

DEFAULT_SIZE = 50
MAX_SIZE = 200
MAX_DIGITS = 12  # no list has a trillion pages; longer numbers are refused before they are read
NEARBY = 2  # page numbers shown on either side of the current one
PARAMETERS = ("page", "size", "list", "form")
FORM_LIST = "printed"  # the one list that takes ``form``: the places of one printed form


class BadPaging(ValueError):
    """A ``page``, ``size`` or ``list`` parameter that names no page; the message says which and why."""


@dataclass(frozen=True)
class PageRequest:
    """What a request asks for: page ``number`` of size ``size`` of the list ``list`` (None: the main list)."""

    number: int = 1
    size: int = DEFAULT_SIZE
    list: str | None = None
    form: str | None = None  # with ``list=printed``: the printed form whose places are listed

    def applies_to(self, name: str, main: bool) -> bool:
        return self.list == name or (self.list is None and main)

    def window(self, name: str, main: bool) -> tuple[int, int]:
        """(page number, page size) for the list ``name``: what was asked if it applies, else the first page."""
        return (self.number, self.size) if self.applies_to(name, main) else (1, DEFAULT_SIZE)


def _whole_number(name: str, raw: str, lowest: int, highest: int | None) -> int:
    text = raw.strip()
    bounds = f"from {lowest} to {highest}" if highest is not None else f"from {lowest}"
    if not text.isascii() or not text.isdigit() or len(text) > MAX_DIGITS:
        raise BadPaging(f"the parameter {name} must be a whole number {bounds}, not {quoted(raw)}")
    number = int(text)
    if number < lowest or (highest is not None and number > highest):
        raise BadPaging(f"the parameter {name} must be a whole number {bounds}, not {quoted(raw)}")
    return number


def quoted(raw: str) -> str:
    """A value the client sent, as a message quotes it: escaped and cut short."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return repr("".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in shown))


def page_request(parameters: Iterable[tuple[str, str]]) -> PageRequest:
    """Read ``page``, ``size`` and ``list`` from a query string's pairs; :class:`BadPaging` if one is wrong."""
    found: dict[str, str] = {}
    for name, raw in parameters:
        if name in PARAMETERS:
            if name in found:
                raise BadPaging(f"the parameter {name} is given twice; give it once")
            found[name] = raw
    number = _whole_number("page", found["page"], 1, None) if "page" in found else 1
    size = _whole_number("size", found["size"], 1, MAX_SIZE) if "size" in found else DEFAULT_SIZE
    chosen = found.get("list")
    if chosen is not None and not chosen.strip():
        raise BadPaging("the parameter list is empty; name one of the page's lists, or leave it out")
    form = found.get("form")
    if form is not None and chosen != FORM_LIST:
        raise BadPaging(f"the parameter form goes with list={FORM_LIST} (the places of one printed form)")
    if form is not None and not form.strip():
        raise BadPaging("the parameter form is empty; give the words of one printed form")
    return PageRequest(number, size, chosen, form)


def check_list(request: PageRequest, lists: Iterable[str], what: str = "this page") -> None:
    """:class:`BadPaging` when ``list`` names none of ``lists``."""
    names = list(lists)
    if request.list is not None and request.list not in names:
        offered = ", ".join(names) if names else "none"
        raise BadPaging(f"{what} has no list named {quoted(request.list)}; its lists are: {offered}")


@dataclass
class Paged(Generic[T]):
    """One page of a list: its items, the list's total, and what a reader needs to move through it."""

    name: str  # the list's name on its page ("citing", "statements", "meetings")
    noun: str  # what the items are, plural ("statements", "meetings")
    items: list[T]
    total: int
    number: int
    size: int
    main: bool = False  # the page's main list: its links leave ``list`` out
    extra: Mapping[str, str] = field(default_factory=dict)  # other parameters its links keep (a printed form)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def first_index(self) -> int:
        """1-based position of the first item on this page (0 when the list is empty)."""
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    def nearby(self, reach: int = NEARBY) -> list[int | None]:
        """Page numbers to link: the first, the last, and those within ``reach`` of this one; None marks a gap."""
        shown = sorted({1, self.pages, *range(max(1, self.number - reach), min(self.pages, self.number + reach) + 1)})
        out: list[int | None] = []
        for number in shown:
            if out and number - (out[-1] or 0) > 1:
                out.append(None)
            out.append(number)
        return out

    def query(self, number: int) -> str:
        """The query string of page ``number`` of this list (``?page=3``, ``?list=meetings&page=2&size=100``)."""
        pairs: list[tuple[str, str]] = list(self.extra.items())
        if not self.main:
            pairs.insert(0, ("list", self.name))
        pairs.append(("page", str(number)))
        if self.size != DEFAULT_SIZE:
            pairs.append(("size", str(self.size)))
        return "?" + urlencode(pairs)

    def href(self, number: int) -> str:
        """A link to page ``number``, relative to the page it is on, to the list's own heading."""
        return f"{self.query(number)}#{self.name}"

    def links(self) -> list[tuple[str, str]]:
        """(rel, query) of the first, previous, next and last pages, for ``<link>`` elements and Link headers."""
        found = [("first", self.query(1))]
        if self.previous:
            found.append(("prev", self.query(self.previous)))
        if self.next:
            found.append(("next", self.query(self.next)))
        found.append(("last", self.query(self.pages)))
        return found


def paged(request: PageRequest, name: str, noun: str, total: int, fetch: Callable[[int, int], list[T]],
          main: bool = False, extra: Mapping[str, str] | None = None) -> Paged[T]:
    """The requested page of a list of ``total`` items; ``fetch(limit, offset)`` gets its items.

    A page past the last is refused in words (with the number of pages there are),
    except page 1 of an empty list, which is an empty page.
    """
    number, size = request.window(name, main)
    pages = max(1, math.ceil(total / size))
    if number > pages:
        raise BadPaging(f"there is no page {number} of the {noun} ({name}): {total:,} {noun} make "
                        f"{pages:,} page{'s' if pages != 1 else ''} of {size}")
    items = fetch(size, (number - 1) * size) if total else []
    return Paged(name, noun, items, total, number, size, main, dict(extra or {}))
