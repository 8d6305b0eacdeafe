#!/usr/bin/env bash
# The launcher's JIT modes side by side (docs/performance.md#c2-for-the-translated-code-only):
# whole processes, configurations interleaved per repetition, one line per run:
#   REP WORKLOAD CONFIG USER SYS WALL LOADAVG
# usage: bench/jit-modes.sh OUT REPS CONFIGS WORKLOADS   (comma lists), e.g.
#   bench/jit-modes.sh /tmp/cpu.txt 3 quick,tiered,tieredR,hotR,hot,qemu int-ppc,int-armhf,fp-ppc,fp-armhf,mem-ppc,mem-armhf
#   bench/jit-modes.sh /tmp/start.txt 5 quick,tiered,hot,qemu hello,bbtrue,py
# CONFIGS: quick, hot, tiered (DYNVM_JIT as is); tieredR / hotR: tiered / hot with
# -Ddynvm.regions=true (JDK 25's default options spelled out); qemu: qemu-ppc / qemu-arm -cpu cortex-a9.
# Build first and give every configuration two warm-up runs (they record its start-up archive).
# Round counts: bench/report.sh's CPU-bound workloads (about 2.5 s under qemu-user each).
out=$1; reps=$2; IFS=, read -r -a cfgs <<<"$3"; IFS=, read -r -a wls <<<"$4"
M="$(cd "$(dirname "$0")/.." && pwd)"; B="-Xss16m -Xms16m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders"
G=$M/bench/guests/bin; PY=$HOME/.cache/dynvm/python-armhf; BB=$HOME/.cache/dynvm/busybox-armhf/busybox
t=$(mktemp)
wl() { case $1 in
  int-ppc) echo "$G/bench_int-ppc 1150";; int-armhf) echo "$G/bench_int-armhf 630";;
  fp-ppc) echo "$G/bench_fp-ppc 160";; fp-armhf) echo "$G/bench_fp-armhf 1060";;
  mem-ppc) echo "$G/bench_mem-ppc 460";; mem-armhf) echo "$G/bench_mem-armhf 460";;
  hello) echo "$M/arm-frontend/src/test/guest/armhf/bin/hello";;
  bbtrue) echo "$BB true";; py) echo "-L $PY $PY/usr/bin/python3.11 -c pass";; esac; }
for ((r=1;r<=reps;r++)); do for w in "${wls[@]}"; do for c in "${cfgs[@]}"; do
  read -r -a args <<<"$(wl "$w")"
  env=(DYNVM_NO_BUILD=1)
  case $c in
    quick|hot|tiered) env+=(DYNVM_JIT=$c);;
    tieredR) env+=(DYNVM_JIT=tiered "DYNVM_JAVA_OPTS=$B -Ddynvm.regions=true");;
    hotR) env+=(DYNVM_JIT=hot "DYNVM_JAVA_OPTS=$B -Ddynvm.regions=true");;
  esac
  if [[ $c == qemu ]]; then
    if [[ $w == *ppc* ]]; then q=(qemu-ppc); else q=(qemu-arm -cpu cortex-a9); fi
    [[ $w == py ]] && q=(qemu-arm -cpu cortex-a9 -L "$PY") && args=("${args[@]:2}")
    /usr/bin/time -o "$t" -f '%U %S %e' nice -n 19 "${q[@]}" "${args[@]}" >/dev/null 2>&1
  else
    env "${env[@]}" /usr/bin/time -o "$t" -f '%U %S %e' nice -n 19 "$M/dynvm" run "${args[@]}" >/dev/null 2>&1
  fi
  echo "$r $w $c $(tail -1 "$t") $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
done; done; done
rm -f "$t"
