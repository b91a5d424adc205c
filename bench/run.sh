#!/usr/bin/env bash
# Throughput benchmark: builds in Release, starts each target on its own loopback port, drives it with
# bench/LoadDriver for a short fixed time, stops it, and prints one markdown table (also written to
# bench/results/latest.md).
#
#   bench/run.sh [--warmup S] [--duration S] [--users N] [--rounds N] [--only echo,js-peer,reflectbot-memory,...]
#
# --rounds N runs the whole sequence N times (targets interleaved, so a burst of load from elsewhere on the
# machine hits them alike); the table shows each target's median.
# Opt-in targets (only with --only): js-peer-echo, the JS SDK with a one-line echo bot instead of dialogs;
# echo-dl and reflectbot-dl, the echo and ReflectBot (Memory) over Direct Line with a WebSocket.
# Targets, in order: echo (bench/EchoServer, the ceiling), js-peer (official JS SDK), then ReflectBot's
# web host with Storage:Provider Memory, Sqlite (temp file) and Redis (scripts/redis-test-server.sh),
# when src/ReflectBot.Web builds and answers /api/messages with expectReplies; then the reframe path with
# free text (scripts/reframe.txt) on SQLite with the sentence-embedding model (reflectbot-reframe) and with
# it turned off (reflectbot-reframe-nomodel, rules and n-gram model only: the screener before issue 12).
# Environment: BENCH_WARMUP, BENCH_DURATION, BENCH_USERS, BENCH_ROUNDS, BENCH_PORT_BASE (default 39100).
# Everything runs on 127.0.0.1 and stops by itself: each run is bounded by warm-up + duration.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

warmup=${BENCH_WARMUP:-5}
duration=${BENCH_DURATION:-20}
users=${BENCH_USERS:-50}
only=""
rounds=${BENCH_ROUNDS:-1}
port_base=${BENCH_PORT_BASE:-39100}

