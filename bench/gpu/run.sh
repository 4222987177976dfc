#!/usr/bin/env bash
# GPU benchmark: builds SpikeForge, runs CUBA-100k (bench/gpu/cuba-100k.yaml) on the gpu backend on the default
# OpenCL device (the first GPU, else the first device), and on the scalar backend for reference, then writes
# OUT/results.json (OUT defaults to bench/gpu/out). Takes 1-2 minutes; well under 5.
#
#   bench/gpu/run.sh [OUT]                      SPIKEFORGE_GPU_DEVICE=<index|name> picks another device
#
# The result carries the device's label: "GPU/<name>" only on a real GPU. On a CPU through PoCL it is
# "CPU/PoCL": such figures measure the OpenCL code path, never a GPU.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/bench/gpu/out}"
mkdir -p "$OUT"

# The launcher builds the CLI when needed and finds a JDK 25; reuse the JDK it finds for the device query.
"$ROOT/spikeforge" list > /dev/null
JAVA=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [[ -n "$j" && -x "$j/bin/java" ]] || continue
  v=$("$j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  if [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 25 )); then JAVA="$j/bin/java"; break; fi
done
[[ -n "$JAVA" ]] || { echo "bench/gpu/run.sh: no JDK 25 found" >&2; exit 2; }
CP="$ROOT/simulations/target/spikeforge-simulations.jar:$ROOT/simulations/target/lib/*"

# Exits with the backend's one-line message (and the packages to install) when there is no OpenCL.
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" org.spikeforge.hardware.gpu.OpenClDevices
DEVICE_JSON=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" org.spikeforge.hardware.gpu.OpenClDevices \
  --default-json ${SPIKEFORGE_GPU_DEVICE:+"$SPIKEFORGE_GPU_DEVICE"})
LABEL=$(sed -n 's/.*"label":"\([^"]*\)".*/\1/p' <<< "$DEVICE_JSON")
[[ -z "${SPIKEFORGE_GPU_DEVICE:-}" ]] || echo "bench/gpu/run.sh: note: the CLI has no --device option yet; the run uses the default device" >&2
echo "bench/gpu/run.sh: device $LABEL" >&2

run() { # backend
  "$ROOT/spikeforge" run "$ROOT/bench/gpu/cuba-100k.yaml" --backend "$1" --out "$OUT/cuba-100k-$1" --quiet
  echo "bench/gpu/run.sh: cuba-100k on $1: sim_s = $(sed -n 's/.*"sim_s" : \(.*\),/\1/p' "$OUT/cuba-100k-$1/summary.json") s (wall time of the simulation loop)" >&2
}
run gpu
run scalar

TMP="$OUT/results.json.tmp"
{
  echo "{"
  echo "  \"benchmark\": \"cuba-100k\","
  echo "  \"scenario\": \"bench/gpu/cuba-100k.yaml\","
  echo "  \"label\": \"$LABEL\","
  echo "  \"note\": \"gpu backend with atomic delivery on the OpenCL device below; a CPU/PoCL label means OpenCL on the CPU, not a GPU figure. scalar: the reference CPU backend on the same machine.\","
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"host_cpu\": \"$(sed -n 's/^model name\s*: //p' /proc/cpuinfo 2>/dev/null | head -n1 | tr -d '"')\","
  echo "  \"host_cores\": $(nproc 2>/dev/null || echo 0),"
  echo "  \"device\": $DEVICE_JSON,"
  echo "  \"gpu\": $(cat "$OUT/cuba-100k-gpu/summary.json"),"
  echo "  \"scalar\": $(cat "$OUT/cuba-100k-scalar/summary.json")"
  echo "}"
} > "$TMP"
mv "$TMP" "$OUT/results.json"
echo "$OUT/results.json"
