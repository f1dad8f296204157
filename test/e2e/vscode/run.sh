#!/usr/bin/env bash
# VS Code end-to-end: the packaged .vsix installed into code-server 4.100.3 (VS Code 1.100.3, the last release
# for Node 20), driven in Debian's headless Chromium by playwright-core (driver.mjs).
# Usage: test/e2e/vscode/run.sh <path to .vsix>
# Needs: chromium, libkrb5-dev, ripgrep (apt), and the tools of test/e2e/package.json (installed here with npm ci).
# With PIILINT_UPDATE_SCREENSHOTS=1 the screenshots are copied to docs/.
# See ../../../../shared/E2E.md for why each workaround below is needed.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
VSIX=${1:?usage: run.sh <path to .vsix>}
W=$REPO/.e2e/vscode
rm -rf "$W/run" && mkdir -p "$W/tmp" "$W/run"
# code-server writes its config, Chromium its crash reports and dconf under these: keep them in the job.
export TMPDIR=$W/tmp XDG_CONFIG_HOME=$W/xdg/config XDG_DATA_HOME=$W/xdg/data XDG_CACHE_HOME=$W/xdg/cache
seconds() { echo $(( ($(date +%s%N) - $1) / 1000000 )) ms; }

# The editor tools (code-server, playwright-core) are pinned by test/e2e/package.json and its lock, and installed
# outside test/ (in the git-ignored .e2e/), so that nothing vendored ends up among the sources of the tests.
TOOLS=$REPO/.e2e/tools
mkdir -p "$TOOLS"
if ! cmp -s "$HERE/../package-lock.json" "$TOOLS/package-lock.json"; then rm -rf "$TOOLS/node_modules"; fi
cp "$HERE/../package.json" "$HERE/../package-lock.json" "$TOOLS/"
# The driver imports playwright-core, which Node resolves from the driver's own folder: run a copy next to it.
cp "$HERE/driver.mjs" "$TOOLS/driver.mjs"
if [ ! -x "$TOOLS/node_modules/.bin/code-server" ]; then
  t=$(date +%s%N)
  # @vscode/ripgrep downloads rg from GitHub in its postinstall; give it Debian's rg from its download cache.
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11" "$W/rg"
  cp "$(command -v rg)" "$W/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$W/rg" rg
  # unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty's postinstall runs `npx node-gyp`.
  (cd "$TOOLS" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund > "$W/npm-ci.log" 2>&1) ||
    { tail -40 "$W/npm-ci.log"; echo "installing code-server failed (log: $W/npm-ci.log)" >&2; exit 1; }
  echo "e2e tools installed in $(seconds "$t")"
fi

CS=$TOOLS/node_modules/.bin/code-server
UD=$W/run/user-data
ED=$W/run/extensions
mkdir -p "$UD/User"
# A fresh user data folder per run (hot exit would restore an edited buffer). The built-in TypeScript checks are
# off so that the Problems panel shows piilint's findings only.
cat > "$UD/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "workbench.tips.enabled": false,
  "extensions.ignoreRecommendations": true,
  "typescript.validate.enable": false,
  "javascript.validate.enable": false,
  "workbench.colorTheme": "Default Light Modern",
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "workbench.layoutControl.enabled": false
}
JSON
cp -r "$REPO/test/lsp/fixtures/dealer" "$W/run/dealer"
sed -i '/"\$schema"/d' "$W/run/dealer/piilint.config.json"

t=$(date +%s%N)
"$CS" --user-data-dir "$UD" --extensions-dir "$ED" --install-extension "$VSIX" > "$W/run/install.log" 2>&1 ||
  { cat "$W/run/install.log"; exit 1; }
echo "extension installed in $(seconds "$t")"

PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid "$CS" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$UD" --extensions-dir "$ED" --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override > "$W/run/code-server.log" 2>&1 &
CSPID=$!
trap 'kill -- -$CSPID 2>/dev/null; wait $CSPID 2>/dev/null || true' EXIT
URL=http://127.0.0.1:$PORT
node -e 'const go=async()=>{for(let i=0;i<300;i++){try{await fetch(process.argv[1]+"/healthz");return}catch{await new Promise(r=>setTimeout(r,100))}}console.error("code-server did not start");process.exit(1)};go()' "$URL"

mkdir -p "$W/shots"
t=$(date +%s%N)
status=0
(cd "$TOOLS" && URL=$URL WS_FOLDER=$W/run/dealer CHROMIUM=$(command -v chromium) SHOT_DIR=$W/shots timeout 600 node "$TOOLS/driver.mjs") || status=$?
echo "vscode scenario: exit $status in $(seconds "$t")"
if [ "$status" != 0 ]; then
  echo "--- code-server log (tail) ---"; tail -30 "$W/run/code-server.log"
  find "$UD/logs" -name '*piilint*' -exec sh -c 'echo "--- $1"; tail -40 "$1"' _ {} \; 2>/dev/null || true
  echo "screenshot of the failure: $W/shots/failure.png"
  exit "$status"
fi
if [ "${PIILINT_UPDATE_SCREENSHOTS:-}" = 1 ]; then
  cp "$W/shots/screenshot-editor.png" "$W/shots/screenshot-quick-fix.png" "$REPO/docs/"
  echo "screenshots copied to docs/"
fi
