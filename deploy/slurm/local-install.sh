#!/bin/bash
# Install Slurm and munge from Debian's packages (as root), for the local
# test cluster of local-up.sh. Safe to run twice.
set -euo pipefail
if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: Slurm is not installed; install it as root: sudo apt-get install -y slurm-wlm munge" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=300 -y -q install --no-install-recommends slurm-wlm munge >/dev/null \
  || { apt-get -o DPkg::Lock::Timeout=300 -q update >/dev/null
       apt-get -o DPkg::Lock::Timeout=300 -y -q install --no-install-recommends slurm-wlm munge >/dev/null; }
