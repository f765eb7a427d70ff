/*
 * cmd.c — the command table of vigie: a list of pointers to the entries
 * (name, usage, summary, --help text, handler) that each command file
 * defines beside its handler, in the order of `vigie --help` and of the
 * man page. Part of the program, not of libvigie.a: nothing in the
 * library knows which commands exist.
 *
 * Adding a command: write FOLDER/cmd-NAME.c with its handler and its
 * `const struct vg_cmd cmd_NAME_entry` (assess/cmd-home.c is the
 * smallest to copy), then add one X() line below.
 */
#include <stddef.h>

#include "vigie/cmd.h"

#define VG_COMMANDS(X) \
	X(cmd_profile_show_entry) \
	X(cmd_profile_set_entry) \
	X(cmd_assess_entry) \
	X(cmd_home_entry) \
	X(cmd_report_entry) \
	X(cmd_scan_mail_entry) \
	X(cmd_scan_config_entry) \
	X(cmd_scan_files_entry) \
	X(cmd_scan_processes_entry) \
	X(cmd_export_entry) \
	X(cmd_import_entry) \
	X(cmd_respond_capture_entry) \
	X(cmd_respond_verify_entry) \
	X(cmd_respond_custody_entry) \
	X(cmd_respond_incident_entry) \
	X(cmd_respond_incident_open_entry) \
	X(cmd_respond_incident_log_entry) \
	X(cmd_respond_incident_done_entry) \
	X(cmd_respond_incident_undo_entry) \
	X(cmd_respond_incident_set_entry) \
	X(cmd_respond_incident_close_entry) \
	X(cmd_respond_incident_show_entry) \
	X(cmd_respond_incident_list_entry) \
	X(cmd_respond_checklist_entry) \
	X(cmd_respond_cnil_draft_entry) \
	X(cmd_respond_sheet_entry)
/* Each entry is declared here, then listed. */
#define VG_CMD_DECLARE(entry)	extern const struct vg_cmd entry;
#define VG_CMD_POINTER(entry)	&entry,
VG_COMMANDS(VG_CMD_DECLARE)

const struct vg_cmd *const vg_cmds[] = {
	VG_COMMANDS(VG_CMD_POINTER)
	NULL
};
