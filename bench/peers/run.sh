#!/usr/bin/env bash
# SpikeForge against Brian2, side by side; writes BENCHMARKS.md at the repository root.
#   bench/peers/run.sh --quick        CUBA-4k, COBA-4k, CUBA-100k and the sparse 100k network (about 30 min on 2 cores)
#   bench/peers/run.sh                all six networks, CUBA-40k and the 10^8-synapse Brunel network included
#   bench/peers/run.sh --help         options (--backends scalar,simd,simd:2,event  --reps N  --networks ...  --note ...)
# Installs Debian's python3-brian (Brian2 2.5.1 with its C++ and Cython toolchain) with apt-get when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

need_pkg() { # package, what it gives
  if ! dpkg -s "$1" >/dev/null 2>&1; then
    if ! apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      echo "run.sh: package $1 ($2) is not installed and apt has no candidate for it; run apt-get update or install it by hand" >&2
      exit 2
    fi
    echo "run.sh: installing $1 ($2) with apt-get..." >&2
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$1" >&2
  fi
}

if [[ " $* " != *" --no-brian2 "* && " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  if ! /usr/bin/python3 -c 'import brian2' >/dev/null 2>&1; then need_pkg python3-brian "Brian2"; fi
fi
[[ -x /usr/bin/time ]] || need_pkg time "/usr/bin/time for peak memory"
command -v gcc >/dev/null || need_pkg gcc "C compiler for the roofline ceilings"
exec /usr/bin/python3 "$ROOT/bench/peers/harness.py" "$@"
