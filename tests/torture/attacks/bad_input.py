"""Input that got a 500: bad percent-escapes, huge LIMITs, odd Host headers (issue 10 item 8)."""
from __future__ import annotations

from ..raw_http import get
from ..report import Row
from ..trial import Context, Trial

BAD_ESCAPES = ("%ED%A0%80", "%FF", "%C0%AF", "%", "%zz", "%E2%82", "%00", "a%2F..%2F..%2Fetc%2Fpasswd", "%F4%90%80%80")
PATHS_WITH_NAMES = ("/id/{}", "/id/{}.ttl", "/id/instrument/{}", "/dumps/{}", "/sources/{}", "/ontology.{}",
                    "/query?query={}", "/query?example={}", "/sparql?query={}", "/sparql?default-graph-uri={}",
                    "/sparql?query=ASK%7B%7D&format={}", "/search?q={}", "/{}")
HUGE_NUMBERS = ("18446744073709551616", "18446744073709551615", "9223372036854775808", "99999999999999999999999999",
                "-1", "1e400")
HOSTS = ("a b", "[::1", "<script>", "evil.example:99999", ":80", "[", "]", "x y z", "", "%00", "127.0.0.1:-1",
         "h" * 8000, "é.example", "[::1]:80:80", "a\tb")
HOST_PAGES = ("/sparql", "/.well-known/void", "/", "/id/instrument/icrmw/article/22", "/dumps/", "/health", "/ontology")


def bad_input(context: Context) -> Row:
    """Every request here once answered 500 or is a close relative of one that did; none may now."""
    row = Row("bad escapes, LIMITs, Hosts", "10.8", restarts_must_be_zero=True)
    with Trial(context, row) as trial:
        port = int(trial.url.rsplit(":", 1)[1])
        for pattern in PATHS_WITH_NAMES:
            for escape in BAD_ESCAPES:
                target = pattern.format(escape)
                answer = get(port, target)
                trial.count(answer.status, answer.body.decode("utf-8", "replace"), f"GET {target}",
                            kind=pattern.split("{")[0])
        for number in HUGE_NUMBERS:
            for clause in ("LIMIT", "OFFSET"):
                for query in (f"SELECT * WHERE {{ ?s ?p ?o }} {clause} {number}",
                              f"CONSTRUCT WHERE {{ ?s ?p ?o }} {clause} {number}",
                              f"SELECT * WHERE {{ {{ SELECT * WHERE {{ ?s ?p ?o }} {clause} {number} }} }} LIMIT 1"):
                    target = "/sparql?query=" + query.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D") \
                        .replace("?", "%3F")
                    answer = get(port, target)
                    trial.count(answer.status, answer.body.decode("utf-8", "replace"), query,
                                kind=f"{clause} {number}")
        for host in HOSTS:
            for page in HOST_PAGES:
                for accept in ("text/turtle", "text/html"):
                    answer = get(port, page, host=host, headers={"Accept": accept})
                    trial.count(answer.status, answer.body.decode("utf-8", "replace"),
                                f"GET {page} with Host: {host[:20]!r}, Accept: {accept}", kind=f"Host {host[:20]!r}")
    return row
