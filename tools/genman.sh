#!/bin/sh
# genman.sh VIGIE VERSION DATE OUT — write the man page OUT from
# docs/vigie.1.in and the command table printed by `VIGIE --help-man`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
vigie=$1 version=$2 date=$3 out=$4
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$vigie" --lang en --help-man > "$tmp"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$date/" \
    -e "/@COMMANDS@/{r $tmp" -e "d}" "$top/docs/vigie.1.in" > "$out"
