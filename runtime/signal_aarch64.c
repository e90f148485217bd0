/* The AArch64 Linux signal frame: rt_sigframe { siginfo; ucontext } plus a frame record. */
#include "runtime/syscall_internal.h"

#include <elf.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/*
 *   sp -> +0      siginfo (128 bytes)
 *         +128    ucontext: uc_flags, uc_link, uc_stack at +16, uc_sigmask at +40,
 *         +304    uc_mcontext (= ucontext +176): fault_address, regs[31], sp, pc, pstate
 *         +592    __reserved (4096 bytes): fpsimd_context { magic 0x46508001, size 528,
 *                 fpsr, fpcr, v0..v31 at +16 } then an empty record ending the list
 *         +4688   frame record { x29, x30 } (x29 points here in the handler)
 * As in the kernel's arch/arm64/kernel/signal.c and uapi/asm/sigcontext.h; glibc's
 * ucontext_t has the same offsets (checked with the cross toolchain).
 */
enum {
    UC = 128,
    UC_STACK = UC + 16,
    UC_SIGMASK = UC + 40,
    MC = UC + 176,
    MC_FAULT = MC,
    MC_REGS = MC + 8,
    MC_SP = MC + 256,
    MC_PC = MC + 264,
    MC_PSTATE = MC + 272,
    MC_RESERVED = MC + 288,
    FPSIMD_MAGIC = 0x46508001,
    FPSIMD_SIZE = 528,
    SIGFRAME_SIZE = UC + 4560,
    FRAME_MAX = SIGFRAME_SIZE + 32, /* with the frame record and alignment padding */
    RT_SA_RESTORER = 0x04000000,
};

static uint8_t *reg(RtThread *t, const char *name)
{
    const FeReg *r = fe_find_reg(t->proc->fe, name);
    fvp_assert(r);
    return (uint8_t *)t->state + r->offset;
}

static uint64_t *xreg(RtThread *t, int n)
{
    char name[16];
    snprintf(name, sizeof name, "x%d", n & 31);
    return (uint64_t *)reg(t, name);
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

static uint32_t get32(const uint8_t *f, size_t off)
{
    uint32_t v;
    memcpy(&v, f + off, 4);
    return v;
}

/* FPCR.RMode <-> IRRound, FPSR cumulative bits <-> IR_FPF_*: the frontend keeps these
 * in the IRStateHeader and the rest of FPCR/FPSR in its own fields. */
static const uint8_t rmode_to_ir[4] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ};
static const struct {
    uint32_t fpsr, ir;
} fpsr_bits[] = {{1u << 0, IR_FPF_NV}, {1u << 1, IR_FPF_DZ}, {1u << 2, IR_FPF_OF},
                 {1u << 3, IR_FPF_UF}, {1u << 4, IR_FPF_NX}, {1u << 7, IR_FPF_DE}};

static uint32_t full_fpcr(RtThread *t)
{
    const IRStateHeader *hdr = t->state;
    uint32_t rmode = 0;
    for (uint32_t i = 0; i < 4; i++)
        if (rmode_to_ir[i] == (hdr->fp_round & IR_FPMODE_RM))
            rmode = i;
    return *(uint32_t *)reg(t, "fpcr") | rmode << 22;
}

static uint32_t full_fpsr(RtThread *t)
{
    const IRStateHeader *hdr = t->state;
    uint32_t v = *(uint32_t *)reg(t, "fpsr");
    for (size_t i = 0; i < sizeof fpsr_bits / sizeof fpsr_bits[0]; i++)
        if (hdr->fp_flags & fpsr_bits[i].ir)
            v |= fpsr_bits[i].fpsr;
    return v;
}

static void set_fp_control(RtThread *t, uint32_t fpcr, uint32_t fpsr)
{
    IRStateHeader *hdr = t->state;
    hdr->fp_round = rmode_to_ir[(fpcr >> 22) & 3] | ((fpcr >> 24) & 1 ? IR_FPMODE_FZ : 0) |
                    ((fpcr >> 25) & 1 ? IR_FPMODE_DN : 0);
    *(uint32_t *)reg(t, "fpcr") = fpcr & ~(3u << 22);
    uint32_t flags = 0, rest = fpsr;
    for (size_t i = 0; i < sizeof fpsr_bits / sizeof fpsr_bits[0]; i++)
        if (fpsr & fpsr_bits[i].fpsr) {
            flags |= fpsr_bits[i].ir;
            rest &= ~fpsr_bits[i].fpsr;
        }
    hdr->fp_flags = flags;
    *(uint32_t *)reg(t, "fpsr") = rest;
}

