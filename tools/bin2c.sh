#!/bin/sh
# bin2c.sh NAME FILE — print a C file defining the bytes of FILE as
# "const unsigned char NAME[]" and its length as "const unsigned long
# NAME_len". Used to build the French catalog into the binary.
set -eu
name=$1 file=$2
echo "/* generated from $file by tools/bin2c.sh; do not edit */"
echo "const unsigned char ${name}[] = {"
od -An -v -tx1 "$file" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
echo "};"
echo "const unsigned long ${name}_len = sizeof(${name});"
