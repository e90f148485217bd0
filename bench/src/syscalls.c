/* Benchmark: many small system calls: write()s to /dev/null and write/read round trips
 * through a pipe. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { CALLS_PER_SIZE = 6000 };

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: syscalls SIZE (SIZE >= 1)\n");
        return 2;
    }
    int null_fd = open("/dev/null", O_WRONLY);
    int fds[2];
    if (null_fd < 0 || pipe(fds) != 0) {
        perror("syscalls: open /dev/null or pipe");
        return 1;
    }
    char out[64], in[64];
    uint64_t sum = 0, bytes = 0;
    for (long i = 0; i < size * CALLS_PER_SIZE; i++) {
        size_t len = 1 + (size_t)(i % 63);
        for (size_t k = 0; k < len; k++)
            out[k] = (char)(i + (long)k);
        if (write(null_fd, out, len) != (ssize_t)len) {
            perror("syscalls: write /dev/null");
            return 1;
        }
        if (i % 2 == 0) {
            if (write(fds[1], out, len) != (ssize_t)len || read(fds[0], in, len) != (ssize_t)len) {
                perror("syscalls: pipe round trip");
                return 1;
            }
            for (size_t k = 0; k < len; k++)
                sum = sum * 31 + (uint8_t)in[k];
            bytes += len;
        }
    }
    close(fds[0]);
    close(fds[1]);
    close(null_fd);
    printf("syscalls size=%ld piped=%llu checksum=%016llx\n", size, (unsigned long long)bytes,
           (unsigned long long)sum);
    return 0;
}
