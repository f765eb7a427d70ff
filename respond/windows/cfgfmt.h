/*
 * cfgfmt.h — the portable part of vigie-collect.exe's configuration
 * state (no Win32 here, so that it is tested on Linux): the values the
 * APIs return (audit policy flags, BitLocker and firewall states, the
 * Windows Update history's OLE dates, Defender and Security Center
 * properties, DNS record types) written as the text files that
 * `vigie scan config --windows` reads (docs/formats/windows-config.md):
 * lines "Label   value" or "Label : value", as scan/config-cmdout.c
 * splits them.
 *
 * Names and values come from the examined PC: every label and value is
 * cleaned to one line (control characters become spaces), and labels
 * lose what would make the reader split them elsewhere (": ", runs of
 * spaces), so that a hostile string can never be read as another line
 * or another label.
 */
#ifndef VIGIE_CFGFMT_H
#define VIGIE_CFGFMT_H

#include <stddef.h>
#include <stdint.h>

#include "regfmt.h"

/* LABEL cleaned: one line, no ':' , no run of spaces, trimmed. */
void	cf_label(struct rbuf *, const char *label);
/* VALUE cleaned: one line, runs of spaces kept, trimmed; "-" if empty. */
void	cf_value(struct rbuf *, const char *value);
/* "LABEL : VALUE\n", both cleaned (Format-List style). */
void	cf_kv(struct rbuf *, const char *label, const char *value);

/* auditpol: the setting of AuditingInformation (POLICY_AUDIT_EVENT_*). */
const char *cf_audit_setting(uint32_t info);
/* "  SUBCATEGORY<spaces>SETTING\n", as `auditpol /get /category:*`. */
void	cf_audit_line(struct rbuf *, const char *name, uint32_t info);

/* manage-bde: Win32_EncryptableVolume's ConversionStatus and
 * ProtectionStatus in words ("Unknown (N)" for others, N < 0: unknown). */
const char *cf_bl_conversion(long v, char buf[32]);
const char *cf_bl_protection(long v, char buf[32]);
/*
 * One volume as `manage-bde -status` prints it: "Volume C: [...]" then
 * "    Conversion Status:    ..." and "    Protection Status:    ...".
 * LETTER is "C:" (any other form is written as a volume without a
 * letter, "Volume (no letter) ID"). CONV or PROT < 0: line left out.
 */
void	cf_bl_volume(struct rbuf *, const char *letter, const char *id,
	    long conv, long prot);

/*
 * One profile (1 domain, 2 private, 4 public: NET_FW_PROFILE2_*) as
 * `netsh advfirewall show allprofiles` prints it. ENABLED, IN_BLOCK,
 * OUT_BLOCK, BLOCK_ALL: 1 yes, 0 no, -1 unknown (line left out; the
 * policy line needs both IN_BLOCK and OUT_BLOCK). -1 on a bad profile.
 */
int	cf_fw_profile(struct rbuf *, int profile, int enabled, int in_block,
	    int out_block, int block_all);

/*
 * An OLE Automation DATE (days since 1899-12-30, UTC for the Windows
 * Update history) as YYYY-MM-DD in OUT; -1 if not a date of years
 * 1900 to 9999 (NaN, infinite, negative, too large).
 */
int	cf_ole_date(double d, char out[11]);

/* One entry of the Windows Update history (IUpdateHistoryEntry). */
struct cf_update {
	double	 date;		/* OLE DATE, UTC */
	int	 operation;	/* UpdateOperation: 1 install, 2 uninstall */
	int	 result;	/* OperationResultCode: 2 ok, 3 with errors */
	char	*title;		/* UTF-8, may be NULL */
	long	 hresult;
};
/*
 * The history as updates.txt, newest first: "InstalledOn : DATE" for
 * each succeeded installation (the line WIN-UPD-02 reads first), "Date
 * : DATE" for the other entries; then Operation, Result, Title. Sorts
 * U in place. Entries whose date is not a date are written "Date : ?".
 */
void	cf_updates(struct rbuf *, struct cf_update *u, size_t n);

/* A DNS record type's mnemonic ("A", "AAAA"...), or NULL. */
const char *cf_dns_type(unsigned type);
/* One JSON line of the DNS cache: name, type, ttl, data (UTF-8, may be
 * NULL), and the cache entry's flags. */
void	cf_dns_json(struct rbuf *, const char *name, unsigned type,
	    unsigned long ttl, const char *data, unsigned long flags);

#endif