while (($# > 0)); do
  case $1 in
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

load_before=$(cut -d' ' -f1 /proc/loadavg)

wanted() { [[ -z $only || ,$only, == *,$1,* ]]; }

RAW_DIR=$BENCH_DIR/results/raw
mkdir -p "$RAW_DIR"
rm -f "$RAW_DIR"/*.json
scratch=$(mktemp -d "${TMPDIR:-/tmp}/reflectbot-bench.XXXXXX")
trap 'stop_all; rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

log "building bench/EchoServer and bench/LoadDriver (Release)"
dotnet build "$BENCH_DIR/EchoServer" -c Release -nologo -v quiet >"$RAW_DIR/build-echo.log" 2>&1 || { cat "$RAW_DIR/build-echo.log" >&2; exit 1; }
dotnet build "$BENCH_DIR/LoadDriver" -c Release -nologo -v quiet >"$RAW_DIR/build-driver.log" 2>&1 || { cat "$RAW_DIR/build-driver.log" >&2; exit 1; }
if { wanted js-peer || wanted js-peer-echo; } && [[ ! -d $BENCH_DIR/js-peer/node_modules/botbuilder ]]; then
  log "installing bench/js-peer (npm ci --ignore-scripts: botbuilder-dialogs' postinstall needs the network)"
  (cd "$BENCH_DIR/js-peer" && npm ci --ignore-scripts --no-audit --no-fund >"$RAW_DIR/npm.log" 2>&1) || { cat "$RAW_DIR/npm.log" >&2; exit 1; }
fi

reflectbot=false
if wanted reflectbot-memory || wanted reflectbot-sqlite || wanted reflectbot-redis || wanted reflectbot-reframe \
  || wanted reflectbot-reframe-nomodel || [[ ,$only, == *,reflectbot-dl,* ]]; then
  build_reflectbot_web && reflectbot=true
fi

declare -a results=()
skipped_notes=""

# drive LABEL PID SCRIPT URL [DRIVER OPTION...] : one measured run against the target.
drive() {
  local label=$1 pid=$2 script=$3 url=$4
  shift 4
  # One conversation first, alone: lazy start-up work (module loading, JIT of the first turn) should not
  # meet 50 users at once, or a slow start on a busy machine shows up as time-outs in the warm-up.
  probe_expect_replies "${url}api/messages" 30 || log "$label: the priming conversationUpdate got no expectReplies answer"
  log "driving $label: $users users, ${warmup}s warm-up + ${duration}s"
  dotnet "$DRIVER_DLL" --target "$url" --script "$BENCH_DIR/scripts/$script" --label "$label" \
    --users "$users" --warmup "$warmup" --duration "$duration" --pid "$pid" \
    --json "$RAW_DIR/$label.r$round.json" "$@" | tee "$RAW_DIR/$label.r$round.txt" >&2
  results+=("$RAW_DIR/$label.r$round.json")
}

dl_secret=bench-secret-$$
dl_options=(--mode directline --dl-secret "$dl_secret" --dl-transport ws)

# run_round N : every wanted target once, in order.
run_round() {
  round=$1
  port=$port_base

  if wanted echo; then
    port=$(free_port_from "$port")
    start_server echo "$RAW_DIR/echo.log" dotnet "$ECHO_DLL" --urls "http://127.0.0.1:$port"
    pid=$STARTED_PID
    wait_ready "$pid" "http://127.0.0.1:$port/api/messages"
    drive echo "$pid" echo.txt "http://127.0.0.1:$port/"
    stop_pid "$pid"
    port=$((port + 1))
  fi

  if [[ ,$only, == *,echo-dl,* ]]; then
    # Opt-in only: the echo over Direct Line (WebSocket), the ceiling for reflectbot-dl.
    port=$(free_port_from "$port")
    start_server echo-dl "$RAW_DIR/echo-dl.log" dotnet "$ECHO_DLL" --urls "http://127.0.0.1:$port" --DirectLine:Secret="$dl_secret"
    pid=$STARTED_PID
    wait_ready "$pid" "http://127.0.0.1:$port/api/messages"
    drive echo-dl "$pid" echo.txt "http://127.0.0.1:$port/" "${dl_options[@]}"
    stop_pid "$pid"
    port=$((port + 1))
  fi

  if [[ ,$only, == *,js-peer-echo,* ]]; then
    # Opt-in only: the SDK's plumbing without dialogs (a one-line echo bot on the same adapter).
    port=$(free_port_from "$port")
    start_server js-peer-echo "$RAW_DIR/js-peer-echo.log" node "$BENCH_DIR/js-peer/index.js" --port "$port" --bot echo
    pid=$STARTED_PID
    wait_ready "$pid" "http://127.0.0.1:$port/api/messages"
    drive js-peer-echo "$pid" echo.txt "http://127.0.0.1:$port/"
    stop_pid "$pid"
    port=$((port + 1))
  fi

  if wanted js-peer; then
    port=$(free_port_from "$port")
    start_server js-peer "$RAW_DIR/js-peer.log" node "$BENCH_DIR/js-peer/index.js" --port "$port"
    pid=$STARTED_PID
    wait_ready "$pid" "http://127.0.0.1:$port/api/messages"
    drive js-peer "$pid" peer.txt "http://127.0.0.1:$port/"
    stop_pid "$pid"
    port=$((port + 1))
  fi

  # bench_reflectbot LABEL PROVIDER CONNECTION [EXTRA PID [SCRIPT [HOST SETTING...]]] : the extra pid (redis-server)
  # is sampled too; SCRIPT defaults to reflectbot.txt.
  bench_reflectbot() {
    local label=$1 provider=$2 connection=$3 extra_pid=${4:-} script=${5:-reflectbot.txt}
    local -a host_settings=("${@:6}")
    port=$(free_port_from "$port")
    start_reflectbot "$label" "$port" "$provider" "$connection" "${host_settings[@]}"
    local pid=$STARTED_PID
    local -a more=()
    [[ -n $extra_pid ]] && more=(--pid "$extra_pid")
    if wait_ready "$pid" "http://127.0.0.1:$port/api/messages" && probe_expect_replies "http://127.0.0.1:$port/api/messages"; then
      drive "$label" "$pid" "$script" "http://127.0.0.1:$port/" "${more[@]}"
    else
      log "$label: no expectReplies answer from /api/messages (host not merged yet?); skipped, log $RAW_DIR/$label.log"
      skipped_notes+="- $label: skipped, /api/messages gave no expectReplies answer."$'\n'
    fi
    stop_pid "$pid"
    port=$((port + 1))
  }

  # probe_direct_line BASE_URL : true when the host starts a Direct Line conversation with the secret.
  probe_direct_line() {
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H "Authorization: Bearer $dl_secret" \
      -H 'Content-Type: application/json' -d '{"user":{"id":"bench-probe"}}' "${1}v3/directline/conversations" 2>/dev/null || true)
    [[ $code == 200 || $code == 201 ]]
  }

  if $reflectbot; then
    wanted reflectbot-memory && bench_reflectbot reflectbot-memory Memory ""
    if [[ ,$only, == *,reflectbot-dl,* ]]; then
      # Opt-in only: ReflectBot (Memory) over Direct Line; the per-token post limit and the open-conversation cap
      # (one address starts tens of thousands in a run) are lifted for the load.
      port=$(free_port_from "$port")
      start_reflectbot reflectbot-dl "$port" Memory "" --DirectLine:Secret="$dl_secret" \
        --DirectLine:PostsPerSecond=1000000 --DirectLine:PostBurst=1000000 --DirectLine:MaxConversations=10000000
      pid=$STARTED_PID
      if wait_ready "$pid" "http://127.0.0.1:$port/api/messages" && probe_direct_line "http://127.0.0.1:$port/"; then
        drive reflectbot-dl "$pid" reflectbot.txt "http://127.0.0.1:$port/" "${dl_options[@]}"
      else
        log "reflectbot-dl: /v3/directline did not start a conversation (not merged yet?); skipped"
        skipped_notes+="- reflectbot-dl: skipped, /v3/directline did not start a conversation."$'\n'
      fi
      stop_pid "$pid"
      port=$((port + 1))
    fi
    wanted reflectbot-sqlite && bench_reflectbot reflectbot-sqlite Sqlite "Data Source=$scratch/bench-r$round.db"
    if wanted reflectbot-redis; then
      redis_port=$(free_port_from $((port_base + 50)))
      start_redis "$redis_port"
      bench_reflectbot reflectbot-redis Redis "127.0.0.1:$redis_port" "$REDIS_PID"
    fi
    wanted reflectbot-reframe && bench_reflectbot reflectbot-reframe Sqlite "Data Source=$scratch/bench-reframe-r$round.db" "" reframe.txt
    wanted reflectbot-reframe-nomodel && bench_reflectbot reflectbot-reframe-nomodel Sqlite "Data Source=$scratch/bench-reframe-nm-r$round.db" "" reframe.txt \
      --ReflectBot:Embeddings:Enabled=false
  elif wanted reflectbot-memory || wanted reflectbot-sqlite || wanted reflectbot-redis || wanted reflectbot-reframe; then
    skipped_notes+="- ReflectBot rows: skipped, src/ReflectBot.Web is missing or did not build."$'\n'
  fi
}

for ((round_number = 1; round_number <= rounds; round_number++)); do
  ((rounds == 1)) || log "round $round_number of $rounds"
  run_round "$round_number"
done

((${#results[@]} > 0)) || { log "no target was measured"; exit 1; }

table=$(dotnet "$DRIVER_DLL" report --baseline echo --peer js-peer "${results[@]}")
load=$(cut -d' ' -f1 /proc/loadavg)
{
  echo "# Latest bench/run.sh results"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, 1-minute load average $load_before before and $load after, commit $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
  echo "$users users, ${warmup} s warm-up + ${duration} s measured per target and round, $rounds round(s) (medians), /api/messages with expectReplies unless the row says Direct Line."
  echo
  echo "$table"
  if [[ -n $skipped_notes ]]; then
    echo
    printf '%s' "$skipped_notes" | sort -u
  fi
} >"$BENCH_DIR/results/latest.md"

echo "$table"
[[ -z $skipped_notes ]] || { echo; printf '%s' "$skipped_notes" | sort -u; }
log "written to bench/results/latest.md"
