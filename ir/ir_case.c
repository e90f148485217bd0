/* IR test cases: parses a .ir file's directives, sets up and checks a run (ir_case.h). */
#include "ir/ir_case.h"
#include "ir/ir_text_internal.h"
#include "common/common.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

/* ---- Directive lexing: words separated by blanks; '=' and '|' stand alone ------------ */

typedef struct DirLexer {
    const char *p, *end;
    const char *source;
    unsigned line;
} DirLexer;

typedef struct DirTok {
    const char *s;
    size_t len; /* 0 at the end of the directive */
} DirTok;

static DirTok dir_next(DirLexer *lx)
{
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r'))
        lx->p++;
    DirTok t = {lx->p, 0};
    if (lx->p == lx->end)
        return t;
    if (*lx->p == '=' || *lx->p == '|') {
        t.len = 1;
        lx->p++;
        return t;
    }
    while (lx->p < lx->end && *lx->p != ' ' && *lx->p != '\t' && *lx->p != '\r' && *lx->p != '=' &&
           *lx->p != '|')
        lx->p++;
    t.len = (size_t)(lx->p - t.s);
    return t;
}

static bool tok_eq(DirTok t, const char *s)
{
    return t.len == strlen(s) && !memcmp(t.s, s, t.len);
}

static FvpError *dir_error(const DirLexer *lx, const char *expected, DirTok found)
{
    if (!found.len)
        return fvp_error_new(FVP_ERR_FORMAT, "%s:%u: expected %s, found end of line", lx->source,
                             lx->line, expected);
    return fvp_error_new(FVP_ERR_FORMAT, "%s:%u: expected %s, found '%.*s'", lx->source, lx->line,
                         expected, (int)FVP_MIN(found.len, 40), found.s);
}

static FvpError *dir_u64(DirLexer *lx, const char *what, uint64_t *out)
{
    DirTok t = dir_next(lx);
    if (!t.len || !ir_text_parse_u64(t.s, t.len, out, NULL))
        return dir_error(lx, what, t);
    return NULL;
}

static FvpError *dir_end(DirLexer *lx)
{
    DirTok t = dir_next(lx);
    return t.len ? dir_error(lx, "end of the directive", t) : NULL;
}

static int type_named(DirTok t)
{
    for (unsigned i = IR_I8; i < IR_TYPE_COUNT; i++)
        if (tok_eq(t, ir_type_name((IRType)i)))
            return (int)i;
    return -1;
}

/* "WHERE [TYPE] = VALUE" */
static FvpError *parse_value_spec(DirLexer *lx, IRCaseValues *into)
{
    IRCaseValue v = {.type = IR_I64, .line = lx->line};
    FvpError *err = dir_u64(lx, "a state offset or guest address", &v.where);
    if (err)
        return err;
    DirTok t = dir_next(lx);
    if (!tok_eq(t, "=")) {
        int type = type_named(t);
        if (type < 0)
            return dir_error(lx, "a type (i8 .. i128, f32, f64, v128) or '='", t);
        v.type = (uint8_t)type;
        t = dir_next(lx);
        if (!tok_eq(t, "="))
            return dir_error(lx, "'='", t);
    }
    t = dir_next(lx);
    unsigned bits = ir_type_bits((IRType)v.type);
    bool ok;
    if ((v.type == IR_F32 || v.type == IR_F64) && ir_text_is_float_literal(t.s, t.len)) {
        ok = ir_text_parse_float(t.s, t.len, bits, &v.lo);
    } else if (bits == 128) {
        ok = ir_text_parse_u128(t.s, t.len, &v.lo, &v.hi);
    } else {
        ok = ir_text_parse_u64(t.s, t.len, &v.lo, NULL);
        if (ok && bits < 64)
            v.lo &= fvp_mask(bits);
    }
    if (!t.len || !ok)
        return dir_error(lx, "a value (number, or float for f32/f64)", t);
    if ((err = dir_end(lx)))
        return err;
    FVP_GROW(into->items, into->cap, into->count + 1);
    into->items[into->count++] = v;
    return NULL;
}

