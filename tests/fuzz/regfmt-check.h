/*
 * regfmt-check.h — the property shared by tests/unit/test-regfmt.c and
 * tests/fuzz/fuzz-regfmt.c: a registry value written by the Windows
 * collector's formatter (respond/windows/regfmt.c) is read back by
 * vigie's own .reg reader (scan/config-reg.c) with the same name, type
 * and bytes, or the formatter refused it; and a JSON string it writes is
 * valid JSON that decodes to the same text.
 */
#include <jansson.h>

#include "../../respond/windows/regfmt.c"

/*
 * 0 when the value round-trips (or was refused: *REFUSED = 1). The
 * value is compared by its exact name, not through reg_value_find(),
 * which reads "@" as the default value.
 */
static int
regfmt_roundtrip(const unsigned char *name, size_t nlen, uint32_t type,
    const unsigned char *data, size_t dlen, int *refused)
{
	struct rbuf	 t = { 0 }, f = { 0 }, u8name = { 0 };
	struct reg_db	 db = { 0 };
	char		 err[VG_ERRLEN];
	const struct reg_key *k;
	const struct reg_value *v;
	int		 rc = -1;

	*refused = 0;
	rb_str(&t, "Windows Registry Editor Version 5.00\n\n"
	    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\n");
	if (rf_reg_value(&t, name, nlen, type, data, dlen) == -1) {
		*refused = 1;
		rb_free(&t);
		return 0;
	}
	rf_utf8_to_utf16_file(&f, t.p, t.n);
	rf_utf16_to_utf8(&u8name, name, nlen, 1);
	if (reg_parse(&db, f.p, f.n, "t.reg", err) == 0 &&
	    (k = reg_key_find(&db, "HKLM\\SOFTWARE\\T")) != NULL &&
	    k->nvalues == 1 && (v = &k->values[0]) != NULL &&
	    strcmp(v->name, u8name.p ? u8name.p : "") == 0 &&
	    v->type == type && v->len == dlen &&
	    (dlen == 0 || memcmp(v->data, data, dlen) == 0))
		rc = 0;
	reg_db_clear(&db);
	rb_free(&t);
	rb_free(&f);
	rb_free(&u8name);
	return rc;
}

/* 0 when rf_json_str(S) is a JSON string; equal to S if S is UTF-8. */
static int
regfmt_json(const char *s, size_t n, int utf8)
{
	struct rbuf	 b = { 0 };
	json_t		*j;
	int		 rc = -1;

	rf_json_str(&b, s, n);
	j = json_loadb(b.p, b.n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (j != NULL && json_is_string(j) && (!utf8 ||
	    (json_string_length(j) == n && memcmp(json_string_value(j), s,
	    n) == 0)))
		rc = 0;
	json_decref(j);
	rb_free(&b);
	return rc;
}
