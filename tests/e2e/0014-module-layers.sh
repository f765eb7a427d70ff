# 0014 — the layers of docs/architecture.md hold: no feature folder
# includes a report/ header or calls report/; nothing in lib/ knows the
# command table, a feature, the program's lists or the commune chosen on
# the command line; vigie.c sets no hook; each command's entry sits in
# its own cmd-*.c and cmd.c only lists it.
. "$TOP/tests/e2e/lib.sh"
cd "$TOP"
show() { if [ -s "$1" ]; then diag "$(cat "$1")"; fi; }

grep -rnE '#include "vigie/(bundle|dossier)\.h"' assess scan respond \
    > "$T/feat-inc" || true
ok "no feature includes report's headers" test ! -s "$T/feat-inc"
show "$T/feat-inc"

grep -rnE '\b(vg_bundle_(build|merge|export|import|hash)|vg_ecs_export|dossier_write[a-z_]*|overview_write)\(' \
    assess scan respond > "$T/feat-call" || true
ok "no feature calls a report/ function" test ! -s "$T/feat-call"
show "$T/feat-call"

grep -rnE '\bvg_cmds\b|vg_g\.commune|vg_(bundle_parts|dossier_sections|home_modes)\b|#include "vigie/(assess|scan|incident|capture|mail|config|bundle|dossier|module)\.h"' \
    lib > "$T/lib-up" || true
ok "lib/ names no command table, feature, list or --commune" \
    test ! -s "$T/lib-up"
show "$T/lib-up"

grep -nE '_hook[[:space:]]*=' vigie.c > "$T/hooks" || true
ok "vigie.c sets no hook" test ! -s "$T/hooks"

# Every command's entry is defined in a FOLDER/cmd-*.c (or one of the
# three files being split), and listed by exactly one line of cmd.c.
grep -rlE '^const struct vg_cmd cmd_[a-z_]+_entry = \{' assess scan respond \
    report | grep -vE '/cmd-[a-z-]+\.c$|^scan/(config|mail)\.c$|^respond/capture\.c$' \
    > "$T/odd-files" || true
ok "command entries sit in cmd-*.c files" test ! -s "$T/odd-files"
show "$T/odd-files"
grep -rhoE '^const struct vg_cmd cmd_[a-z_]+_entry' assess scan respond report |
    sed 's/.* //' | sort > "$T/defined"
sed -n 's/^[[:space:]]*X(\(cmd_[a-z_]*_entry\)).*/\1/p' cmd.c | sort > "$T/listed"
ok "the entries are found" test -s "$T/defined"
ok "cmd.c lists every entry once" cmp -s "$T/defined" "$T/listed"
diff "$T/defined" "$T/listed" > "$T/diff" || true
show "$T/diff"
done_testing
