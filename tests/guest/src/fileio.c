/* Guest test: files and directories in a private temporary directory; output has no inode numbers or times. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "guest_util.h"

static int failures;

#define EXPECT(cond)                                                                   \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            printf("FAIL line %d: %s (errno %s)\n", __LINE__, #cond, strerrorname(errno)); \
            failures++;                                                                \
        }                                                                              \
    } while (0)

static const char *strerrorname(int e)
{
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case EBADF: return "EBADF";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EXDEV: return "EXDEV";
    case EPERM: return "EPERM";
    default: return "other";
    }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints a directory's entries (sorted, with type), without inode numbers. */
static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    EXPECT(d != NULL);
    if (!d)
        return;
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char *s = malloc(strlen(e->d_name) + 3);
        if (!s)
            break;
        s[0] = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?';
        s[1] = ' ';
        strcpy(s + 2, e->d_name);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    printf("listing (%d entries):", n);
    for (int i = 0; i < n; i++) {
        printf(" [%s]", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    char tmpl[] = "/tmp/fvp-fileio-XXXXXX";
    const char *base = argc > 1 ? argv[1] : mkdtemp(tmpl);
    if (!base) {
        printf("mkdtemp failed\n");
        return 3;
    }
    char dir[512], path[600], path2[600], sub[600];
    snprintf(dir, sizeof dir, "%s/work", base);
    EXPECT(mkdir(dir, 0755) == 0);
    EXPECT(mkdir(dir, 0755) == -1 && errno == EEXIST);
    EXPECT(chdir(dir) == 0);

    /* create, write, read back, seek */
    snprintf(path, sizeof path, "%s/data.bin", dir);
    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0644);
    EXPECT(fd >= 0);
    char block[1000];
    for (int i = 0; i < 1000; i++)
        block[i] = (char)(i * 7);
    for (int i = 0; i < 10; i++)
        EXPECT(write(fd, block, sizeof block) == (ssize_t)sizeof block);
    EXPECT(lseek(fd, 0, SEEK_CUR) == 10000);
    EXPECT(lseek(fd, 1234, SEEK_SET) == 1234);
    char back[100];
    EXPECT(read(fd, back, 100) == 100);
    EXPECT(memcmp(back, block + 234, 100) == 0);
    EXPECT(lseek(fd, -10, SEEK_END) == 9990);
    EXPECT(read(fd, back, 100) == 10);
    EXPECT(read(fd, back, 100) == 0);
    EXPECT(pwrite(fd, "HOLE", 4, 20000) == 4);
    EXPECT(pread(fd, back, 8, 19998) == 6);
    printf("pread across hole: %02x %02x %c%c%c%c\n", back[0], back[1], back[2], back[3], back[4],
           back[5]);
    struct iovec iov[2] = {{"gather ", 7}, {"write\n", 6}};
    EXPECT(lseek(fd, 0, SEEK_SET) == 0);
    EXPECT(writev(fd, iov, 2) == 13);
    struct stat st;
    EXPECT(fstat(fd, &st) == 0);
    printf("fstat: size %lld regular %d mode %o\n", (long long)st.st_size, S_ISREG(st.st_mode),
           (unsigned)(st.st_mode & 0777));
    EXPECT(ftruncate(fd, 5000) == 0);
    EXPECT(fstat(fd, &st) == 0);
    printf("after ftruncate: size %lld\n", (long long)st.st_size);
    EXPECT(close(fd) == 0);
    EXPECT(close(fd) == -1 && errno == EBADF);

    /* stdio on the same file */
    FILE *f = fopen("notes.txt", "w");
    EXPECT(f != NULL);
    if (f) {
        for (int i = 0; i < 50; i++)
            fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
        fclose(f);
    }
    f = fopen("notes.txt", "r");
    EXPECT(f != NULL);
    if (f) {
        char line[100];
        int lines = 0;
        long sum = 0;
        while (fgets(line, sizeof line, f)) {
            lines++;
            sum += atoi(line + 5);
        }
        printf("read back %d lines, sum %ld, ftell %ld\n", lines, sum, ftell(f));
        fseek(f, -9, SEEK_END);
        if (!fgets(line, sizeof line, f))
            strcpy(line, "?");
        line[strcspn(line, "\n")] = 0;
        printf("last bytes: [%s]\n", line);
        fclose(f);
    }

    /* stat, rename, unlink, subdirectories, errors */
    EXPECT(stat("notes.txt", &st) == 0);
    printf("stat notes.txt: size %lld\n", (long long)st.st_size);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    EXPECT(mkdir(sub, 0700) == 0);
    EXPECT(stat(sub, &st) == 0 && S_ISDIR(st.st_mode));
    snprintf(path2, sizeof path2, "%s/sub/moved.bin", dir);
    EXPECT(rename(path, path2) == 0);
    EXPECT(access(path, F_OK) == -1 && errno == ENOENT);
    EXPECT(access(path2, R_OK | W_OK) == 0);
    EXPECT(symlink("sub/moved.bin", "link") == 0);
    char target[100];
    ssize_t tl = readlink("link", target, sizeof target - 1);
    EXPECT(tl > 0);
    target[tl > 0 ? tl : 0] = 0;
    printf("readlink: %s\n", target);
    EXPECT(lstat("link", &st) == 0 && S_ISLNK(st.st_mode));
    EXPECT(stat("link", &st) == 0 && st.st_size == 5000);
    int dfd = open(sub, O_RDONLY | O_DIRECTORY);
    EXPECT(dfd >= 0);
    int fd2 = openat(dfd, "at.txt", O_CREAT | O_WRONLY | O_TRUNC, 0600);
    EXPECT(fd2 >= 0 && write(fd2, "at\n", 3) == 3);
    close(fd2);
    EXPECT(fstatat(dfd, "at.txt", &st, 0) == 0 && st.st_size == 3);
    close(dfd);
    list_dir(".");
    list_dir("sub");
    EXPECT(rmdir("sub") == -1 && errno == ENOTEMPTY);
    EXPECT(open("missing.txt", O_RDONLY) == -1 && errno == ENOENT);
    EXPECT(open("sub", O_WRONLY) == -1 && errno == EISDIR);
    EXPECT(mkdir("notes.txt/x", 0700) == -1 && errno == ENOTDIR);
    char cwd[600];
    EXPECT(getcwd(cwd, sizeof cwd) != NULL);
    printf("getcwd ends with /work: %d\n", strlen(cwd) >= 5 && !strcmp(cwd + strlen(cwd) - 5, "/work"));
    int p[2];
    EXPECT(pipe(p) == 0);
    EXPECT(write(p[1], "through a pipe", 14) == 14);
    char pbuf[32] = {0};
    EXPECT(read(p[0], pbuf, sizeof pbuf - 1) == 14);
    printf("pipe: %s\n", pbuf);
    close(p[0]);
    close(p[1]);
    int d2 = dup(1);
    EXPECT(d2 > 2);
    close(d2);

    /* clean up everything */
    EXPECT(unlink("link") == 0);
    EXPECT(unlink(path2) == 0);
    EXPECT(unlink("sub/at.txt") == 0);
    EXPECT(unlink("notes.txt") == 0);
    EXPECT(chdir("/") == 0);
    EXPECT(rmdir(sub) == 0);
    EXPECT(rmdir(dir) == 0);
    if (argc <= 1)
        EXPECT(rmdir(base) == 0);
    printf("fileio failures: %d\n", failures);
    return failures ? 1 : 0;
}