static int lookup_name(DirTok t, const char *const *names, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        if (names[i] && tok_eq(t, names[i]))
            return (int)i;
    return -1;
}

static const char *const exit_kind_names[] = {"jump", "syscall", "trap", "fault", "sync_code"};
static const char *const jump_kind_names[] = {"plain", "call", "ret"};
static const char *const trap_kind_names[] = {"illegal", "breakpoint", "fetch_fault", "divide"};
static const char *const fp_flag_names[] = {"nx", "uf", "of", "dz", "nv", "de"};

static FvpError *parse_expect_exit(DirLexer *lx, IRCase *c)
{
    IRCaseExpectExit *x = &c->expect_exit;
    *x = (IRCaseExpectExit){.line = lx->line};
    DirTok t = dir_next(lx);
    int kind = lookup_name(t, exit_kind_names, FVP_ARRAY_LEN(exit_kind_names));
    if (kind < 0)
        return dir_error(lx, "an exit kind (jump, syscall, trap, fault, sync_code)", t);
    x->exit.kind = (uint8_t)kind;
    FvpError *err;
    switch (kind) {
    case IR_CASE_EXIT_JUMP: {
        DirLexer save = *lx;
        int jk = lookup_name(dir_next(lx), jump_kind_names, FVP_ARRAY_LEN(jump_kind_names));
        if (jk >= 0) {
            x->exit.jump_kind = (uint8_t)jk;
            x->check_jump_kind = true;
        } else {
            *lx = save;
        }
    }
        /* fall through */
    case IR_CASE_EXIT_SYSCALL:
    case IR_CASE_EXIT_SYNC_CODE:
        if ((err = dir_u64(lx, "the next pc", &x->exit.next_pc)))
            return err;
        break;
    case IR_CASE_EXIT_TRAP:
        t = dir_next(lx);
        kind = lookup_name(t, trap_kind_names, FVP_ARRAY_LEN(trap_kind_names));
        if (kind < 0)
            return dir_error(lx, "a trap kind (illegal, breakpoint, fetch_fault, divide)", t);
        x->exit.trap_kind = (uint8_t)kind;
        if ((err = dir_u64(lx, "the trap pc", &x->exit.pc)))
            return err;
        x->check_pc = true;
        t = dir_next(lx);
        if (tok_eq(t, "detail")) {
            if ((err = dir_u64(lx, "the trap detail", &x->exit.detail)))
                return err;
            x->check_detail = true;
        } else if (t.len) {
            return dir_error(lx, "'detail' or end of the directive", t);
        }
        break;
    case IR_CASE_EXIT_FAULT:
        if ((err = dir_u64(lx, "the faulting guest address", &x->exit.fault_addr)))
            return err;
        for (t = dir_next(lx); t.len; t = dir_next(lx)) {
            if (tok_eq(t, "read") || tok_eq(t, "write")) {
                x->exit.is_write = tok_eq(t, "write");
                x->check_write = true;
            } else if (tok_eq(t, "pc")) {
                if ((err = dir_u64(lx, "the faulting pc", &x->exit.pc)))
                    return err;
                x->check_pc = true;
            } else {
                return dir_error(lx, "'read', 'write', 'pc PC' or end of the directive", t);
            }
        }
        break;
    }
    c->has_expect_exit = true;
    return dir_end(lx);
}

static FvpError *parse_fp_flags(DirLexer *lx, IRCase *c)
{
    uint32_t flags = 0;
    DirTok t = dir_next(lx);
    for (;;) {
        uint64_t v;
        int bit = lookup_name(t, fp_flag_names, FVP_ARRAY_LEN(fp_flag_names));
        if (bit >= 0)
            flags |= 1u << bit;
        else if (t.len && ir_text_parse_u64(t.s, t.len, &v, NULL) && v <= UINT32_MAX)
            flags |= (uint32_t)v;
        else
            return dir_error(lx, "fp flags (nx, uf, of, dz, nv, de joined by '|', or a number)", t);
        t = dir_next(lx);
        if (!t.len)
            break;
        if (!tok_eq(t, "|"))
            return dir_error(lx, "'|' or end of the directive", t);
        t = dir_next(lx);
    }
    c->has_expect_fp_flags = true;
    c->expect_fp_flags = flags;
    c->expect_fp_flags_line = lx->line;
    return NULL;
}

