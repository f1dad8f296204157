#!/usr/bin/env bash
# Neovim end-to-end: the built language server attached by Neovim's own LSP client (Debian's neovim, 0.7.2).
# Usage: test/e2e/neovim/run.sh [server script]   (default: bin/piilint-language-server.js, after `npm run build`)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
SERVER=${1:-$REPO/bin/piilint-language-server.js}
command -v nvim >/dev/null || { echo "neovim is not installed: apt-get install neovim" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/piilint-nvim-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPO/test/lsp/fixtures/dealer" "$WORK/dealer"
# Neovim writes its log, shada and swap files under XDG folders: keep them in the job.
export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data XDG_STATE_HOME=$WORK/xdg/state XDG_CACHE_HOME=$WORK/xdg/cache
FILE=$WORK/dealer/src/booking.ts
EXPECTED_LINE=$(grep -n 'logger.log(`Test drive' "$FILE" | cut -d: -f1)
export SERVER ROOT=$WORK/dealer FILE EXPECTED_LINE
start=$(date +%s%N)
status=0
timeout 120 nvim --headless --clean -n -i NONE -u NONE -c "luafile $HERE/scenario.lua" </dev/null || status=$?
echo "neovim scenario: exit $status in $(( ($(date +%s%N) - start) / 1000000 )) ms"
exit $status
