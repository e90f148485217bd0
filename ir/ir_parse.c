/* The IR parser: reads the text form of docs/ir.md back into IRBlocks. */
#include "ir/ir.h"
#include "ir/ir_text.h"
#include "ir/ir_text_internal.h"
#include "common/common.h"

#include <ctype.h>
#include <string.h>

typedef enum TokKind {
    TK_EOF,
    TK_EOL,
    TK_WORD,   /* op names, keywords, enum names */
    TK_NUM,    /* numeric literal */
    TK_VAR,    /* %name */
    TK_EQ,     /* = */
    TK_COMMA,  /* , */
    TK_LBRACE, /* { */
    TK_RBRACE, /* } */
    TK_BAD,    /* anything else */
} TokKind;

typedef struct Token {
    TokKind kind;
    const char *s; /* text (for TK_VAR without the '%') */
    size_t len;
    unsigned line, col;
} Token;

/* A symbolic value name (%x) and the instruction that defines it. */
typedef struct ParseName {
    const char *s;
    size_t len;
    uint32_t value;
} ParseName;

typedef struct Parser {
    const char *source;
    const char *pos;
    const char *line_start;
    unsigned line;
    Token tok; /* current token */
    ParseName *names;
    size_t nnames, names_cap;
} Parser;

static bool is_word_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

static void lex(Parser *p)
{
    const char *s = p->pos;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s != ';')
            break;
        while (*s && *s != '\n')
            s++;
    }
    Token t = {.s = s, .len = 1, .line = p->line, .col = (unsigned)(s - p->line_start) + 1};
    if (!*s) {
        t.kind = TK_EOF;
        t.len = 0;
    } else if (*s == '\n') {
        t.kind = TK_EOL;
        s++;
        p->line++;
        p->line_start = s;
        p->pos = s;
        p->tok = t;
        return;
    } else if (*s == '=') {
        t.kind = TK_EQ;
        s++;
    } else if (*s == ',') {
        t.kind = TK_COMMA;
        s++;
    } else if (*s == '{') {
        t.kind = TK_LBRACE;
        s++;
    } else if (*s == '}') {
        t.kind = TK_RBRACE;
        s++;
    } else if (*s == '%') {
        const char *e = s + 1;
        while (is_word_char(*e))
            e++;
        t.kind = e > s + 1 ? TK_VAR : TK_BAD;
        t.s = s + 1;
        t.len = (size_t)(e - s - 1);
        s = e > s + 1 ? e : s + 1;
    } else if (isdigit((unsigned char)*s) ||
               ((*s == '-' || *s == '+') &&
                (isdigit((unsigned char)s[1]) || s[1] == '.' || s[1] == 'i' || s[1] == 'n'))) {
        const char *e = s + 1;
        bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
        hex |= (s[0] == '-' || s[0] == '+') && s[1] == '0' && (s[2] == 'x' || s[2] == 'X');
        while (isalnum((unsigned char)*e) || *e == '.' ||
               (!hex && (*e == '-' || *e == '+') && (e[-1] == 'e' || e[-1] == 'E')))
            e++;
        t.kind = TK_NUM;
        t.len = (size_t)(e - s);
        s = e;
    } else if (is_word_start(*s)) {
        const char *e = s + 1;
        while (is_word_char(*e))
            e++;
        t.kind = TK_WORD;
        t.len = (size_t)(e - s);
        s = e;
    } else {
        t.kind = TK_BAD;
        s++;
    }
    p->pos = s;
    p->tok = t;
}

/* The token after the current one, without consuming anything. */
static Token peek(Parser *p)
{
    Parser save = *p;
    lex(p);
    Token t = p->tok;
    p->pos = save.pos;
    p->line = save.line;
    p->line_start = save.line_start;
    p->tok = save.tok;
    return t;
}

static bool tok_is(const Token *t, const char *word)
{
    return t->kind == TK_WORD && strlen(word) == t->len && !memcmp(t->s, word, t->len);
}

static FvpError *error_at(const Parser *p, const Token *t, const char *expected)
{
    const char *found;
    int flen = (int)t->len;
    switch (t->kind) {
    case TK_EOF:
        found = "end of file";
        flen = -1;
        break;
    case TK_EOL:
        found = "end of line";
        flen = -1;
        break;
    default:
        found = t->kind == TK_VAR ? t->s - 1 : t->s;
        if (t->kind == TK_VAR)
            flen++;
        break;
    }
    if (flen < 0)
        return fvp_error_new(FVP_ERR_FORMAT, "%s:%u:%u: expected %s, found %s", p->source, t->line,
                             t->col, expected, found);
    return fvp_error_new(FVP_ERR_FORMAT, "%s:%u:%u: expected %s, found '%.*s'", p->source, t->line,
                         t->col, expected, flen > 40 ? 40 : flen, found);
}

