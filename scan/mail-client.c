/*
 * mail-client.c — the mail client side: a Thunderbird profile folder
 * (prefs.js: incoming and outgoing servers, their encryption and how the
 * password is sent; logins.json: saved passwords) and autoconfig XML
 * files (clientConfig, the format Thunderbird fetches from providers).
 *
 * Thunderbird's values (mailnews.js, nsMsgIncomingServer):
 *   socketType / try_ssl: 0 plain, 1 STARTTLS if available (an attacker
 *   can strip it), 2 STARTTLS always, 3 SSL/TLS; absent means 0.
 *   authMethod: 1 none, 2 old, 3 normal password (cleartext), 4
 *   encrypted password, 5 Kerberos, 6 NTLM, 7 TLS certificate, 9 any,
 *   10 OAuth2; absent means 3.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/i18n.h"
#include "vigie/mail.h"
#include "vigie/util.h"
#include "vigie/xml.h"

#define PREFS_FILE_MAX	(16 * 1024 * 1024)
#define XML_FILES_MAX	50

static long
num(const struct prefs *pr, const char *fmt, const char *key, long def)
{
	const struct prefs_entry	*e;
	char				*name;

	name = xasprintf(fmt, key);
	e = prefs_get(pr, name);
	free(name);
	return e != NULL && !e->is_str ? e->num : def;
}

static const char *
str(const struct prefs *pr, const char *fmt, const char *key)
{
	const struct prefs_entry	*e;
	char				*name;

	name = xasprintf(fmt, key);
	e = prefs_get(pr, name);
	free(name);
	return e != NULL && e->is_str ? e->str : NULL;
}

static const char *
socket_text(long s)
{
	switch (s) {
	case 0:	return _("no encryption");
	case 1:	return _("STARTTLS if available (can be stripped)");
	case 2:	return "STARTTLS";
	case 3:	return "SSL/TLS";
	default: return "?";
	}
}

/*
 * One server: ID is the check for its encryption, SUBJECT names it,
 * SOCK its socket type and AUTH its authentication method.
 */
static void
judge(struct mail_report *r, const char *id, const char *subject,
    long sock, long auth)
{
	int	clear = auth == 2 || auth == 3;

	if (sock == 2 || sock == 3)
		mail_add(r, id, VG_ST_PASS, subject, "%s", socket_text(sock));
	else
		mail_add(r, id, sock == 0 ? VG_ST_FAIL : VG_ST_WARN, subject,
		    "%s", socket_text(sock));
	if (clear && sock == 0)
		mail_add(r, "mail.client.password.clear", VG_ST_FAIL, subject,
		    "%s", _("The password is sent as plain text over an "
		    "unencrypted connection."));
	else if (clear && sock == 1)
		mail_add(r, "mail.client.password.clear", VG_ST_WARN, subject,
		    "%s", _("The password is sent as plain text whenever "
		    "STARTTLS is missing or stripped."));
}

