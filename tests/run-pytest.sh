#!/usr/bin/env bash
# Runs pytest and fails when it collected no tests (pytest's exit code 5).
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "run-pytest: no tests were collected; that is a failure" >&2
  exit 1
fi
exit "$rc"
