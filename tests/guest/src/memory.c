/* Guest test: mmap/munmap/mprotect/mremap/brk and file-backed mappings; no addresses printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest_util.h"

int main(void)
{
    GuestChecks c = {0};
    long page = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", page);

    /* anonymous mappings are zeroed, writable, and go away on munmap */
    size_t len = 64 * (size_t)page;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    guest_check_u64(&c, "mmap anonymous ok", p != MAP_FAILED, 1);
    if (p == MAP_FAILED)
        return guest_checks_exit(&c);
    guest_check_u64(&c, "page aligned", ((uintptr_t)p % (uintptr_t)page) == 0, 1);
    uint64_t sum = 0;
    for (size_t i = 0; i < len; i += 97)
        sum += p[i];
    guest_check_u64(&c, "anonymous memory is zero", sum, 0);
    for (size_t i = 0; i < len; i++)
        p[i] = (unsigned char)(i * 13);
    guest_check_u64(&c, "hash of written mapping", guest_hash_bytes(GUEST_HASH_INIT, p, len),
                    guest_hash_bytes(GUEST_HASH_INIT, p, len));
    /* mprotect down to read-only keeps the contents */
    guest_check_u64(&c, "mprotect read-only", (uint64_t)mprotect(p, (size_t)page, PROT_READ), 0);
    guest_check_u64(&c, "read after mprotect", p[5], (unsigned char)65);
    guest_check_u64(&c, "mprotect back", (uint64_t)mprotect(p, (size_t)page, PROT_READ | PROT_WRITE), 0);
    p[5] = 1;
    /* munmap a hole in the middle, then map it again with MAP_FIXED: zero again */
    guest_check_u64(&c, "munmap middle", (uint64_t)munmap(p + 8 * page, 4 * (size_t)page), 0);
    unsigned char *q = mmap(p + 8 * page, 4 * (size_t)page, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    guest_check_u64(&c, "MAP_FIXED lands where asked", q == p + 8 * page, 1);
    guest_check_u64(&c, "remapped hole is zero", q[0] | q[4 * page - 1], 0);
    guest_check_u64(&c, "neighbour page kept", p[9 * page - page - 1],
                    (unsigned char)((9 * page - page - 1) * 13));
    /* mremap grows (possibly moving) and keeps contents */
    unsigned char *r = mremap(p, len, 2 * len, MREMAP_MAYMOVE);
    guest_check_u64(&c, "mremap ok", r != MAP_FAILED, 1);
    if (r != MAP_FAILED) {
        guest_check_u64(&c, "mremap keeps data", r[len - 1], (unsigned char)((len - 1) * 13));
        guest_check_u64(&c, "mremap new part zero", r[2 * len - 1], 0);
        guest_check_u64(&c, "munmap grown", (uint64_t)munmap(r, 2 * len), 0);
    }
    /* bad arguments fail with errno, not a crash */
    errno = 0;
    guest_check_u64(&c, "munmap unaligned fails", (uint64_t)munmap((char *)q + 1, 10), (uint64_t)-1);
    guest_check_u64(&c, "EINVAL", (uint64_t)errno, EINVAL);
    void *zero_len = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    guest_check_u64(&c, "zero-length mmap fails", zero_len == MAP_FAILED, 1);

    /* brk via sbrk */
    char *b0 = sbrk(0);
    char *b1 = sbrk(3 * page);
    guest_check_u64(&c, "sbrk returns old break", b1 == b0, 1);
    memset(b1, 0x5a, 3 * (size_t)page);
    guest_check_u64(&c, "sbrk memory usable", (uint64_t)(unsigned char)b1[3 * page - 1], 0x5a);
    guest_check_u64(&c, "sbrk shrink", sbrk(-3 * page) == b1 + 3 * page, 1);
    guest_check_u64(&c, "break restored", sbrk(0) == b0, 1);

    /* file-backed mapping: shared writes reach the file */
    char path[] = "/tmp/fvp-memory-XXXXXX";
    int fd = mkstemp(path);
    guest_check_u64(&c, "mkstemp", fd >= 0, 1);
    if (fd >= 0) {
        unlink(path);
        char text[] = "mapped file contents\n";
        guest_check_u64(&c, "ftruncate", (uint64_t)ftruncate(fd, page), 0);
        guest_check_u64(&c, "pwrite", (uint64_t)pwrite(fd, text, sizeof text - 1, 100), sizeof text - 1);
        char *m = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        guest_check_u64(&c, "mmap file", m != MAP_FAILED, 1);
        if (m != MAP_FAILED) {
            printf("file mapping at 100: %.20s\n", m + 100);
            memcpy(m, "WRITTEN THROUGH MAP", 19);
            guest_check_u64(&c, "msync", (uint64_t)msync(m, (size_t)page, MS_SYNC), 0);
            char back[20] = {0};
            guest_check_u64(&c, "pread sees map write", (uint64_t)pread(fd, back, 19, 0), 19);
            printf("pread after map write: %s\n", back);
            munmap(m, (size_t)page);
        }
        char *priv = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (priv != MAP_FAILED) {
            priv[0] = 'w';
            char first;
            guest_check_u64(&c, "pread", (uint64_t)pread(fd, &first, 1, 0), 1);
            guest_check_u64(&c, "private write stays private", (uint64_t)first, 'W');
            munmap(priv, (size_t)page);
        }
        close(fd);
    }
    return guest_checks_exit(&c);
}
