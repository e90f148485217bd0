/* Per-op text forms and enum names shared by the IR printer, parser and verifier. */
#include "ir/ir_text_internal.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const cmp_names[] = {"eq",  "ne",  "slt", "sle", "sgt",
                                        "sge", "ult", "ule", "ugt", "uge"};
static const char *const fcmp_names[] = {"oeq",   "olt",   "ole",   "uno",   "une",
                                         "oeq_s", "olt_s", "ole_s", "uno_s", "une_s"};
static const char *const div_names[] = {"riscv", "arm"};
static const char *const fmin_names[] = {"number", "arm", "arm_nm", "x86"};
static const char *const f2i_names[] = {"signed_riscv", "unsigned_riscv", "signed_arm",
                                        "unsigned_arm", "signed_x86",     "unsigned_x86"};
static const char *const sign_names[] = {"signed", "unsigned"};
static const char *const fround_names[] = {"", "exact"};
static const char *const narrow_names[] = {"trunc", "ssat", "usat", "susat"};
static const char *const rmw_names[] = {"xchg", "add",  "and",  "or",  "xor",
                                        "smin", "smax", "umin", "umax"};
static const char *const fence_names[] = {"seq", "acquire", "release"};
static const char *const jump_names[] = {"", "call", "ret"};
static const char *const trap_names[] = {"illegal", "breakpoint", "fetch_fault", "divide"};

_Static_assert(COUNT(cmp_names) == IR_CC_COUNT, "one name per IRCond");
_Static_assert(COUNT(fcmp_names) == IR_FCC_COUNT, "one name per IRFCond");
_Static_assert(COUNT(fmin_names) == IR_FMIN_COUNT, "one name per IRFMinKind");
_Static_assert(COUNT(f2i_names) == (IR_CVT_INDEFINITE | IR_CVT_UNSIGNED) + 1,
               "one name per IRCvtKind combination");
_Static_assert(COUNT(narrow_names) == IR_NARROW_SUSAT + 1, "one name per IRNarrowKind");
_Static_assert(COUNT(rmw_names) == IR_RMW_COUNT, "one name per IRRmwOp");
_Static_assert(COUNT(fence_names) == IR_FENCE_RELEASE + 1, "one name per IRFenceKind");
_Static_assert(COUNT(jump_names) == IR_JUMP_RET + 1, "one name per IRJumpKind");
_Static_assert(COUNT(trap_names) == IR_TRAP_COUNT, "one name per IRTrapKind");

#define WORDS(table) .word = IR_WORD_COND, .cond_names = table, .cond_count = COUNT(table)

static const IRTextForm generic_form = {0};

static const IRTextForm forms[IR_OP_COUNT] = {
    [IR_CONST] = {.imm = IR_IMM_CONST},
    [IR_GET] = {.imm = IR_IMM_DEC},
    [IR_PUT] = {.imm = IR_IMM_DEC, .imm_first = 1},
    [IR_INSN] = {.imm = IR_IMM_PC, .cond_key = "len", .cond_count = 255},
    [IR_DIVS] = {WORDS(div_names)},
    [IR_DIVU] = {WORDS(div_names)},
    [IR_REMS] = {WORDS(div_names)},
    [IR_REMU] = {WORDS(div_names)},
    [IR_CMP] = {WORDS(cmp_names)},
    [IR_FADD] = {.fp = 1},
    [IR_FSUB] = {.fp = 1},
    [IR_FMUL] = {.fp = 1},
    [IR_FDIV] = {.fp = 1},
    [IR_FSQRT] = {.fp = 1},
    [IR_FMA] = {.fp = 1},
    [IR_FMIN] = {WORDS(fmin_names), .fp = 1},
    [IR_FMAX] = {WORDS(fmin_names), .fp = 1},
    [IR_FCMP] = {WORDS(fcmp_names), .fp = 1},
    [IR_FCVT_F2I] = {WORDS(f2i_names), .fp = 1},
    [IR_FCVT_I2F] = {WORDS(sign_names), .fp = 1},
    [IR_FCVT_F2F] = {.fp = 1},
    [IR_FROUND] = {WORDS(fround_names), .fp = 1},
    [IR_VEXTRACT] = {.imm = IR_IMM_DEC},
    [IR_VINSERT] = {.imm = IR_IMM_DEC},
    [IR_VSHUFFLE] = {.imm = IR_IMM_V128},
    [IR_VWIDEN_LO] = {WORDS(sign_names)},
    [IR_VWIDEN_HI] = {WORDS(sign_names)},
    [IR_VNARROW] = {WORDS(narrow_names)},
    [IR_VREDUCE] = {.word = IR_WORD_OPNAME},
    [IR_RMW] = {WORDS(rmw_names)},
    [IR_FENCE] = {WORDS(fence_names)},
    [IR_EXIT_IF] = {.imm = IR_IMM_PC},
    [IR_HELPER] = {.word = IR_WORD_HELPER},
    [IR_GOTO] = {WORDS(jump_names), .imm = IR_IMM_PC, .imm2_key = "link"},
    [IR_GOTO_REG] = {WORDS(jump_names), .imm2_key = "link"},
    [IR_SYSCALL] = {.imm = IR_IMM_PC},
    [IR_TRAP] = {WORDS(trap_names), .imm = IR_IMM_PC, .imm2_key = "detail"},
    [IR_SYNC_CODE] = {.imm = IR_IMM_PC},
};

