#!/usr/bin/env bash
# The performance report in one command: runs the benchmark workloads under dynvm's interpreter
# (--engine interp), dynvm's translator (--engine dbt), qemu-user (qemu-ppc / qemu-arm, when
# installed) and natively (a host build made now with `cc`, when there is one), interleaved, and
# writes the median wall times as a Markdown table, an SVG chart and the raw timings.
#
#   bench/report.sh [-n RUNS] [-t SECONDS] [-e ENGINES] [-w REGEX] [-s SCALE] [-o DIR] ['PROGRAM [ARGS...]' ...]
#   ./dynvm bench [the same options]
#
#   -n RUNS     repetitions (default 3); each cell is the median
#   -t SECONDS  per-run time limit (default 300); a run over it counts as "> SECONDS", and that
#               engine is not run again on that workload
#   -e ENGINES  comma list of interp, dbt, qemu, native (default: all; qemu and native only if present)
#   -w REGEX    only the workloads whose name matches (grep -E), e.g. -w 'bench_int|hello'
#   -s SCALE    multiplies the CPU-bound workloads' round counts (default 1: about 2-3 s under
#               qemu-user on the 2-core development machine); -s 0.1 for a quick look
#   -o DIR      output directory (default bench/results): report.md, report.svg, timings.tsv, meta.txt
#   PROGRAM     instead of the standard workloads below: one quoted word list per program, a path or
#               a name in ppc-frontend/src/test/guest/bin, e.g. 'bench_crc 8' (no native build)
#
# Interleaved: every repetition runs every workload under every engine in turn (round robin), so
# slow drift in the machine's load hits all engines alike. Wall time is measured around the whole
# process (JVM start-up and translation included: what a user waits for). Each engine's stdout is
# compared with the first engine's; a difference is reported under the table.
#
# Workloads (skipped, with a line in the report, when their binary is absent):
#   CPU-bound     bench_int, bench_fp, bench_mem (bench/guests) for ppc, armel and armhf
#   NEON          (armhf, -cpu cortex-a15 under dynvm and qemu) bench_vec-neon: auto-vectorised
#                 loops (bench/guests/src-neon, gcc -O3; native -O3); neon_copy-armhf: a vld1/vst1
#                 memcpy of 64 KiB per round (arm-frontend/src/test/guest/neon/neon_bench copy)
#   start-up      static hello (ppc, armel, armhf), busybox true and busybox echo (armel, armhf),
#                 python3.11 -c pass (armhf, Debian sysroot, with -L)
#   process-heavy busybox sh -c with a loop of 3-stage pipelines (armel, armhf)
#   real          Debian's own armhf programs (dynamically linked, -L sysroot) on generated inputs:
#                 xz -6 and xz -d of 3 MiB of text, coreutils sort and sha256sum, python3 json and
#                 re scripts, a busybox sh arithmetic loop (issue 15's "real programs" target)
# Busybox, python and the userland come from ~/.cache/dynvm (arm-frontend/src/test/guest/fetch-busybox.sh,
# bench/fetch-python.sh and arm-frontend/src/test/guest/fetch-userland.sh fetch them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3 limit=300 engines="interp,dbt,qemu,native" only="" scale=1 out="$root/bench/results"
invocation="bench/report.sh"
for a in "$@"; do [[ "$a" == *[[:space:]]* ]] && invocation+=" '$a'" || invocation+=" $a"; done
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "n:t:e:w:s:o:h" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;; t) limit="$OPTARG" ;; e) engines="$OPTARG" ;; w) only="$OPTARG" ;;
    s) scale="$OPTARG" ;; o) out="$OPTARG" ;; h) usage 0 ;; *) usage 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "report.sh: -n wants a positive number" >&2; exit 2; }
[[ "$limit" =~ ^[1-9][0-9]*$ ]] || { echo "report.sh: -t wants a positive number of seconds" >&2; exit 2; }

qemu_ppc="${QEMU_PPC:-$(command -v qemu-ppc || true)}"
qemu_arm="${QEMU_ARM:-$(command -v qemu-arm || true)}"
host_cc="${CC:-$(command -v cc || true)}"
has_engine() { [[ ",$engines," == *,"$1",* ]]; }
if has_engine qemu && [[ -z "$qemu_ppc$qemu_arm" ]]; then echo "report.sh: no qemu-ppc/qemu-arm; qemu column empty" >&2; fi

