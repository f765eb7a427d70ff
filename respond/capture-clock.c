/*
 * capture-clock.c — the first, most volatile step: what the machine
 * believes the time is (wall clock, monotonic and boot clocks, boot
 * time, time zone) and whether the kernel considers its clock
 * synchronised (adjtimex), so that every other time stamp of the
 * capture can be related to real time. RFC 3227 asks for the clock's
 * drift: the operator's reference time, typed with --clock-ref, gives it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "vigie/base.h"
#include "vigie/json.h"
#include "vigie/util.h"
#include "vigie/capture.h"

static json_t *
clock_ts(clockid_t id)
{
	struct timespec	ts;

	if (clock_gettime(id, &ts) == -1)
		return json_null();
	return json_integer((json_int_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static json_t *
clock_ntp(void)
{
	struct timex	tx;
	int		state;

	memset(&tx, 0, sizeof(tx));
	tx.modes = 0;		/* read only: never adjusts the clock */
	if ((state = adjtimex(&tx)) == -1)
		return json_pack("{s:s}", "error", strerror(errno));
	return json_pack("{s:b, s:i, s:i, s:I, s:I, s:I, s:s}",
	    "synchronised", state != TIME_ERROR && !(tx.status & STA_UNSYNC),
	    "state", state, "status", tx.status,
	    "offset", (json_int_t)tx.offset,
	    "maxerror_us", (json_int_t)tx.maxerror,
	    "esterror_us", (json_int_t)tx.esterror,
	    "offset_unit", (tx.status & STA_NANO) ? "ns" : "us");
}

static json_t *
clock_zone(struct capture_ctx *ctx)
{
	json_t		*z;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		*link, *tzfile;
	size_t		 len;

	z = json_object();
	json_object_set_new(z, "TZ", vg_json_str(getenv("TZ")));
	link = read_link("/etc/localtime");
	json_object_set_new(z, "localtime_link", vg_json_str(link));
	free(link);
	if ((tzfile = read_all("/etc/timezone", 4096, &len, NULL)) != NULL) {
		while (len > 0 && (tzfile[len - 1] == '\n' ||
		    tzfile[len - 1] == ' '))
			tzfile[--len] = '\0';
		json_object_set_new(z, "etc_timezone", vg_json_str(tzfile));
		free(tzfile);
	}
	if (localtime_r(&now, &tm) != NULL) {
		json_object_set_new(z, "abbreviation",
		    vg_json_str(tm.tm_zone));
		json_object_set_new(z, "utc_offset_s",
		    json_integer(tm.tm_gmtoff));
		json_object_set_new(z, "dst", json_boolean(tm.tm_isdst > 0));
	}
	(void)ctx;
	return z;
}

int
clock_step(struct capture_ctx *ctx, char *err)
{
	struct artifact	*a;
	struct timespec	 rt;
	json_t		*j;
	char		 iso[32], *uptime, *path;
	time_t		 ref;
	int		 rc;

	clock_gettime(CLOCK_REALTIME, &rt);
	vg_time_iso(rt.tv_sec, iso);
	j = json_pack("{s:s, s:I}", "realtime_utc", iso,
	    "realtime_ns", (json_int_t)rt.tv_sec * 1000000000 + rt.tv_nsec);
	json_object_set_new(j, "monotonic_ns", clock_ts(CLOCK_MONOTONIC));
	json_object_set_new(j, "boottime_ns", clock_ts(CLOCK_BOOTTIME));
	if (ctx->boot_time > 0) {
		vg_time_iso(ctx->boot_time, iso);
		json_object_set_new(j, "boot_time_utc", json_string(iso));
	}
	path = capture_proc(ctx, "/uptime");
	if ((uptime = read_all(path, 256, NULL, NULL)) != NULL) {
		json_object_set_new(j, "proc_uptime", vg_json_str(uptime));
		free(uptime);
	} else
		capture_warn(ctx, "%s: %s", path, strerror(errno));
	free(path);
	json_object_set_new(j, "timezone", clock_zone(ctx));
	json_object_set_new(j, "ntp", clock_ntp());
	if (ctx->opts->clock_ref != NULL) {
		json_object_set_new(j, "reference_typed",
		    vg_json_str(ctx->opts->clock_ref));
		if (vg_time_parse_iso(ctx->opts->clock_ref, &ref) == 0)
			json_object_set_new(j, "offset_s", json_integer(
			    (json_int_t)(rt.tv_sec - ref)));
	}
	if ((a = artifact_open(ctx, "clock.json", "clock_gettime, adjtimex, "
	    "/proc/uptime, /etc/localtime", err)) == NULL) {
		json_decref(j);
		return -1;
	}
	artifact_json(a, j);
	if (artifact_close(a, 0, err) == -1)
		return -1;
	rc = artifact_copy(ctx, "/etc/adjtime", "etc/adjtime", 0, 1 << 20,
	    NULL, err);
	if (rc == -1)
		capture_warn(ctx, "%s", err);
	return 0;
}
