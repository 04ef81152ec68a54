#!/usr/bin/env bash
# Run the W3C SPARQL 1.1 suites (query, update, syntax, protocol) against a scratch mrkg service
# and write a JSON report.  The harness is not part of the project: point MRKG_W3C_HARNESS at it.
#
#   .ci/conformance.sh [report.json] [extra harness options, e.g. --union-default-graph]
#
# Exit status: the harness's (0: nothing failed beyond tests/fixtures/w3c-known-failures.txt,
# 1: a failure not on that list, 2: usage error or the endpoint cannot be reached); 3 when the
# harness is missing.  The scratch service runs with its own temporary store, never var/.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
HARNESS=${MRKG_W3C_HARNESS:-}
REPORT=${1:-var/w3c-report.json}
shift || true
if [ -z "$HARNESS" ] || [ ! -f "$HARNESS" ]; then
  echo "W3C SPARQL harness not found${HARNESS:+ at $HARNESS}: set MRKG_W3C_HARNESS to its path" >&2
  exit 3
fi
mkdir -p "$(dirname "$REPORT")"
SCRATCH=$(mktemp -d)
TOKEN=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))')
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The store's own default graph, as the W3C tests expect; pass --union-default-graph to test the contract's.
UNION=false
for option in "$@"; do [ "$option" = "--union-default-graph" ] && UNION=true; done
MRKG_VAR_DIR="$SCRATCH" MRKG_UPDATE_ENABLED=true MRKG_UPDATE_TOKEN="$TOKEN" MRKG_UNION_DEFAULT_GRAPH=$UNION \
  "$PYTHON" -m uvicorn --factory api.app:app_from_environment --host 127.0.0.1 --port "$PORT" \
  --no-access-log >"$SCRATCH/server.log" 2>&1 &
SERVER=$!
# "|| true": under set -e the server's SIGTERM status would end the trap early, leaving the scratch
# folder behind and replacing the harness's exit status with 143.
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
for _ in $(seq 100); do
  "$PYTHON" -c "import httpx; httpx.get('http://127.0.0.1:$PORT/health')" 2>/dev/null && break
  sleep 0.2
done
"$PYTHON" "$HARNESS" --endpoint "http://127.0.0.1:$PORT/sparql" --update-url "http://127.0.0.1:$PORT/sparql" \
  --mode all --header "Authorization: Bearer $TOKEN" \
  --known-failures tests/fixtures/w3c-known-failures.txt --report "$REPORT" "$@"
