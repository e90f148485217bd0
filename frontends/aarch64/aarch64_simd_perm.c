/* Lifters for Advanced SIMD data movement: DUP/INS/UMOV/SMOV, modified immediates
 * (MOVI, MVNI, ORR, BIC, FMOV), TBL/TBX, ZIP/UZP/TRN and EXT, plus the shared helpers. */
#include "frontends/aarch64/aarch64_internal.h"

#include <string.h>

IRLane a64_ilane(int64_t size)
{
    static const IRLane lanes[4] = {IR_LANE_I8X16, IR_LANE_I16X8, IR_LANE_I32X4, IR_LANE_I64X2};
    return lanes[size & 3];
}

IRLane a64_flane(int64_t sz)
{
    return sz ? IR_LANE_F64X2 : IR_LANE_F32X4;
}

uint32_t a64_shuffle(A64Lift *c, uint32_t x, uint32_t y, const uint8_t sel[16])
{
    IRInsn in = {.op = IR_VSHUFFLE, .type = IR_V128, .lane = IR_LANE_I8X16, .nargs = 2};
    in.args[0] = x;
    in.args[1] = y;
    for (unsigned i = 0; i < 8; i++) {
        in.imm |= (uint64_t)sel[i] << (8 * i);
        in.imm2 |= (uint64_t)sel[i + 8] << (8 * i);
    }
    return ir_emit(c->b, &in);
}

void a64_put_vq(A64Lift *c, int64_t rd, uint32_t v128, int64_t q)
{
    a64_put_v(c, rd, q ? v128 : a64_clear_high(c, v128));
}

uint32_t a64_unzip(A64Lift *c, uint32_t x, uint32_t y, unsigned esize, unsigned odd)
{
    uint8_t sel[16];
    for (unsigned i = 0; i < 16; i++) {
        unsigned e = i / esize, byte = i % esize;
        sel[i] = (uint8_t)((2 * e + odd) * esize + byte);
    }
    return a64_shuffle(c, x, y, sel);
}

uint32_t a64_concat_low(A64Lift *c, uint32_t x, uint32_t y)
{
    uint8_t sel[16];
    for (unsigned i = 0; i < 8; i++) {
        sel[i] = (uint8_t)i;
        sel[i + 8] = (uint8_t)(16 + i);
    }
    return a64_shuffle(c, x, y, sel);
}

uint32_t a64_vop(A64Lift *c, IROp op, IRLane lane, unsigned cond, uint32_t x, uint32_t y,
                 uint32_t z)
{
    IRInsn in = {.op = (uint8_t)op,
                 .type = IR_V128,
                 .lane = (uint8_t)lane,
                 .cond = (uint8_t)cond,
                 .nargs = ir_op_info[op].nargs,
                 .args = {x, y, z}};
    if (ir_op_info[op].flags & IRF_FP) {
        in.rm = IR_RM_DYN;
        in.nan = A64_NAN;
    }
    return ir_emit(c->b, &in);
}

void a64_update_qc(A64Lift *c, uint32_t sat, uint32_t exact, IRLane lane, int64_t scalar, int64_t q)
{
    IRBlock *b = c->b;
    uint32_t differs;
    if (scalar || !q) {
        IRLane l = scalar ? lane : IR_LANE_I64X2;
        IRType et = ir_lane_elem_type(l);
        uint32_t x = ir_emit(
            b, &(IRInsn){.op = IR_VEXTRACT, .type = et, .lane = l, .nargs = 1, .args = {sat}});
        uint32_t y = ir_emit(
            b, &(IRInsn){.op = IR_VEXTRACT, .type = et, .lane = l, .nargs = 1, .args = {exact}});
        differs = ir_emit(
            b,
            &(IRInsn){.op = IR_CMP, .type = IR_I1, .cond = IR_CC_NE, .nargs = 2, .args = {x, y}});
    } else {
        differs = ir_cmp(b, IR_CC_NE, ir_conv(b, IR_BITCAST, IR_I128, sat),
                         ir_conv(b, IR_BITCAST, IR_I128, exact));
    }
    uint32_t bit =
        ir_binop(b, IR_SHL, ir_conv(b, IR_ZEXT, IR_I32, differs), ir_const(b, IR_I32, 27));
    ir_put(b, A64_OFF_FPSR, ir_binop(b, IR_OR, ir_get(b, IR_I32, A64_OFF_FPSR), bit));
}

uint32_t a64_vconst(A64Lift *c, IRLane lane, uint64_t v)
{
    unsigned bits = ir_lane_bits(lane);
    if (bits < 64)
        v &= (1ull << bits) - 1;
    uint64_t word = 0;
    for (unsigned i = 0; i < 64; i += bits)
        word |= v << i;
    return ir_const128(c->b, IR_V128, word, word);
}

/* ---- DUP, INS, UMOV, SMOV ------------------------------------------------------------------ */

