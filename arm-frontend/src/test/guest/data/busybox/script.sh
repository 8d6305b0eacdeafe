#!/bin/sh
# A shell script for busybox sh: functions, subshells, command substitution, pipes, loops over pipes.
count() { wc -l < "$1"; }
total=0
for f in prose.txt words.txt numbers.txt; do
    n=$(count "$f")
    total=$((total + n))
    echo "$f: $n"
done
echo "total: $total"
inner=$( (echo one; echo two; exit 4); echo "status=$?" )
echo "[$inner]"
( cd tree && ls | sort -r ) | head -3
grep -c the prose.txt | { read n; echo "lines with 'the': $n"; }
sort -n numbers.txt | uniq | tail -2 | while read v; do echo "v=$((v * 2))"; done
echo "nested: $(echo "a$(echo "b$(echo c)")")"
false | true && echo "pipeline status follows the last command"
exit 5
