/* One-line RISC-V 64 disassembly from the generated decoder (names exactly as the spec). */
#include "frontends/riscv64/riscv64_internal.h"

#include "common/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const rv_xnames[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const rv_fnames[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1",  "fa0",
    "fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4",  "fs5",
    "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};
static const char *const rv_rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", "?5", "?6", "dyn"};

/* Output cursor over the caller's buffer; text past the end is dropped. */
typedef struct RvText {
    char *buf;
    size_t size, len;
} RvText;

static void rv_text_add(RvText *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rv_text_add(RvText *t, const char *fmt, ...)
{
    if (t->size == 0 || t->len >= t->size - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len = FVP_MIN(t->len + (size_t)n, t->size - 1);
}

/* Which integer/FP register file each operand of an instruction names. */
/* The type letters of fcvt.<dst>.<src> and fmv.<dst>.<src> that name an integer. */
static bool rv_is_int_type(const char *s, bool is_fmv)
{
    if (is_fmv)
        return !strcmp(s, "x");
    return !strcmp(s, "w") || !strcmp(s, "wu") || !strcmp(s, "l") || !strcmp(s, "lu");
}

static bool rv_operand_is_fp(const char *name, const char *field)
{
    if (!strncmp(name, "c.", 2))
        name += 2;
    if (name[0] != 'f' || !strncmp(name, "fence", 5))
        return false;
    if (!strcmp(field, "rs1") && (!strncmp(name, "fl", 2) || !strncmp(name, "fs", 2)) &&
        (name[2] == 'w' || name[2] == 'd') && (name[3] == 0 || name[3] == 's'))
        return false; /* the base register of flw/fld/fsw/fsd (and c.fldsp/c.fsdsp) */
    if (!strncmp(name, "fcvt.", 5) || !strncmp(name, "fmv.", 4)) {
        char dst[8] = "", src[8] = "";
        const char *p = strchr(name, '.') + 1;
        const char *q = strchr(p, '.');
        if (!q)
            return true;
        snprintf(dst, sizeof(dst), "%.*s", (int)(q - p), p);
        snprintf(src, sizeof(src), "%s", q + 1);
        bool is_fmv = name[1] == 'm';
        if (!strcmp(field, "rd"))
            return !rv_is_int_type(dst, is_fmv);
        return !rv_is_int_type(src, is_fmv);
    }
    if (!strcmp(field, "rd") && (!strncmp(name, "feq", 3) || !strncmp(name, "flt", 3) ||
                                 !strncmp(name, "fle", 3) || !strncmp(name, "fclass", 6)))
        return false;
    return true;
}

static void rv_text_reg(RvText *t, const char *insn, const char *field, int64_t r)
{
    r &= 31;
    rv_text_add(t, "%s", rv_operand_is_fp(insn, field) ? rv_fnames[r] : rv_xnames[r]);
}

static bool rv_is_memory(const RvInsnInfo *info)
{
    static const char *const loads_stores[] = {
        "lb",  "lh",  "lw",  "ld",  "lbu",  "lhu",  "lwu",  "sb",   "sh",    "sw",    "sd",
        "flw", "fld", "fsw", "fsd", "lwsp", "ldsp", "swsp", "sdsp", "fldsp", "fsdsp",
    };
    const char *name = strncmp(info->name, "c.", 2) == 0 ? info->name + 2 : info->name;
    for (size_t i = 0; i < FVP_ARRAY_LEN(loads_stores); i++)
        if (!strcmp(name, loads_stores[i]))
            return true;
    return false;
}

static void rv_fence_set(RvText *t, int64_t set)
{
    static const char letters[] = "iorw";
    if (set == 0)
        rv_text_add(t, "0");
    for (int i = 0; i < 4; i++)
        if (set & (8 >> i))
            rv_text_add(t, "%c", letters[i]);
}

/* Fetch callback over the caller's code bytes, for the legality check. */
typedef struct RvCodeBuf {
    const uint8_t *code;
    size_t len;
    uint64_t pc;
} RvCodeBuf;

static size_t rv_fetch_buf(void *ctx, uint64_t pc, void *buf, size_t len)
{
    const RvCodeBuf *cb = ctx;
    if (pc < cb->pc || pc - cb->pc >= cb->len)
        return 0;
    size_t n = FVP_MIN(len, cb->len - (size_t)(pc - cb->pc));
    memcpy(buf, cb->code + (pc - cb->pc), n);
    return n;
}

/* Whether the lifter accepts the instruction: trans functions reject reserved encodings
 * the patterns alone do not exclude (c.addi4spn with a zero immediate, ...). */
static bool rv_is_legal(const uint8_t *code, size_t len, uint64_t pc)
{
    RvCodeBuf cb = {code, len, pc};
    FeLiftOptions opts = {.max_insns = 1};
    IRBlock *b = ir_block_new(pc);
    FvpError *err = rv_lift_block(NULL, rv_fetch_buf, &cb, pc, &opts, b);
    fvp_assert(!err);
    const IRInsn *last = &b->insns[b->count - 1];
    bool legal = !(last->op == IR_TRAP && last->cond != IR_TRAP_BREAKPOINT);
    ir_block_free(b);
    return legal;
}

unsigned rv_disasm(const uint8_t *code, size_t len, uint64_t pc, char *buf, size_t size)
{
    if (size)
        buf[0] = 0;
    if (len < 2)
        return 0;
    uint32_t insn = (uint32_t)code[0] | (uint32_t)code[1] << 8;
    unsigned ilen = (insn & 3) == 3 ? 4 : 2;
    if (len < ilen)
        return 0;
    if (ilen == 4)
        insn |= (uint32_t)code[2] << 16 | (uint32_t)code[3] << 24;
    RvDecoded d;
    if (!(ilen == 4 ? rv_decode32_match(insn, &d) : rv_decode16_match(insn, &d)))
        return 0;
    if (!rv_is_legal(code, ilen, pc))
        return 0;

    const RvInsnInfo *info = &rv_insn_info[d.id];
    const RvArgsetInfo *set = &rv_argset_info[info->argset];
    RvText t = {buf, size, 0};
    rv_text_add(&t, "%s", info->name);
    if (info->argset == RV_ARGSET_ATOMIC) {
        if (d.args.atomic.aq)
            rv_text_add(&t, ".aq");
        if (d.args.atomic.rl)
            rv_text_add(&t, ".rl");
    }
    if (info->argset == RV_ARGSET_FENCE) {
        rv_text_add(&t, " ");
        rv_fence_set(&t, d.args.fence.pred);
        rv_text_add(&t, ", ");
        rv_fence_set(&t, d.args.fence.succ);
        return ilen;
    }
    if (rv_is_memory(info)) {
        /* "ld a0, 8(sp)" */
        bool store = info->argset == RV_ARGSET_S;
        int64_t data = store ? d.args.s.rs2 : d.args.i.rd;
        int64_t base = store ? d.args.s.rs1 : d.args.i.rs1;
        int64_t imm = store ? d.args.s.imm : d.args.i.imm;
        rv_text_add(&t, " ");
        rv_text_reg(&t, info->name, store ? "rs2" : "rd", data);
        rv_text_add(&t, ", %lld(%s)", (long long)imm, rv_xnames[base & 31]);
        return ilen;
    }
    if (info->argset == RV_ARGSET_CSR) {
        /* "csrrs a0, 0x3, zero"; the immediate forms hold their immediate in rs1 */
        rv_text_add(&t, " %s, 0x%llx, ", rv_xnames[d.args.csr.rd & 31],
                    (unsigned long long)d.args.csr.csr);
        if (info->name[strlen(info->name) - 1] == 'i')
            rv_text_add(&t, "%lld", (long long)d.args.csr.rs1);
        else
            rv_text_add(&t, "%s", rv_xnames[d.args.csr.rs1 & 31]);
        return ilen;
    }
    bool first = true;
    for (unsigned i = 0; i < set->nfields; i++) {
        const char *f = set->fields[i];
        int64_t v = d.args.raw[i];
        /* Operands the pattern fixes (c.jr's rd = x0, lr.w's rs2 = x0) are implied. */
        if ((info->fixed >> i) & 1)
            continue;
        if (!strcmp(f, "aq") || !strcmp(f, "rl") || (!strcmp(f, "rm") && v == 7))
            continue;
        rv_text_add(&t, first ? " " : ", ");
        first = false;
        if (f[0] == 'r' && f[1] != 'm')
            rv_text_reg(&t, info->name, f, v);
        else if (!strcmp(f, "rm"))
            rv_text_add(&t, "%s", rv_rm_names[v & 7]);
        else if (info->argset == RV_ARGSET_B || info->argset == RV_ARGSET_J)
            rv_text_add(&t, "0x%llx", (unsigned long long)(pc + (uint64_t)v));
        else if (info->argset == RV_ARGSET_U)
            rv_text_add(&t, "0x%llx", (unsigned long long)(((uint64_t)v >> 12) & 0xfffff));
        else
            rv_text_add(&t, "%lld", (long long)v);
    }
    return ilen;
}