static void
check_prefs(const char *dir, struct mail_report *r, int xml_files)
{
	struct prefs	 pr;
	char		*path, *text, err[VG_ERRLEN], *key, *subject;
	const char	*host, *type, *name;
	size_t		 len, n;
	long		 sock, auth, port;
	int		 i, servers = 0;

	path = xasprintf("%s/prefs.js", dir);
	/* A folder of autoconfig files alone needs no prefs.js. */
	if (xml_files > 0 && access(path, F_OK) == -1) {
		free(path);
		return;
	}
	if ((text = vg_read_file(path, PREFS_FILE_MAX, &len, err)) == NULL) {
		mail_add(r, "mail.client.profile", VG_ST_ERROR, dir, "%s", err);
		free(path);
		return;
	}
	prefs_parse(text, len, &pr);
	if (pr.bad_lines > 0)
		mail_add(r, "mail.client.profile", VG_ST_WARN, path,
		    vg_ngettext("%d line of prefs.js could not be read.",
		    "%d lines of prefs.js could not be read.", pr.bad_lines),
		    pr.bad_lines);
	/* Past the cap an account may go unseen: say so, as an error. */
	if (pr.dropped > 0)
		mail_add(r, "mail.client.profile", VG_ST_ERROR, path,
		    vg_ngettext("prefs.js holds more than %d settings, vigie's "
		    "limit: %d more was not read, so an account may be "
		    "missing from this check.", "prefs.js holds more than %d "
		    "settings, vigie's limit: %d more were not read, so an "
		    "account may be missing from this check.", pr.dropped),
		    PREFS_MAX, pr.dropped);
	for (i = 0; i < pr.n; i++) {
		name = pr.v[i].name;
		n = strlen(name);
		if (strncmp(name, "mail.server.", 12) == 0 && n > 21 &&
		    strcmp(name + n - 9, ".hostname") == 0) {
			key = xstrndup(name + 12, n - 21);
			if (strcmp(key, "default") == 0) {
				free(key);
				continue;
			}
			type = str(&pr, "mail.server.%s.type", key);
			if (type == NULL || (strcmp(type, "imap") != 0 &&
			    strcmp(type, "pop3") != 0)) {
				free(key);
				continue;
			}
			host = pr.v[i].is_str ? pr.v[i].str : "?";
			sock = num(&pr, "mail.server.%s.socketType", key,
			    num(&pr, "mail.server.%s.socketType", "default",
			    0));
			auth = num(&pr, "mail.server.%s.authMethod", key,
			    num(&pr, "mail.server.%s.authMethod", "default",
			    3));
			port = num(&pr, "mail.server.%s.port", key, 0);
			subject = port ? xasprintf("%s %s:%ld (%s)", type,
			    host, port, key) : xasprintf("%s %s (%s)", type,
			    host, key);
			judge(r, "mail.client.incoming.tls", subject, sock,
			    auth);
			servers++;
			free(subject);
			free(key);
		} else if (strncmp(name, "mail.smtpserver.", 16) == 0 &&
		    n > 25 && strcmp(name + n - 9, ".hostname") == 0) {
			key = xstrndup(name + 16, n - 25);
			host = pr.v[i].is_str ? pr.v[i].str : "?";
			/* Newer versions say socketType, older try_ssl. */
			sock = num(&pr, "mail.smtpserver.%s.try_ssl", key, 0);
			sock = num(&pr, "mail.smtpserver.%s.socketType", key,
			    sock);
			auth = num(&pr, "mail.smtpserver.%s.authMethod", key,
			    3);
			port = num(&pr, "mail.smtpserver.%s.port", key, 0);
			subject = port ? xasprintf("smtp %s:%ld (%s)", host,
			    port, key) : xasprintf("smtp %s (%s)", host, key);
			judge(r, "mail.client.smtp.tls", subject, sock, auth);
			servers++;
			free(subject);
			free(key);
		}
	}
	if (servers == 0)
		mail_add(r, "mail.client.profile", VG_ST_INFO, path, "%s",
		    _("No mail account in this profile."));
	prefs_free(&pr);
	free(text);
	free(path);
}

/*
 * Saved passwords (logins.json) and whether a primary password protects
 * them (key4.db, see mail-key4.c).
 */
