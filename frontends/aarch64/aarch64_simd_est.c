/* Lifters for Advanced SIMD estimates (FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE), polynomial
 * multiplication (PMUL, PMULL) and the AES/SHA1/SHA256 instructions, through runtime helpers. */
#include "frontends/aarch64/aarch64_helpers.h"
#include "frontends/aarch64/aarch64_internal.h"

    static uint32_t
    extract(A64Lift *c, IRLane lane, uint32_t v, unsigned k)
{
    return ir_emit(c->b, &(IRInsn){.op = IR_VEXTRACT,
                                   .type = (uint8_t)ir_lane_elem_type(lane),
                                   .lane = (uint8_t)lane,
                                   .nargs = 1,
                                   .args = {v},
                                   .imm = k});
}

static uint32_t insert(A64Lift *c, IRLane lane, uint32_t v, uint32_t e, unsigned k)
{
    return ir_emit(c->b, &(IRInsn){.op = IR_VINSERT,
                                   .type = IR_V128,
                                   .lane = (uint8_t)lane,
                                   .nargs = 2,
                                   .args = {v, e},
                                   .imm = k});
}

uint32_t a64_estimate(A64Lift *c, unsigned kind, IRLane lane, unsigned n, uint32_t x)
{
    IRBlock *b = c->b;
    bool wide = ir_lane_bits(lane) == 64;
    IRLane il = wide ? IR_LANE_I64X2 : IR_LANE_I32X4;
    bool fp = kind < A64_EST_URECPE;
    if (fp && wide)
        kind++;
    uint32_t mode = a64_fp_mode_arg(c);
    uint32_t r = a64_vconst(c, il, 0);
    for (unsigned k = 0; k < n; k++) {
        uint32_t e = ir_conv(b, IR_ZEXT, IR_I64, extract(c, il, x, k));
        uint32_t v = ir_helper(b, IR_HELPER_ESTIMATE_ARM, e, a64_c64(c, kind), mode);
        if (wide) { /* the value fills 64 bits: a second call returns the flags */
            uint32_t f = ir_helper(b, IR_HELPER_ESTIMATE_ARM, e,
                                   a64_c64(c, kind | A64_EST_FLAGS_ONLY), mode);
            a64_helper_result(c, f, IR_I64);
        } else {
            v = a64_helper_result(c, v, IR_I32);
        }
        r = insert(c, il, r, v, k);
    }
    return r;
}

uint32_t a64_pmul(A64Lift *c, uint32_t x, uint32_t y, int64_t q)
{
    IRBlock *b = c->b;
    uint32_t r = a64_vconst(c, IR_LANE_I64X2, 0);
    for (unsigned k = 0; k < (q ? 2u : 1u); k++) {
        uint32_t p = ir_helper(b, IR_HELPER_PMULL_ARM, extract(c, IR_LANE_I64X2, x, k),
                               extract(c, IR_LANE_I64X2, y, k), a64_c64(c, A64_PMUL8));
        r = insert(c, IR_LANE_I64X2, r, p, k);
    }
    return r;
}

uint32_t a64_pmull(A64Lift *c, int64_t size, uint32_t x, uint32_t y, int64_t q)
{
    IRBlock *b = c->b;
    unsigned half = q ? 1 : 0; /* PMULL2 takes the upper 64 bits of each source */
    uint32_t xs = extract(c, IR_LANE_I64X2, x, half), ys = extract(c, IR_LANE_I64X2, y, half);
    unsigned lo = size == 3 ? A64_PMULL64_LO : A64_PMULL8_LO;
    unsigned hi = size == 3 ? A64_PMULL64_HI : A64_PMULL8_HI;
    uint32_t r = a64_vconst(c, IR_LANE_I64X2, 0);
    r = insert(c, IR_LANE_I64X2, r, ir_helper(b, IR_HELPER_PMULL_ARM, xs, ys, a64_c64(c, lo)), 0);
    return insert(c, IR_LANE_I64X2, r, ir_helper(b, IR_HELPER_PMULL_ARM, xs, ys, a64_c64(c, hi)),
                  1);
}

/* ---- Cryptographic extension: one crypto_arm helper call per instruction ---------------- */

static void crypto(A64Lift *c, unsigned op, int64_t rd, int64_t rn, int64_t rm)
{
    uint64_t regs = (uint64_t)rd | (uint64_t)rn << 8 | (uint64_t)rm << 16;
    ir_helper(c->b, IR_HELPER_CRYPTO_ARM, a64_c64(c, op), a64_c64(c, regs), 0);
}

bool a64_trans_crypto_aes(A64Lift *c, const A64ArgCrypto *a)
{
    if (a->opcode < 4 || a->opcode > 7)
        return false;
    crypto(c, A64_CRYPTO_AESE + (unsigned)a->opcode - 4, a->rd, a->rn, 0);
    return true;
}

bool a64_trans_crypto_sha3(A64Lift *c, const A64ArgCrypto *a)
{
    static const unsigned ops[7] = {A64_CRYPTO_SHA1C,    A64_CRYPTO_SHA1P,   A64_CRYPTO_SHA1M,
                                    A64_CRYPTO_SHA1SU0,  A64_CRYPTO_SHA256H, A64_CRYPTO_SHA256H2,
                                    A64_CRYPTO_SHA256SU1};
    if (a->opcode > 6)
        return false;
    crypto(c, ops[a->opcode], a->rd, a->rn, a->rm);
    return true;
}

bool a64_trans_crypto_sha2(A64Lift *c, const A64ArgCrypto *a)
{
    static const unsigned ops[3] = {A64_CRYPTO_SHA1H, A64_CRYPTO_SHA1SU1, A64_CRYPTO_SHA256SU0};
    if (a->opcode > 2)
        return false;
    crypto(c, ops[a->opcode], a->rd, a->rn, 0);
    return true;
}