static bool a64_setup_frame(RtThread *t, const RtSigInfo *info, const RtSigAction *sa,
                            uint64_t old_mask)
{
    RtProcess *p = t->proc;
    IRStateHeader *hdr = t->state;
    uint64_t *sp_reg = (uint64_t *)reg(t, "sp");
    uint64_t sp = *sp_reg;
    uint64_t alt_sp = t->altstack[0], alt_size = t->altstack[2];
    bool alt_enabled = alt_size && !(t->altstack[1] & SS_DISABLE);
    bool on_alt = alt_enabled && sp - alt_sp <= alt_size;
    if ((sa->flags & SA_ONSTACK) && alt_enabled && !on_alt)
        sp = alt_sp + alt_size;
    uint64_t record = (sp - 16) & ~15ull;
    uint64_t frame = (record - SIGFRAME_SIZE) & ~15ull;

    size_t size = (size_t)(record + 16 - frame); /* at most FRAME_MAX */
    fvp_assert(size <= FRAME_MAX);
    uint8_t *f = calloc(1, size);
    if (!f)
        return false;
    put32(f, 0, (uint32_t)info->signo);
    put32(f, 8, (uint32_t)info->code);
    if (info->code <= 0) {
        put32(f, 16, (uint32_t)info->pid);
        put32(f, 20, info->uid);
    } else {
        put64(f, 16, info->addr);
    }
    put64(f, UC_STACK, alt_sp);
    put32(f, UC_STACK + 8, alt_enabled ? (on_alt ? SS_ONSTACK : 0) : SS_DISABLE);
    put64(f, UC_STACK + 16, alt_size);
    put64(f, UC_SIGMASK, old_mask);
    put64(f, MC_FAULT, info->code > 0 ? info->addr : 0);
    for (int i = 0; i < 31; i++)
        put64(f, MC_REGS + 8 * (size_t)i, *xreg(t, i));
    put64(f, MC_SP, *sp_reg);
    put64(f, MC_PC, hdr->pc);
    uint64_t pstate = (uint64_t)*reg(t, "n") << 31 | (uint64_t)*reg(t, "z") << 30 |
                      (uint64_t)*reg(t, "c") << 29 | (uint64_t)*reg(t, "v") << 28;
    put64(f, MC_PSTATE, pstate);
    put32(f, MC_RESERVED, FPSIMD_MAGIC);
    put32(f, MC_RESERVED + 4, FPSIMD_SIZE);
    put32(f, MC_RESERVED + 8, full_fpsr(t));
    put32(f, MC_RESERVED + 12, full_fpcr(t));
    for (int i = 0; i < 32; i++) {
        char name[8];
        snprintf(name, sizeof name, "v%d", i);
        memcpy(f + MC_RESERVED + 16 + 16 * (size_t)i, reg(t, name), 16);
    }
    /* the record after fpsimd_context stays zero: the end of the list */
    put64(f, (size_t)(record - frame), *xreg(t, 29));
    put64(f, (size_t)(record - frame) + 8, *xreg(t, 30));
    bool ok = !rt_mem_write(&p->mem, frame, f, size);
    free(f);
    if (!ok)
        return false;

    *sp_reg = frame;
    *xreg(t, 0) = (uint64_t)info->signo;
    *xreg(t, 1) = frame;
    *xreg(t, 2) = frame + UC;
    *xreg(t, 29) = record;
    *xreg(t, 30) = (sa->flags & RT_SA_RESTORER) && sa->restorer ? sa->restorer : p->sigreturn_addr;
    hdr->pc = sa->handler;
    return true;
}

static bool a64_restore_frame(RtThread *t)
{
    RtProcess *p = t->proc;
    IRStateHeader *hdr = t->state;
    uint64_t frame = *(uint64_t *)reg(t, "sp");
    uint8_t *f = malloc(SIGFRAME_SIZE);
    if (!f || rt_mem_read(&p->mem, frame, f, SIGFRAME_SIZE)) {
        free(f);
        return false;
    }
    for (int i = 0; i < 31; i++)
        *xreg(t, i) = get64(f, MC_REGS + 8 * (size_t)i);
    *(uint64_t *)reg(t, "sp") = get64(f, MC_SP);
    hdr->pc = get64(f, MC_PC);
    uint64_t pstate = get64(f, MC_PSTATE);
    *reg(t, "n") = (pstate >> 31) & 1;
    *reg(t, "z") = (pstate >> 30) & 1;
    *reg(t, "c") = (pstate >> 29) & 1;
    *reg(t, "v") = (pstate >> 28) & 1;
    if (get32(f, MC_RESERVED) == FPSIMD_MAGIC) {
        set_fp_control(t, get32(f, MC_RESERVED + 12), get32(f, MC_RESERVED + 8));
        for (int i = 0; i < 32; i++) {
            char name[8];
            snprintf(name, sizeof name, "v%d", i);
            memcpy(reg(t, name), f + MC_RESERVED + 16 + 16 * (size_t)i, 16);
        }
    }
    t->sigmask = get64(f, UC_SIGMASK) & ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    free(f);
    return true;
}

const RtSignalArch rt_signal_aarch64 = {
    .elf_machine = EM_AARCH64,
    /* mov x8, #139 (rt_sigreturn); svc #0 */
    .trampoline = {0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4},
    .trampoline_size = 8,
    .setup_frame = a64_setup_frame,
    .restore_frame = a64_restore_frame,
};
