/* The initial process stack: argc, argv, envp, auxv and their strings, as Linux lays them. */
#include "runtime/loader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 *   top = limit - RT_STACK_TOP_GAP
 *   +----------------------------------+ top
 *   | 8 zero bytes                     |
 *   | execfn string                    |
 *   | envp strings (envp[0] lowest)    |
 *   | argv strings (argv[0] lowest)    |
 *   | platform string (if any)         |
 *   | 16 AT_RANDOM bytes               |
 *   | program headers (if not loaded)  |  16-byte aligned
 *   | auxv pairs ... AT_NULL, 0        |
 *   | NULL, envp[envc-1] ... envp[0]   |
 *   | NULL, argv[argc-1] ... argv[0]   |
 *   | argc                             | <- sp, 16-byte aligned
 *   +----------------------------------+ top - RT_STACK_SIZE
 */

/* Strings may use at most this much of the stack (Linux allows a quarter of the limit). */
#define STACK_STRINGS_MAX (RT_STACK_SIZE / 4)

typedef struct Writer {
    RtMem *m;
    uint64_t p; /* next free byte is below p */
} Writer;

static uint64_t push_bytes(Writer *w, const void *data, size_t len)
{
    w->p -= len;
    memcpy(w->m->base + w->p, data, len);
    return w->p;
}

FvpError *rt_stack_build(RtMem *m, const RtImage *img, const RtStackArgs *args, uint64_t *sp)
{
    uint64_t top = m->limit - RT_STACK_TOP_GAP;
    uint64_t bottom = top - RT_STACK_SIZE;
    int64_t r = rt_mem_map_fixed(m, bottom, RT_STACK_SIZE, PROT_READ | PROT_WRITE, RT_MAPK_STACK);
    if (r)
        return fvp_error_errno((int)-r, "mapping the guest stack at 0x%llx",
                               (unsigned long long)bottom);
    m->mmap_top = bottom - RT_STACK_GUARD;

    size_t envc = 0, strings = strlen(args->execfn) + 1;
    for (; args->envp && args->envp[envc]; envc++)
        strings += strlen(args->envp[envc]) + 1;
    for (int i = 0; i < args->argc; i++)
        strings += strlen(args->argv[i]) + 1;
    size_t pointers = ((size_t)args->argc + envc + 2) * 8;
    if (strings + pointers > STACK_STRINGS_MAX)
        return fvp_error_errno(E2BIG, "building the guest stack (%zu bytes of arguments)",
                               strings + pointers);
    const char *platform = img->fe ? img->fe->platform : NULL;

    Writer w = {m, top - 8};
    memset(m->base + w.p, 0, 8);
    uint64_t execfn = push_bytes(&w, args->execfn, strlen(args->execfn) + 1);
    uint64_t *envp = calloc(envc + 1, sizeof(*envp));
    uint64_t *argv = calloc((size_t)args->argc + 1, sizeof(*argv));
    if (!envp || !argv) {
        free(envp);
        free(argv);
        return fvp_error_errno(ENOMEM, "building the guest stack");
    }
    for (size_t i = envc; i-- > 0;)
        envp[i] = push_bytes(&w, args->envp[i], strlen(args->envp[i]) + 1);
    for (int i = args->argc; i-- > 0;)
        argv[i] = push_bytes(&w, args->argv[i], strlen(args->argv[i]) + 1);
    uint64_t platform_addr = platform ? push_bytes(&w, platform, strlen(platform) + 1) : 0;
    uint64_t random = push_bytes(&w, args->random, 16);
    w.p &= ~15ull;
    uint64_t phdr = img->phdr_addr;
    if (!phdr && img->phdrs) {
        phdr = push_bytes(&w, img->phdrs, (size_t)img->phnum * img->phent);
        w.p &= ~15ull;
    }

    uint64_t auxv[][2] = {
        {RT_AT_HWCAP, img->fe ? img->fe->hwcap : 0},
        {RT_AT_PAGESZ, RT_PAGE_SIZE},
        {RT_AT_CLKTCK, 100},
        {RT_AT_PHDR, phdr},
        {RT_AT_PHENT, img->phent},
        {RT_AT_PHNUM, img->phnum},
        {RT_AT_BASE, 0},
        {RT_AT_FLAGS, 0},
        {RT_AT_ENTRY, img->entry},
        {RT_AT_UID, getuid()},
        {RT_AT_EUID, geteuid()},
        {RT_AT_GID, getgid()},
        {RT_AT_EGID, getegid()},
        {RT_AT_SECURE, 0},
        {RT_AT_RANDOM, random},
        {RT_AT_EXECFN, execfn},
        {platform ? RT_AT_PLATFORM : RT_AT_NULL, platform_addr},
        {RT_AT_NULL, 0},
    };
    size_t nauxv = sizeof(auxv) / sizeof(auxv[0]) - (platform ? 0 : 1);
    size_t words = 1 + (size_t)args->argc + 1 + envc + 1 + 2 * nauxv;
    w.p = (w.p - words * 8) & ~15ull;
    *sp = w.p;

    uint64_t *out = (uint64_t *)(m->base + w.p);
    *out++ = (uint64_t)args->argc;
    for (int i = 0; i <= args->argc; i++)
        *out++ = argv[i];
    for (size_t i = 0; i <= envc; i++)
        *out++ = envp[i];
    memcpy(out, auxv, nauxv * sizeof(auxv[0]));
    free(envp);
    free(argv);
    return NULL;
}
