/*
 * data.c — lookups in the table of built-in data files (see data.h);
 * the table itself is generated into build/gen/data.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigie/base.h"
#include "vigie/data.h"

int
vg_builtin_is(const char *path)
{
	return path != NULL &&
	    strncmp(path, VG_BUILTIN, sizeof(VG_BUILTIN) - 1) == 0;
}

/* The name under rules/ of a built-in PATH: "builtin:/a/b" -> "a/b". */
static const char *
builtin_rel(const char *path)
{
	const char *p = path + sizeof(VG_BUILTIN) - 1;

	while (*p == '/')
		p++;
	return p;
}

static int
blob_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct vg_blob *)elt)->name);
}

const struct vg_blob *
vg_builtin_find(const char *path)
{
	if (!vg_builtin_is(path))
		return NULL;
	return bsearch(builtin_rel(path), vg_builtin, vg_nbuiltin,
	    sizeof(vg_builtin[0]), blob_cmp);
}

int
vg_builtin_has(const char *rel)
{
	size_t i, l;

	while (*rel == '/')
		rel++;
	l = strlen(rel);
	for (i = 0; i < vg_nbuiltin; i++) {
		const char *n = vg_builtin[i].name;

		if (strncmp(n, rel, l) == 0 && (n[l] == '\0' || n[l] == '/'))
			return 1;
	}
	return 0;
}

char **
vg_builtin_list(const char *path, int **isdirp)
{
	char **names = NULL, *dir;
	int *isdir = NULL, n = 0, found = 0;
	size_t i, l;

	if (!vg_builtin_is(path))
		return NULL;
	dir = xstrdup(builtin_rel(path));
	l = strlen(dir);
	while (l > 0 && dir[l - 1] == '/')
		dir[--l] = '\0';
	/* The table is sorted: the entries of a folder are contiguous. */
	for (i = 0; i < vg_nbuiltin; i++) {
		const char *name = vg_builtin[i].name, *rest, *slash;
		size_t k;

		if (l > 0 && (strncmp(name, dir, l) != 0 || name[l] != '/'))
			continue;
		found = 1;
		rest = name + (l > 0 ? l + 1 : 0);
		slash = strchr(rest, '/');
		k = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
		if (n > 0 && strlen(names[n - 1]) == k &&
		    strncmp(names[n - 1], rest, k) == 0)
			continue;	/* a sub-folder already listed */
		names = xreallocarray(names, n + 2, sizeof(*names));
		isdir = xreallocarray(isdir, n + 1, sizeof(*isdir));
		names[n] = xstrndup(rest, k);
		isdir[n] = slash != NULL;
		names[++n] = NULL;
	}
	free(dir);
	if (!found) {
		free(isdir);
		return NULL;
	}
	if (names == NULL)
		names = xcalloc(1, sizeof(*names));
	if (isdirp != NULL)
		*isdirp = isdir;
	else
		free(isdir);
	return names;
}

void
vg_builtin_list_free(char **names, int *isdir)
{
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++)
		free(names[i]);
	free(names);
	free(isdir);
}

int
vg_data_exists(const char *path)
{
	if (vg_builtin_is(path))
		return vg_builtin_has(builtin_rel(path));
	return access(path, F_OK) == 0;
}
