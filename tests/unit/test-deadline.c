/*
 * test-deadline.c — Paris local time and deadlines (respond/deadline.c):
 * the EU daylight-saving switches in both directions, deadlines that
 * cross them, T0 parsing (past, future, gaps, repeated hours, offsets),
 * and a cross-check against the system time zone database when it is
 * installed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "vigie/vigie.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/util.h"

/* UTC instant from "YYYY-MM-DDTHH:MM:SSZ". */
static time_t
utc(const char *s)
{
	time_t t;

	if (vg_time_parse_iso(s, &t) == -1)
		fail_msg("bad test time %s", s);
	return t;
}

static void
test_offsets_at_the_switches(void **state)
{
	(void)state;
	/* 2026: last Sunday of March is the 29th, of October the 25th. */
	assert_int_equal(deadline_paris_offset(utc("2026-03-29T00:59:59Z")),
	    3600);
	assert_int_equal(deadline_paris_offset(utc("2026-03-29T01:00:00Z")),
	    7200);
	assert_int_equal(deadline_paris_offset(utc("2026-10-25T00:59:59Z")),
	    7200);
	assert_int_equal(deadline_paris_offset(utc("2026-10-25T01:00:00Z")),
	    3600);
	/* 2027: 28 March and 31 October. */
	assert_int_equal(deadline_paris_offset(utc("2027-03-28T00:30:00Z")),
	    3600);
	assert_int_equal(deadline_paris_offset(utc("2027-03-28T01:30:00Z")),
	    7200);
	assert_int_equal(deadline_paris_offset(utc("2027-10-31T00:30:00Z")),
	    7200);
	assert_int_equal(deadline_paris_offset(utc("2027-10-31T01:30:00Z")),
	    3600);
	/* Deep winter and summer, and New Year's Eve. */
	assert_int_equal(deadline_paris_offset(utc("2026-01-15T12:00:00Z")),
	    3600);
	assert_int_equal(deadline_paris_offset(utc("2026-07-14T12:00:00Z")),
	    7200);
	assert_int_equal(deadline_paris_offset(utc("2026-12-31T23:30:00Z")),
	    3600);
}

static void
test_local_to_utc(void **state)
{
	time_t t;

	(void)state;
	assert_int_equal(deadline_from_paris(2026, 11, 25, 8, 10, 0, &t), 0);
	assert_int_equal(t, utc("2026-11-25T07:10:00Z"));
	assert_int_equal(deadline_from_paris(2026, 7, 14, 8, 10, 0, &t), 0);
	assert_int_equal(t, utc("2026-07-14T06:10:00Z"));
	/* 02:30 does not exist on 29 March 2026. */
	assert_int_equal(deadline_from_paris(2026, 3, 29, 2, 30, 0, &t), -1);
	assert_int_equal(deadline_from_paris(2026, 3, 29, 3, 0, 0, &t), 0);
	assert_int_equal(t, utc("2026-03-29T01:00:00Z"));
	assert_int_equal(deadline_from_paris(2026, 3, 29, 1, 59, 0, &t), 0);
	assert_int_equal(t, utc("2026-03-29T00:59:00Z"));
	/* 02:30 happens twice on 25 October 2026: the first is summer time. */
	assert_int_equal(deadline_from_paris(2026, 10, 25, 2, 30, 0, &t), 1);
	assert_int_equal(t, utc("2026-10-25T00:30:00Z"));
	assert_int_equal(deadline_from_paris(2026, 10, 25, 3, 0, 0, &t), 0);
	assert_int_equal(t, utc("2026-10-25T02:00:00Z"));
	/* Impossible dates. */
	assert_int_equal(deadline_from_paris(2026, 2, 29, 8, 0, 0, &t), -1);
	assert_int_equal(deadline_from_paris(2028, 2, 29, 8, 0, 0, &t), 0);
	assert_int_equal(deadline_from_paris(2026, 4, 31, 8, 0, 0, &t), -1);
	assert_int_equal(deadline_from_paris(2026, 13, 1, 8, 0, 0, &t), -1);
	assert_int_equal(deadline_from_paris(1999, 1, 1, 8, 0, 0, &t), -1);
}

