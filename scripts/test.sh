#!/usr/bin/env bash
# Runs every ReflectBot test. Installs what the tests need on a fresh machine first:
# Debian's redis-server and chromium, and the npm clients the channel tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

# Formatting follows .editorconfig; code style and analyzers are checked by the build itself.
dotnet format whitespace ReflectBot.sln --verify-no-changes

redis_port="${REFLECTBOT_TEST_REDIS_PORT:-6390}"
scripts/redis-test-server.sh start "$redis_port" >/dev/null
trap 'scripts/redis-test-server.sh stop "$redis_port" >/dev/null 2>&1 || true' EXIT
export REFLECTBOT_TEST_REDIS="127.0.0.1:$redis_port"

log="$(mktemp)"
status=0
dotnet test ReflectBot.sln -c Release 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over every test project.
awk '
  /^(Passed|Failed)!/ || /Failed: +[0-9]+, Passed: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1))
      if ($i == "Failed:") f += $(i+1)
      if ($i == "Passed:") p += $(i+1)
      if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit "$status"
