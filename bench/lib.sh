# Shared helpers for bench/run.sh and bench/soak.sh (sourced, not run).
# Every server started here is a child of the calling script, on 127.0.0.1, and is stopped by
# stop_all (installed as an EXIT trap), so an interrupted run leaves nothing behind.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
DRIVER_DLL=$BENCH_DIR/LoadDriver/bin/Release/net10.0/LoadDriver.dll
ECHO_DLL=$BENCH_DIR/EchoServer/bin/Release/net10.0/EchoServer.dll
WEB_DLL=$REPO_ROOT/src/ReflectBot.Web/bin/Release/net10.0/ReflectBot.Web.dll
READY_TIMEOUT_SECONDS=${BENCH_READY_TIMEOUT:-60}

declare -a STARTED_PIDS=()
declare -a STARTED_REDIS_PORTS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# True when nothing listens on 127.0.0.1:$1.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Picks the first free port from $1 upwards (at most 50 tries).
free_port_from() {
  local port=$1 tries=0
  until port_free "$port"; do
    port=$((port + 1))
    tries=$((tries + 1))
    ((tries < 50)) || { log "no free port near $1"; return 1; }
  done
  echo "$port"
}

# start_server NAME LOGFILE COMMAND... : runs COMMAND in the background, records its pid in STARTED_PID.
start_server() {
  local name=$1 logfile=$2
  shift 2
  "$@" >"$logfile" 2>&1 &
  STARTED_PID=$!
  STARTED_PIDS+=("$STARTED_PID")
  log "started $name (pid $STARTED_PID), log $logfile"
}

# wait_ready PID URL : waits until URL answers any HTTP status to a POST (the server is listening).
wait_ready() {
  local pid=$1 url=$2 deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "pid $pid exited before answering $url"
      return 1
    fi
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST -H 'Content-Type: application/json' -d '{}' "$url" 2>/dev/null || true)
    if [[ -n $code && $code != 000 ]]; then
      return 0
    fi
    sleep 0.3
  done
  log "$url did not answer within ${READY_TIMEOUT_SECONDS}s"
  return 1
}

# probe_expect_replies URL [SECONDS] : true when URL answers a conversationUpdate with an expectReplies body.
probe_expect_replies() {
  local body
  body=$(curl -s --max-time "${2:-10}" -X POST -H 'Content-Type: application/json' "$1" -d '{
    "type":"conversationUpdate","id":"probe-1","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/",
    "deliveryMode":"expectReplies","from":{"id":"probe-user","role":"user"},"recipient":{"id":"bot","role":"bot"},
    "conversation":{"id":"bench-probe"},"membersAdded":[{"id":"probe-user"}]}' 2>/dev/null || true)
  [[ $body == *'"activities"'* ]]
}

# stop_pid PID : SIGTERM, then SIGKILL after 10 s.
stop_pid() {
  local pid=$1 deadline=$((SECONDS + 10))
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
}

# start_redis PORT : starts a throwaway redis-server; REDIS_PID is its pid (empty if unknown).
start_redis() {
  local port=$1
  "$REPO_ROOT/scripts/redis-test-server.sh" start "$port" >/dev/null
  STARTED_REDIS_PORTS+=("$port")
  # Same folder as redis-test-server.sh uses: its CPU and memory are part of what a Redis-backed turn costs.
  local run_dir=${REFLECTBOT_REDIS_RUN_DIR:-${TMPDIR:-/tmp}/reflectbot-redis}
  REDIS_PID=$(cat "$run_dir/redis-$port.pid" 2>/dev/null || true)
}

# restart_redis PORT : a planned restart of the throwaway Redis on PORT: SHUTDOWN SAVE writes its data to disk and
# the same folder and file are loaded again on start (redis-test-server.sh keeps both), so nothing is lost; only the
# connection drops. Sets REDIS_PID to the new pid and prints how long it was gone.
restart_redis() {
  local port=$1 run_dir=${REFLECTBOT_REDIS_RUN_DIR:-${TMPDIR:-/tmp}/reflectbot-redis}
  local old_pid started=$SECONDS
  old_pid=$(cat "$run_dir/redis-$port.pid" 2>/dev/null || true)
  local begun_ms=$(date +%s%3N)
  redis-cli -h 127.0.0.1 -p "$port" shutdown save >/dev/null 2>&1 || true
  while [[ -n $old_pid ]] && kill -0 "$old_pid" 2>/dev/null && ((SECONDS - started < 20)); do
    sleep 0.05
  done
  "$REPO_ROOT/scripts/redis-test-server.sh" start "$port" >/dev/null
  # Loaded: drop the file, or a later server on this port would start with this run's data.
  rm -f "$run_dir/redis-$port.rdb"
  REDIS_PID=$(cat "$run_dir/redis-$port.pid" 2>/dev/null || true)
  echo $(( $(date +%s%3N) - begun_ms ))
}

stop_all() {
  local pid port
  for pid in "${STARTED_PIDS[@]}"; do
    stop_pid "$pid"
  done
  STARTED_PIDS=()
  for port in "${STARTED_REDIS_PORTS[@]}"; do
    "$REPO_ROOT/scripts/redis-test-server.sh" stop "$port" >/dev/null 2>&1 || true
  done
  STARTED_REDIS_PORTS=()
}

# Builds ReflectBot.Web in Release when it exists; true when it built.
build_reflectbot_web() {
  [[ -f $REPO_ROOT/src/ReflectBot.Web/ReflectBot.Web.csproj ]] || return 1
  log "building src/ReflectBot.Web (Release)"
  if ! dotnet build "$REPO_ROOT/src/ReflectBot.Web" -c Release -nologo -v minimal >"$RAW_DIR/build-web.log" 2>&1 \
    || [[ ! -f $WEB_DLL ]]; then
    log "src/ReflectBot.Web did not build (see $RAW_DIR/build-web.log); ReflectBot rows skipped"
    return 1
  fi
}

# start_reflectbot NAME PORT PROVIDER [CONNECTION_STRING] : starts the web host on 127.0.0.1:PORT.
# Further settings (e.g. --DirectLine:Secret=...) may follow as extra arguments.
start_reflectbot() {
  local name=$1 port=$2 provider=$3 connection=${4:-}
  shift 3
  (($# > 0)) && shift
  local -a settings=(--urls "http://127.0.0.1:$port" --Storage:Provider="$provider")
  [[ -n $connection ]] && settings+=(--Storage:ConnectionString="$connection")
  # Run from the build output, as a deployment does: the content root is then where appsettings.json and the
  # copied dialogs/ are (from the repo root, appsettings.json is not found and every request logs at Information).
  start_server "$name" "$RAW_DIR/$name.log" env -C "$(dirname "$WEB_DLL")" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$WEB_DLL" "${settings[@]}" "$@"
}
