/* Guest test: code written at run time (fence.i / __riscv_flush_icache), then rewritten and run again. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "guest_util.h"

/* addi a0, a0, imm ; ret */
static void emit_add_imm(uint32_t *code, int imm)
{
    code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10u << 15) | (10u << 7) | 0x13;
    code[1] = 0x00008067;
}

typedef long (*Fn)(long);

int main(void)
{
    GuestChecks c = {0};
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    guest_check_u64(&c, "mmap rwx", code != MAP_FAILED, 1);
    if (code == MAP_FAILED)
        return guest_checks_exit(&c);
    Fn fn = (Fn)(uintptr_t)code;
    long total = 0;
    for (int round = 0; round < 50; round++) {
        emit_add_imm(code, round * 3 - 40);
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        long r = 0;
        for (int i = 0; i < 20; i++) /* run it often enough to get hot */
            r = fn(1000 + i);
        total += r;
    }
    guest_check_u64(&c, "rewritten code runs the new version each round", (uint64_t)total,
                    50 * 1019 + 3 * (49 * 50 / 2) - 40 * 50);
    /* fence.i directly after a store, no syscall */
    emit_add_imm(code, 7);
    __asm__ volatile("fence.i" ::: "memory");
    guest_check_u64(&c, "fence.i", (uint64_t)fn(1), 8);
    /* mprotect to read+exec keeps running; back to writable and rewrite */
    guest_check_u64(&c, "mprotect rx", (uint64_t)mprotect(code, 4096, PROT_READ | PROT_EXEC), 0);
    guest_check_u64(&c, "runs read-only", (uint64_t)fn(2), 9);
    guest_check_u64(&c, "mprotect rwx", (uint64_t)mprotect(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC), 0);
    emit_add_imm(code, -2);
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    guest_check_u64(&c, "rewritten after mprotect", (uint64_t)fn(2), 0);
    munmap(code, 4096);
    /* a fresh mapping at the same place must not run stale translations */
    uint32_t *again = mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (again != MAP_FAILED) {
        emit_add_imm(again, 100);
        __builtin___clear_cache((char *)again, (char *)(again + 2));
        guest_check_u64(&c, "new mapping, new code", (uint64_t)((Fn)(uintptr_t)again)(1), 101);
    }
    return guest_checks_exit(&c);
}
