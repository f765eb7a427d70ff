#!/bin/sh
# embed-data.sh DIR — print a C file holding every regular file under DIR
# (the rules/ folder) as a table of built-in data files, sorted by name,
# for lib/data.c. Each blob is followed by a NUL byte that its length does
# not count. The binary then works without rules/ beside it (a USB key).
set -eu
dir=$1
files=$(cd "$dir" && find . -type f ! -name '*~' | sed 's|^\./||' | LC_ALL=C sort)
echo "/* generated from $dir/ by tools/embed-data.sh; do not edit */"
echo '#include <stddef.h>'
echo '#include "vigie/data.h"'
i=0
for f in $files; do
	echo "static const unsigned char blob$i[] = {"
	od -An -v -tx1 "$dir/$f" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
	echo "	0x00 };"
	i=$((i + 1))
done
echo "const struct vg_blob vg_builtin[] = {"
i=0
for f in $files; do
	echo "	{ \"$f\", (const char *)blob$i, sizeof(blob$i) - 1 },"
	i=$((i + 1))
done
echo "};"
echo "const size_t vg_nbuiltin = $i;"
