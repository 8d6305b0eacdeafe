#!/bin/bash
# Process-heavy busybox workloads under dynvm's translator with shared translations on and off,
# the interpreter and qemu-arm: wall and user+sys CPU seconds of the whole process, rounds
# interleaved (docs/performance.md, "Shared translations").
#
#   bench/processes.sh [ROUNDS] [WORKLOAD...]     (default 3 rounds; pipe5 sed50)
#   BB=path/to/busybox   (default ~/.cache/dynvm/busybox-armhf/busybox, see
#                         arm-frontend/src/test/guest/fetch-busybox.sh)
#   ENGINES="dbt-on dbt-off interp qemu"   (default)
# Prints one line per run: WORKLOAD ENGINE WALL USER SYS.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BB=${BB:-$HOME/.cache/dynvm/busybox-armhf/busybox}
[ -x "$BB" ] || { echo "processes.sh: no busybox at $BB (run arm-frontend/src/test/guest/fetch-busybox.sh armhf)" >&2; exit 1; }
rounds=${1:-3}; shift || true
(( $# )) || set -- pipe5 sed50
declare -A W
W[pipe5]='for i in 1 2 3 4 5; do echo $i | cat | wc -c; done'
W[sed50]='for i in $(seq 1 50); do echo $i | sed s/1/x/; done'
W[sort]='seq 1 200 | sort -rn | head -5'
W[sub50]='for i in $(seq 1 50); do (true); done'
# the launcher's own defaults on JDK 25, plus the switch
base="-Xss16m -Xms16m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED"
t=$(mktemp); trap 'rm -f "$t"' EXIT
for r in $(seq 1 "$rounds"); do
  for w in "$@"; do
    [ -n "${W[$w]:-}" ] || { echo "processes.sh: unknown workload $w (${!W[*]})" >&2; exit 2; }
    for eng in ${ENGINES:-dbt-on dbt-off interp qemu}; do
      case $eng in
        qemu) command -v qemu-arm >/dev/null || continue
              /usr/bin/time -o "$t" -f "%e %U %S" qemu-arm "$BB" sh -c "${W[$w]}" >/dev/null 2>&1 ;;
        dbt-on|dbt-off|interp)
              e=dbt; o=""
              [ "$eng" = dbt-on ] && o="-Ddynvm.sharedTranslations=true"
              [ "$eng" = dbt-off ] && o="-Ddynvm.sharedTranslations=false"
              [ "$eng" = interp ] && e=interp
              DYNVM_JAVA_OPTS="$base $o" /usr/bin/time -o "$t" -f "%e %U %S" "$root/dynvm" run --engine $e "$BB" sh -c "${W[$w]}" >/dev/null 2>&1 ;;
        *) echo "processes.sh: unknown engine $eng" >&2; exit 2 ;;
      esac
      echo "$w $eng $(cat "$t")"
    done
  done
done
