/* The ELF loader and the initial process stack (argv, envp, auxv). */
#ifndef FVP_RUNTIME_LOADER_H
#define FVP_RUNTIME_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "frontends/frontend.h"
#include "runtime/guest_mem.h"

/*
 * Static ET_EXEC programs load at their link addresses; static-PIE programs (ET_DYN
 * without PT_INTERP) load at RT_PIE_BASE and relocate themselves in their startup code.
 * Dynamically linked programs (PT_INTERP) are refused. Segments are copied (not mapped)
 * from the file into anonymous guest pages, so odd file offsets cannot break the mapping.
 */

/* Where static-PIE programs are placed: 2/3 of a 39-bit user space, as Linux does. */
#define RT_PIE_BASE 0x2aaaaaa000ull
/* The stack: 8 MiB ending RT_STACK_TOP_GAP below the end of the guest space, with an
 * unmapped guard gap of RT_STACK_GUARD below it where the mmap allocator starts. */
#define RT_STACK_SIZE (8ull << 20)
#define RT_STACK_TOP_GAP (64ull << 10)
#define RT_STACK_GUARD (1ull << 20)
/* Limits that keep hostile headers from costing time or memory. */
#define RT_MAX_PHNUM 1024u

/* What the loader learnt about the program (all guest addresses include the load bias). */
typedef struct RtImage {
    const Frontend *fe; /* frontend picked by e_machine (static, not owned) */
    uint64_t entry;
    uint64_t load_bias; /* 0 for ET_EXEC */
    uint64_t phdr_addr; /* guest address of the program headers, 0 if not loaded */
    uint32_t phent, phnum;
    uint64_t lo, hi; /* lowest and highest (exclusive) segment addresses */
    int is_pie;
    void *phdrs; /* copy of the program headers (owned; rt_image_free) */
} RtImage;

void rt_image_free(RtImage *img);

/* Validates and loads an ELF image held in memory (`name` is used in messages) into m and
 * sets the break after it. On failure nothing is left in *img to free; pages may remain
 * mapped in m (the caller discards m). Errors: "program header 2: ...". */
FvpError *rt_elf_load_image(RtMem *m, const char *name, const void *data, size_t size,
                            RtImage *img);
/* Reads the file at path and loads it; errors are wrapped as "loading <path>: ...". */
FvpError *rt_elf_load_file(RtMem *m, const char *path, RtImage *img);

/* Auxiliary vector entries (values of Linux's AT_*). */
enum {
    RT_AT_NULL = 0,
    RT_AT_PHDR = 3,
    RT_AT_PHENT = 4,
    RT_AT_PHNUM = 5,
    RT_AT_PAGESZ = 6,
    RT_AT_BASE = 7,
    RT_AT_FLAGS = 8,
    RT_AT_ENTRY = 9,
    RT_AT_UID = 11,
    RT_AT_EUID = 12,
    RT_AT_GID = 13,
    RT_AT_EGID = 14,
    RT_AT_PLATFORM = 15,
    RT_AT_HWCAP = 16,
    RT_AT_CLKTCK = 17,
    RT_AT_SECURE = 23,
    RT_AT_RANDOM = 25,
    RT_AT_EXECFN = 31,
};

typedef struct RtStackArgs {
    int argc;
    char *const *argv;  /* argv[0..argc) */
    char *const *envp;  /* NULL-terminated */
    const char *execfn; /* AT_EXECFN string */
    uint8_t random[16]; /* AT_RANDOM bytes */
} RtStackArgs;

/* Maps the stack below the top of m and writes argc, argv, envp, auxv and their strings
 * as Linux's create_elf_tables does. *sp gets the 16-byte aligned initial stack pointer
 * (argc at [sp]). Also sets m->mmap_top below the stack's guard gap. */
FvpError *rt_stack_build(RtMem *m, const RtImage *img, const RtStackArgs *args, uint64_t *sp);

#endif
