/* The RISC-V Linux signal frame: struct rt_sigframe { siginfo; ucontext } on the guest stack. */
#include "runtime/syscall_internal.h"

#include <elf.h>
#include <signal.h>
#include <string.h>

/*
 *   sp -> +0     siginfo (128 bytes): signo, errno, code, then pid/uid or addr at +16
 *         +128   ucontext: uc_flags, uc_link, uc_stack {sp, flags, size} at +16,
 *                uc_sigmask at +40, padding to 1024 bits,
 *         +304   uc_mcontext (= ucontext +176): gregs[32] = pc, x1..x31
 *         +560   fp state (ucontext +432): f[32] (64-bit), fcsr at +256, q padding
 *         +1088  end (16-byte aligned)
 * The layout is the kernel's (arch/riscv/include/uapi/asm/{ucontext,sigcontext}.h) and
 * glibc's ucontext_t, which FVP's tests check against the cross toolchain.
 */
enum {
    FRAME_SIZE = 1088,
    UC = 128,
    UC_STACK = UC + 16,
    UC_SIGMASK = UC + 40,
    UC_GREGS = UC + 176,
    UC_FREGS = UC + 432,
    UC_FCSR = UC_FREGS + 256,
};

static const char *const xnames[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const fnames[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1",  "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4",  "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static uint64_t *reg(RtThread *t, const char *name)
{
    const FeReg *r = fe_find_reg(t->proc->fe, name);
    fvp_assert(r);
    return (uint64_t *)((uint8_t *)t->state + r->offset);
}

static void put64(uint8_t *f, size_t off, uint64_t v)
{
    memcpy(f + off, &v, 8);
}

static void put32(uint8_t *f, size_t off, uint32_t v)
{
    memcpy(f + off, &v, 4);
}

static uint64_t get64(const uint8_t *f, size_t off)
{
    uint64_t v;
    memcpy(&v, f + off, 8);
    return v;
}

static bool rv_setup_frame(RtThread *t, const RtSigInfo *info, const RtSigAction *sa,
                           uint64_t old_mask)
{
    RtProcess *p = t->proc;
    IRStateHeader *hdr = t->state;
    uint64_t sp = *reg(t, "sp");
    uint64_t alt_sp = t->altstack[0], alt_size = t->altstack[2];
    bool alt_enabled = alt_size && !(t->altstack[1] & SS_DISABLE);
    bool on_alt = alt_enabled && sp - alt_sp <= alt_size;
    if ((sa->flags & SA_ONSTACK) && alt_enabled && !on_alt)
        sp = alt_sp + alt_size;
    uint64_t frame = (sp - FRAME_SIZE) & ~15ull;

    uint8_t f[FRAME_SIZE];
    memset(f, 0, sizeof f);
    put32(f, 0, (uint32_t)info->signo);
    put32(f, 8, (uint32_t)info->code);
    if (info->code <= 0) { /* sent by a process: si_pid, si_uid */
        put32(f, 16, (uint32_t)info->pid);
        put32(f, 20, info->uid);
    } else {
        put64(f, 16, info->addr);
    }
    put64(f, UC_STACK, alt_sp);
    put32(f, UC_STACK + 8, alt_enabled ? (on_alt ? SS_ONSTACK : 0) : SS_DISABLE);
    put64(f, UC_STACK + 16, alt_size);
    put64(f, UC_SIGMASK, old_mask);
    put64(f, UC_GREGS, hdr->pc);
    for (int i = 1; i < 32; i++)
        put64(f, UC_GREGS + 8 * (size_t)i, *reg(t, xnames[i]));
    for (int i = 0; i < 32; i++)
        put64(f, UC_FREGS + 8 * (size_t)i, *reg(t, fnames[i]));
    put32(f, UC_FCSR, (hdr->fp_round << 5) | (hdr->fp_flags & 0x1f));
    if (rt_mem_write(&p->mem, frame, f, sizeof f))
        return false;

    *reg(t, "sp") = frame;
    *reg(t, "a0") = (uint64_t)info->signo;
    *reg(t, "a1") = frame;
    *reg(t, "a2") = frame + UC;
    *reg(t, "ra") = p->sigreturn_addr;
    hdr->pc = sa->handler;
    return true;
}

static bool rv_restore_frame(RtThread *t)
{
    RtProcess *p = t->proc;
    IRStateHeader *hdr = t->state;
    uint64_t frame = *reg(t, "sp");
    uint8_t f[FRAME_SIZE];
    if (rt_mem_read(&p->mem, frame, f, sizeof f))
        return false;
    hdr->pc = get64(f, UC_GREGS);
    for (int i = 1; i < 32; i++)
        *reg(t, xnames[i]) = get64(f, UC_GREGS + 8 * (size_t)i);
    for (int i = 0; i < 32; i++)
        *reg(t, fnames[i]) = get64(f, UC_FREGS + 8 * (size_t)i);
    uint32_t fcsr;
    memcpy(&fcsr, f + UC_FCSR, 4);
    hdr->fp_round = (fcsr >> 5) & 7;
    hdr->fp_flags = fcsr & 0x1f;
    t->sigmask = get64(f, UC_SIGMASK) & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    return true;
}

const RtSignalArch rt_signal_riscv64 = {
    .elf_machine = EM_RISCV,
    /* li a7, 139 (rt_sigreturn); ecall */
    .trampoline = {0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00},
    .trampoline_size = 8,
    .setup_frame = rv_setup_frame,
    .restore_frame = rv_restore_frame,
};
