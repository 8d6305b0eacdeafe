#!/usr/bin/env bash
# The VMM's Proteus-style figures (hypercall round trip, trapped privileged instructions,
# virtual interrupt latency, VM switch, footprint) as a Markdown table on stdout.
#   bench/report-system.sh [dbt|interp]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q package -DskipTests -pl bench -am >/dev/null
exec java -Xss16m -XX:+UseParallelGC -cp bench/target/benchmarks.jar \
    dynvm.bench.SystemFigures arm-frontend/src/test/guest/virt/bin/figures.elf "${1:-dbt}"
