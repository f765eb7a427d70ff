/*
 * sheet.h — what the emergency sheet says (built once by cmd-sheet.c) and
 * its PDF writer (sheet-pdf.c). Private to the two files.
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

/*
 * The base type size (points) at which C fits one A4 page, from 15 down
 * to 8.5; *pages is how many pages it takes at that size (1 unless even
 * the smallest type does not fit).
 */
double	sheet_fit(const struct sheet_content *c, int *pages);
/* Write C as a PDF at PATH (0600, atomic); *pages as for sheet_fit. */
int	sheet_pdf_write(const struct sheet_content *c, const char *path,
	    int *pages, char *err);

#endif
