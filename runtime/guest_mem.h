/* RtMem: the confined guest address space of a user-mode process and its mappings. */
#ifndef FVP_RUNTIME_GUEST_MEM_H
#define FVP_RUNTIME_GUEST_MEM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"

/*
 * One host reservation (PROT_NONE, MAP_NORESERVE) of `limit` bytes holds guest addresses
 * [0, limit). Guest address a lives at host address base + a. Pages the guest has not
 * mapped stay PROT_NONE, so a stray access faults inside the reservation and becomes a
 * guest SIGSEGV; page 0 is never mapped.
 *
 *   0     64K                                  mmap_top  stack_bottom  stack_top   limit
 *   |guard| image | brk heap ->   ...   <- mmaps |  gap   |   stack 8 MiB |  gap  |
 *
 * Guest pages are host pages (4096 bytes). Every mapping the guest owns is recorded in
 * `maps` (sorted, non-overlapping), so syscalls can check buffers and the dispatcher can
 * ask whether a pc is executable. The mmap flag, prot and errno values used here are the
 * host's: they are identical in the asm-generic ABI (RISC-V, AArch64) and on x86-64.
 */

enum { RT_PAGE_SIZE = 4096 };
/* Default guest address space: 1 TiB, the same order as a 40-bit user space. */
#define RT_GUEST_SPACE_SIZE (1ull << 40)
/* Host address space left free between the libraries and the guest reservation for the
 * host's own later mappings (rt_mem_init): JIT code must stay within a rel32 jump. */
#define RT_MEM_HOST_ROOM (16ull << 30)
/* Lowest address the mmap allocator hands out (Linux's vm.mmap_min_addr default). */
#define RT_MMAP_MIN_ADDR 0x10000ull

static inline uint64_t rt_page_down(uint64_t a)
{
    return a & ~(uint64_t)(RT_PAGE_SIZE - 1);
}
static inline uint64_t rt_page_up(uint64_t a)
{
    return (a + RT_PAGE_SIZE - 1) & ~(uint64_t)(RT_PAGE_SIZE - 1);
}

/* What a mapping holds, for diagnostics (fault messages, rt_mem_print_maps). */
typedef enum RtMapKind {
    RT_MAPK_ANON = 0,
    RT_MAPK_FILE,
    RT_MAPK_IMAGE, /* a segment of the loaded program */
    RT_MAPK_STACK,
    RT_MAPK_HEAP, /* brk */
} RtMapKind;

typedef struct RtMapping {
    uint64_t start, end; /* guest addresses, page aligned, start < end */
    uint32_t prot;       /* PROT_READ | PROT_WRITE | PROT_EXEC */
    uint8_t kind;        /* RtMapKind */
    uint8_t shared;      /* MAP_SHARED */
} RtMapping;

/* Called when pages that were executable are unmapped, replaced or change protection,
 * so the code cache can drop translations of [start, end). */
typedef void (*RtMemCodeChangeFn)(void *ctx, uint64_t start, uint64_t end);

typedef struct RtMem {
    uint8_t *base;   /* host address of guest address 0 (owned reservation) */
    uint64_t limit;  /* guest addresses are [0, limit) */
    RtMapping *maps; /* sorted by start, non-overlapping */
    size_t count, cap;
    uint64_t mmap_top;                /* the top-down mmap allocator searches below this */
    uint64_t brk_start;               /* initial program break */
    uint64_t brk_cur;                 /* current program break (not page aligned) */
    RtMemCodeChangeFn on_code_change; /* called with the lock held */
    void *code_change_ctx;
    pthread_mutex_t lock; /* recursive; every rt_mem_* call below takes it */
    bool locked_init;
} RtMem;

/* Reserves `size` bytes (a multiple of the page size, >= 1 MiB). On failure *m is left
 * empty (rt_mem_destroy is still safe). */
FvpError *rt_mem_init(RtMem *m, uint64_t size);
/* Releases the reservation and the mapping list. */
void rt_mem_destroy(RtMem *m);

/* Linux-compatible memory calls on guest addresses. Each returns what the syscall would:
 * a non-negative result or -errno. Flags are MAP_* / MREMAP_* / PROT_* values. */
int64_t rt_mem_mmap(RtMem *m, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                    uint64_t offset);
int64_t rt_mem_munmap(RtMem *m, uint64_t addr, uint64_t len);
int64_t rt_mem_mprotect(RtMem *m, uint64_t addr, uint64_t len, int prot);
int64_t rt_mem_mremap(RtMem *m, uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                      uint64_t new_addr);
/* brk(want): moves the break if it can, returns the (possibly unchanged) break. */
uint64_t rt_mem_brk(RtMem *m, uint64_t want);

/* Maps [addr, addr+len) (page aligned) anonymous at a fixed place and records it with
 * `kind`; used by the loader and the stack builder. Returns 0 or -errno. */
int64_t rt_mem_map_fixed(RtMem *m, uint64_t addr, uint64_t len, int prot, RtMapKind kind);
/* Sets the program break to `start` (rounded up to a page) with nothing mapped yet. */
void rt_mem_set_brk(RtMem *m, uint64_t start);

/* The mapping containing addr, or NULL (borrowed; valid until the next change, so only
 * for single-threaded callers; guest threads use rt_mem_lookup). */
const RtMapping *rt_mem_find(const RtMem *m, uint64_t addr);
/* Copies up to len code bytes at addr from executable pages; returns how many. */
size_t rt_mem_fetch(const RtMem *m, uint64_t addr, void *buf, size_t len);
/* Copies the mapping containing addr into *out; false if there is none. */
bool rt_mem_lookup(const RtMem *m, uint64_t addr, RtMapping *out);
/* True when every byte of [addr, addr+len) is mapped with at least `prot`. len 0: true if
 * addr is inside the space. */
bool rt_mem_check(const RtMem *m, uint64_t addr, uint64_t len, int prot);
/* True when [addr, addr+len) lies inside the guest space (mapped or not). */
static inline bool rt_mem_in_space(const RtMem *m, uint64_t addr, uint64_t len)
{
    return len <= m->limit && addr <= m->limit - len;
}
/* Copies between guest memory and host buffers after checking the mapping: returns 0 or
 * -EFAULT (nothing is copied then). */
int rt_mem_read(const RtMem *m, uint64_t addr, void *buf, size_t len);
int rt_mem_write(const RtMem *m, uint64_t addr, const void *buf, size_t len);
/* Reads a NUL-terminated guest string into buf. Returns its length, -EFAULT, or
 * -ENAMETOOLONG when it does not fit in size bytes. */
int64_t rt_mem_read_string(const RtMem *m, uint64_t addr, char *buf, size_t size);

/* Prints the mappings in the format of Linux's /proc/self/maps (guest addresses; image
 * segments are named image_name, no device or inode numbers). */
void rt_mem_print_maps(const RtMem *m, FILE *f, const char *image_name);

#endif
