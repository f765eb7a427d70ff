#!/bin/sh
# scan mail: usage errors and option checking, no server needed.
. "$TOP/tests/e2e/lib.sh"

run "$VIGIE" scan mail --help
exit_is "--help exits 0" 0
contains "--help lists --resolver" "$T/out" "--resolver IP[:PORT]"
contains "--help lists --domains-file" "$T/out" "--domains-file FILE"
contains "--help explains the exit status" "$T/out" "Exit status"

run "$VIGIE" scan mail 'not a domain'
exit_is "a bad domain is a usage error" 2
contains "the message names it" "$T/err" "'not a domain' is not a domain name"
is "one line on stderr" "$(wc -l < "$T/err" | tr -d ' ')" 1

run "$VIGIE" scan mail --smtp-port 70000 example.test
exit_is "a bad port is a usage error" 2
contains "the message names the port" "$T/err" "'70000' is not a port number"

run "$VIGIE" scan mail --timeout 0 example.test
exit_is "a zero timeout is refused" 2

run "$VIGIE" scan mail --jobs 1000 example.test
exit_is "too many jobs are refused" 2

run "$VIGIE" scan mail --address nobody example.test
exit_is "an address without @ is refused" 2

printf 'good.example\n# a comment\n\nbad domain!\n' > "$T/list"
run "$VIGIE" scan mail --domains-file "$T/list"
exit_is "a bad line in --domains-file is an error" 2
contains "the error names file and line" "$T/err" "$T/list:4: 'bad domain!' is not a domain name"

run "$VIGIE" scan mail --domains-file "$T/missing"
exit_is "a missing --domains-file is an error" 2
contains "the error names the file" "$T/err" "$T/missing"

run "$VIGIE" scan mail
exit_is "no domain and no profile is a usage error" 2
contains "the message says how to set one" "$T/err" "vigie profile set domain"

run "$VIGIE" scan mail --resolver 'nonsense' example.test
exit_is "a bad --resolver is an error" 2
contains "the message names it" "$T/err" "resolver 'nonsense'"

run "$VIGIE" scan mail --trust-anchor "$T/none.key" --resolver 127.0.0.1:9 example.test
exit_is "a missing trust anchor file is an error" 2
contains "the message names the file" "$T/err" "$T/none.key"

run "$VIGIE" scan mail --ca-file "$T/list" --resolver 127.0.0.1:9 example.test
exit_is "an unreadable CA file is an error" 2
contains "the message names the CA file" "$T/err" "$T/list: cannot read"

done_testing
