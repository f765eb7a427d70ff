/*
 * cfgfmt-check.h — the property shared by tests/unit/test-cfgfmt.c and
 * tests/fuzz/fuzz-cfgfmt.c: a label and a value from the examined PC,
 * written by the Windows collector's formatter (respond/windows/
 * cfgfmt.c), make exactly one line that scan config's reader
 * (cmdout_split, scan/config-cmdout.c) splits back into the cleaned
 * label and the cleaned value: a hostile string never becomes another
 * line or another label.
 */
#include "../../respond/windows/regfmt.c"
#include "../../respond/windows/cfgfmt.c"

/* One line of B (ending "\n", no other "\n") split into WANT_L / WANT_V;
 * 0 when it does. */
static int
cfgfmt_line_splits(const struct rbuf *b, const char *want_l,
    const char *want_v)
{
	char	*line, *l, *v;
	int	 rc = -1;

	if (b->p == NULL || b->n == 0 || b->p[b->n - 1] != '\n' ||
	    memchr(b->p, '\n', b->n - 1) != NULL ||
	    strlen(b->p) != b->n)
		return -1;
	line = strndup(b->p, b->n - 1);
	if (line != NULL && cmdout_split(line, &l, &v) == 0) {
		rc = strcmp(l, want_l) == 0 && strcmp(v, want_v) == 0 ? 0 : -1;
		free(l);
		free(v);
	}
	free(line);
	return rc;
}

/* cf_kv(LABEL, VALUE) and cf_audit_line(LABEL, INFO) split back. */
static int
cfgfmt_roundtrip(const char *label, const char *value, uint32_t info)
{
	struct rbuf cl = { 0 }, cv = { 0 }, kv = { 0 }, au = { 0 };
	int rc;

	cf_label(&cl, label);
	cf_value(&cv, value);
	cf_kv(&kv, label, value);
	cf_audit_line(&au, label, info);
	rc = cl.p == NULL || cv.p == NULL || strchr(cl.p, ':') != NULL ||
	    strstr(cl.p, "  ") != NULL ||
	    cfgfmt_line_splits(&kv, cl.p, cv.p) == -1 ||
	    cfgfmt_line_splits(&au, cl.p, cf_audit_setting(info)) == -1 ?
	    -1 : 0;
	rb_free(&cl);
	rb_free(&cv);
	rb_free(&kv);
	rb_free(&au);
	return rc;
}