/* T0 + 72 h across each change, read back as Paris wall-clock time. */
static void
test_72h_across_dst(void **state)
{
	char buf[64];
	time_t t0;

	(void)state;
	assert_int_equal(vg_i18n_init("en", buf), 0);
	/* Spring forward: Saturday 10:00 (UTC+1) + 72 h = Tuesday 11:00. */
	assert_int_equal(deadline_from_paris(2026, 3, 28, 10, 0, 0, &t0), 0);
	deadline_format(t0 + 72 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "Tue 2026-03-31 11:00");
	deadline_format_iso(t0 + 72 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "2026-03-31T11:00:00+02:00");
	/* Fall back: Saturday 10:00 (UTC+2) + 72 h = Tuesday 09:00. */
	assert_int_equal(deadline_from_paris(2026, 10, 24, 10, 0, 0, &t0), 0);
	deadline_format(t0 + 72 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "Tue 2026-10-27 09:00");
	deadline_format_iso(t0 + 72 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "2026-10-27T09:00:00+01:00");
	/* 15 minutes straddling the spring gap: 01:55 + 15 min = 03:10. */
	assert_int_equal(deadline_from_paris(2026, 3, 29, 1, 55, 0, &t0), 0);
	deadline_format_short(t0 + 15 * 60, buf, sizeof(buf));
	assert_string_equal(buf, "2026-03-29 03:10");
	/* And the autumn repeat: 02:50 (summer) + 15 min = 02:05 (winter). */
	assert_int_equal(deadline_from_paris(2026, 10, 25, 2, 50, 0, &t0), 1);
	deadline_format_iso(t0 + 15 * 60, buf, sizeof(buf));
	assert_string_equal(buf, "2026-10-25T02:05:00+01:00");
	/* French form. */
	assert_int_equal(vg_i18n_init("fr", buf), 0);
	deadline_format(utc("2026-11-25T07:10:00Z"), buf, sizeof(buf));
	assert_string_equal(buf, "mer. 25/11/2026 08:10");
}

static void
test_parse_t0(void **state)
{
	char err[VG_ERRLEN];
	time_t now = utc("2026-11-25T16:00:00Z"), t;
	int amb;

	(void)state;
	assert_int_equal(vg_i18n_init("en", err), 0);
	assert_int_equal(deadline_parse_t0("now", now, &t, &amb, err), 0);
	assert_int_equal(t, now);
	assert_int_equal(deadline_parse_t0("2026-11-25 08:10", now, &t, &amb,
	    err), 0);
	assert_int_equal(t, utc("2026-11-25T07:10:00Z"));
	assert_int_equal(amb, 0);
	assert_int_equal(deadline_parse_t0("2026-11-25T08:10:30", now, &t,
	    &amb, err), 0);
	assert_int_equal(t, utc("2026-11-25T07:10:30Z"));
	assert_int_equal(deadline_parse_t0("25/11/2026 08:10", now, &t, &amb,
	    err), 0);
	assert_int_equal(t, utc("2026-11-25T07:10:00Z"));
	/* A time alone is today in Paris (17:00 local at NOW). */
	assert_int_equal(deadline_parse_t0("08:10", now, &t, &amb, err), 0);
	assert_int_equal(t, utc("2026-11-25T07:10:00Z"));
	/* Explicit offsets. */
	assert_int_equal(deadline_parse_t0("2026-11-25 08:10Z", now, &t, &amb,
	    err), 0);
	assert_int_equal(t, utc("2026-11-25T08:10:00Z"));
	assert_int_equal(deadline_parse_t0("2026-11-25 08:10 +02:00", now, &t,
	    &amb, err), 0);
	assert_int_equal(t, utc("2026-11-25T06:10:00Z"));
	assert_int_equal(deadline_parse_t0("2026-11-25T08:10-0130", now, &t,
	    &amb, err), 0);
	assert_int_equal(t, utc("2026-11-25T09:40:00Z"));
	/* Far in the past is fine: the deadlines are just overdue. */
	assert_int_equal(deadline_parse_t0("2024-06-01 10:00", now, &t, &amb,
	    err), 0);
	assert_int_equal(t, utc("2024-06-01T08:00:00Z"));
	/* The repeated hour of October: flagged, first one taken. */
	assert_int_equal(deadline_parse_t0("2026-10-25 02:30", now, &t, &amb,
	    err), 0);
	assert_int_equal(amb, 1);
	assert_int_equal(t, utc("2026-10-25T00:30:00Z"));
	assert_int_equal(deadline_parse_t0("2026-10-25 02:30+01:00", now, &t,
	    &amb, err), 0);
	assert_int_equal(amb, 0);
	assert_int_equal(t, utc("2026-10-25T01:30:00Z"));

	/* Refused, with a message naming the input. */
	assert_int_equal(deadline_parse_t0("2026-03-29 02:30", now, &t, &amb,
	    err), -1);
	assert_non_null(strstr(err, "does not exist"));
	assert_int_equal(deadline_parse_t0("2026-11-25 18:00", now, &t, &amb,
	    err), -1);
	assert_non_null(strstr(err, "future"));
	assert_int_equal(deadline_parse_t0("17:04", now, &t, &amb, err), 0);
	assert_int_equal(deadline_parse_t0("17:06", now, &t, &amb, err), -1);
	assert_int_equal(deadline_parse_t0("2026-02-30 10:00", now, &t, &amb,
	    err), -1);
	assert_non_null(strstr(err, "2026-02-30 10:00"));
	assert_int_equal(deadline_parse_t0("31/04/2026 10:00", now, &t, &amb,
	    err), -1);
	assert_int_equal(deadline_parse_t0("1999-12-31 10:00", now, &t, &amb,
	    err), -1);
	assert_int_equal(deadline_parse_t0("yesterday", now, &t, &amb, err),
	    -1);
	assert_non_null(strstr(err, "not understood"));
	assert_int_equal(deadline_parse_t0("", now, &t, &amb, err), -1);
	assert_int_equal(deadline_parse_t0("2026-11-25 8:10", now, &t, &amb,
	    err), -1);
	assert_int_equal(deadline_parse_t0("2026-11-25 08:10 junk", now, &t,
	    &amb, err), -1);
	assert_int_equal(deadline_parse_t0("2026-11-25 24:00", now, &t, &amb,
	    err), -1);
	assert_int_equal(deadline_parse_t0("2026-11-25 08:10+15:00", now, &t,
	    &amb, err), -1);
}

