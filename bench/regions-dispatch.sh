#!/bin/bash
# Regions and the indirect-branch inline cache, each on and off, on whole guest programs.
# usage: bench/regions-dispatch.sh N PROGRAM... (a program may carry arguments: quote it)
# Prints, per program, the median user+sys CPU seconds of N runs of each combination, run
# interleaved. Build the jars first (./dynvm isas); they are copied so a rebuild cannot land mid-run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
N=$1; shift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/jars"
cp translator/target/translator-0.1.0-SNAPSHOT.jar */target/*-frontend-0.1.0-SNAPSHOT.jar "$tmp/jars/"
cp -r translator/target/lib "$tmp/jars/lib"
cp="$tmp/jars/*:$tmp/jars/lib/*"
declare -A cfg=( [base]="-Ddynvm.regions=false -Ddynvm.indirectCache=false" [ic]="-Ddynvm.regions=false -Ddynvm.indirectCache=true"
                 [reg]="-Ddynvm.regions=true -Ddynvm.indirectCache=false" [both]="-Ddynvm.regions=true -Ddynvm.indirectCache=true" )
order="base ic reg both"
for p in "$@"; do
  for c in $order; do : > "$tmp/t.$c"; done
  for i in $(seq "$N"); do
    for c in $order; do
      # shellcheck disable=SC2086 # the program and its arguments split on purpose
      /usr/bin/time -f "%U %S" -o "$tmp/tm" java -Xss16m -XX:+UseParallelGC ${cfg[$c]} -cp "$cp" dynvm.translator.cli.Main run $p \
          >"$tmp/out.$c" 2>/dev/null || true
      awk '{printf "%.2f\n", $1+$2}' "$tmp/tm" >> "$tmp/t.$c"
    done
  done
  line="$p:"
  for c in $order; do line="$line  $c=$(sort -n "$tmp/t.$c" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"; done
  cmp -s "$tmp/out.base" "$tmp/out.both" || line="$line (OUTPUT DIFFERS)"
  echo "$line"
done
