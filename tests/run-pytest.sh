#!/usr/bin/env bash
# Runs pytest on every core (pytest-xdist; COUNTERPART_TEST_WORKERS=0 runs in one process)
# and fails when it collected no tests (pytest's exit code 5).
# Each worker starts its own pcscd, PostgreSQL and servers on free ports; a file's tests
# stay in one worker (--dist loadfile) so a module's fixtures are set up once.
set -uo pipefail
cd "$(dirname "$0")/.."
workers="${COUNTERPART_TEST_WORKERS:-auto}"
parallel=()
if [ "$workers" != "0" ]; then
  parallel=(-n "$workers" --dist loadfile)
fi
.venv/bin/python -m pytest "${parallel[@]}" "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "run-pytest: no tests were collected; that is a failure" >&2
  exit 1
fi
exit "$rc"
