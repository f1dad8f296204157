#!/usr/bin/env bash
# End-to-end tests through real editors (`npm run e2e`, run by .ci/run after `npm test`):
#   1. Neovim 0.7 (Debian) attaches the built language server, reads diagnostics, applies a quick fix;
#   2. the packaged .vsix in code-server 4.100.3 (VS Code 1.100.3) in headless Chromium: Problems panel, lightbulb.
# Installs the Debian packages it needs when they are missing and it runs as root (as CI does); anywhere else it
# says which to install. Any failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )) ms; }
all=$(date +%s%N)

# Debian packages: the editors, the browser, what code-server's native modules build against, a CJK font for
# the Chinese in messages and screenshots.
declare -A PACKAGES=([nvim]=neovim [chromium]=chromium [rg]=ripgrep [pkg-config]=pkg-config)
missing=()
for cmd in "${!PACKAGES[@]}"; do command -v "$cmd" >/dev/null || missing+=("${PACKAGES[$cmd]}"); done
for pkg in libkrb5-dev fonts-wqy-microhei; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 2
  fi
  t=$(date +%s%N)
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "apt-get install ${missing[*]}: $(ms "$t")"
fi

t=$(date +%s%N)
npm run --silent build
echo "build: $(ms "$t")"

echo "== Neovim $(nvim --version | head -1 | cut -d' ' -f2)"
test/e2e/neovim/run.sh

echo "== VS Code (code-server) with the packaged extension"
t=$(date +%s%N)
node client/build.mjs --package
echo "package: $(ms "$t")"
test/e2e/vscode/run.sh "dist/vsix/piilint-vscode-$(node -p 'require("./client/package.json").version').vsix"

echo "e2e finished in $(ms "$all")"
echo "e2e: 2 passed, 0 failed"