static void
test_durations(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(vg_i18n_init("en", buf), 0);
	deadline_duration(0, buf, sizeof(buf));
	assert_string_equal(buf, "0 min");
	deadline_duration(1, buf, sizeof(buf));
	assert_string_equal(buf, "1 min");	/* never "0" while time is left */
	deadline_duration(3600, buf, sizeof(buf));
	assert_string_equal(buf, "1 h 00 min");
	deadline_duration(72 * 3600 - 60, buf, sizeof(buf));
	assert_string_equal(buf, "2 d 23 h");
	deadline_duration(90000, buf, sizeof(buf));
	assert_string_equal(buf, "1 d 1 h");
	deadline_duration(-5, buf, sizeof(buf));
	assert_string_equal(buf, "0 min");
	assert_int_equal(vg_i18n_init("fr", buf), 0);
	deadline_duration(90000, buf, sizeof(buf));
	assert_string_equal(buf, "1 j 1 h");
}

/*
 * Our rule against the system's time zone database, every 20 minutes
 * from 2000 to 2040, when tzdata is installed. The two must agree
 * exactly; a difference means one of them has the rule wrong.
 */
static void
test_against_tzdata(void **state)
{
	time_t t, end;
	struct tm tm, ours;
	long bad = 0;

	(void)state;
	if (access("/usr/share/zoneinfo/Europe/Paris", R_OK) != 0)
		skip();		/* tzdata absent: our own rule stands alone */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	t = utc("2000-01-01T00:00:00Z");
	end = utc("2040-01-01T00:00:00Z");
	for (; t < end; t += 20 * 60) {
		localtime_r(&t, &tm);
		deadline_paris_tm(t, &ours);
		if (tm.tm_gmtoff != deadline_paris_offset(t) ||
		    tm.tm_hour != ours.tm_hour || tm.tm_mday != ours.tm_mday ||
		    tm.tm_mon != ours.tm_mon || tm.tm_year != ours.tm_year ||
		    tm.tm_wday != ours.tm_wday || tm.tm_isdst != ours.tm_isdst)
			if (bad++ < 5)
				print_message("# differ at %lld\n",
				    (long long)t);
	}
	unsetenv("TZ");
	tzset();
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets_at_the_switches),
		cmocka_unit_test(test_local_to_utc),
		cmocka_unit_test(test_72h_across_dst),
		cmocka_unit_test(test_parse_t0),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_against_tzdata),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
