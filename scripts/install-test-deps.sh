#!/usr/bin/env bash
# Installs what the tests need and nothing else; quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# The real channel clients (Web Chat, DirectLineJS, the Teams Agents Playground) come from npm, never committed.
if [ -f clients/package.json ]; then
  (cd clients && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