static FvpError *error_msg(const Parser *p, const Token *t, const char *fmt, const char *what,
                           size_t len)
{
    char msg[256];
    snprintf(msg, sizeof(msg), fmt, (int)len, what);
    return fvp_error_new(FVP_ERR_FORMAT, "%s:%u:%u: %s", p->source, t->line, t->col, msg);
}

static FvpError *expect_u64(Parser *p, const char *what, uint64_t *out)
{
    if (p->tok.kind != TK_NUM || !ir_text_parse_u64(p->tok.s, p->tok.len, out, NULL))
        return error_at(p, &p->tok, what);
    lex(p);
    return NULL;
}

/* ---- Values ------------------------------------------------------------------------ */

static const ParseName *name_find(const Parser *p, const char *s, size_t len)
{
    for (size_t i = 0; i < p->nnames; i++)
        if (p->names[i].len == len && !memcmp(p->names[i].s, s, len))
            return &p->names[i];
    return NULL;
}

static bool var_is_numeric(const Token *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (!isdigit((unsigned char)t->s[i]))
            return false;
    return true;
}

static FvpError *resolve_var(Parser *p, const Token *t, uint32_t *out)
{
    if (var_is_numeric(t)) {
        uint64_t v;
        if (!ir_text_parse_u64(t->s, t->len, &v, NULL) || v > UINT32_MAX)
            return error_msg(p, t, "value number %%%.*s out of range", t->s, t->len);
        *out = (uint32_t)v;
        return NULL;
    }
    const ParseName *n = name_find(p, t->s, t->len);
    if (!n)
        return error_msg(p, t, "undefined value %%%.*s", t->s, t->len);
    *out = n->value;
    return NULL;
}

static FvpError *define_var(Parser *p, const Token *t, size_t index)
{
    if (var_is_numeric(t)) {
        uint64_t v;
        if (!ir_text_parse_u64(t->s, t->len, &v, NULL) || v != index) {
            char msg[160];
            snprintf(msg, sizeof(msg),
                     "value %%%.*s is defined by instruction %zu; a numeric name must be the "
                     "instruction index (or use a symbolic name like %%x)",
                     (int)t->len, t->s, index);
            return fvp_error_new(FVP_ERR_FORMAT, "%s:%u:%u: %s", p->source, t->line, t->col, msg);
        }
        return NULL;
    }
    if (name_find(p, t->s, t->len))
        return error_msg(p, t, "value %%%.*s is defined twice", t->s, t->len);
    FVP_GROW(p->names, p->names_cap, p->nnames + 1);
    p->names[p->nnames++] = (ParseName){t->s, t->len, (uint32_t)index};
    return NULL;
}

/* ---- Instructions ------------------------------------------------------------------ */

static int op_lookup(const char *s, size_t len)
{
    for (unsigned i = 0; i < IR_OP_COUNT; i++)
        if (strlen(ir_op_info[i].name) == len && !memcmp(ir_op_info[i].name, s, len))
            return (int)i;
    if (len > 3 && !memcmp(s, "op_", 3)) {
        uint64_t v;
        if (ir_text_parse_u64(s + 3, len - 3, &v, NULL) && v < 256)
            return (int)v;
    }
    return -1;
}

static int type_lookup(const char *s, size_t len)
{
    for (unsigned t = IR_I1; t < IR_TYPE_COUNT; t++)
        if (strlen(ir_type_name((IRType)t)) == len && !memcmp(ir_type_name((IRType)t), s, len))
            return (int)t;
    return -1;
}

static int lane_lookup(const char *s, size_t len)
{
    for (unsigned l = 1; l < IR_LANE_COUNT; l++)
        if (strlen(ir_lane_name((IRLane)l)) == len && !memcmp(ir_lane_name((IRLane)l), s, len))
            return (int)l;
    return -1;
}

