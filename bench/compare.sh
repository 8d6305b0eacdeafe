#!/usr/bin/env bash
# Whole-process comparison: runs guest programs under dynvm's interpreter, dynvm's translator and
# qemu-user, takes the median wall time of N runs each, and prints a markdown table.
#
#   bench/compare.sh [-n RUNS] [-e ENGINES] [-t SECONDS] ['PROGRAM [ARGS...]' ...]
#
#   -n RUNS     runs per program and engine (default 3); the median is reported
#   -e ENGINES  comma list of interp, dbt, qemu (default: all three; qemu only if installed)
#   -t SECONDS  per-run time limit (needs coreutils timeout); a run over it shows as "timeout"
#   PROGRAM     one quoted word list per program: a path, or a name in ppc-frontend/src/test/guest/bin
#               (default: bench_crc); qemu-ppc or qemu-arm is picked from the ELF header
#
# Example: bench/compare.sh -n 3 bench_crc nbody 'bench_crc 8'
# Wall time includes JVM start-up and translation, which is what a user waits for.
# The guest's stdout is compared between engines; a difference is flagged under the table.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guest_bin="$root/ppc-frontend/src/test/guest/bin"
qemu="${QEMU_PPC:-$(command -v qemu-ppc || true)}"
qemu_arm="${QEMU_ARM:-$(command -v qemu-arm || true)}"
runs=3 engines="interp,dbt,qemu" limit=""
invocation="$0"
for a in "$@"; do [[ "$a" == *[[:space:]]* ]] && invocation+=" '$a'" || invocation+=" $a"; done

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "n:e:t:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    e) engines="$OPTARG" ;;
    t) limit="$OPTARG" ;;
    h) usage 0 ;;
    *) usage 2 ;;
  esac
done
shift $((OPTIND - 1))
(( $# )) || set -- bench_crc
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: -n wants a positive number" >&2; exit 2; }
[[ ",$engines," == *,qemu,* && -z "$qemu" ]] && { echo "compare.sh: qemu-ppc not found, skipping it" >&2; engines="${engines//qemu/}"; }

has_engine() { [[ ",$engines," == *,"$1",* ]]; }

# The program path: as given if it exists, else under the guest bin directory.
resolve() {
  if [[ -f "$1" ]]; then readlink -f "$1"
  elif [[ -f "$guest_bin/$1" ]]; then echo "$guest_bin/$1"
  else echo "compare.sh: no program '$1'" >&2; exit 2; fi
}

# The command line of one engine, into the array `cmd`.
command_for() {
  local engine="$1"; shift
  case "$engine" in
    interp|dbt) cmd=("$root/dynvm" run --engine "$engine" "$@") ;;
    qemu)
      # e_machine: EM_PPC (20, big-endian) or EM_ARM (40, little-endian)
      if [[ "$(od -An -tx1 -j18 -N2 "$1" | tr -d ' ')" == 2800 ]]; then cmd=("$qemu_arm" "$@"); else cmd=("$qemu" "$@"); fi ;;
  esac
  [[ -n "$limit" ]] && cmd=(timeout "$limit" "${cmd[@]}")
  return 0
}

# Seconds of wall time of one run (or "timeout" / "fail:STATUS"); stdout goes to $2.
time_one() {
  local out="$1" t0 t1 status=0
  t0=$(date +%s.%N)
  "${cmd[@]}" >"$out" 2>/dev/null </dev/null || status=$?
  t1=$(date +%s.%N)
  if [[ -n "$limit" && $status -eq 124 ]]; then echo timeout; return; fi
  # a guest may legitimately exit non-zero; that is recorded, not fatal
  [[ $status -ne 0 ]] && echo "status $status" >>"$out"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }

# Build the jars now, so the first timed run does not include a Maven build.
if has_engine interp || has_engine dbt; then "$root/dynvm" isas >/dev/null; fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rows=() notes=()
for spec in "$@"; do
  read -r -a words <<<"$spec"
  prog="$(resolve "${words[0]}")"
  args=("${words[@]:1}")
  declare -A med=()
  ref=""
  for engine in interp dbt qemu; do
    if ! has_engine "$engine"; then med[$engine]="-"; continue; fi
    command_for "$engine" "$prog" "${args[@]}"
    times=""
    for ((i = 1; i <= runs; i++)); do
      t="$(time_one "$tmp/$engine.out")"
      [[ "$t" == timeout ]] && { times="timeout"; break; }
      times="$times $t"
      echo "  $spec  $engine  run $i: ${t}s" >&2
    done
    if [[ "$times" == timeout ]]; then med[$engine]="timeout"; else med[$engine]="$(median <<<"$times")"; fi
    # every engine that finished must print what the first one that finished printed
    if [[ "${med[$engine]}" == timeout ]]; then :
    elif [[ -z "$ref" ]]; then ref="$engine"
    elif ! cmp -s "$tmp/$ref.out" "$tmp/$engine.out"; then
      notes+=("output of \`$spec\` differs between $ref and $engine")
    fi
  done
  rows+=("| $spec | ${med[interp]} | ${med[dbt]} | ${med[qemu]} | $(ratio "${med[interp]}" "${med[dbt]}") | $(ratio "${med[dbt]}" "${med[qemu]}") |")
  unset med
done

echo "| program | interp s | dbt s | qemu s | interp/dbt | dbt/qemu |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
for n in "${notes[@]+"${notes[@]}"}"; do echo "**warning:** $n"; done
echo "Median wall time of $runs run(s) per cell, JVM start-up and translation included."
echo "Command: \`$invocation\`"
echo "Engines: \`./dynvm run --engine interp|dbt PROGRAM ARGS\` (JVM options: ${DYNVM_JAVA_OPTS:+\`$DYNVM_JAVA_OPTS\`}${DYNVM_JAVA_OPTS:-the launcher default})$([[ -n "$qemu" ]] && echo ", \`$qemu PROGRAM ARGS\` ($("$qemu" --version | head -1))")$([[ -n "$qemu_arm" ]] && echo ", \`$qemu_arm PROGRAM ARGS\` for ARM programs")"
echo "Host: $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
