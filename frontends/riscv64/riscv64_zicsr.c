/* Lifters for Zicsr: the FP CSRs (fflags, frm, fcsr) and the user counters. */
#include "frontends/riscv64/riscv64_internal.h"

enum {
    RV_CSR_FFLAGS = 0x001,
    RV_CSR_FRM = 0x002,
    RV_CSR_FCSR = 0x003,
    RV_CSR_CYCLE = 0xc00,
    RV_CSR_TIME = 0xc01,
    RV_CSR_INSTRET = 0xc02,
};

typedef enum RvCsrOp { RV_CSR_WRITE, RV_CSR_SET, RV_CSR_CLEAR } RvCsrOp;

static bool rv_csr_known(int64_t csr)
{
    switch (csr) {
    case RV_CSR_FFLAGS:
    case RV_CSR_FRM:
    case RV_CSR_FCSR:
    case RV_CSR_CYCLE:
    case RV_CSR_TIME:
    case RV_CSR_INSTRET:
        return true;
    default:
        return false;
    }
}

static bool rv_csr_read_only(int64_t csr)
{
    return (csr >> 10) == 3; /* csr[11:10] = 11: read-only by the numbering convention */
}

static uint32_t rv_read_header_field(RvLift *c, uint32_t offset, uint64_t mask)
{
    uint32_t v = ir_conv(c->b, IR_ZEXT, IR_I64, ir_get(c->b, IR_I32, offset));
    return ir_binop(c->b, IR_AND, v, rv_const(c, mask));
}

static uint32_t rv_csr_read(RvLift *c, int64_t csr)
{
    IRBlock *b = c->b;
    switch (csr) {
    case RV_CSR_FFLAGS:
        return rv_read_header_field(c, RV_OFF_FFLAGS, 0x1f);
    case RV_CSR_FRM:
        return rv_read_header_field(c, RV_OFF_FRM, 0x7);
    case RV_CSR_FCSR: {
        uint32_t frm = rv_read_header_field(c, RV_OFF_FRM, 0x7);
        uint32_t flags = rv_read_header_field(c, RV_OFF_FFLAGS, 0x1f);
        return ir_binop(b, IR_OR, ir_binop(b, IR_SHL, frm, rv_const(c, 5)), flags);
    }
    case RV_CSR_CYCLE:
        return ir_helper(b, IR_HELPER_READ_CYCLE, 0, 0, 0);
    case RV_CSR_TIME:
        return ir_helper(b, IR_HELPER_READ_TIME, 0, 0, 0);
    default:
        return ir_helper(b, IR_HELPER_READ_INSTRET, 0, 0, 0);
    }
}

static void rv_write_header_field(RvLift *c, uint32_t offset, uint32_t v64, uint64_t mask)
{
    uint32_t masked = ir_binop(c->b, IR_AND, v64, rv_const(c, mask));
    ir_put(c->b, offset, ir_conv(c->b, IR_TRUNC, IR_I32, masked));
}

/* Writes an FP CSR. frm is stored as written (a reserved value reads back unchanged). */
static void rv_csr_write(RvLift *c, int64_t csr, uint32_t v)
{
    if (csr == RV_CSR_FFLAGS || csr == RV_CSR_FCSR)
        rv_write_header_field(c, RV_OFF_FFLAGS, v, 0x1f);
    if (csr == RV_CSR_FRM)
        rv_write_header_field(c, RV_OFF_FRM, v, 0x7);
    if (csr == RV_CSR_FCSR)
        rv_write_header_field(c, RV_OFF_FRM, ir_binop(c->b, IR_SHR, v, rv_const(c, 5)), 0x7);
}

/* src_nonzero: rs1 (or uimm) is not zero; set/clear with zero do not write at all. */
static bool rv_csr_op(RvLift *c, int64_t rd, int64_t csr, RvCsrOp op, uint32_t src,
                      bool src_nonzero)
{
    IRBlock *b = c->b;
    bool writes = op == RV_CSR_WRITE || src_nonzero;
    bool reads = op != RV_CSR_WRITE || rd != 0;
    uint32_t old = reads ? rv_csr_read(c, csr) : 0;
    if (writes) {
        uint32_t v = src;
        if (op == RV_CSR_SET)
            v = ir_binop(b, IR_OR, old, src);
        else if (op == RV_CSR_CLEAR)
            v = ir_binop(b, IR_AND, old, ir_unop(b, IR_NOT, src));
        rv_csr_write(c, csr, v);
    }
    if (reads)
        rv_put_x(c, rd, old);
    /* A new rounding mode takes effect from the next instruction, in a new block. */
    if (writes && (csr == RV_CSR_FRM || csr == RV_CSR_FCSR))
        ir_goto(b, rv_next_pc(c), IR_JUMP_PLAIN, 0);
    return true;
}

static bool rv_csr_reg(RvLift *c, const RvArgCsr *a, RvCsrOp op)
{
    bool writes = op == RV_CSR_WRITE || a->rs1 != 0;
    if (!rv_csr_known(a->csr) || (writes && rv_csr_read_only(a->csr)))
        return false;
    uint32_t src = rv_get_x(c, a->rs1);
    return rv_csr_op(c, a->rd, a->csr, op, src, a->rs1 != 0);
}

static bool rv_csr_imm(RvLift *c, const RvArgCsr *a, RvCsrOp op)
{
    bool writes = op == RV_CSR_WRITE || a->rs1 != 0;
    if (!rv_csr_known(a->csr) || (writes && rv_csr_read_only(a->csr)))
        return false;
    return rv_csr_op(c, a->rd, a->csr, op, rv_const(c, (uint64_t)a->rs1), a->rs1 != 0);
}

bool rv_trans_csrrw(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_reg(c, a, RV_CSR_WRITE);
}
bool rv_trans_csrrs(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_reg(c, a, RV_CSR_SET);
}
bool rv_trans_csrrc(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_reg(c, a, RV_CSR_CLEAR);
}
/* In the immediate forms the rs1 field holds the 5-bit zero-extended immediate. */
bool rv_trans_csrrwi(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_imm(c, a, RV_CSR_WRITE);
}
bool rv_trans_csrrsi(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_imm(c, a, RV_CSR_SET);
}
bool rv_trans_csrrci(RvLift *c, const RvArgCsr *a)
{
    return rv_csr_imm(c, a, RV_CSR_CLEAR);
}