/* One comment: a directive if it starts with one of the keywords, else free text. */
static FvpError *parse_comment(DirLexer *lx, IRCase *c)
{
    DirTok t = dir_next(lx);
    FvpError *err;
    if (tok_eq(t, "state:"))
        return parse_value_spec(lx, &c->state_init);
    if (tok_eq(t, "mem:"))
        return parse_value_spec(lx, &c->mem_init);
    if (tok_eq(t, "fp_round:")) {
        t = dir_next(lx);
        int rm = ir_text_round_lookup(t.s, t.len);
        if (rm < 0 || rm == IR_RM_DYN)
            return dir_error(lx, "a rounding mode (rne, rtz, rdn, rup, rmm)", t);
        c->has_fp_round = true;
        c->fp_round = (uint32_t)rm;
        return dir_end(lx);
    }
    if (tok_eq(t, "max_blocks:")) {
        uint64_t n;
        if ((err = dir_u64(lx, "a block count", &n)))
            return err;
        if (!n || n > UINT32_MAX)
            return fvp_error_new(FVP_ERR_FORMAT, "%s:%u: max_blocks must be 1 .. 2^32-1",
                                 lx->source, lx->line);
        c->max_blocks = (uint32_t)n;
        return dir_end(lx);
    }
    if (!tok_eq(t, "expect"))
        return NULL;
    DirLexer save = *lx;
    t = dir_next(lx);
    if (!t.len || t.s[t.len - 1] != ':') {
        *lx = save; /* "; expect the carry to ..." is a plain comment */
        return NULL;
    }
    if (tok_eq(t, "exit:"))
        return parse_expect_exit(lx, c);
    if (tok_eq(t, "state:"))
        return parse_value_spec(lx, &c->expect_state);
    if (tok_eq(t, "mem:"))
        return parse_value_spec(lx, &c->expect_mem);
    if (tok_eq(t, "fp_flags:"))
        return parse_fp_flags(lx, c);
    return dir_error(lx, "exit:, state:, mem: or fp_flags: after 'expect'", t);
}

void ir_case_free(IRCase *c)
{
    if (!c)
        return;
    free(c->source);
    ir_block_list_free(&c->blocks);
    free(c->state_init.items);
    free(c->mem_init.items);
    free(c->expect_state.items);
    free(c->expect_mem.items);
    free(c);
}

FvpError *ir_case_parse(const char *text, const char *source_name, IRCase **out)
{
    const char *source = source_name ? source_name : "<ir>";
    IRCase *c = fvp_xcalloc(1, sizeof(*c));
    c->source = fvp_xstrdup(source);
    c->max_blocks = IR_CASE_MAX_BLOCKS;
    FvpError *err = ir_parse_blocks(text, source, &c->blocks);
    if (err)
        goto fail;
    if (!c->blocks.count) {
        err = fvp_error_new(FVP_ERR_FORMAT, "%s: no block in the file", source);
        goto fail;
    }
    /* The IR text has no strings, so a line's comment starts at its first ';'. */
    unsigned line = 1;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        const char *semi = memchr(p, ';', (size_t)(eol - p));
        if (semi) {
            DirLexer lx = {semi + 1, eol, source, line};
            if ((err = parse_comment(&lx, c)))
                goto fail;
        }
        p = *eol ? eol + 1 : eol;
    }
    *out = c;
    return NULL;
fail:
    ir_case_free(c);
    return err;
}

