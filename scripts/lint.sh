#!/usr/bin/env bash
# Static checks CI runs after the tests: ruff (rules and formatting) and mypy (strict on the core).
# Uses the project's virtual environment (ruff and mypy come with the "test" extra).
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
failed=0
step() { echo "== $*"; "$@" || failed=1; }

step "$bin/ruff" check .
step "$bin/ruff" format --check .
step "$bin/mypy" --strict dossier/core
step "$bin/mypy" dossier/formats

[ "$failed" -eq 0 ] && echo "lint: all checks passed" || echo "lint: FAILED (see above)" >&2
exit "$failed"