static void
check_logins(const char *dir, struct mail_report *r)
{
	char		*path, *key4, *text, err[VG_ERRLEN];
	const char	*p, *why;
	size_t		 len;
	int		 n = 0, empty;

	path = xasprintf("%s/logins.json", dir);
	key4 = xasprintf("%s/key4.db", dir);
	if ((text = vg_read_file(path, PREFS_FILE_MAX, &len, err)) != NULL)
		for (p = text; (p = strstr(p, "\"encryptedPassword\"")) !=
		    NULL; p++)
			n++;
	if (n == 0) {
		if (text != NULL)
			mail_add(r, "mail.client.primary-password", VG_ST_INFO,
			    path, "%s", _("No saved password."));
		goto out;
	}
	empty = access(key4, F_OK) == 0 ? key4_check_file(key4, &why) : -1;
	if (empty == -1 && access(key4, F_OK) == -1)
		why = N_("key4.db is missing");
	if (empty == 1)
		mail_add(r, "mail.client.primary-password", VG_ST_FAIL, key4,
		    vg_ngettext("%d saved password and no primary password: "
		    "whoever copies the profile reads it.", "%d saved passwords "
		    "and no primary password: whoever copies the profile reads "
		    "them.", n), n);
	else if (empty == 0)
		mail_add(r, "mail.client.primary-password", VG_ST_PASS, key4,
		    vg_ngettext("%d saved password, protected by a primary "
		    "password.", "%d saved passwords, protected by a primary "
		    "password.", n), n);
	else
		mail_add(r, "mail.client.primary-password", VG_ST_WARN, key4,
		    vg_ngettext("%d saved password; whether a primary "
		    "password protects it is unknown (%s): check it in "
		    "Thunderbird's settings.", "%d saved passwords; whether a "
		    "primary password protects them is unknown (%s): check it "
		    "in Thunderbird's settings.", n), n, _(why));
out:
	free(text);
	free(key4);
	free(path);
}

static void
autoconfig_server(struct mail_report *r, const char *file, xmlNodePtr s,
    int outgoing)
{
	char	*type, *host, *sock, *auth, *port, *subject;
	long	 st;
	long	 am;

	type = vg_xml_attr(s, "type");
	host = vg_xml_content(vg_xml_child(s, "hostname"));
	port = vg_xml_content(vg_xml_child(s, "port"));
	sock = vg_xml_content(vg_xml_child(s, "socketType"));
	auth = vg_xml_content(vg_xml_child(s, "authentication"));
	subject = xasprintf("%s %s:%s (%s)", type ? type : "?",
	    host ? host : "?", port ? port : "?", file);
	st = sock == NULL ? 0 : strcmp(sock, "SSL") == 0 ? 3 :
	    strcmp(sock, "STARTTLS") == 0 ? 2 : 0;
	am = auth != NULL && (strcmp(auth, "password-cleartext") == 0 ||
	    strcmp(auth, "plain") == 0) ? 3 : 4;
	(void)outgoing;
	judge(r, "mail.client.autoconfig", subject, st, am);
	free(subject);
	free(type);
	free(host);
	free(port);
	free(sock);
	free(auth);
}

static void
check_autoconfig_file(const char *path, const char *label,
    struct mail_report *r)
{
	xmlDocPtr	doc;
	xmlNodePtr	root, prov, s;
	char		err[VG_ERRLEN];

	if ((doc = vg_xml_load(path, NULL, err)) == NULL) {
		mail_add(r, "mail.client.autoconfig", VG_ST_ERROR, path, "%s",
		    err);
		return;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name,
	    "clientConfig") != 0)
		goto out;
	VG_XML_FOREACH(prov, root, "emailProvider") {
		VG_XML_FOREACH(s, prov, "incomingServer")
			autoconfig_server(r, label, s, 0);
		VG_XML_FOREACH(s, prov, "outgoingServer")
			autoconfig_server(r, label, s, 1);
	}
out:
	xmlFreeDoc(doc);
}

static void
check_autoconfig_dir(const char *dir, struct mail_report *r, int *count)
{
	DIR		*d;
	struct dirent	*e;
	char		*path;
	size_t		 n;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL && *count < XML_FILES_MAX) {
		n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		check_autoconfig_file(path, e->d_name, r);
		(*count)++;
		free(path);
	}
	closedir(d);
}

void
client_check_profile(const char *dir, struct mail_report *r)
{
	struct stat	 sb;
	char		*isp;
	int		 count = 0;

	r->profile = xstrdup(dir);
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		mail_add(r, "mail.client.profile", VG_ST_ERROR, dir,
		    _("%s is not a folder."), dir);
		return;
	}
	check_autoconfig_dir(dir, r, &count);
	isp = xasprintf("%s/isp", dir);
	check_autoconfig_dir(isp, r, &count);
	free(isp);
	check_prefs(dir, r, count);
	check_logins(dir, r);
}
