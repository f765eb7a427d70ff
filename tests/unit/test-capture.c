/*
 * test-capture.c — the parsers of the capture steps on fixed input:
 * /proc/PID/stat (names with spaces and parentheses), /proc/net/tcp and
 * tcp6 lines, utmp records, and reading files that report no size.
 */
#include <arpa/inet.h>
#include <sys/socket.h>
#include <utmp.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/capture.h"
#include "testutil.h"

static void
test_stat(void **state)
{
	(void)state;
	struct proc_stat st;

	assert_int_equal(proc_parse_stat("4242 (a) b (c)) R 17 4242 4242 0 -1 "
	    "4194560 1 0 0 0 3 4 0 0 20 0 3 0 98765 123456 789 "
	    "18446744073709551615 1 2 3", &st), 0);
	assert_int_equal(st.pid, 4242);
	assert_string_equal(st.comm, "a) b (c)");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.ppid, 17);
	assert_int_equal(st.threads, 3);
	assert_int_equal(st.starttime, 98765);
	assert_int_equal(st.vsize, 123456);
	assert_int_equal(st.rss, 789);

	assert_int_equal(proc_parse_stat("", &st), -1);
	assert_int_equal(proc_parse_stat("12 (x", &st), -1);
	assert_int_equal(proc_parse_stat("12 (x) R 1 2", &st), -1);
	assert_int_equal(proc_parse_stat("x (y) R 1 2 3 4 5 6 7 8 9 10 11 12 "
	    "13 14 15 16 17 18 19 20 21 22", &st), -1);
}

static void
test_net(void **state)
{
	(void)state;
	struct net_inet s;

	assert_int_equal(net_parse_inet("   3: 0100007F:1F90 0A01A8C0:C350 01 "
	    "00000000:00000000 00:00000000 00000000  1000        0 55555 1 "
	    "0000000000000000 20 4 30 10 -1", AF_INET, &s), 0);
	assert_string_equal(s.local, "127.0.0.1");
	assert_int_equal(s.lport, 8080);
	assert_string_equal(s.remote, "192.168.1.10");
	assert_int_equal(s.rport, 50000);
	assert_int_equal(s.state, 1);
	assert_string_equal(net_tcp_state(s.state), "ESTABLISHED");
	assert_int_equal(s.uid, 1000);
	assert_int_equal(s.inode, 55555);

	/* ::1 port 22, listening. */
	assert_int_equal(net_parse_inet("   0: "
	    "00000000000000000000000001000000:0016 "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 777 1 0000000000000000 100 "
	    "0 0 10 0", AF_INET6, &s), 0);
	assert_string_equal(s.local, "::1");
	assert_int_equal(s.lport, 22);
	assert_string_equal(net_tcp_state(s.state), "LISTEN");
	assert_string_equal(net_tcp_state(99), "?");

	assert_int_equal(net_parse_inet("  sl  local_address rem_address   st",
	    AF_INET, &s), -1);
	assert_int_equal(net_parse_inet("   0: 0100007F:1F90 00000000:0000 0A",
	    AF_INET, &s), -1);
	/* An IPv6-sized address in a v4 file is refused. */
	assert_int_equal(net_parse_inet("   0: "
	    "00000000000000000000000001000000:0016 "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000     0        0 777", AF_INET, &s), -1);
}

static void
test_utmp(void **state)
{
	(void)state;
	struct utmp	 u;
	json_t		*j;

	memset(&u, 0, sizeof(u));
	u.ut_type = USER_PROCESS;
	u.ut_pid = 321;
	memcpy(u.ut_line, "pts/0", 5);
	memcpy(u.ut_user, "secretaire", 10);
	memcpy(u.ut_host, "10.0.0.9", 8);
	inet_pton(AF_INET, "10.0.0.9", &u.ut_addr_v6[0]);
	u.ut_tv.tv_sec = 1700000000;
	j = sessions_utmp_json(&u, sizeof(u));
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
	    "USER_PROCESS");
	assert_string_equal(json_string_value(json_object_get(j, "user")),
	    "secretaire");
	assert_string_equal(json_string_value(json_object_get(j, "line")),
	    "pts/0");
	assert_string_equal(json_string_value(json_object_get(j, "address")),
	    "10.0.0.9");
	assert_string_equal(json_string_value(json_object_get(j, "time_utc")),
	    "2023-11-14T22:13:20Z");
	assert_int_equal(json_integer_value(json_object_get(j, "pid")), 321);
	json_decref(j);

	/* A user name filling the whole field: no NUL, read to 32 bytes. */
	memset(u.ut_user, 'x', sizeof(u.ut_user));
	u.ut_type = 42;
	j = sessions_utmp_json(&u, sizeof(u));
	assert_int_equal(strlen(json_string_value(json_object_get(j, "user"))),
	    32);
	assert_string_equal(json_string_value(json_object_get(j, "type")), "?");
	json_decref(j);
	assert_null(sessions_utmp_json(&u, sizeof(u) - 1));
}

static void
test_read(void **state)
{
	(void)state;
	char	*b, *path;
	size_t	 len;
	int	 cut;
	FILE	*f;

	b = read_all("/proc/self/stat", 4096, &len, &cut);
	assert_non_null(b);
	assert_true(len > 20);
	assert_false(cut);
	free(b);
	path = tu_path("ten");
	f = fopen(path, "w");
	fputs("0123456789", f);
	fclose(f);
	b = read_all(path, 4, &len, &cut);
	assert_int_equal(len, 4);
	assert_true(cut);
	assert_string_equal(b, "0123");
	free(b);
	free(path);
	assert_null(read_all("/nonexistent/x", 10, &len, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_net),
		cmocka_unit_test(test_utmp),
		cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