/* "add.v128.i32x4": the longest op-name prefix, then type and lane suffixes. */
static FvpError *parse_opname(Parser *p, IRInsn *in)
{
    const Token *t = &p->tok;
    if (t->kind != TK_WORD)
        return error_at(p, t, "an op name");
    int op = -1;
    size_t cut = t->len;
    for (;;) {
        op = op_lookup(t->s, cut);
        if (op >= 0)
            break;
        while (cut > 0 && t->s[cut - 1] != '.')
            cut--;
        if (cut == 0)
            return error_msg(p, t, "unknown op '%.*s'", t->s, t->len);
        cut--;
    }
    in->op = (uint8_t)op;
    size_t i = cut;
    bool have_type = false, have_lane = false;
    while (i < t->len) {
        size_t start = ++i;
        while (i < t->len && t->s[i] != '.')
            i++;
        int v;
        if (!have_type && !have_lane && (v = type_lookup(t->s + start, i - start)) >= 0) {
            in->type = (uint8_t)v;
            have_type = true;
        } else if (!have_lane && (v = lane_lookup(t->s + start, i - start)) >= 0) {
            in->lane = (uint8_t)v;
            have_lane = true;
        } else {
            Token s = *t;
            s.col += (unsigned)start;
            return error_msg(p, &s,
                             "expected a type (i1 .. i128, f32, f64, v128) or lane (i8x16 .. "
                             "f64x2) suffix, found '%.*s'",
                             t->s + start, i - start);
        }
    }
    lex(p);
    return NULL;
}

typedef struct InsnParse {
    IRInsn in;
    unsigned nops;
    bool have_imm, have_word, have_nargs;
} InsnParse;

static FvpError *parse_immediate(Parser *p, InsnParse *ip, const IRTextForm *form)
{
    const Token *t = &p->tok;
    IRInsn *in = &ip->in;
    if (form->imm == IR_IMM_NONE)
        return error_msg(p, t, "'%.*s' takes no immediate", ir_op_info[in->op].name,
                         strlen(ir_op_info[in->op].name));
    if (ip->have_imm)
        return error_at(p, t, "one immediate only; an operand, key=value or end of line");
    bool ok;
    bool is_float_type = in->type == IR_F32 || in->type == IR_F64;
    bool is_wide = in->type == IR_I128 || in->type == IR_V128;
    if (form->imm == IR_IMM_CONST && is_float_type && ir_text_is_float_literal(t->s, t->len)) {
        ok = ir_text_parse_float(t->s, t->len, in->type == IR_F32 ? 32 : 64, &in->imm);
    } else if (form->imm == IR_IMM_V128 || (form->imm == IR_IMM_CONST && is_wide)) {
        ok = ir_text_parse_u128(t->s, t->len, &in->imm, &in->imm2);
    } else {
        bool neg;
        ok = ir_text_parse_u64(t->s, t->len, &in->imm, &neg);
        unsigned bits = ir_type_bits((IRType)in->type);
        if (ok && neg && form->imm == IR_IMM_CONST && bits && bits < 64)
            in->imm &= fvp_mask(bits);
    }
    if (!ok)
        return error_at(p, t, "a number (decimal, 0x hex, or a float like 1.5 for f32/f64)");
    ip->have_imm = true;
    lex(p);
    return NULL;
}

static FvpError *parse_word(Parser *p, InsnParse *ip, const IRTextForm *form)
{
    const Token *t = &p->tok;
    IRInsn *in = &ip->in;
    /* inf and nan are float literals where a float constant is expected. */
    if (form->imm == IR_IMM_CONST && (tok_is(t, "inf") || tok_is(t, "nan")))
        return parse_immediate(p, ip, form);
    if (ip->have_word)
        return error_at(p, t, "an operand, immediate, key=value or end of line");
    if (form->word == IR_WORD_HELPER) {
        for (unsigned h = 0; h < IR_HELPER_COUNT; h++)
            if (strlen(ir_helper_info[h].name) == t->len &&
                !memcmp(ir_helper_info[h].name, t->s, t->len)) {
                in->imm = h;
                ip->have_word = true;
                lex(p);
                return NULL;
            }
        return error_msg(p, t, "unknown helper '%.*s'", t->s, t->len);
    }
    if (form->word == IR_WORD_NONE)
        return error_msg(p, t, "unexpected word '%.*s' (this op takes no kind)", t->s, t->len);
    int v = ir_text_cond_lookup(in->op, t->s, t->len);
    if (v < 0) {
        char names[512] = "";
        if (form->word == IR_WORD_COND)
            for (unsigned i = 0; i < form->cond_count; i++)
                if (form->cond_names[i][0]) {
                    size_t used = strlen(names);
                    snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "",
                             form->cond_names[i]);
                }
        char what[600];
        snprintf(what, sizeof(what), "%s kind (%s)", ir_op_info[in->op].name,
                 form->word == IR_WORD_OPNAME ? "an op name: add, smin, smax, umin, umax" : names);
        return error_at(p, t, what);
    }
    in->cond = (uint8_t)v;
    ip->have_word = true;
    lex(p);
    return NULL;
}

