#!/bin/sh
# Regenerates printer.objdump, the golden for PpcPrinterObjdumpTest: GNU objdump's text for
# about 5,000 encodings (a few random ones per row of PpcTable with small and equal register
# fields, every BO with BI 0/2/6/31 for each conditional branch form, rlwinm/rlwnm shapes,
# mfspr/mtspr over the SPR numbers, every TO of tw/twi, the CR logical ops with equal operands,
# mtcrf masks, sync L, dcbt/dcbtst TH). Encodings objdump rejects as invalid forms (which our
# decoder still executes) were left out. The words are taken from the current golden, so run
# this after changing binutils to see what its printer now says.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -F'\t' '/^ *[0-9a-f]+:\t/ { w = $2; gsub(/ /, "", w); print "\t.long 0x" w }' printer.objdump > "$tmp/printer.s"
powerpc-linux-gnu-as -o "$tmp/printer.o" "$tmp/printer.s"
(cd "$tmp" && powerpc-linux-gnu-objdump -d printer.o) > printer.objdump
