/* The IR printer: writes blocks in the text form of docs/ir.md (ir_parse.c reads it back). */
#include "ir/ir.h"
#include "ir/ir_text_internal.h"
#include "common/common.h"

#include <inttypes.h>
#include <string.h>

/* Prints ", " before every item but the first. */
typedef struct PrintItems {
    FILE *f;
    unsigned n;
} PrintItems;

static void item_sep(PrintItems *p)
{
    fputs(p->n++ ? ", " : " ", p->f);
}

static void print_u128_hex(FILE *f, uint64_t lo, uint64_t hi, bool full)
{
    if (full)
        fprintf(f, "0x%016" PRIx64 "%016" PRIx64, hi, lo);
    else if (hi)
        fprintf(f, "0x%" PRIx64 "%016" PRIx64, hi, lo);
    else if (lo < 10)
        fprintf(f, "%" PRIu64, lo);
    else
        fprintf(f, "0x%" PRIx64, lo);
}

static void print_imm(PrintItems *p, const IRInsn *in, const IRTextForm *form)
{
    item_sep(p);
    switch (form->imm) {
    case IR_IMM_DEC:
        fprintf(p->f, "%" PRIu64, in->imm);
        break;
    case IR_IMM_PC:
        fprintf(p->f, "0x%" PRIx64, in->imm);
        break;
    case IR_IMM_CONST:
        print_u128_hex(p->f, in->imm, in->type == IR_I128 || in->type == IR_V128 ? in->imm2 : 0,
                       false);
        break;
    case IR_IMM_V128:
        print_u128_hex(p->f, in->imm, in->imm2, true);
        break;
    default:
        fvp_assert(!"printing an op without an immediate");
    }
}

/* True when imm2 is part of the primary immediate. */
static bool imm2_in_literal(const IRInsn *in, const IRTextForm *form)
{
    return form->imm == IR_IMM_V128 ||
           (form->imm == IR_IMM_CONST && (in->type == IR_I128 || in->type == IR_V128));
}

static void print_float_comment(FILE *f, const IRInsn *in)
{
    if (in->op != IR_CONST)
        return;
    if (in->type == IR_F64 && !in->imm2) {
        double d;
        memcpy(&d, &in->imm, sizeof(d));
        fprintf(f, "  ; %.17g", d);
    } else if (in->type == IR_F32 && !in->imm2 && in->imm <= 0xffffffffu) {
        uint32_t bits = (uint32_t)in->imm;
        float s;
        memcpy(&s, &bits, sizeof(s));
        fprintf(f, "  ; %.9g", (double)s);
    }
}

static void print_insn(FILE *f, const IRBlock *b, size_t idx)
{
    const IRInsn *in = &b->insns[idx];
    const IRTextForm *form = ir_text_form(in->op);
    PrintItems items = {f, 0};

    fputs("  ", f);
    if (in->type != IR_VOID)
        fprintf(f, "%%%zu = ", idx);
    if (in->op < IR_OP_COUNT)
        fputs(ir_op_info[in->op].name, f);
    else
        fprintf(f, "op_%u", in->op);
    if (in->type != IR_VOID && in->type < IR_TYPE_COUNT)
        fprintf(f, ".%s", ir_type_name((IRType)in->type));
    if (in->lane != IR_LANE_NONE && in->lane < IR_LANE_COUNT)
        fprintf(f, ".%s", ir_lane_name((IRLane)in->lane));

    /* The word: cond name or helper name. */
    bool cond_shown = false, imm_shown = false;
    if (form->word == IR_WORD_COND || form->word == IR_WORD_OPNAME) {
        const char *name = ir_text_cond_name(in->op, in->cond);
        if (name) {
            if (*name)
                fprintf(f, " %s", name);
            cond_shown = true;
        }
    } else if (form->word == IR_WORD_HELPER && in->imm < IR_HELPER_COUNT) {
        fprintf(f, " %s", ir_helper_info[in->imm].name);
        imm_shown = true;
    }

    unsigned shown_args = in->nargs < 3 ? in->nargs : 3;
    if (form->imm != IR_IMM_NONE && form->imm_first) {
        print_imm(&items, in, form);
        imm_shown = true;
    }
    for (unsigned k = 0; k < shown_args; k++) {
        item_sep(&items);
        fprintf(f, "%%%" PRIu32, in->args[k]);
    }
    if (form->imm != IR_IMM_NONE && !form->imm_first) {
        print_imm(&items, in, form);
        imm_shown = true;
    }

    /* key=value attributes: the op's own, then any field the form does not cover. */
    if (form->cond_key) {
        fprintf(f, " %s=%u", form->cond_key, in->cond);
        cond_shown = true;
    }
    if (form->imm2_key && in->imm2)
        fprintf(f, " %s=0x%" PRIx64, form->imm2_key, in->imm2);
    if (form->fp || in->rm) {
        const char *name = ir_text_round_name(in->rm);
        if (name)
            fprintf(f, " rm=%s", name);
        else
            fprintf(f, " rm=%u", in->rm);
    }
    if (form->fp || in->nan) {
        const char *name = ir_text_nan_name(in->nan);
        if (name)
            fprintf(f, " nan=%s", name);
        else
            fprintf(f, " nan=%u", in->nan);
    }
    if (!cond_shown && in->cond)
        fprintf(f, " cond=%u", in->cond);
    if (!imm_shown && in->imm)
        fprintf(f, " imm=0x%" PRIx64, in->imm);
    if (!form->imm2_key && !imm2_in_literal(in, form) && in->imm2)
        fprintf(f, " imm2=0x%" PRIx64, in->imm2);
    if (in->type >= IR_TYPE_COUNT)
        fprintf(f, " type=%u", in->type);
    if (in->lane >= IR_LANE_COUNT)
        fprintf(f, " lane=%u", in->lane);
    if (in->nargs > 3)
        fprintf(f, " nargs=%u", in->nargs);
    for (unsigned k = shown_args; k < 3; k++)
        if (in->args[k])
            fprintf(f, " arg%u=%%%" PRIu32, k, in->args[k]);
    if (in->pad)
        fprintf(f, " pad=%u", in->pad);
    print_float_comment(f, in);
    fputc('\n', f);
}

void ir_print_block(FILE *f, const IRBlock *b)
{
    fprintf(f, "block 0x%" PRIx64 " bytes %" PRIu32 " insns %" PRIu32 " {\n", b->pc, b->guest_bytes,
            b->guest_insns);
    for (size_t i = 0; i < b->count; i++)
        print_insn(f, b, i);
    fputs("}\n", f);
}
