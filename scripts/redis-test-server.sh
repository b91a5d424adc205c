#!/usr/bin/env bash
# Starts or stops a throwaway redis-server for the Redis storage tests.
#   scripts/redis-test-server.sh start [port]   # prints 127.0.0.1:<port> once it answers PING
#   scripts/redis-test-server.sh stop  [port]
# No persistence: the data is test data and must not outlive the instance.
# Installs Debian's redis-server when it is missing (the project's machines are rebuilt from scratch).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop [port]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
action=$1
port=${2:-6390}
[[ $port =~ ^[0-9]+$ ]] || { echo "redis-test-server: port must be a number, got '$port'" >&2; exit 2; }

run_dir=${REFLECTBOT_REDIS_RUN_DIR:-${TMPDIR:-/tmp}/reflectbot-redis}
pid_file=$run_dir/redis-$port.pid
log_file=$run_dir/redis-$port.log
start_timeout_seconds=${REFLECTBOT_REDIS_START_TIMEOUT:-15}

ensure_installed() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "redis-test-server: redis-server is not installed and apt-get is not available" >&2
    exit 1
  fi
  echo "redis-test-server: installing redis-server with apt-get" >&2
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  # A fresh machine may have no package lists yet; only refresh them when the first attempt fails.
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q redis-server >&2; then
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q redis-server >&2
  fi
  # The package starts a system-wide service on 6379 where an init system exists; we do not use it.
}

answers_ping() {
  # Bounded: redis-cli waits forever on a port held by something that accepts but never replies.
  [[ $(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == "PONG" ]]
}

fail_start() {
  echo "redis-test-server: redis-server on 127.0.0.1:$port $1; log: $log_file" >&2
  tail -n 20 "$log_file" >&2 2>/dev/null || true
  exit 1
}

start() {
  ensure_installed
  mkdir -p "$run_dir"
  if answers_ping; then
    # Already running (ours from an earlier start, or one the caller set up): starting twice is fine.
    echo "127.0.0.1:$port"
    return
  fi
  rm -f "$pid_file"
  # Run it as our own background child rather than --daemonize, so we know its pid even if it dies at once.
  # setsid and the redirections detach it from this script's terminal and pipes (a caller reading our output
  # would otherwise wait for the server to exit).
  setsid redis-server --bind 127.0.0.1 --port "$port" \
    --save "" --appendonly no \
    --daemonize no --pidfile "$pid_file" --logfile "$log_file" \
    --dir "$run_dir" --dbfilename "redis-$port.rdb" \
    </dev/null >/dev/null 2>&1 &
  local pid=$!
  echo "$pid" >"$pid_file"

  local deadline=$((SECONDS + start_timeout_seconds))
  until answers_ping; do
    # A server that could not bind (port taken) exits at once; say so instead of waiting out the timeout.
    if ! is_running "$pid"; then
      fail_start "exited while starting"
    fi
    if ((SECONDS >= deadline)); then
      fail_start "did not answer PING within ${start_timeout_seconds}s"
    fi
    sleep 0.1
  done
  echo "127.0.0.1:$port"
}

stop() {
  if ! command -v redis-cli >/dev/null 2>&1; then
    return
  fi
  # Read the pid first: redis-server removes its own pid file as it shuts down.
  local pid=""
  [[ -f $pid_file ]] && pid=$(cat "$pid_file" 2>/dev/null || true)
  if answers_ping; then
    # NOSAVE: nothing to persist. The connection drops as the server exits, so ignore the client's error.
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
  fi
  # Wait for the process itself to go so a following start on the same port cannot race it.
  local deadline=$((SECONDS + 10))
  while [[ -n $pid ]] && is_running "$pid"; do
    if ((SECONDS >= deadline)); then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  # Test runs pick fresh ports, so drop the log too or the run folder keeps growing.
  rm -f "$pid_file" "$log_file"
}

# A dead daemon can linger as a zombie until its new parent reaps it; that counts as gone.
is_running() {
  local state
  # The state follows the parenthesised command name, which may itself hold spaces.
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

case $action in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