guests="$root/bench/guests/bin"
ppc_bin="$root/ppc-frontend/src/test/guest/bin"
arm_bin="$root/arm-frontend/src/test/guest/bin"
cache="${DYNVM_CACHE:-$HOME/.cache/dynvm}"
pipeline='for i in 1 2 3 4 5; do echo $i | cat | wc -c; done'

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The workloads: NAME <tab> KIND <tab> GUEST <tab> NATIVE-SOURCE (or -) <tab> SYSROOT (-L, or -)
# <tab> CPU (-cpu for dynvm and qemu-arm, or - for the default) <tab> ARGS (one per tab).
# Round counts per ISA: qemu's soft-float PowerPC FPU and armel's soft-float library make
# bench_fp far slower there, so each build gets the rounds that make about 2-3 s under qemu-user.
rounds() { awk -v r="$1" -v s="$scale" 'BEGIN { n = int(r * s + 0.5); print n < 1 ? 1 : n }'; }
workloads() {
  local w a r
  for w in bench_int:1150:630:630 bench_fp:160:100:1060 bench_mem:460:460:460; do
    IFS=: read -r name rp re rh <<<"$w"
    for a in ppc:$rp armel:$re armhf:$rh; do
      r=$(rounds "${a#*:}")
      printf '%s\tcpu\t%s\t%s\t-\t-\t%s\n' "$name-${a%%:*} $r" "$guests/$name-${a%%:*}" "$root/bench/guests/src/$name.c" "$r"
    done
  done
  r=$(rounds 9000)
  printf 'bench_vec-neon %s\tcpu\t%s\t%s\t-\tcortex-a15\t%s\n' "$r" "$guests/bench_vec-neon" "$root/bench/guests/src-neon/bench_vec.c" "$r"
  r=$(rounds 280000)
  printf 'neon_copy-armhf %s\tcpu\t%s\t-\t-\tcortex-a15\tcopy\t%s\n' "$r" "$root/arm-frontend/src/test/guest/neon/neon_bench" "$r"
  printf 'hello-ppc\tstart-up\t%s\t%s\t-\t-\n' "$ppc_bin/hello" "$root/ppc-frontend/src/test/guest/src/hello.c"
  printf 'hello-armel\tstart-up\t%s\t%s\t-\t-\n' "$arm_bin/hello" "$root/ppc-frontend/src/test/guest/src/hello.c"
  printf 'hello-armhf\tstart-up\t%s\t%s\t-\t-\n' "$root/arm-frontend/src/test/guest/armhf/bin/hello" "$root/ppc-frontend/src/test/guest/src/hello.c"
  for a in armel armhf; do
    printf 'busybox-true-%s\tstart-up\t%s\t-\t-\t-\ttrue\n' "$a" "$cache/busybox-$a/busybox"
    printf 'busybox-echo-%s\tstart-up\t%s\t-\t-\t-\techo\thello world\n' "$a" "$cache/busybox-$a/busybox"
  done
  printf 'python3-pass-armhf\tstart-up\t%s\t-\t%s\t-\t-c\tpass\n' "$cache/python-armhf/usr/bin/python3.11" "$cache/python-armhf"
  for a in armel armhf; do
    printf 'busybox-sh-pipes-%s\tprocess\t%s\t-\t-\t-\tsh\t-c\t%s\n' "$a" "$cache/busybox-$a/busybox" "$pipeline"
  done
  # real programs: the inputs are made by real_inputs below (the same bytes on every machine)
  local u="$cache/userland-armhf" py="$cache/python-armhf" in="$tmp/real"
  printf 'xz-6-armhf\treal\t%s\t-\t%s\t-\t-T1\t-6\t-c\t%s\n' "$u/usr/bin/xz" "$u" "$in/text.txt"
  printf 'xz-d-armhf\treal\t%s\t-\t%s\t-\t-d\t-c\t%s\n' "$u/usr/bin/xz" "$u" "$in/text.txt.xz"
  printf 'sort-armhf\treal\t%s\t-\t%s\t-\t%s\n' "$u/usr/bin/sort" "$u" "$in/words.txt"
  printf 'sha256sum-armhf\treal\t%s\t-\t%s\t-\t%s\n' "$u/usr/bin/sha256sum" "$u" "$in/text.txt"
  printf 'python3-json-armhf\treal\t%s\t-\t%s\t-\t-c\t%s\n' "$py/usr/bin/python3.11" "$py" "$py_json"
  printf 'python3-re-armhf\treal\t%s\t-\t%s\t-\t-c\t%s\n' "$py/usr/bin/python3.11" "$py" "$py_re"
  printf 'busybox-sh-loop-armhf\treal\t%s\t-\t-\t-\tsh\t-c\t%s\n' "$cache/busybox-armhf/busybox" "$sh_loop"
}