const IRTextForm *ir_text_form(unsigned op)
{
    return op < IR_OP_COUNT ? &forms[op] : &generic_form;
}

static const char *const round_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn"};
static const char *const nan_names[IR_NAN_COUNT] = {"canonical", "arm", "arm_default", "x86",
                                                       "arm_fpcr"};

static int lookup(const char *const *names, unsigned count, const char *name, size_t len)
{
    for (unsigned i = 0; i < count; i++)
        if (names[i] && names[i][0] && strlen(names[i]) == len && !memcmp(names[i], name, len))
            return (int)i;
    return -1;
}

const char *ir_text_round_name(unsigned rm)
{
    return rm < COUNT(round_names) ? round_names[rm] : NULL;
}

const char *ir_text_nan_name(unsigned nan)
{
    return nan < COUNT(nan_names) ? nan_names[nan] : NULL;
}

int ir_text_round_lookup(const char *name, size_t len)
{
    return lookup(round_names, COUNT(round_names), name, len);
}

int ir_text_nan_lookup(const char *name, size_t len)
{
    return lookup(nan_names, COUNT(nan_names), name, len);
}

const char *ir_text_cond_name(unsigned op, unsigned cond)
{
    const IRTextForm *f = ir_text_form(op);
    if (f->word == IR_WORD_OPNAME)
        return cond < IR_OP_COUNT ? ir_op_info[cond].name : NULL;
    if (f->word != IR_WORD_COND || cond >= f->cond_count)
        return NULL;
    return f->cond_names[cond];
}

int ir_text_cond_lookup(unsigned op, const char *name, size_t len)
{
    const IRTextForm *f = ir_text_form(op);
    if (f->word == IR_WORD_OPNAME) {
        for (unsigned i = 0; i < IR_OP_COUNT; i++)
            if (strlen(ir_op_info[i].name) == len && !memcmp(ir_op_info[i].name, name, len))
                return (int)i;
        return -1;
    }
    if (f->word != IR_WORD_COND)
        return -1;
    return lookup(f->cond_names, f->cond_count, name, len);
}

bool ir_text_parse_u64(const char *s, size_t len, uint64_t *out, bool *negative)
{
    bool neg = false;
    size_t i = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    unsigned base = 10;
    if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    }
    if (i == len)
        return false;
    uint64_t v = 0;
    for (; i < len; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        if (v > (UINT64_MAX - d) / base)
            return false;
        v = v * base + d;
    }
    *out = neg ? 0 - v : v;
    if (negative)
        *negative = neg;
    return true;
}

bool ir_text_parse_u128(const char *s, size_t len, uint64_t *lo, uint64_t *hi)
{
    if (len > 18 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && len <= 34) {
        size_t split = len - 16;
        uint64_t h, l;
        char head[20];
        memcpy(head, s, split);
        bool ok_h = ir_text_parse_u64(head, split, &h, NULL);
        /* The low 16 digits parse as their own hex literal. */
        char tail[19] = "0x";
        memcpy(tail + 2, s + split, 16);
        bool ok_l = ir_text_parse_u64(tail, 18, &l, NULL);
        if (!ok_h || !ok_l)
            return false;
        *lo = l;
        *hi = h;
        return true;
    }
    bool neg;
    if (!ir_text_parse_u64(s, len, lo, &neg))
        return false;
    *hi = neg && *lo ? ~0ull : 0;
    return true;
}

bool ir_text_is_float_literal(const char *s, size_t len)
{
    size_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (len - i == 3 && (!strncmp(s + i, "inf", 3) || !strncmp(s + i, "nan", 3)))
        return true;
    if (len - i > 1 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        return false;
    for (; i < len; i++)
        if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
            return true;
    return false;
}

bool ir_text_parse_float(const char *s, size_t len, unsigned bits, uint64_t *out)
{
    char buf[64];
    if (len >= sizeof(buf))
        return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    char *end;
    double d = strtod(buf, &end);
    if (end != buf + len)
        return false;
    if (bits == 32) {
        float f = (float)d;
        uint32_t u;
        memcpy(&u, &f, sizeof(u));
        *out = u;
    } else {
        memcpy(out, &d, sizeof(d));
    }
    return true;
}