static FvpError *attr_small(Parser *p, const Token *val, int named, uint8_t *out)
{
    if (named >= 0) {
        *out = (uint8_t)named;
        return NULL;
    }
    uint64_t v;
    if (val->kind != TK_NUM || !ir_text_parse_u64(val->s, val->len, &v, NULL) || v > 255)
        return error_at(p, val, "a name or a number 0..255");
    *out = (uint8_t)v;
    return NULL;
}

static FvpError *parse_attribute(Parser *p, InsnParse *ip, const IRTextForm *form)
{
    Token key = p->tok;
    lex(p); /* key */
    lex(p); /* = */
    Token val = p->tok;
    IRInsn *in = &ip->in;
    bool word = val.kind == TK_WORD;
    FvpError *err = NULL;
#define KEY(k) (key.len == strlen(k) && !memcmp(key.s, k, key.len))
    if (KEY("rm")) {
        err = attr_small(p, &val, word ? ir_text_round_lookup(val.s, val.len) : -1, &in->rm);
    } else if (KEY("nan")) {
        err = attr_small(p, &val, word ? ir_text_nan_lookup(val.s, val.len) : -1, &in->nan);
    } else if (KEY("cond") || (form->cond_key && KEY(form->cond_key))) {
        err =
            attr_small(p, &val, word ? ir_text_cond_lookup(in->op, val.s, val.len) : -1, &in->cond);
    } else if (KEY("type")) {
        err = attr_small(p, &val, word ? type_lookup(val.s, val.len) : -1, &in->type);
    } else if (KEY("lane")) {
        err = attr_small(p, &val, word ? lane_lookup(val.s, val.len) : -1, &in->lane);
    } else if (KEY("nargs")) {
        err = attr_small(p, &val, -1, &in->nargs);
        ip->have_nargs = true;
    } else if (KEY("pad")) {
        err = attr_small(p, &val, -1, &in->pad);
    } else if (KEY("imm") || KEY("imm2") || (form->imm2_key && KEY(form->imm2_key))) {
        uint64_t *dst = KEY("imm") ? &in->imm : &in->imm2;
        if (val.kind != TK_NUM || !ir_text_parse_u64(val.s, val.len, dst, NULL))
            err = error_at(p, &val, "a 64-bit number");
    } else if (KEY("arg0") || KEY("arg1") || KEY("arg2")) {
        uint32_t *dst = &in->args[key.s[3] - '0'];
        if (val.kind == TK_VAR)
            err = resolve_var(p, &val, dst);
        else
            err = error_at(p, &val, "a value %N");
    } else {
        char what[200];
        snprintf(what, sizeof(what),
                 "an attribute (rm, nan, cond, imm, imm2%s%s%s%s, type, lane, nargs, arg0..2, "
                 "pad)",
                 form->cond_key ? ", " : "", form->cond_key ? form->cond_key : "",
                 form->imm2_key ? ", " : "", form->imm2_key ? form->imm2_key : "");
        return error_at(p, &key, what);
    }
#undef KEY
    if (err)
        return err;
    lex(p);
    return NULL;
}

static FvpError *parse_insn(Parser *p, IRBlock *b)
{
    /* IRInsn has 4 bytes of implicit padding before imm, and ir_block_equal compares with
     * memcmp: clear every byte, not just the fields. */
    InsnParse ip;
    memset(&ip, 0, sizeof(ip));
    FvpError *err;
    if (p->tok.kind == TK_VAR) {
        Token def = p->tok;
        lex(p);
        if (p->tok.kind != TK_EQ)
            return error_at(p, &p->tok, "'=' after the value name");
        lex(p);
        if ((err = define_var(p, &def, b->count)))
            return err;
    }
    if ((err = parse_opname(p, &ip.in)))
        return err;
    const IRTextForm *form = ir_text_form(ip.in.op);
    for (;;) {
        Token *t = &p->tok;
        if (t->kind == TK_EOL || t->kind == TK_EOF || t->kind == TK_RBRACE)
            break;
        if (t->kind == TK_COMMA) {
            lex(p);
        } else if (t->kind == TK_VAR) {
            if (ip.nops == 3)
                return error_at(p, t, "at most 3 operands; end of line");
            if ((err = resolve_var(p, t, &ip.in.args[ip.nops])))
                return err;
            ip.nops++;
            lex(p);
        } else if (t->kind == TK_NUM) {
            if ((err = parse_immediate(p, &ip, form)))
                return err;
        } else if (t->kind == TK_WORD && peek(p).kind == TK_EQ) {
            if ((err = parse_attribute(p, &ip, form)))
                return err;
        } else if (t->kind == TK_WORD) {
            if ((err = parse_word(p, &ip, form)))
                return err;
        } else {
            return error_at(p, t, "an operand %N, an immediate, a key=value or end of line");
        }
    }
    if (!ip.have_nargs)
        ip.in.nargs = (uint8_t)ip.nops;
    if (form->imm != IR_IMM_NONE && !ip.have_imm)
        return error_msg(p, &p->tok, "'%.*s' needs its immediate (see docs/ir.md)",
                         ir_op_info[ip.in.op].name, strlen(ir_op_info[ip.in.op].name));
    ir_emit(b, &ip.in);
    return NULL;
}