# The real programs' inputs, generated (fixed seed) so every machine times the same bytes:
# 3 MiB of word text, its xz, and 100,000 words one per line.
py_json='import json; d = [{"id": i, "name": "n%d" % i, "tags": ["a", "b", str(i % 7)]} for i in range(40000)]; s = json.dumps(d); print(len(s), sum(x["id"] for x in json.loads(s)))'
py_re='import re; t = " ".join("w%d x%dy" % (i, i * 7 % 1000) for i in range(60000)); print(len(re.findall(r"x(\d+)y", t)), len(re.sub(r"w(\d)", r"<\1>", t)))'
sh_loop='i=0; s=0; while [ $i -lt 3000 ]; do i=$((i+1)); s=$((s+i*i%7)); done; echo $s'
real_inputs() {
  mkdir -p "$tmp/real"
  python3 - "$tmp/real" <<'PY'
import random, sys
r = random.Random(15)
words = ["".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9))) for _ in range(5000)]
with open(sys.argv[1] + "/text.txt", "w") as f:
    n = 0
    while n < 3 << 20:
        line = " ".join(r.choice(words) for _ in range(12)) + "\n"
        f.write(line); n += len(line)
with open(sys.argv[1] + "/words.txt", "w") as f:
    f.write("".join(r.choice(words) + "\n" for _ in range(100000)))
PY
  # the compressed input for xz -d: by the guest's own xz would need an engine; the host's xz
  # writes the same format (any xz stream decompresses to the same text)
  if command -v xz >/dev/null; then xz -T1 -6 -c "$tmp/real/text.txt" >"$tmp/real/text.txt.xz"; fi
}

