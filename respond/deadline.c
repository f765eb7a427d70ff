/*
 * deadline.c — Europe/Paris local time for incident deadlines, computed
 * from the EU daylight-saving rule rather than the system's time zone
 * database (which a minimal machine may lack, and whose TZ handling is
 * global state). Also parses the T0 a person types and formats dates and
 * durations for people.
 *
 * The rule (EU directive 2000/84/EC, in force since 1996): summer time
 * (UTC+2) from the last Sunday of March at 01:00 UTC to the last Sunday
 * of October at 01:00 UTC; UTC+1 the rest of the year. If the EU ever
 * changes it, this file is the one place to edit.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/incident.h"
#include "vigie/util.h"

#define YEAR_MIN	2000
#define YEAR_MAX	2100
#define FUTURE_SLACK	300	/* seconds a T0 may be ahead of the clock */

/* Days since 1970-01-01 of a proleptic Gregorian date (March-based
 * years make February the last month, so leap days fall at the end). */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
static int
weekday(long long days)
{
	int w = (int)((days + 4) % 7);

	return w < 0 ? w + 7 : w;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

/* UTC instant of 01:00 on the last Sunday of month M of year Y. */
static long long
last_sunday_0100(int y, int m)
{
	long long last = days_from_civil(y, m, days_in_month(y, m));

	return (last - weekday(last)) * 86400 + 3600;
}

int
deadline_paris_offset(time_t t)
{
	int y, m, d;

	civil_from_days((long long)t / 86400 - ((long long)t % 86400 < 0),
	    &y, &m, &d);
	if ((long long)t >= last_sunday_0100(y, 3) &&
	    (long long)t < last_sunday_0100(y, 10))
		return 7200;
	return 3600;
}

void
deadline_paris_tm(time_t t, struct tm *out)
{
	int off = deadline_paris_offset(t);
	long long l = (long long)t + off, days, secs;
	int y, m, d;

	days = l / 86400;
	secs = l % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	memset(out, 0, sizeof(*out));
	out->tm_year = y - 1900;
	out->tm_mon = m - 1;
	out->tm_mday = d;
	out->tm_hour = (int)(secs / 3600);
	out->tm_min = (int)(secs / 60 % 60);
	out->tm_sec = (int)(secs % 60);
	out->tm_wday = weekday(days);
	out->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	out->tm_isdst = off == 7200;
	out->tm_gmtoff = off;
}

int
deadline_from_paris(int y, int mon, int d, int h, int min, int s, time_t *t)
{
	long long naive, summer, winter;
	int ok_summer, ok_winter;

	if (y < YEAR_MIN || y > YEAR_MAX || mon < 1 || mon > 12 || d < 1 ||
	    d > days_in_month(y, mon) || h < 0 || h > 23 || min < 0 ||
	    min > 59 || s < 0 || s > 59)
		return -1;
	naive = days_from_civil(y, mon, d) * 86400 + h * 3600 + min * 60 + s;
	summer = naive - 7200;
	winter = naive - 3600;
	ok_summer = deadline_paris_offset((time_t)summer) == 7200;
	ok_winter = deadline_paris_offset((time_t)winter) == 3600;
	if (ok_summer) {
		*t = (time_t)summer;
		return ok_winter ? 1 : 0;
	}
	if (ok_winter) {
		*t = (time_t)winter;
		return 0;
	}
	return -1;		/* in the hour skipped in March */
}

/* ---- Parsing a T0 -------------------------------------------------- */

/* Read exactly N digits at *p into *v. */
static int
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* HH:MM[:SS] at *p. */
static int
parse_clock(const char **p, int *h, int *mi, int *s)
{
	*s = 0;
	if (digits(p, 2, h) == -1 || **p != ':')
		return -1;
	(*p)++;
	if (digits(p, 2, mi) == -1)
		return -1;
	if (**p == ':') {
		(*p)++;
		if (digits(p, 2, s) == -1)
			return -1;
	}
	return 0;
}

/* Z, +HH:MM, +HHMM, -HH:MM... at *p, in seconds east of UTC. */
static int
parse_offset(const char **p, int *off)
{
	int sign, hh, mm;

	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*off = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (digits(p, 2, &hh) == -1)
		return -1;
	if (**p == ':')
		(*p)++;
	if (digits(p, 2, &mm) == -1 || hh > 14 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	return 0;
}

int
deadline_check_t0(time_t t0, time_t now, const char *shown, char *err)
{
	struct tm tm;
	char when[64];

	/* The moment itself, not its written fields: with an offset, a
	 * date written in 2000 can be a moment of 1999. */
	deadline_paris_tm(t0, &tm);
	if (tm.tm_year + 1900 < YEAR_MIN || tm.tm_year + 1900 > YEAR_MAX) {
		vg_seterr(err, _("\"%s\": no such date or time"), shown);
		return -1;
	}
	if (t0 > now + FUTURE_SLACK) {
		deadline_format(t0, when, sizeof(when));
		vg_seterr(err, _("\"%s\" (%s) is in the future"), shown, when);
		return -1;
	}
	return 0;
}

int
deadline_parse_t0(const char *s, time_t now, time_t *t0, int *ambiguous,
    char *err)
{
	const char *p = s;
	int y = 0, mo = 0, d = 0, h, mi, sec, off = 0, has_off = 0, r;
	long long t;
	struct tm today;

	*ambiguous = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (strcasecmp(p, "now") == 0 || strcasecmp(p, "maintenant") == 0) {
		*t0 = now;
		return 0;
	}
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    p[2] == ':') {
		/* A time alone: today in Paris. */
		deadline_paris_tm(now, &today);
		y = today.tm_year + 1900;
		mo = today.tm_mon + 1;
		d = today.tm_mday;
	} else if (isdigit((unsigned char)p[0]) &&
	    isdigit((unsigned char)p[1]) && p[2] == '/') {
		if (digits(&p, 2, &d) == -1 || *p++ != '/' ||
		    digits(&p, 2, &mo) == -1 || *p++ != '/' ||
		    digits(&p, 4, &y) == -1)
			goto bad;
		if (*p != ' ' && *p != 'T')
			goto bad;
		while (*p == ' ' || *p == 'T')
			p++;
	} else {
		if (digits(&p, 4, &y) == -1 || *p++ != '-' ||
		    digits(&p, 2, &mo) == -1 || *p++ != '-' ||
		    digits(&p, 2, &d) == -1)
			goto bad;
		if (*p != ' ' && *p != 'T')
			goto bad;
		while (*p == ' ' || *p == 'T')
			p++;
	}
	if (parse_clock(&p, &h, &mi, &sec) == -1)
		goto bad;
	while (*p == ' ')
		p++;
	if (*p != '\0') {
		if (parse_offset(&p, &off) == -1)
			goto bad;
		has_off = 1;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0')
		goto bad;
	if (y < YEAR_MIN || y > YEAR_MAX || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 59) {
		vg_seterr(err, _("\"%s\": no such date or time"), s);
		return -1;
	}
	if (has_off) {
		t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
		    sec - off;
		*t0 = (time_t)t;
	} else {
		r = deadline_from_paris(y, mo, d, h, mi, sec, t0);
		if (r == -1) {
			vg_seterr(err, _("\"%s\": this time does not exist "
			    "in France (clocks jump from 02:00 to 03:00 that "
			    "night)"), s);
			return -1;
		}
		*ambiguous = r == 1;
	}
	return deadline_check_t0(*t0, now, s, err);
bad:
	vg_seterr(err, _("\"%s\" not understood: write it like "
	    "\"2026-11-25 08:10\", \"25/11/2026 08:10\", \"08:10\" (today) or "
	    "\"now\""), s);
	return -1;
}

/* ---- Formatting ---------------------------------------------------- */

static const char *const wday_fr[] = { "dim.", "lun.", "mar.", "mer.",
    "jeu.", "ven.", "sam." };
static const char *const wday_en[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
    "Fri", "Sat" };

static int
french(void)
{
	return strcmp(vg_lang(), "fr") == 0;
}

/*
 * In the autumn change the hour from 02:00 to 03:00 happens twice: a
 * wall time T shows alone would be read one hour off. When the same
 * wall time also names T - 1 h or T + 1 h, say which one it is.
 */
static const char *
ambiguous_suffix(time_t t, const struct tm *tm)
{
	struct tm o;
	int d;

	for (d = -3600; d <= 3600; d += 7200) {
		deadline_paris_tm(t + d, &o);
		if (o.tm_hour == tm->tm_hour && o.tm_min == tm->tm_min &&
		    o.tm_mday == tm->tm_mday && o.tm_gmtoff != tm->tm_gmtoff)
			return tm->tm_gmtoff > o.tm_gmtoff ?
			    _(" (summer time, UTC+2)") :
			    _(" (winter time, UTC+1)");
	}
	return "";
}

void
deadline_format(time_t t, char *buf, size_t len)
{
	struct tm tm;

	deadline_paris_tm(t, &tm);
	if (french())
		snprintf(buf, len, "%s %02d/%02d/%04d %02d:%02d%s",
		    wday_fr[tm.tm_wday], tm.tm_mday, tm.tm_mon + 1,
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		    ambiguous_suffix(t, &tm));
	else
		snprintf(buf, len, "%s %04d-%02d-%02d %02d:%02d%s",
		    wday_en[tm.tm_wday], tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min,
		    ambiguous_suffix(t, &tm));
}

void
deadline_format_short(time_t t, char *buf, size_t len)
{
	struct tm tm;

	deadline_paris_tm(t, &tm);
	if (french())
		snprintf(buf, len, "%02d/%02d/%04d %02d:%02d%s", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		    ambiguous_suffix(t, &tm));
	else
		snprintf(buf, len, "%04d-%02d-%02d %02d:%02d%s",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, ambiguous_suffix(t, &tm));
}

void
deadline_format_iso(time_t t, char *buf, size_t len)
{
	struct tm tm;

	deadline_paris_tm(t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d+%02ld:00",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, tm.tm_gmtoff / 3600);
}

void
deadline_duration(long long secs, char *buf, size_t len)
{
	long long m = (secs + 59) / 60;	/* round up: never show 0 early */

	if (secs < 0)
		m = 0;
	if (m >= 24 * 60)
		snprintf(buf, len, _("%lld d %lld h"), m / 1440,
		    m % 1440 / 60);
	else if (m >= 60)
		snprintf(buf, len, _("%lld h %02lld min"), m / 60, m % 60);
	else
		snprintf(buf, len, _("%lld min"), m);
}

time_t
deadline_now(void)
{
	const char *s = getenv("VIGIE_NOW");
	time_t t;

	if (s != NULL && *s != '\0' && vg_time_parse_iso(s, &t) == 0)
		return t;
	return time(NULL);
}
