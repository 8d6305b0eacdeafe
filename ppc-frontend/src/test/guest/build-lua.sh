#!/bin/sh
# Rebuilds bin/lua, the Lua 5.4 interpreter of Debian bookworm's lua5.4 source package
# (5.4.4-3+deb12u1, Debian's patches applied), as a static PPC32 binary with symbols.
# Not part of build.sh (it needs a deb-src entry and network access); CI never runs it.
# Needs: a deb-src line for bookworm (e.g. /etc/apt/sources.list.d/debian-src.sources with
# "Types: deb-src", the same URIs/Suites/Components/Signed-By as the deb entry) and
# `apt-get update`, dpkg-dev (dpkg-source) and powerpc-linux-gnu-gcc.
# After rebuilding, run ./golden.sh and check `git diff --stat golden` (the lua_* goldens).
set -eu
cd "$(dirname "$0")"
HERE=$(pwd)
CC=${CC:-powerpc-linux-gnu-gcc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source lua5.4)   # downloads and unpacks lua5.4-5.4.4 with the patches
src=$(echo "$work"/lua5.4-*/src)
# luaconf.h includes a header that Debian's build generates; only the C module path uses it.
echo '#define DEB_HOST_MULTIARCH "powerpc-linux-gnu"' >"$src/lua5.4-deb-multiarch.h"
# LUA_USE_POSIX (not LUA_USE_LINUX): no dlopen and no readline; luac.c has its own main.
(cd "$src" && "$CC" -static -O2 -std=gnu99 -DLUA_USE_POSIX -o "$HERE/bin/lua" \
    $(ls ./*.c | grep -v '^./luac.c$') -lm)
ls -l "$HERE/bin/lua"