bool a64_trans_simd_copy(A64Lift *c, const A64ArgSimdCopy *a)
{
    IRBlock *b = c->b;
    if ((a->imm5 & 15) == 0)
        return false;
    unsigned size = (unsigned)__builtin_ctzll((uint64_t)a->imm5);
    IRLane lane = a64_ilane(size);
    IRType et = ir_lane_elem_type(lane);
    unsigned index = (unsigned)a->imm5 >> (size + 1);
    if (a->scalar) { /* DUP (element), scalar: MOV Bd/Hd/Sd/Dd, Vn.T[i] */
        if (a->op || a->imm4 != 0)
            return false;
        uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                          .type = et,
                                          .lane = lane,
                                          .nargs = 1,
                                          .args = {a64_get_v(c, a->rn)},
                                          .imm = index});
        a64_put_vlow(c, a->rd, e);
        return true;
    }
    if (a->op) { /* INS (element) */
        unsigned src = (unsigned)a->imm4 >> size;
        uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                          .type = et,
                                          .lane = lane,
                                          .nargs = 1,
                                          .args = {a64_get_v(c, a->rn)},
                                          .imm = src});
        uint32_t r = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                          .type = IR_V128,
                                          .lane = lane,
                                          .nargs = 2,
                                          .args = {a64_get_v(c, a->rd), e},
                                          .imm = index});
        a64_put_v(c, a->rd, r);
        return true;
    }
    switch (a->imm4) {
    case 0: { /* DUP (element) */
        if (size == 3 && !a->q)
            return false;
        uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                          .type = et,
                                          .lane = lane,
                                          .nargs = 1,
                                          .args = {a64_get_v(c, a->rn)},
                                          .imm = index});
        uint32_t r = ir_emit(
            b, &(IRInsn){.op = IR_VSPLAT, .type = IR_V128, .lane = lane, .nargs = 1, .args = {e}});
        a64_put_vq(c, a->rd, r, a->q);
        return true;
    }
    case 1: { /* DUP (general) */
        if (size == 3 && !a->q)
            return false;
        uint32_t x = a64_get_x(c, a->rn, size == 3);
        if (et != ir_value_type(b, x))
            x = ir_conv(b, IR_TRUNC, et, x);
        uint32_t r = ir_emit(
            b, &(IRInsn){.op = IR_VSPLAT, .type = IR_V128, .lane = lane, .nargs = 1, .args = {x}});
        a64_put_vq(c, a->rd, r, a->q);
        return true;
    }
    case 3: { /* INS (general) */
        if (!a->q)
            return false;
        uint32_t x = a64_get_x(c, a->rn, size == 3);
        if (et != ir_value_type(b, x))
            x = ir_conv(b, IR_TRUNC, et, x);
        uint32_t r = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                          .type = IR_V128,
                                          .lane = lane,
                                          .nargs = 2,
                                          .args = {a64_get_v(c, a->rd), x},
                                          .imm = index});
        a64_put_v(c, a->rd, r);
        return true;
    }
    case 5:   /* SMOV */
    case 7: { /* UMOV */
        bool sign = a->imm4 == 5;
        if (sign ? (size >= 2 + (unsigned)a->q) : (a->q != (size == 3)))
            return false;
        uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                          .type = et,
                                          .lane = lane,
                                          .nargs = 1,
                                          .args = {a64_get_v(c, a->rn)},
                                          .imm = index});
        IRType to = a->q ? IR_I64 : IR_I32;
        if (et != to)
            e = ir_conv(b, sign ? IR_SEXT : IR_ZEXT, to, e);
        a64_put_x(c, a->rd, e);
        return true;
    }
    default:
        return false;
    }
}

/* ---- Modified immediate ------------------------------------------------------------------- */

