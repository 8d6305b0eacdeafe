/* errno/strerror, mkdir, opendir/readdir (LFS), stat/lstat/fstat, chmod, symlink/readlink, getline, ungetc, setvbuf, append, tmpfile, rename, rmdir, pipe, dup, isatty. */
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
static int cmpstr(const void *a, const void *b){ return strcmp(*(char**)a, *(char**)b); }
int main(void) {
    errno = 0;
    int fd = open("nope/missing", O_RDONLY);
    printf("open=%d errno=%d %s\n", fd, errno, strerror(errno));
    printf("mkdir %d\n", mkdir("d", 0755));
    printf("mkdir again %d errno=%d\n", mkdir("d", 0755), errno);
    for (int i = 0; i < 5; i++) { char n[32]; sprintf(n, "d/f%d.txt", i); FILE *f = fopen(n, "w"); fprintf(f, "%*d\n", i * 10, i); fclose(f); }
    DIR *dp = opendir("d"); struct dirent *de; char *names[20]; int k = 0;
    while ((de = readdir(dp))) names[k++] = strdup(de->d_name);
    closedir(dp);
    qsort(names, k, sizeof *names, cmpstr);
    for (int i = 0; i < k; i++) printf("ent %s\n", names[i]);
    struct stat st;
    printf("stat %d size=%lld reg=%d dir=%d mode=%o\n", stat("d/f3.txt", &st), (long long)st.st_size, S_ISREG(st.st_mode), S_ISDIR(st.st_mode), st.st_mode & 0777);
    chmod("d/f3.txt", 0640); stat("d/f3.txt", &st); printf("chmod mode=%o nlink=%d\n", st.st_mode & 0777, (int)st.st_nlink);
    stat("d", &st); printf("dir isdir=%d\n", S_ISDIR(st.st_mode));
    printf("symlink %d\n", symlink("f3.txt", "d/link"));
    lstat("d/link", &st); printf("lstat islnk=%d size=%lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
    stat("d/link", &st); printf("stat via link size=%lld\n", (long long)st.st_size);
    char lb[64]; ssize_t n = readlink("d/link", lb, sizeof lb); lb[n > 0 ? n : 0] = 0; printf("readlink %zd %s\n", n, lb);
    FILE *f = fopen("d/f2.txt", "r+"); int fdn = fileno(f); fstat(fdn, &st); printf("fstat size=%lld\n", (long long)st.st_size);
    fseek(f, 0, SEEK_END); printf("ftell %ld\n", ftell(f)); fputs("more\n", f); rewind(f);
    char *line = NULL; size_t cap = 0; ssize_t len; while ((len = getline(&line, &cap, f)) > 0) printf("getline %zd [%.*s]\n", len, (int)len - 1, line);
    fclose(f); free(line);
    f = fopen("d/w.txt", "w+"); setvbuf(f, NULL, _IOFBF, 16); fprintf(f, "abc 123 def"); rewind(f);
    int c = fgetc(f); ungetc('X', f); char w[16]; int num; fscanf(f, "%s %d", w, &num); printf("ungetc c=%c w=%s num=%d\n", c, w, num); fclose(f);
    f = fopen("d/w.txt", "a"); fputs("APP", f); fclose(f);
    f = fopen("d/w.txt", "r"); char buf[64]; fgets(buf, sizeof buf, f); printf("appended [%s]\n", buf); fclose(f);
    FILE *t = tmpfile(); fputs("tmpdata", t); rewind(t); fgets(buf, sizeof buf, t); printf("tmpfile [%s]\n", buf); fclose(t);
    printf("rename %d\n", rename("d/w.txt", "d/w2.txt"));
    printf("access %d %d\n", access("d/w2.txt", R_OK), access("d/w.txt", F_OK));
    for (int i = 0; i < 5; i++) { char n2[32]; sprintf(n2, "d/f%d.txt", i); remove(n2); }
    remove("d/w2.txt"); unlink("d/link");
    printf("rmdir %d\n", rmdir("d"));
    printf("rmdir again %d errno=%d\n", rmdir("d"), errno);
    char cwd[4096]; printf("getcwd ok %d\n", getcwd(cwd, sizeof cwd) != NULL);
    int p[2]; pipe(p); write(p[1], "pipe!", 5); char pb[8] = {0}; read(p[0], pb, 5); printf("pipe %s\n", pb);
    int d2 = dup(1); printf("dup>2 %d\n", d2 > 2); close(d2);
    printf("fcntl %d\n", fcntl(1, F_GETFD));
    printf("isatty %d %d\n", isatty(1), isatty(0));
    return 0;
}
