/* Shared by the IR printer, parser and verifier: how each op's fields appear in text. */
#ifndef FVP_IR_IR_TEXT_INTERNAL_H
#define FVP_IR_IR_TEXT_INTERNAL_H

#include "ir/ir.h"

/*
 * One text line per instruction (docs/ir.md, "Text form"):
 *
 *   [%N =] op[.type][.lane] [word] item, item, ... [key=value ...]
 *
 * The word names the op's cond (cmp slt, rmw add, goto call) or its helper (helper
 * fclass64); items are operands (%N) and the op's primary immediate; key=value carries
 * the rest (rm=, nan=, len=, link=, detail=) and, for odd instructions, any raw field.
 */

/* What the bare word after the op name sets. */
typedef enum IRTextWord {
    IR_WORD_NONE = 0,
    IR_WORD_COND,   /* cond, named by IRTextForm.cond_names */
    IR_WORD_OPNAME, /* cond holds an IROp (vreduce add) */
    IR_WORD_HELPER, /* imm holds an IRHelper (helper fclass64) */
} IRTextWord;

/* How the primary immediate (imm) is written as an item. */
typedef enum IRTextImm {
    IR_IMM_NONE = 0,
    IR_IMM_DEC,   /* state offset, lane index: decimal */
    IR_IMM_PC,    /* guest address: hex */
    IR_IMM_CONST, /* constant: imm (and imm2 for 128-bit types) */
    IR_IMM_V128,  /* 16 shuffle bytes: imm | imm2 << 64 as one 128-bit hex literal */
} IRTextImm;

typedef struct IRTextForm {
    uint8_t word;                  /* IRTextWord */
    uint8_t imm;                   /* IRTextImm */
    uint8_t imm_first;             /* the immediate is printed before the operands (put) */
    uint8_t fp;                    /* rm= and nan= are always printed */
    uint8_t cond_count;            /* valid cond values (IR_WORD_COND or cond_key) */
    const char *const *cond_names; /* cond value -> name; "" = default, not printed */
    const char *cond_key;          /* cond written as key=N (insn len=4) instead of a word */
    const char *imm2_key;          /* imm2 written as key=0x.. when non-zero (link, detail) */
} IRTextForm;

/* The form of op (a fully generic one for values >= IR_OP_COUNT). Never NULL. */
const IRTextForm *ir_text_form(unsigned op);

/* Names of rounding modes (NULL where unnamed) and NaN modes, indexed by value. */
const char *ir_text_round_name(unsigned rm);
const char *ir_text_nan_name(unsigned nan);
/* Returns the value for a name, or -1. */
int ir_text_round_lookup(const char *name, size_t len);
int ir_text_nan_lookup(const char *name, size_t len);
/* Name of a cond value for op (NULL if unnamed; "" for an unprinted default). */
const char *ir_text_cond_name(unsigned op, unsigned cond);
/* Value of a cond word for op, or -1. */
int ir_text_cond_lookup(unsigned op, const char *name, size_t len);

/* Numeric literals of the text form: decimal or 0x hex, optionally negative (two's
 * complement). Return false on a malformed or out-of-range literal. */
bool ir_text_parse_u64(const char *s, size_t len, uint64_t *out, bool *negative);
/* Up to 32 hex digits, or a 64-bit literal sign-extended to 128 bits. */
bool ir_text_parse_u128(const char *s, size_t len, uint64_t *lo, uint64_t *hi);
/* A literal the text form reads as a floating-point value (has '.', an exponent, or is
 * inf/nan) rather than as raw bits. */
bool ir_text_is_float_literal(const char *s, size_t len);
/* Bits of the float literal as f32 (bits = 32) or f64 (bits = 64). */
bool ir_text_parse_float(const char *s, size_t len, unsigned bits, uint64_t *out);

#endif
