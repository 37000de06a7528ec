#!/bin/bash
# Stop the local test cluster of local-up.sh: only the daemons it started,
# by the process ids in their pid files under $BASE.
BASE=${BASE:-/tmp/escalate-slurm}
stop() { # stop PIDFILE NAME
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  # Only a process of the expected name: a stale pid file may name another.
  if [ -z "$pid" ] || ! grep -q "$2" "/proc/$pid/comm" 2>/dev/null; then
    rm -f "$1"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || { echo "stopped $2 ($pid)"; rm -f "$1"; return 0; }
    sleep 0.2
  done
  echo "$2 ($pid) did not stop; killing it"
  kill -KILL "$pid" 2>/dev/null
  rm -f "$1"
}
stop "$BASE/slurmd.pid" slurmd
stop "$BASE/slurmctld.pid" slurmctld
stop "$BASE/munge/munged.pid" munged
exit 0
