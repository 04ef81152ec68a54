# Two entry points for a fresh clone: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies (requirements.lock) first.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install build serve test test-fast check browser virtuoso conformance benchmark build-benchmark search-benchmark torture lock clean

# pip at -qq: errors are still shown; the warnings a machine's own pip configuration can print are not.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --quiet --no-deps -e .
	touch $@

install: $(STAMP)

build: install
	$(BIN)/mrkg build

serve: install
	$(BIN)/mrkg serve --host $(HOST) --port $(PORT)

# Debian's packages the tests need, each installed once (root, or sudo, with apt-get): $(1) the command that
# tells it is there, $(2) the packages.
define apt_install
	@command -v $(1) >/dev/null 2>&1 || [ -x /usr/sbin/$(1) ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; }
endef

# Chromium for the browser tests.
browser:
	$(call apt_install,chromium,chromium chromium-driver)

.PHONY: haproxy cluster virtuoso

# HAProxy, for the cluster and its tests.
haproxy:
	$(call apt_install,haproxy,haproxy)

# NODES nodes of the published build behind HAProxy on 127.0.0.1:$(PORT); rolls out each new build (README, "Deployment").
NODES ?= 3
cluster: install haproxy
	$(BIN)/python -m graph.cluster --nodes $(NODES) --port $(PORT)

# Virtuoso, for the tests of the Virtuoso back-end; the tests start their own servers, never the system's.
virtuoso:
	$(call apt_install,virtuoso-t,virtuoso-opensource-7)

test: install browser haproxy virtuoso
	$(BIN)/python -m pytest

# The type checker (strict, on graph/ and api/) and the linter (everything); configured in pyproject.toml.
check: install
	$(BIN)/mypy
	$(BIN)/ruff check graph api benchmarks tests

test-fast: install
	$(BIN)/python -m pytest -m "not browser and not slow"

# The W3C SPARQL 1.1 suites against a scratch instance (needs MRKG_W3C_HARNESS, the harness's path).
conformance: install
	.ci/conformance.sh var/w3c-report.json

# Attack scratch servers as issue 10 did (fuzzing, SSRF, freezes, killed builds, a full disk…); ten to fifteen
# minutes, on 127.0.0.1 only; prints a table and fails on any finding. The test suite runs the quick form.
torture: install
	$(BIN)/python -m tests.torture

# mrkg against Oxigraph server and rdflib-endpoint (see benchmarks/README.md); several minutes.
benchmark: install
	$(BIN)/python -m pip install --quiet -c requirements.lock -r benchmarks/requirements.txt
	$(BIN)/python -m benchmarks.run

# Builds of 100, 1,000 and 5,000 synthetic records, one more record, nothing changed (benchmarks/README.md); about an hour.
build-benchmark: install
	$(BIN)/python -m benchmarks.build_scaling

# Search latency on the 5,000-record store (made once under var/benchmark/search), against a SPARQL scan; see
# benchmarks/README.md ("Search").  The store takes about twenty minutes the first time, the queries a minute.
search-benchmark: install
	$(BIN)/python -m benchmarks.search_latency

lock:
	$(BIN)/python -m pip freeze --exclude-editable | sed '1i # Pinned dependencies, runtime and test (regenerate with: make lock)' > requirements.lock

clean:
	rm -rf $(VENV) var