FvpError *ir_case_load(const char *path, IRCase **out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fvp_error_errno(errno, "opening %s", path);
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        FVP_GROW(text, cap, len + 4097);
        size_t n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    int read_errno = ferror(f) ? errno : 0;
    fclose(f);
    if (read_errno) {
        free(text);
        return fvp_error_errno(read_errno, "reading %s", path);
    }
    text[len] = 0;
    if (strlen(text) != len) {
        free(text);
        return fvp_error_new(FVP_ERR_FORMAT, "%s: contains a NUL byte (not IR text)", path);
    }
    FvpError *err = ir_case_parse(text, path, out);
    free(text);
    return err;
}

FvpError *ir_case_verify(const IRCase *c)
{
    for (size_t i = 0; i < c->blocks.count; i++) {
        FvpError *err = ir_verify_block(c->blocks.blocks[i]);
        if (err)
            return fvp_error_wrap(err, "%s", c->source);
    }
    return NULL;
}

static size_t value_bytes(const IRCaseValue *v)
{
    return ir_type_bits((IRType)v->type) / 8;
}

static FvpError *write_values(const IRCase *c, const IRCaseValues *vals, uint8_t *base,
                              uint64_t size, const char *what)
{
    for (size_t i = 0; i < vals->count; i++) {
        const IRCaseValue *v = &vals->items[i];
        size_t n = value_bytes(v);
        if (v->where > size || size - v->where < n)
            return fvp_error_new(FVP_ERR_FORMAT,
                                 "%s:%u: %s 0x%" PRIx64 " + %zu bytes is outside the %" PRIu64
                                 "-byte %s",
                                 c->source, v->line, what, v->where, n, size, what);
        uint64_t words[2] = {v->lo, v->hi};
        memcpy(base + v->where, words, n);
    }
    return NULL;
}

FvpError *ir_case_init(const IRCase *c, void *state, size_t state_size, uint8_t *mem,
                       uint64_t mem_size)
{
    fvp_assert(state_size >= sizeof(IRStateHeader));
    FvpError *err = write_values(c, &c->state_init, state, state_size, "state");
    if (!err)
        err = write_values(c, &c->mem_init, mem, mem_size, "memory");
    if (!err && c->has_fp_round)
        ((IRStateHeader *)state)->fp_round = c->fp_round;
    return err;
}

long ir_case_find_block(const IRCase *c, uint64_t pc)
{
    for (size_t i = 0; i < c->blocks.count; i++)
        if (c->blocks.blocks[i]->pc == pc)
            return (long)i;
    return -1;
}

static void print_value(FILE *f, const IRCaseValue *v, uint64_t lo, uint64_t hi)
{
    if (ir_type_bits((IRType)v->type) == 128)
        fprintf(f, "0x%016" PRIx64 "%016" PRIx64, hi, lo);
    else
        fprintf(f, "0x%" PRIx64, lo);
    if (v->type == IR_F64) {
        double d;
        memcpy(&d, &lo, sizeof(d));
        fprintf(f, " (%.17g)", d);
    } else if (v->type == IR_F32) {
        float s;
        uint32_t bits = (uint32_t)lo;
        memcpy(&s, &bits, sizeof(s));
        fprintf(f, " (%.9g)", (double)s);
    }
}

static unsigned check_values(const IRCase *c, const IRCaseValues *vals, const uint8_t *base,
                             uint64_t size, const char *what, FILE *report)
{
    bool base_is_state = !strcmp(what, "state");
    unsigned bad = 0;
    for (size_t i = 0; i < vals->count; i++) {
        const IRCaseValue *v = &vals->items[i];
        size_t n = value_bytes(v);
        if (v->where > size || size - v->where < n) {
            fprintf(report, "%s:%u: %s 0x%" PRIx64 " is outside the %s\n", c->source, v->line, what,
                    v->where, what);
            bad++;
            continue;
        }
        uint64_t words[2] = {0, 0};
        memcpy(words, base + v->where, n);
        if (words[0] == v->lo && words[1] == v->hi)
            continue;
        fprintf(report, "%s:%u: expected %s ", c->source, v->line, what);
        fprintf(report, base_is_state ? "%" PRIu64 : "0x%" PRIx64, v->where);
        fprintf(report, " %s = ", ir_type_name((IRType)v->type));
        print_value(report, v, v->lo, v->hi);
        fputs(", found ", report);
        print_value(report, v, words[0], words[1]);
        fputc('\n', report);
        bad++;
    }
    return bad;
}