# Host builds of the workloads that have a C source (the same flags as bench/guests/build.sh:
# -O3 for the auto-vectorised sources in src-neon, -O2 for the others).
native_of() {
  local src="$1" exe="$tmp/native-$(basename "$1" .c)" opt=-O2
  [[ "$src" == */src-neon/* ]] && opt=-O3
  [[ -x "$exe" ]] || "$host_cc" "$opt" -ffp-contract=off -o "$exe" "$src" -lm 2>"$tmp/cc.log" || { echo "report.sh: cc $src failed" >&2; return 1; }
  echo "$exe"
}

# The command line of one engine for one workload, into the array `cmd`; false when not applicable.
command_for() {
  local engine="$1" guest="$2" src="$3" sysroot=() cpu=()
  [[ "$4" == - ]] || sysroot=(-L "$4")
  [[ "$5" == - ]] || cpu=(-cpu "$5")
  shift 5
  case "$engine" in
    interp|dbt) cmd=("$root/dynvm" run --engine "$engine" "${cpu[@]}" "${sysroot[@]}" "$guest" "$@") ;;
    qemu)
      # e_machine: EM_ARM (40) is stored little-endian, EM_PPC (20) big-endian
      if [[ "$(od -An -tx1 -j18 -N2 "$guest" | tr -d ' ')" == 2800 ]]; then
        (( ${#cpu[@]} )) || cpu=(-cpu cortex-a15)
        [[ -n "$qemu_arm" ]] || return 1; cmd=("$qemu_arm" "${cpu[@]}" "${sysroot[@]}" "$guest" "$@")
      else [[ -n "$qemu_ppc" ]] || return 1; cmd=("$qemu_ppc" "${sysroot[@]}" "$guest" "$@"); fi ;;
    native)
      [[ "$src" != - && -n "$host_cc" ]] || return 1
      local exe; exe="$(native_of "$src")" || return 1
      cmd=("$exe" "$@") ;;
  esac
  cmd=(timeout "$limit" "${cmd[@]}")
}

# Wall seconds of one run into $secs, status into $status; stdout to $1.
time_one() {
  local t0 t1
  status=0
  t0=$(date +%s.%N)
  "${cmd[@]}" >"$1" 2>"$1.err" </dev/null || status=$?
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
}

mkdir -p "$out"
# Build the jars now, so no timed run pays for a Maven build or for recording the CDS archive.
if has_engine interp || has_engine dbt; then "$root/dynvm" isas >/dev/null; "$root/dynvm" run "$ppc_bin/hello" >/dev/null; fi

tsv="$out/timings.tsv"
printf 'rep\tworkload\tkind\tengine\tseconds\tstatus\n' >"$tsv"
: >"$tmp/skipped"; : >"$tmp/notes"
# Programs from the command line: "NAME KIND GUEST -" with the words after the program as arguments.
given() {
  local spec words guest
  for spec in "$@"; do
    read -r -a words <<<"$spec"
    guest="${words[0]}"; [[ -f "$guest" ]] || guest="$ppc_bin/$guest"
    printf '%s\tgiven\t%s\t-\t-\t-' "$spec" "$(readlink -f "$guest" || echo "$guest")"
    (( ${#words[@]} > 1 )) && printf '\t%s' "${words[@]:1}"
    printf '\n'
  done
}
if (( $# )); then mapfile -t all < <(given "$@"); else real_inputs; mapfile -t all < <(workloads); fi
active=()
for line in "${all[@]}"; do
  IFS=$'\t' read -r name kind guest _ <<<"$line"
  [[ -z "$only" ]] || grep -qE "$only" <<<"$name" || continue
  if [[ ! -f "$guest" ]]; then echo "$name: ${guest/#$HOME/~} not found" >>"$tmp/skipped"; continue; fi
  if [[ "$name" == xz-d-* && ! -f "$tmp/real/text.txt.xz" ]]; then echo "$name: no host xz to make its input" >>"$tmp/skipped"; continue; fi
  active+=("$line")
done
declare -A over=()      # workload/engine pairs that hit the time limit: not run again
for ((rep = 1; rep <= runs; rep++)); do
  for line in "${active[@]}"; do
    IFS=$'\t' read -r -a f <<<"$line"
    name="${f[0]}" kind="${f[1]}" guest="${f[2]}" src="${f[3]}" sysroot="${f[4]}" cpu="${f[5]}" args=("${f[@]:6}")
    ref=""
    for engine in interp dbt qemu native; do
      has_engine "$engine" || continue
      command_for "$engine" "$guest" "$src" "$sysroot" "$cpu" "${args[@]}" || continue
      if [[ -n "${over[$name/$engine]:-}" ]]; then printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$name" "$kind" "$engine" "$limit" timeout >>"$tsv"; continue; fi
      time_one "$tmp/$engine.out"
      st="$status"
      if [[ $status -eq 124 ]]; then st=timeout over[$name/$engine]=1; secs="$limit"; fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$name" "$kind" "$engine" "$secs" "$st" >>"$tsv"
      echo "  run $rep/$runs  $name  $engine  ${secs}s${st:+ (status $st)}" | sed 's/ (status 0)//' >&2
      # every engine that finished must print what the first one that finished printed
      # (a native build of hello differs on purpose: x86-64's long is 64 bits)
      if [[ "$st" == timeout || ( "$engine" == native && "$kind" != cpu ) ]]; then :
      elif [[ -z "$ref" ]]; then ref="$engine"
      elif ! cmp -s "$tmp/$ref.out" "$tmp/$engine.out"; then
        echo "output of \`$name\` differs between $ref and $engine (run $rep)" >>"$tmp/notes"
      fi
    done
  done
done

# The header facts, then the renderer turns the timings into report.md and report.svg.
{
  echo "command=$invocation"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "jdk=$("$root/dynvm" --which-java | tr '\n' ' ')"
  echo "qemu=$({ "${qemu_arm:-${qemu_ppc:-false}}" --version 2>/dev/null || echo none; } | head -1)"
  echo "cc=$({ "$host_cc" --version 2>/dev/null || echo none; } | head -1)"
  echo "java_opts=${DYNVM_JAVA_OPTS:-the launcher default}"
  echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs=$runs"
  echo "limit=$limit"
  while read -r s; do echo "skipped=$s"; done <"$tmp/skipped"
  sort -u "$tmp/notes" | while read -r s; do echo "note=$s"; done
} >"$out/meta.txt"
# (kept beside the timings, so `python3 bench/render_report.py DIR/timings.tsv DIR/meta.txt DIR` redraws)
python3 "$root/bench/render_report.py" "$tsv" "$out/meta.txt" "$out"
echo "report.sh: wrote $out/report.md, $out/report.svg, $out/timings.tsv" >&2
