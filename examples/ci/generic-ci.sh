#!/bin/sh
# piilint in any CI (Jenkins, Azure Pipelines, Bamboo, Drone, TeamCity, a cron job): fail on findings the baseline
# does not accept, keep a SARIF report as an artifact, and print the findings in the log when the check fails.
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

if npx piilint "$@" --format sarif --output reports/piilint.sarif; then
  exit 0
else
  status=$?
fi
# The same run, readable, for the log; the report file is already written.
npx piilint "$@"
exit "$status"