void ir_case_print_exit(FILE *f, const IRCaseExit *x)
{
    switch (x->kind) {
    case IR_CASE_EXIT_JUMP:
        fprintf(f, "jump %s0x%" PRIx64,
                x->jump_kind == IR_JUMP_CALL  ? "call "
                : x->jump_kind == IR_JUMP_RET ? "ret "
                                              : "",
                x->next_pc);
        break;
    case IR_CASE_EXIT_SYSCALL:
        fprintf(f, "syscall 0x%" PRIx64, x->next_pc);
        break;
    case IR_CASE_EXIT_SYNC_CODE:
        fprintf(f, "sync_code 0x%" PRIx64, x->next_pc);
        break;
    case IR_CASE_EXIT_TRAP:
        fprintf(f, "trap %s 0x%" PRIx64 " detail 0x%" PRIx64,
                x->trap_kind < FVP_ARRAY_LEN(trap_kind_names) ? trap_kind_names[x->trap_kind] : "?",
                x->pc, x->detail);
        break;
    case IR_CASE_EXIT_FAULT:
        fprintf(f, "fault 0x%" PRIx64 " %s pc 0x%" PRIx64, x->fault_addr,
                x->is_write ? "write" : "read", x->pc);
        break;
    default:
        fprintf(f, "unknown exit kind %u", x->kind);
        break;
    }
}

static bool exit_matches(const IRCaseExpectExit *want, const IRCaseExit *got)
{
    const IRCaseExit *w = &want->exit;
    if (w->kind != got->kind)
        return false;
    switch (w->kind) {
    case IR_CASE_EXIT_JUMP:
        if (want->check_jump_kind && w->jump_kind != got->jump_kind)
            return false;
        /* fall through */
    case IR_CASE_EXIT_SYSCALL:
    case IR_CASE_EXIT_SYNC_CODE:
        return w->next_pc == got->next_pc;
    case IR_CASE_EXIT_TRAP:
        return w->trap_kind == got->trap_kind && (!want->check_pc || w->pc == got->pc) &&
               (!want->check_detail || w->detail == got->detail);
    case IR_CASE_EXIT_FAULT:
        return w->fault_addr == got->fault_addr && (!want->check_pc || w->pc == got->pc) &&
               (!want->check_write || w->is_write == got->is_write);
    default:
        return false;
    }
}

unsigned ir_case_check(const IRCase *c, const void *state, size_t state_size, const uint8_t *mem,
                       uint64_t mem_size, const IRCaseExit *exit, FILE *report)
{
    unsigned bad = 0;
    if (c->has_expect_exit && !exit_matches(&c->expect_exit, exit)) {
        fprintf(report, "%s:%u: expected exit ", c->source, c->expect_exit.line);
        ir_case_print_exit(report, &c->expect_exit.exit);
        fputs(", found ", report);
        ir_case_print_exit(report, exit);
        fputc('\n', report);
        bad++;
    }
    bad += check_values(c, &c->expect_state, state, state_size, "state", report);
    bad += check_values(c, &c->expect_mem, mem, mem_size, "mem", report);
    if (c->has_expect_fp_flags) {
        uint32_t got = ((const IRStateHeader *)state)->fp_flags;
        if (got != c->expect_fp_flags) {
            fprintf(report, "%s:%u: expected fp_flags 0x%x, found 0x%x\n", c->source,
                    c->expect_fp_flags_line, c->expect_fp_flags, got);
            bad++;
        }
    }
    return bad;
}
