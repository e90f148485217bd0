/* Lifters for Advanced SIMD structure loads and stores: LD1-LD4/ST1-ST4 (multiple
 * structures), single-lane forms and LD1R-LD4R, with post-index writeback. */
#include "frontends/aarch64/aarch64_internal.h"

static uint32_t vextract(A64Lift *c, uint32_t v, IRLane lane, unsigned index)
{
    return ir_emit(c->b, &(IRInsn){.op = IR_VEXTRACT,
                                   .type = ir_lane_elem_type(lane),
                                   .lane = lane,
                                   .nargs = 1,
                                   .args = {v},
                                   .imm = index});
}

static uint32_t vinsert(A64Lift *c, uint32_t v, IRLane lane, unsigned index, uint32_t e)
{
    return ir_emit(c->b, &(IRInsn){.op = IR_VINSERT,
                                   .type = IR_V128,
                                   .lane = lane,
                                   .nargs = 2,
                                   .args = {v, e},
                                   .imm = index});
}

static void writeback(A64Lift *c, int64_t rn, int64_t rm, uint32_t base, uint64_t bytes)
{
    uint32_t off = rm == 31 ? a64_c64(c, bytes) : a64_get_x(c, rm, 1);
    a64_put_xsp(c, rn, ir_binop(c->b, IR_ADD, base, off));
}

bool a64_trans_simd_ldst(A64Lift *c, const A64ArgSimdLdst *a)
{
    IRBlock *b = c->b;
    unsigned rpt, selem;
    switch (a->opcode) {
    case 0:
        rpt = 1, selem = 4;
        break;
    case 2:
        rpt = 4, selem = 1;
        break;
    case 4:
        rpt = 1, selem = 3;
        break;
    case 6:
        rpt = 3, selem = 1;
        break;
    case 7:
        rpt = 1, selem = 1;
        break;
    case 8:
        rpt = 1, selem = 2;
        break;
    case 10:
        rpt = 2, selem = 1;
        break;
    default:
        return false;
    }
    if (a->size == 3 && !a->q && selem > 1)
        return false;
    unsigned regbytes = a->q ? 16 : 8;
    IRLane lane = a64_ilane(a->size);
    unsigned es = 1u << a->size, nelem = regbytes / es;
    uint32_t base = a64_get_xsp(c, a->rn, 1);
    if (selem == 1) {
        for (unsigned r = 0; r < rpt; r++) {
            uint32_t addr = r ? ir_binop(b, IR_ADD, base, a64_c64(c, r * regbytes)) : base;
            int64_t t = (a->rt + r) % 32;
            if (a->l)
                a64_put_vlow(c, t, ir_load(b, a->q ? IR_V128 : IR_I64, addr));
            else
                ir_store(b, addr, a64_get_vlow(c, t, a->q ? IR_V128 : IR_I64));
        }
    } else {
        uint32_t regs[4];
        for (unsigned s = 0; s < selem; s++)
            regs[s] = a->l ? a64_vconst(c, lane, 0) : a64_get_v(c, (a->rt + s) % 32);
        unsigned off = 0;
        for (unsigned e = 0; e < nelem; e++) {
            for (unsigned s = 0; s < selem; s++, off += es) {
                uint32_t addr = off ? ir_binop(b, IR_ADD, base, a64_c64(c, off)) : base;
                if (a->l)
                    regs[s] =
                        vinsert(c, regs[s], lane, e, ir_load(b, ir_lane_elem_type(lane), addr));
                else
                    ir_store(b, addr, vextract(c, regs[s], lane, e));
            }
        }
        if (a->l)
            for (unsigned s = 0; s < selem; s++)
                a64_put_v(c, (a->rt + s) % 32, regs[s]);
    }
    if (a->post)
        writeback(c, a->rn, a->rm, base, (uint64_t)rpt * selem * regbytes);
    return true;
}

bool a64_trans_simd_ldst1(A64Lift *c, const A64ArgSimdLdst1 *a)
{
    IRBlock *b = c->b;
    unsigned scale = (unsigned)a->opcode >> 1;
    unsigned selem = (((unsigned)a->opcode & 1) << 1 | (unsigned)a->r) + 1;
    unsigned index = 0;
    bool replicate = false;
    switch (scale) {
    case 0:
        index = (unsigned)(a->q << 3 | a->s << 2 | a->size);
        break;
    case 1:
        if (a->size & 1)
            return false;
        index = (unsigned)(a->q << 2 | a->s << 1 | a->size >> 1);
        break;
    case 2:
        if (a->size == 0)
            index = (unsigned)(a->q << 1 | a->s);
        else if (a->size == 1 && !a->s) {
            scale = 3;
            index = (unsigned)a->q;
        } else
            return false;
        break;
    default:
        if (!a->l || a->s)
            return false;
        scale = (unsigned)a->size;
        replicate = true;
        break;
    }
    IRLane lane = a64_ilane(scale);
    IRType et = ir_lane_elem_type(lane);
    unsigned es = 1u << scale;
    uint32_t base = a64_get_xsp(c, a->rn, 1);
    for (unsigned s = 0; s < selem; s++) {
        int64_t t = (a->rt + s) % 32;
        uint32_t addr = s ? ir_binop(b, IR_ADD, base, a64_c64(c, s * es)) : base;
        if (replicate) {
            uint32_t e = ir_load(b, et, addr);
            uint32_t v = ir_emit(
                b,
                &(IRInsn){.op = IR_VSPLAT, .type = IR_V128, .lane = lane, .nargs = 1, .args = {e}});
            a64_put_vq(c, t, v, a->q);
        } else if (a->l) {
            a64_put_v(c, t, vinsert(c, a64_get_v(c, t), lane, index, ir_load(b, et, addr)));
        } else {
            ir_store(b, addr, vextract(c, a64_get_v(c, t), lane, index));
        }
    }
    if (a->post)
        writeback(c, a->rn, a->rm, base, (uint64_t)selem * es);
    return true;
}
