#!/usr/bin/env bash
# Apache 2.4 + mod_dav for the sync tests: a WebDAV folder on 127.0.0.1 at a free port, with its
# own ServerRoot, PidFile and logs under DIR (made by the caller, e.g. a test's temp dir).
#   apache.sh start DIR [ORIGIN]  prints "port=N url=http://127.0.0.1:N/dav/" once it accepts
#                                 connections (polled, never a fixed sleep)
#   (the folder is DIR/www/dav on disk)
#   apache.sh stop DIR            graceful stop, waits until every process is gone
#   apache.sh kill DIR            SIGKILL (a server dying mid-upload)
#   apache.sh restart DIR         start again on the same port (after stop or kill)
# The user and password of the folder: $AG_DAV_USER / $AG_DAV_PASS (defaults below).
# ORIGIN (default http://127.0.0.1) is the one web origin CORS allows. As root, the workers run as
# www-data (Apache refuses to serve as root); DIR and its parents get o+x so they can reach it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:?usage: apache.sh start|stop|kill|restart DIR [ORIGIN]}"
dir="$(cd "${2:?DIR}" && pwd)"
httpd=/usr/sbin/apache2

pids() {  # the parent (from the pid file) and its children
  local p
  p="$(cat "$dir/httpd.pid" 2>/dev/null || true)"
  [[ -n "$p" ]] || return 0
  echo "$p"
  ps -o pid= --ppid "$p" 2>/dev/null || true
}

alive() { local p; for p in $(pids); do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }

wait_gone() {
  local deadline=$((SECONDS + 15))
  while alive; do
    (( SECONDS < deadline )) || { echo "apache.sh: Apache did not stop" >&2; return 1; }
    sleep 0.05
  done
  rm -f "$dir/httpd.pid"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

launch() {
  local port="$1" deadline
  export AG_ROOT="$dir" AG_PORT="$port" AG_ORIGIN="$(cat "$dir/origin")"
  export AG_USER AG_GROUP
  if [[ "$(id -u)" == 0 ]]; then AG_USER=www-data AG_GROUP=www-data; else AG_USER="#$(id -u)" AG_GROUP="#$(id -g)"; fi
  "$httpd" -f "$here/httpd.conf" -k start 2>>"$dir/start.log" || return 1
  deadline=$((SECONDS + 15))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if (( SECONDS >= deadline )) || ! { [[ -f "$dir/httpd.pid" ]] && alive; } && (( SECONDS >= deadline - 13 )); then
      return 1
    fi
    sleep 0.05
  done
  echo "$port" >"$dir/port"
  echo "port=$port url=http://127.0.0.1:$port/dav/"
}

case "$cmd" in
  start)
    [[ -x "$httpd" ]] || { echo "apache.sh: $httpd is missing (Debian package apache2)" >&2; exit 77; }
    echo "${3:-http://127.0.0.1}" >"$dir/origin"
    mkdir -p "$dir/www/dav"
    printf '%s\n' "${AG_DAV_PASS:-app password 1}" |
      htpasswd -i -c -B -C 4 "$dir/htpasswd" "${AG_DAV_USER:-patient}" 2>/dev/null
    if [[ "$(id -u)" == 0 ]]; then
      chown -R www-data:www-data "$dir/www/dav"
      chown www-data "$dir"
      d="$dir"; while [[ "$d" != / ]]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
      chmod o+r "$dir/htpasswd"
    fi
    for try in 1 2 3 4 5; do
      if launch "$(free_port)"; then exit 0; fi
      wait_gone || true
    done
    echo "apache.sh: Apache did not start; its log:" >&2
    cat "$dir/start.log" "$dir/error.log" >&2 2>/dev/null || true
    exit 1
    ;;
  restart)
    launch "$(cat "$dir/port")" || { cat "$dir/start.log" "$dir/error.log" >&2 2>/dev/null; exit 1; }
    ;;
  stop)
    for p in $(pids | head -1); do kill -TERM "$p" 2>/dev/null || true; done
    wait_gone
    ;;
  kill)
    for p in $(pids); do kill -KILL "$p" 2>/dev/null || true; done
    wait_gone
    ;;
  *) echo "usage: apache.sh start|stop|kill|restart DIR [ORIGIN]" >&2; exit 2 ;;
esac
