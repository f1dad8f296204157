#!/bin/sh
# piilint in any CI (Jenkins, Azure Pipelines, Bamboo, Drone, TeamCity, a cron job): fail on findings the baseline
# does not accept, print them in the log, and keep a SARIF report as an artifact, all from one run.
#
#   PIILINT_BASE_REF=origin/main sh generic-ci.sh    only findings that touch lines changed since origin/main
#   sh generic-ci.sh                                 the whole project
#
# Exit code: 0 clean, 1 findings, 2 usage, configuration or internal error (see docs/cli.md).
# Tested by piilint's test/cli/ci-recipes.test.ts. See docs/ci.md.
set -u

set --
if [ -f piilint.baseline.json ]; then
  set -- "$@" --baseline piilint.baseline.json
fi
if [ -n "${PIILINT_BASE_REF:-}" ]; then
  set -- "$@" --changed-since "$PIILINT_BASE_REF"
fi

exec npx piilint "$@" --output-sarif reports/piilint.sarif
