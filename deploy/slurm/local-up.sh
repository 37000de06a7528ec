#!/bin/bash
# Bring up a single-node Slurm cluster on localhost, without systemd, for
# the sweep's Slurm test (make test-slurm): munge with a private key and
# socket, slurmctld and slurmd on 127.0.0.1, one partition "debug" holding
# this machine. Everything mutable lives under $BASE (default
# /tmp/escalate-slurm); local-down.sh stops exactly the daemons started
# here. Needs root and Debian's slurm-wlm and munge (local-install.sh).
#
#   BASE=/tmp/escalate-slurm deploy/slurm/local-up.sh
#   export SLURM_CONF=/tmp/escalate-slurm/slurm.conf
#   sbatch --array=0-3 --wait deploy/slurm/sweep.sbatch demo /tmp/demo
#   BASE=/tmp/escalate-slurm deploy/slurm/local-down.sh
set -euo pipefail
BASE=${BASE:-/tmp/escalate-slurm}
CTLD_PORT=${SLURMCTLD_PORT:-6817}
SLURMD_PORT=${SLURMD_PORT:-6818}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "error: local-up.sh starts slurmd, which must run as root" >&2
  exit 1
fi
for tool in munged slurmctld slurmd sinfo; do
  command -v $tool >/dev/null || { echo "error: $tool is missing: run deploy/slurm/local-install.sh (as root)" >&2; exit 1; }
done
# A cluster of ours still up from an earlier run is stopped first.
BASE=$BASE "$HERE/local-down.sh" >/dev/null 2>&1 || true

NODE=$(hostname -s)
MEM=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512 ))
CPUS=$(nproc)
mkdir -p "$BASE"/{munge/key,ctld,log,spool}
chmod 755 "$BASE" "$BASE/munge"
chmod 700 "$BASE/munge/key"   # the socket directory must be o+x, the key private

# If anything below fails, stop what was started.
trap 'echo "local-up: failed; stopping what was started" >&2; BASE=$BASE "$HERE/local-down.sh" >&2 || true' ERR

# munge: a private key and socket under $BASE.
[ -f "$BASE/munge/key/munge.key" ] || dd if=/dev/urandom bs=1 count=1024 of="$BASE/munge/key/munge.key" status=none
chmod 400 "$BASE/munge/key/munge.key"
munged --key-file="$BASE/munge/key/munge.key" --socket="$BASE/munge/munge.sock" \
  --pid-file="$BASE/munge/munged.pid" --log-file="$BASE/log/munged.log" \
  --seed-file="$BASE/munge/key/munged.seed"

cat > "$BASE/slurm.conf" <<CONF
ClusterName=escalate-local
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$BASE/munge/munge.sock
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
StateSaveLocation=$BASE/ctld
SlurmdSpoolDir=$BASE/spool/%n
MailProg=/bin/true
SlurmctldPidFile=$BASE/slurmctld.pid
SlurmdPidFile=$BASE/slurmd.pid
SlurmctldLogFile=$BASE/log/slurmctld.log
SlurmdLogFile=$BASE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SlurmctldDebug=info
ReturnToService=2
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=4
KillWait=5
Waittime=0
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$BASE/slurm.conf

# Both daemons put themselves in the background and write pid files.
slurmctld -f "$SLURM_CONF" -i   # -i: ignore state left by an earlier cluster
slurmd -f "$SLURM_CONF"

for i in $(seq 120); do
  st=$(sinfo -h -n "$NODE" -o %t 2>/dev/null || true)
  if [ "$st" = idle ]; then
    echo "slurm up: node $NODE idle after $((i / 2)).$((i % 2 * 5))s; export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
echo "local-up: node $NODE never became idle (state: ${st:-none})" >&2
sinfo -R >&2 || true
tail -20 "$BASE/log/slurmctld.log" "$BASE/log/slurmd.log" >&2 || true
false
