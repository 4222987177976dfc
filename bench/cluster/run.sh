#!/usr/bin/env bash
# bench/cluster/run.sh [DURATION] [REPS]
# Wall time of the 40-point sweep of ClusterSweepTest (bench/cluster/sweep.yaml) on local threads, on one
# `spikeforge worker` and on two, all on this machine over loopback. DURATION replaces the scenario's
# simulated time (default "2 s", the test's); REPS timed runs per configuration after one warm-up run
# (default 3). Prints a Markdown table; the workers are stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DUR="${1:-2 s}"
REPS="${2:-3}"
SF="$ROOT/spikeforge"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

sed "s/^duration: .*/duration: $DUR/" "$ROOT/bench/cluster/small.yaml" > "$WORK/small.yaml"
cp "$ROOT/bench/cluster/sweep.yaml" "$WORK/sweep.yaml"
SPIKEFORGE_CLUSTER_TOKEN="bench-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"
export SPIKEFORGE_CLUSTER_TOKEN
"$SF" sweep "$WORK/sweep.yaml" --check > /dev/null   # builds the CLI if needed

start_worker() { # name port [join options] -> sets ADDR to its host:port once it is up (not in a subshell: PIDS must keep its pid)
  local name="$1" port="$2"; shift 2
  "$SF" worker --threads 1 --port "$port" "$@" --work-dir "$WORK/$name" --heartbeat-timeout 10 > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 600); do
    if grep -q "listening on" "$WORK/$name.log"; then ADDR=$(sed -n 's/.* listening on \([^,]*\),.*/\1/p' "$WORK/$name.log" | head -n1); return 0; fi
    sleep 0.2
  done
  echo "worker $name did not start; see $WORK/$name.log" >&2; exit 1
}

sweep_s() { # sweep options... -> seconds the sweep took (its own timer, after JVM start and connect)
  rm -rf "$WORK/out"
  "$SF" sweep "$WORK/sweep.yaml" --out "$WORK/out" "$@" | sed -n 's/.* in \([0-9.]*\) s$/\1/p'
}

row() { # label options...
  local label="$1"; shift
  sweep_s "$@" > /dev/null   # warm-up (JIT, reference runs cached per worker)
  local times=()
  for _ in $(seq "$REPS"); do times+=("$(sweep_s "$@")"); done
  echo "| $label | ${times[*]} |"
}

echo "40-point sweep (bench/cluster/sweep.yaml, scenario duration $DUR), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| configuration | wall time of the sweep, s (each run) |"
echo "|---|---|"
row "local, 1 thread" --threads 1
row "local, 2 threads" --threads 2
start_worker a 15801; A=$ADDR
row "cluster, 1 worker x 1 thread" --cluster "$A"
start_worker b 15811 --join "$A"; B=$ADDR
echo "(worker b at $B joined a at $A)" >&2
row "cluster, 2 workers x 1 thread" --cluster "$A"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
