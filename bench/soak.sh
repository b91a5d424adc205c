#!/usr/bin/env bash
# Soak test: 500 concurrent conversations for 60 s against TWO ReflectBot web hosts sharing one Redis,
# each request alternating between the instances (so every turn's state must round-trip through Redis).
# Exits 0 only with zero errors and zero lost, duplicated or misrouted replies, and the same reply
# count for every conversation at each turn (bench/LoadDriver --strict).
#
#   bench/soak.sh [--users N] [--duration S] [--warmup S] [--self-test-echo] [--directline [ws|poll]]
#                 [--faults] [--idle-sockets N] [--slow-sockets N] [--fuzz N] [--seed N]
#
# --self-test-echo runs the same harness against two bench/EchoServer instances instead (no Redis), to
# check the harness itself while ReflectBot's host is not there yet.
# --directline talks Direct Line instead of /api/messages, each conversation spread over both instances
# (started on one, streamed or polled from the other, posts alternating): the Redis Direct Line store.
# Faults while the load runs (each implies --directline; the driver then rides them out as a resilient client,
# --dl-failover, and the run is clean only if no turn was lost, doubled or failed):
#   --faults          kill -9 instance A 30% into the measured window, start it again 10 s later, restart Redis
#                     (SHUTDOWN SAVE, start) 65% into it
#   --idle-sockets N  N more conversations whose sockets sit idle (pinging like Web Chat) for the whole run,
#   --slow-sockets N  and N whose sockets never read; the measured users' p99 is the figure to watch
#   --fuzz N          N seeded malformed requests (--seed, default 17) at both instances during the measured
#                     window (LoadDriver fuzz): no 5xx, no hang
# Exit codes: 0 clean, 1 not clean, 2 usage or build failure, 3 ReflectBot's host cannot be soaked yet.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=${SOAK_USERS:-500}
duration=${SOAK_DURATION:-60}
warmup=${SOAK_WARMUP:-5}
self_test=false
directline=""
faults=false
idle_sockets=0
slow_sockets=0
fuzz_requests=0
fuzz_seed=17
port_base=${BENCH_PORT_BASE:-39300}

while (($# > 0)); do
  case $1 in
    --users) users=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --self-test-echo) self_test=true; shift ;;
    --directline)
      directline=ws; shift
      if (($# > 0)) && [[ $1 == ws || $1 == poll ]]; then directline=$1; shift; fi ;;
    --faults) faults=true; shift ;;
    --idle-sockets) idle_sockets=$2; shift 2 ;;
    --slow-sockets) slow_sockets=$2; shift 2 ;;
    --fuzz) fuzz_requests=$2; shift 2 ;;
    --seed) fuzz_seed=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if $faults || ((idle_sockets + slow_sockets + fuzz_requests > 0)); then
  [[ -n $directline ]] || directline=ws
fi

if $self_test && [[ -n $directline ]]; then
  echo "soak.sh: --directline needs ReflectBot (two EchoServers share no Direct Line conversations)" >&2
  exit 2
fi

RAW_DIR=$BENCH_DIR/results/raw
mkdir -p "$RAW_DIR"
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

log "building bench/LoadDriver (Release)"
dotnet build "$BENCH_DIR/LoadDriver" -c Release -nologo -v quiet >"$RAW_DIR/build-driver.log" 2>&1 || { cat "$RAW_DIR/build-driver.log" >&2; exit 2; }

port_a=$(free_port_from "$port_base")
port_b=$(free_port_from $((port_a + 1)))
url_a="http://127.0.0.1:$port_a/"
url_b="http://127.0.0.1:$port_b/"

driver_mode=()
if $self_test; then
  dotnet build "$BENCH_DIR/EchoServer" -c Release -nologo -v quiet >"$RAW_DIR/build-echo.log" 2>&1 || { cat "$RAW_DIR/build-echo.log" >&2; exit 2; }
  start_server soak-echo-a "$RAW_DIR/soak-a.log" dotnet "$ECHO_DLL" --urls "$url_a"
  pid_a=$STARTED_PID
  start_server soak-echo-b "$RAW_DIR/soak-b.log" dotnet "$ECHO_DLL" --urls "$url_b"
  pid_b=$STARTED_PID
  script=echo.txt
  label=soak-self-test-echo
  redis_pid_option=()
