/*
 * sheet.h — what the emergency sheet says, built once by cmd-sheet.c for
 * every format (the PDF is the document model's, lib/doc-pdf.c).
 */
#ifndef VIGIE_RESPOND_SHEET_H
#define VIGIE_RESPOND_SHEET_H

struct sheet_row {
	char	*who;		/* the service: "Maire" */
	char	*how;		/* name — phone — web, or what is missing */
	int	 missing;	/* no phone number: flagged on paper */
};

struct sheet_content {
	const char		*title, *warning, *footer, *table_title;
	const char *const	*actions;
	int			 nactions;
	struct sheet_row	*rows;
	int			 nrows;
	const char		*page_footer;	/* the commune */
};

#endif
