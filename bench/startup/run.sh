#!/usr/bin/env bash
# Whole-process time and peak memory of `./spikeforge run SCENARIO`, with the jar built, for the run's default
# outputs and with parts of them turned off, with and without the start-up (AOT) cache. Medians of REPS runs.
#   bench/startup/run.sh [SCENARIO] [REPS]        default: simulations/examples/cuba.yaml, 5
# Prints a Markdown table (wall s, user+sys CPU s, peak RSS MB) for BENCHMARKS.md, "Whole-process time".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCENARIO="${1:-simulations/examples/cuba.yaml}"
REPS="${2:-5}"
cd "$ROOT"
./spikeforge list >/dev/null 2>&1 || { echo "run.sh: ./spikeforge list failed (build?)" >&2; exit 1; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

measure() { # label, env assignment or "", run options...
  local label="$1" envset="$2"; shift 2
  local walls=() cpus=() rss=()
  for ((i = 0; i < REPS; i++)); do
    rm -rf "$OUT/run"
    env $envset /usr/bin/time -f "%e %U %S %M" -o "$OUT/t" ./spikeforge run "$SCENARIO" --out "$OUT/run" --quiet "$@" >/dev/null 2>&1
    read -r w u s m < "$OUT/t"
    walls+=("$w"); cpus+=("$(echo "$u + $s" | bc)"); rss+=("$((m / 1024))")
  done
  med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '| %s | %s | %s | %s |\n' "$label" "$(med "${walls[@]}")" "$(med "${cpus[@]}")" "$(med "${rss[@]}")"
}

echo "Scenario \`$SCENARIO\`, $REPS runs each, medians; $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1 /proc/loadavg), $(nproc) CPUs."
echo
echo "| ./spikeforge run … | wall s | CPU s | peak RSS MB |"
echo "|---|---|---|---|"
measure "default (records, draws raster.png)" ""
measure "--no-raster" "" --no-raster
measure "--no-record --no-raster" "" --no-record --no-raster
measure "default, no AOT cache (SPIKEFORGE_AOT=0)" "SPIKEFORGE_AOT=0"
measure "--no-record --no-raster, no AOT cache" "SPIKEFORGE_AOT=0" --no-record --no-raster