else
  build_reflectbot_web || { log "cannot soak: src/ReflectBot.Web is missing or does not build"; exit 3; }
  redis_port=$(free_port_from $((port_b + 1)))
  start_redis "$redis_port"
  log "redis on 127.0.0.1:$redis_port (pid ${REDIS_PID:-unknown})"
  redis_pid_option=()
  [[ -n $REDIS_PID ]] && redis_pid_option=(--pid "$REDIS_PID")
  dl_settings=()
  label=soak-reflectbot-redis-x2
  if [[ -n $directline ]]; then
    # One secret for both (tokens are signed with it); no per-token throttling under load.
    dl_secret=bench-secret-$$
    # The soak is one address making tens of thousands of conversations: lift the per-address and open-conversation
    # caps that protect a real deployment (the start limits do not count calls with the secret).
    dl_settings=(--DirectLine:Secret="$dl_secret" --DirectLine:PostsPerSecond=1000000 --DirectLine:PostBurst=1000000
      --DirectLine:MaxConversations=10000000 --DirectLine:MaxSockets=100000 --DirectLine:MaxSocketsPerAddress=100000)
    driver_mode=(--mode directline --dl-secret "$dl_secret" --dl-transport "$directline" --dl-spread)
    label=soak-reflectbot-redis-x2-dl-$directline
    if $faults || ((idle_sockets + slow_sockets > 0)); then
      driver_mode+=(--dl-failover)
      $faults && label+=-faults
    fi
    ((idle_sockets > 0)) && { driver_mode+=(--dl-idle-sockets "$idle_sockets"); label+=-idle$idle_sockets; }
    ((slow_sockets > 0)) && { driver_mode+=(--dl-slow-sockets "$slow_sockets"); label+=-slow$slow_sockets; }
    ((fuzz_requests > 0)) && label+=-fuzz$fuzz_requests
  fi
  start_reflectbot soak-reflectbot-a "$port_a" Redis "127.0.0.1:$redis_port" "${dl_settings[@]}"
  pid_a=$STARTED_PID
  start_reflectbot soak-reflectbot-b "$port_b" Redis "127.0.0.1:$redis_port" "${dl_settings[@]}"
  pid_b=$STARTED_PID
  script=reflectbot.txt
fi

for pair in "$pid_a ${url_a}api/messages" "$pid_b ${url_b}api/messages"; do
  read -r pid url <<<"$pair"
  wait_ready "$pid" "$url" || exit 3
  if ! $self_test && ! probe_expect_replies "$url"; then
    log "cannot soak: $url gives no expectReplies answer (host not merged yet?)"
    exit 3
  fi
done

log "soaking: $users users over $url_a and $url_b alternately, ${warmup}s warm-up + ${duration}s"
status=0
# --timeout 30: 500 users arriving at once on 2 cores queue up behind the JIT in the first seconds.
dotnet "$DRIVER_DLL" --target "$url_a" --target "$url_b" "${driver_mode[@]}" --script "$BENCH_DIR/scripts/$script" --label "$label" \
  --users "$users" --warmup "$warmup" --duration "$duration" --timeout 30 \
  --pid "$pid_a" --pid "$pid_b" "${redis_pid_option[@]}" --json "$RAW_DIR/$label.json" --strict &
driver_pid=$!

# Sleeps until S seconds after the driver started (fractions allowed).
at_second() {
  local wait
  wait=$(awk -v start="$driver_started" -v at="$1" -v now="$(date +%s.%N)" 'BEGIN { w = start + at - now; print (w > 0 ? w : 0) }')
  sleep "$wait"
}
driver_started=$(date +%s.%N)

fuzz_pid=""
if ((fuzz_requests > 0)); then
  (at_second "$((warmup + 2))"
   log "fuzz: $fuzz_requests malformed requests (seed $fuzz_seed) at both instances while the load runs"
   exec dotnet "$DRIVER_DLL" fuzz --target "$url_a" --target "$url_b" --dl-secret "$dl_secret" --requests "$fuzz_requests" \
     --seed "$fuzz_seed" --json "$RAW_DIR/$label-fuzz.json" >"$RAW_DIR/$label-fuzz.txt" 2>&1) &
  fuzz_pid=$!
fi

if $faults; then
  kill_at=$(awk -v w="$warmup" -v d="$duration" 'BEGIN { printf "%.1f", w + d * 0.30 }')
  redis_at=$(awk -v w="$warmup" -v d="$duration" 'BEGIN { printf "%.1f", w + d * 0.65 }')
  at_second "$kill_at"
  kill -9 "$pid_a" 2>/dev/null || true
  wait "$pid_a" 2>/dev/null || true
  log "fault: kill -9 instance A (pid $pid_a) at ${kill_at}s"
  at_second "$(awk -v k="$kill_at" 'BEGIN { print k + 10 }')"
  # Not waited for here: clients find it again by themselves once it listens (the driver's failover).
  start_reflectbot soak-reflectbot-a-restarted "$port_a" Redis "127.0.0.1:$redis_port" "${dl_settings[@]}"
  pid_a=$STARTED_PID
  at_second "$redis_at"
  gone_ms=$(restart_redis "$redis_port")
  log "fault: Redis restarted at ${redis_at}s (SHUTDOWN SAVE, start again): gone for ${gone_ms} ms"
fi

wait "$driver_pid" || status=$?
if [[ -n $fuzz_pid ]]; then
  wait "$fuzz_pid" || status=1
  cat "$RAW_DIR/$label-fuzz.txt"
fi

for pid in "$pid_a" "$pid_b"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    log "server pid $pid died during the soak"
    status=1
  fi
done

if ((status == 0)); then
  log "soak clean: zero errors, zero lost/duplicated/misrouted replies"
else
  log "soak FAILED (see above and $RAW_DIR/$label.json)"
fi
exit "$status"
