#!/usr/bin/env bash
# Builds the benchmarks and runs the full set used for docs/performance.md (~15 min on 2 cores).
# Usage: bash benchmarks/run-all.sh [output-dir]   (from the repository root; SKIP_BUILD=1 reuses the jar)
set -euo pipefail
out=${1:-benchmarks/target/results}
mkdir -p "$out"
export OMP_NUM_THREADS=1   # ND4J/OpenBLAS single-threaded: stable timings, no oversubscription of shared cores
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -Pbench -Djavacpp.platform=linux-x86_64 -DskipTests package
jar=benchmarks/target/benchmarks.jar
{ date -u; env -u OMP_NUM_THREADS nproc; grep -m1 'model name' /proc/cpuinfo; free -g | sed -n 2p; java -version 2>&1 | head -1; } > "$out/machine.txt"
run() { # name, jmh args...
  local name=$1; shift
  echo "$name start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
  java -jar "$jar" "$@" -rf csv -rff "$out/$name.csv" > "$out/$name.log" 2>&1
  echo "$name end   $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
}
run valueat ScheduleValueAt -prof gc
java -cp "$jar" dev.lrsched.bench.Ratios "$out/valueat.csv" nd4j.Step > "$out/valueat.md"
run fit FitOverhead
java -cp "$jar" dev.lrsched.bench.Ratios "$out/fit.csv" nd4j.Fixed > "$out/fit.md"
run plateau PlateauOverhead
java -cp "$jar" dev.lrsched.bench.Ratios "$out/plateau.csv" bareEvaluate > "$out/plateau.md"
echo "interleaved start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
java -cp "$jar" dev.lrsched.bench.Interleaved fit plateau > "$out/interleaved.log" 2>&1
grep '^|' "$out/interleaved.log" > "$out/interleaved.md" || true
echo "interleaved end   $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
echo "convergence start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
java -cp "$jar" dev.lrsched.bench.Convergence > "$out/convergence.log" 2>&1
grep -E '^(###|\||[0-9]-arm|ionosphere|\(total)' "$out/convergence.log" > "$out/convergence.md" || true
echo "convergence end   $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
