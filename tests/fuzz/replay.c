/*
 * replay.c: a main() for the fuzz targets when libFuzzer is not used
 * (gcc builds, `make check`): runs LLVMFuzzerTestOneInput once on every
 * file named on the command line, or on every file of a named directory.
 * Built with ASan+UBSan, a replayed crash reproducer aborts the run.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, n;
	unsigned char chunk[65536];

	if (f == NULL) {
		perror(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		unsigned char *nb = realloc(buf, len + n);

		if (nb == NULL) {
			free(buf);
			fclose(f);
			return -1;
		}
		buf = nb;
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees reads past the end. */
	LLVMFuzzerTestOneInput(buf != NULL ? buf : (unsigned char *)"", len);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char *p;
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			perror(argv[i]);
			return 2;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) == -1)
				return 2;
			n++;
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			perror(argv[i]);
			return 2;
		}
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if ((p = malloc(strlen(argv[i]) + strlen(de->d_name) +
			    2)) == NULL)
				return 2;
			snprintf(p, strlen(argv[i]) + strlen(de->d_name) + 2,
			    "%s/%s", argv[i], de->d_name);
			if (run_file(p) == -1) {
				free(p);
				closedir(d);
				return 2;
			}
			free(p);
			n++;
		}
		closedir(d);
	}
	printf("%d inputs replayed\n", n);
	return n > 0 ? 0 : 2;
}