/* ---- Blocks ------------------------------------------------------------------------ */

static void skip_blank_lines(Parser *p)
{
    while (p->tok.kind == TK_EOL)
        lex(p);
}

static FvpError *parse_one_block(Parser *p, IRBlock **out)
{
    FvpError *err;
    Token start = p->tok;
    if (!tok_is(&p->tok, "block"))
        return error_at(p, &p->tok, "'block'");
    lex(p);
    uint64_t pc, bytes = 0, insns = 0;
    if ((err = expect_u64(p, "the block's guest pc", &pc)))
        return err;
    if (tok_is(&p->tok, "bytes")) {
        lex(p);
        if ((err = expect_u64(p, "the number of guest code bytes", &bytes)))
            return err;
    }
    if (tok_is(&p->tok, "insns")) {
        lex(p);
        if ((err = expect_u64(p, "the number of guest instructions", &insns)))
            return err;
    }
    if (bytes > UINT32_MAX || insns > UINT32_MAX)
        return error_at(p, &p->tok, "bytes and insns below 2^32");
    if (p->tok.kind != TK_LBRACE)
        return error_at(p, &p->tok, "'{' (or 'bytes N', 'insns N')");
    lex(p);
    if (p->tok.kind != TK_EOL)
        return error_at(p, &p->tok, "end of line after '{'");

    IRBlock *b = ir_block_new(pc);
    b->guest_bytes = (uint32_t)bytes;
    b->guest_insns = (uint32_t)insns;
    p->nnames = 0;
    for (;;) {
        skip_blank_lines(p);
        if (p->tok.kind == TK_RBRACE)
            break;
        if (p->tok.kind == TK_EOF) {
            char what[80];
            snprintf(what, sizeof(what), "'}' closing the block opened at line %u", start.line);
            err = error_at(p, &p->tok, what);
            goto fail;
        }
        if ((err = parse_insn(p, b)))
            goto fail;
        if (p->tok.kind != TK_EOL && p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACE) {
            err = error_at(p, &p->tok, "end of line");
            goto fail;
        }
    }
    lex(p); /* } */
    if (p->tok.kind != TK_EOL && p->tok.kind != TK_EOF) {
        err = error_at(p, &p->tok, "end of line after '}'");
        goto fail;
    }
    *out = b;
    return NULL;
fail:
    ir_block_free(b);
    return err;
}

static void parser_init(Parser *p, const char *text, const char *source_name)
{
    *p = (Parser){
        .source = source_name ? source_name : "<ir>", .pos = text, .line_start = text, .line = 1};
    lex(p);
}

void ir_block_list_free(IRBlockList *list)
{
    for (size_t i = 0; i < list->count; i++)
        ir_block_free(list->blocks[i]);
    free(list->blocks);
    *list = (IRBlockList){0};
}

FvpError *ir_parse_blocks(const char *text, const char *source_name, IRBlockList *out)
{
    Parser p;
    parser_init(&p, text, source_name);
    IRBlockList list = {0};
    FvpError *err = NULL;
    for (;;) {
        skip_blank_lines(&p);
        if (p.tok.kind == TK_EOF)
            break;
        IRBlock *b;
        if ((err = parse_one_block(&p, &b))) {
            ir_block_list_free(&list);
            break;
        }
        FVP_GROW(list.blocks, list.cap, list.count + 1);
        list.blocks[list.count++] = b;
    }
    free(p.names);
    if (!err)
        *out = list;
    return err;
}

FvpError *ir_parse_block(const char *text, const char *source_name, IRBlock **out)
{
    Parser p;
    parser_init(&p, text, source_name);
    skip_blank_lines(&p);
    IRBlock *b;
    FvpError *err = parse_one_block(&p, &b);
    if (!err) {
        skip_blank_lines(&p);
        if (p.tok.kind != TK_EOF) {
            err = error_at(&p, &p.tok, "end of file after the block (one block only)");
            ir_block_free(b);
        }
    }
    free(p.names);
    if (!err)
        *out = b;
    return err;
}