bool a64_trans_simd_modimm(A64Lift *c, const A64ArgSimdModimm *a)
{
    IRBlock *b = c->b;
    if (a->o2)
        return false;
    uint64_t imm8 = (uint64_t)(a->abc << 5 | a->defgh);
    unsigned cmode = (unsigned)a->cmode;
    uint64_t imm64;
    enum { MOV, MVN, ORR, BIC } kind;
    if (cmode < 8 || cmode < 12) {
        bool is16 = cmode >= 8;
        unsigned shift = is16 ? 8 * ((cmode >> 1) & 1) : 8 * ((cmode >> 1) & 3);
        uint64_t e = imm8 << shift;
        imm64 = is16 ? e * 0x0001000100010001ull : e * 0x0000000100000001ull;
        if (cmode & 1)
            kind = a->op ? BIC : ORR;
        else
            kind = a->op ? MVN : MOV;
    } else if (cmode < 14) {
        uint64_t e = cmode == 12 ? (imm8 << 8 | 0xff) : (imm8 << 16 | 0xffff);
        imm64 = e * 0x0000000100000001ull;
        kind = a->op ? MVN : MOV;
    } else if (cmode == 14) {
        if (!a->op)
            imm64 = imm8 * 0x0101010101010101ull;
        else {
            imm64 = 0;
            for (unsigned i = 0; i < 8; i++)
                if (imm8 >> i & 1)
                    imm64 |= 0xffull << (8 * i);
        }
        kind = MOV;
    } else {
        uint64_t sign = imm8 >> 7 & 1, bb = imm8 >> 6 & 1, rest = imm8 & 0x3f;
        if (!a->op) {
            uint64_t e = sign << 31 | (bb ^ 1) << 30 | (bb ? 0x1full : 0) << 25 | rest << 19;
            imm64 = e * 0x0000000100000001ull;
        } else {
            if (!a->q)
                return false;
            imm64 = sign << 63 | (bb ^ 1) << 62 | (bb ? 0xffull : 0) << 54 | rest << 48;
        }
        kind = MOV;
    }
    uint32_t k = ir_const128(b, IR_V128, imm64, imm64);
    uint32_t r;
    switch (kind) {
    case MOV:
        r = k;
        break;
    case MVN:
        r = ir_const128(b, IR_V128, ~imm64, ~imm64);
        break;
    case ORR:
        r = ir_vbinop(b, IR_OR, IR_LANE_I64X2, a64_get_v(c, a->rd), k);
        break;
    default:
        r = ir_vbinop(b, IR_AND, IR_LANE_I64X2, a64_get_v(c, a->rd),
                      ir_const128(b, IR_V128, ~imm64, ~imm64));
        break;
    }
    a64_put_vq(c, a->rd, r, a->q);
    return true;
}

/* ---- TBL, TBX, ZIP, UZP, TRN, EXT -------------------------------------------------------- */

bool a64_trans_simd_tbl(A64Lift *c, const A64ArgSimdPerm *a)
{
    IRBlock *b = c->b;
    unsigned len = (unsigned)a->opcode >> 1, tbx = (unsigned)a->opcode & 1;
    uint32_t idx = a64_get_v(c, a->rm);
    uint32_t r = 0;
    for (unsigned k = 0; k <= len; k++) {
        uint32_t table = a64_get_v(c, (a->rn + k) % 32);
        uint32_t ik =
            k ? ir_vbinop(b, IR_SUB, IR_LANE_I8X16, idx, a64_vconst(c, IR_LANE_I8X16, 16 * k))
              : idx;
        uint32_t part = ir_vbinop(b, IR_VTBL, IR_LANE_I8X16, table, ik);
        r = k ? ir_vbinop(b, IR_OR, IR_LANE_I8X16, r, part) : part;
    }
    if (tbx) {
        uint32_t limit = a64_vconst(c, IR_LANE_I8X16, 16 * (len + 1));
        uint32_t out = a64_vop(c, IR_CMP, IR_LANE_I8X16, IR_CC_UGE, idx, limit, 0);
        r = a64_vop(c, IR_SELECT, IR_LANE_I8X16, 0, out, a64_get_v(c, a->rd), r);
    }
    a64_put_vq(c, a->rd, r, a->q);
    return true;
}

bool a64_trans_simd_zip(A64Lift *c, const A64ArgSimdPerm *a)
{
    unsigned op = (unsigned)a->opcode & 3, part = (unsigned)a->opcode >> 2;
    if (op == 0 || (a->size == 3 && !a->q))
        return false;
    unsigned es = 1u << a->size, bytes = a->q ? 16 : 8, n = bytes / es;
    uint8_t sel[16];
    memset(sel, 0xff, sizeof(sel));
    for (unsigned i = 0; i < n; i++) {
        unsigned src; /* element index into x (0..n-1) or y (n..2n-1) */
        if (op == 1)
            src = 2 * i + part; /* UZP */
        else if (op == 2)
            src = (i & 1) ? n + (i & ~1u) + part : (i & ~1u) + part; /* TRN */
        else
            src = (i & 1) ? n + part * n / 2 + i / 2 : part * n / 2 + i / 2; /* ZIP */
        unsigned base = src < n ? src * es : 16 + (src - n) * es;
        for (unsigned k = 0; k < es; k++)
            sel[i * es + k] = (uint8_t)(base + k);
    }
    uint32_t r = a64_shuffle(c, a64_get_v(c, a->rn), a64_get_v(c, a->rm), sel);
    a64_put_v(c, a->rd, r);
    return true;
}

bool a64_trans_simd_ext(A64Lift *c, const A64ArgSimdExt *a)
{
    if (!a->q && a->imm4 >= 8)
        return false;
    unsigned bytes = a->q ? 16 : 8;
    uint8_t sel[16];
    memset(sel, 0xff, sizeof(sel));
    for (unsigned i = 0; i < bytes; i++) {
        unsigned idx = (unsigned)a->imm4 + i;
        sel[i] = (uint8_t)(idx < bytes ? idx : 16 + idx - bytes);
    }
    a64_put_v(c, a->rd, a64_shuffle(c, a64_get_v(c, a->rn), a64_get_v(c, a->rm), sel));
    return true;
}
