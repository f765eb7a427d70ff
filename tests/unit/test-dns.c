/*
 * test-dns.c — the resolver module (lib/dns.c): reading TXT and names
 * from wire data (good and broken), resolver set-up errors, and real
 * queries to servers on loopback made here: one that never answers (the
 * query must come back as a timeout) and one that refuses.
 */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/dns.h"

static void
test_txt(void **state)
{
	(void)state;
	struct vg_dns_rr rr;
	unsigned char good[] = "\x06v=spf1\x05 -all", bad[] = "\x09short";
	char *s;
	size_t len;

	rr.data = good;
	rr.len = sizeof(good) - 1;
	s = vg_dns_txt(&rr, &len);
	assert_string_equal(s, "v=spf1 -all");
	assert_int_equal(len, 11);
	free(s);
	rr.data = bad;
	rr.len = sizeof(bad) - 1;
	assert_null(vg_dns_txt(&rr, &len));
	rr.len = 0;
	s = vg_dns_txt(&rr, &len);
	assert_string_equal(s, "");
	free(s);
}

static void
test_name(void **state)
{
	(void)state;
	static const unsigned char mx[] = "\x03mx1\x07" "example\x02" "fr";
	static const unsigned char dot[] = "\x02" "a.\x02" "fr";
	static const unsigned char ctl[] = "\x02" "a\n\x02" "fr";
	unsigned char root[1] = { 0 }, over[] = { 10, 'a', 'b' };
	char out[256];
	size_t off = 0;

	assert_int_equal(vg_dns_name(mx, sizeof(mx), &off, out), 0);
	assert_string_equal(out, "mx1.example.fr");
	assert_int_equal(off, sizeof(mx));
	off = 0;
	assert_int_equal(vg_dns_name(root, 1, &off, out), 0);
	assert_string_equal(out, ".");
	off = 0;
	assert_int_equal(vg_dns_name(over, sizeof(over), &off, out), -1);
	off = 0;
	assert_int_equal(vg_dns_name(dot, sizeof(dot), &off, out), -1);
	off = 0;
	assert_int_equal(vg_dns_name(ctl, sizeof(ctl), &off, out), -1);
	off = 0;
	assert_int_equal(vg_dns_name(mx, sizeof(mx) - 1, &off, out), -1);
}

static void
test_setup_errors(void **state)
{
	(void)state;
	struct vg_dns_opts o;
	struct vg_dns *d;
	char err[VG_ERRLEN];

	memset(&o, 0, sizeof(o));
	o.server = "not-an-ip";
	assert_int_equal(vg_dns_new(&o, &d, err), -1);
	assert_non_null(strstr(err, "not-an-ip"));
	o.server = "127.0.0.1:99999";
	assert_int_equal(vg_dns_new(&o, &d, err), -1);
	o.server = "[::1";
	assert_int_equal(vg_dns_new(&o, &d, err), -1);
	o.server = "127.0.0.1:53";
	o.trust_anchor = "/nonexistent/root.key";
	assert_int_equal(vg_dns_new(&o, &d, err), -1);
	assert_non_null(strstr(err, "/nonexistent/root.key"));
}

/* A UDP socket on 127.0.0.1; its port goes into SPEC. */
static int
udp_socket(char *spec, size_t len)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	getsockname(fd, (struct sockaddr *)&sin, &sl);
	snprintf(spec, len, "127.0.0.1:%d", ntohs(sin.sin_port));
	return fd;
}

static void
test_timeout(void **state)
{
	(void)state;
	struct vg_dns_opts o;
	struct vg_dns *d;
	struct vg_dns_answer *a;
	char err[VG_ERRLEN], spec[64];
	int fd;

	fd = udp_socket(spec, sizeof(spec));	/* never answers */
	memset(&o, 0, sizeof(o));
	o.server = spec;
	o.timeout_ms = 300;
	assert_int_equal(vg_dns_new(&o, &d, err), 0);
	a = vg_dns_query(d, "example.test", VG_DNS_MX, 0);
	assert_int_equal(a->status, VG_DNS_TIMEOUT);
	assert_non_null(strstr(a->why, "300 ms"));
	vg_dns_answer_free(a);
	vg_dns_free(d);
	close(fd);
}

/* Answer every query with REFUSED until the socket closes. */
static void *
refuser(void *arg)
{
	int fd = *(int *)arg;
	unsigned char buf[512];
	struct sockaddr_storage peer;
	socklen_t pl;
	ssize_t n;

	for (;;) {
		pl = sizeof(peer);
		n = recvfrom(fd, buf, sizeof(buf), 0,
		    (struct sockaddr *)&peer, &pl);
		if (n < 12)
			return NULL;
		buf[2] |= 0x80;			/* QR */
		buf[3] = (buf[3] & 0xf0) | 5;	/* REFUSED */
		sendto(fd, buf, n, 0, (struct sockaddr *)&peer, pl);
	}
}

static void
test_refused(void **state)
{
	(void)state;
	struct vg_dns_opts o;
	struct vg_dns *d;
	struct vg_dns_answer *a;
	char err[VG_ERRLEN], spec[64];
	pthread_t th;
	int fd;

	fd = udp_socket(spec, sizeof(spec));
	pthread_create(&th, NULL, refuser, &fd);
	memset(&o, 0, sizeof(o));
	o.server = spec;
	o.timeout_ms = 3000;
	assert_int_equal(vg_dns_new(&o, &d, err), 0);
	a = vg_dns_query(d, "example.test", VG_DNS_TXT, 0);
	assert_int_equal(a->status, VG_DNS_SERVFAIL);
	assert_non_null(a->why);
	vg_dns_answer_free(a);
	vg_dns_free(d);
	shutdown(fd, SHUT_RDWR);
	close(fd);
	pthread_cancel(th);
	pthread_join(th, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txt),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_setup_errors),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
