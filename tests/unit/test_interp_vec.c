/* Interpreter vector ops: every lane op per lane shape (checked lane by lane against the
 * scalar op), lane masks, shuffles, table lookups, widen/narrow, reductions. */
#include "test_interp_harness.h"

static const uint64_t vec_a[2] = {0x80ff7f0001fe8001ull, 0xffffffff00000000ull};
static const uint64_t vec_b[2] = {0x7f01ff80ff0203f1ull, 0x00000001fffffffeull};
static const IRLane int_lanes[] = {IR_LANE_I8X16, IR_LANE_I16X8, IR_LANE_I32X4, IR_LANE_I64X2};

static uint64_t lane_get(const uint64_t v[2], unsigned bits, unsigned i)
{
    IRValue x = {.u64 = {v[0], v[1]}};
    switch (bits) {
    case 8: return x.u8[i];
    case 16: return x.u16[i];
    case 32: return x.u32[i];
    default: return x.u64[i];
    }
}

static IRValue t_vec_op(IROp op, IRLane lane, unsigned cond, const uint64_t a[2],
                        const uint64_t b[2], uint32_t *flags)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const128(blk, IR_V128, a[0], a[1]), y = ir_const128(blk, IR_V128, b[0], b[1]);
    IRInsn in = {.op = op, .type = IR_V128, .lane = lane, .cond = (uint8_t)cond,
                 .nargs = ir_op_info[op].nargs, .args = {x, y, x}};
    uint32_t v = t_emit(blk, in);
    IRValue r = t_result(blk, v, flags);
    ir_block_free(blk);
    return r;
}

static uint64_t t_scalar_op(IROp op, IRType t, unsigned cond, uint64_t a, uint64_t b)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const(blk, t, a), y = ir_const(blk, t, b);
    IRInsn in = {.op = op, .type = op == IR_CMP ? IR_I1 : t, .cond = (uint8_t)cond,
                 .nargs = ir_op_info[op].nargs, .args = {x, y, x}};
    uint32_t v = t_emit(blk, in);
    uint64_t r = t_result(blk, v, NULL).u64[0];
    ir_block_free(blk);
    return r;
}

static const IROp lane_int_ops[] = {
    IR_ADD,    IR_SUB,     IR_MUL,     IR_MULHS,   IR_MULHU,   IR_MULHSU, IR_AND,
    IR_OR,     IR_XOR,     IR_NOT,     IR_NEG,     IR_SHL,     IR_SHR,    IR_SAR,
    IR_CLZ,    IR_CTZ,     IR_POPCNT,  IR_SMIN,    IR_SMAX,    IR_UMIN,   IR_UMAX,
    IR_SADDSAT, IR_UADDSAT, IR_SSUBSAT, IR_USUBSAT,
};

Test(interp_vec, integer_lane_ops_match_scalar)
{
    for (size_t l = 0; l < FVP_ARRAY_LEN(int_lanes); l++) {
        IRLane lane = int_lanes[l];
        unsigned bits = ir_lane_bits(lane), n = ir_lane_count(lane);
        IRType et = ir_lane_elem_type(lane);
        for (size_t k = 0; k < FVP_ARRAY_LEN(lane_int_ops); k++) {
            IROp op = lane_int_ops[k];
            IRValue r = t_vec_op(op, lane, 0, vec_a, vec_b, NULL);
            uint64_t got[2] = {r.u64[0], r.u64[1]};
            for (unsigned i = 0; i < n; i++) {
                uint64_t want = t_scalar_op(op, et, 0, lane_get(vec_a, bits, i),
                                            lane_get(vec_b, bits, i));
                cr_assert_eq(lane_get(got, bits, i), want, "%s.%s lane %u",
                             ir_op_info[op].name, ir_lane_name(lane), i);
            }
        }
        for (unsigned cond = 0; cond < IR_CC_COUNT; cond++) {
            IRValue r = t_vec_op(IR_CMP, lane, cond, vec_a, vec_b, NULL);
            uint64_t got[2] = {r.u64[0], r.u64[1]};
            for (unsigned i = 0; i < n; i++) {
                uint64_t t = t_scalar_op(IR_CMP, et, cond, lane_get(vec_a, bits, i),
                                         lane_get(vec_b, bits, i));
                uint64_t want = t ? fvp_mask(bits) : 0;
                cr_assert_eq(lane_get(got, bits, i), want, "cmp %u.%s lane %u", cond,
                             ir_lane_name(lane), i);
            }
        }
    }
}

Test(interp_vec, hand_checked_lanes)
{
    /* i8x16 add wraps per lane, no carry between lanes */
    uint64_t a[2] = {0xffffffffffffffffull, 0x0102030405060708ull}, b[2] = {1, 0x0101010101010101ull};
    IRValue r = t_vec_op(IR_ADD, IR_LANE_I8X16, 0, a, b, NULL);
    cr_assert_eq(r.u64[0], 0xffffffffffffff00ull);
    cr_assert_eq(r.u64[1], 0x0203040506070809ull);
    /* i16x8 shift: each lane by its own amount modulo 16 */
    uint64_t s[2] = {0x0001000100010001ull, 0x8000800080008000ull};
    uint64_t amt[2] = {0x0011001000030000ull, 0x000f001f00010000ull};
    r = t_vec_op(IR_SHL, IR_LANE_I16X8, 0, s, amt, NULL);
    cr_assert_eq(r.u64[0], 0x0002000100080001ull);
    r = t_vec_op(IR_SAR, IR_LANE_I16X8, 0, s, amt, NULL);
    cr_assert_eq(r.u64[1], 0xffffffffc0008000ull);
    /* i32x4 signed compare gives an all-ones mask */
    uint64_t c[2] = {0x00000001ffffffffull, 0}, d[2] = {0x0000000100000000ull, 0};
    r = t_vec_op(IR_CMP, IR_LANE_I32X4, IR_CC_SLT, c, d, NULL);
    cr_assert_eq(r.u64[0], 0x00000000ffffffffull);
    cr_assert_eq(r.u64[1], 0);
}

Test(interp_vec, select_by_mask)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t m = ir_const128(blk, IR_V128, 0xff00ff00ff00ff00ull, 0xffffffff00000000ull);
    uint32_t x = ir_const128(blk, IR_V128, 0x1111111111111111ull, 0x2222222222222222ull);
    uint32_t y = ir_const128(blk, IR_V128, 0x3333333333333333ull, 0x4444444444444444ull);
    IRValue r = t_result(blk, ir_select(blk, m, x, y), NULL);
    cr_assert_eq(r.u64[0], 0x1133113311331133ull);
    cr_assert_eq(r.u64[1], 0x2222222244444444ull);
    ir_block_free(blk);

    /* an i1 condition picks a whole lane-shaped vector */
    for (uint64_t cond = 0; cond < 2; cond++) {
        blk = ir_block_new(0x1000);
        uint32_t c = ir_const(blk, IR_I1, cond);
        x = ir_const128(blk, IR_V128, 1, 2);
        y = ir_const128(blk, IR_V128, 3, 4);
        blk->insns[x].lane = blk->insns[y].lane = IR_LANE_I32X4;
        r = t_result(blk, ir_select(blk, c, x, y), NULL);
        cr_assert(r.u64[0] == (cond ? 1 : 3) && r.u64[1] == (cond ? 2 : 4));
        ir_block_free(blk);
    }
}

static IRValue t_vec_unary(IROp op, IRLane lane, unsigned cond, uint64_t lo, uint64_t hi,
                           IRType result, uint64_t imm)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const128(blk, IR_V128, lo, hi);
    blk->insns[x].lane = (uint8_t)lane;
    IRInsn in = {.op = op, .type = result, .lane = lane, .cond = (uint8_t)cond, .nargs = 1,
                 .args = {x}, .imm = imm};
    IRValue r = t_result(blk, ir_emit(blk, &in), NULL);
    ir_block_free(blk);
    return r;
}

Test(interp_vec, splat_extract_insert)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t s = ir_const(blk, IR_I16, 0xbeef);
    IRInsn in = {.op = IR_VSPLAT, .type = IR_V128, .lane = IR_LANE_I16X8, .nargs = 1, .args = {s}};
    IRValue r = t_result(blk, ir_emit(blk, &in), NULL);
    cr_assert(r.u64[0] == 0xbeefbeefbeefbeefull && r.u64[1] == 0xbeefbeefbeefbeefull);
    ir_block_free(blk);

    blk = ir_block_new(0x1000);
    s = ir_const(blk, IR_F64, 0x3ff0000000000000ull);
    in = (IRInsn){.op = IR_VSPLAT, .type = IR_V128, .lane = IR_LANE_F64X2, .nargs = 1, .args = {s}};
    r = t_result(blk, ir_emit(blk, &in), NULL);
    cr_assert(r.u64[0] == 0x3ff0000000000000ull && r.u64[1] == 0x3ff0000000000000ull);
    ir_block_free(blk);

    r = t_vec_unary(IR_VEXTRACT, IR_LANE_I8X16, 0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull,
                    IR_I8, 13);
    cr_assert_eq(r.u64[0], 0x0d);
    r = t_vec_unary(IR_VEXTRACT, IR_LANE_I32X4, 0, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull,
                    IR_I32, 3);
    cr_assert_eq(r.u64[0], 0x0f0e0d0c);
    r = t_vec_unary(IR_VEXTRACT, IR_LANE_F64X2, 0, 1, 0x4000000000000000ull, IR_F64, 1);
    cr_assert_eq(r.u64[0], 0x4000000000000000ull);

    blk = ir_block_new(0x1000);
    uint32_t v = ir_const128(blk, IR_V128, 0, 0);
    s = ir_const(blk, IR_I16, 0xabcd);
    in = (IRInsn){.op = IR_VINSERT, .type = IR_V128, .lane = IR_LANE_I16X8, .nargs = 2,
                  .args = {v, s}, .imm = 5};
    r = t_result(blk, ir_emit(blk, &in), NULL);
    cr_assert(r.u64[0] == 0 && r.u64[1] == 0x00000000abcd0000ull);
    ir_block_free(blk);
}

Test(interp_vec, shuffle_and_table)
{
    /* bytes of a are 0x00..0x0f, of b 0x10..0x1f: the result names its source bytes */
    uint64_t a[2] = {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull};
    uint64_t b[2] = {0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull};
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const128(blk, IR_V128, a[0], a[1]), y = ir_const128(blk, IR_V128, b[0], b[1]);
    IRInsn in = {.op = IR_VSHUFFLE, .type = IR_V128, .lane = IR_LANE_I8X16, .nargs = 2,
                 .args = {x, y}, .imm = 0x1f00ff10080f0102ull, .imm2 = 0x0e0d0c0b0a091effull};
    IRValue r = t_result(blk, ir_emit(blk, &in), NULL);
    cr_assert_eq(r.u64[0], 0x1f000010080f0102ull, "got 0x%llx", (unsigned long long)r.u64[0]);
    cr_assert_eq(r.u64[1], 0x0e0d0c0b0a091e00ull, "0xff selects zero");
    ir_block_free(blk);

    uint64_t idx[2] = {0x000f10ff01020304ull, 0x0505050505050580ull};
    IRValue t = t_vec_op(IR_VTBL, IR_LANE_I8X16, 0, a, idx, NULL);
    cr_assert_eq(t.u64[0], 0x000f000001020304ull);
    cr_assert_eq(t.u64[1], 0x0505050505050500ull);
}

Test(interp_vec, widen_narrow)
{
    uint64_t lo = 0x04038281ff7f0180ull, hi = 0x0c0b0a0908070605ull;
    IRValue r = t_vec_unary(IR_VWIDEN_LO, IR_LANE_I16X8, IR_CVT_SIGNED, lo, hi, IR_V128, 0);
    cr_assert_eq(r.u64[0], 0xffff007f0001ff80ull);
    cr_assert_eq(r.u64[1], 0x00040003ff82ff81ull);
    r = t_vec_unary(IR_VWIDEN_LO, IR_LANE_I16X8, IR_CVT_UNSIGNED, lo, hi, IR_V128, 0);
    cr_assert_eq(r.u64[0], 0x00ff007f00010080ull);
    r = t_vec_unary(IR_VWIDEN_HI, IR_LANE_I64X2, IR_CVT_SIGNED, 0, 0x80000000ffffffffull, IR_V128,
                    0);
    cr_assert(r.u64[0] == 0xffffffffffffffffull && r.u64[1] == 0xffffffff80000000ull);

    /* i16x8 -> i8x16: lanes of a then b */
    uint64_t a[2] = {0x7fff80000080ff7full, 0x0100fffe00020001ull};
    uint64_t b[2] = {0x0000000000000000ull, 0x0000000000000000ull};
    r = t_vec_op(IR_VNARROW, IR_LANE_I8X16, IR_NARROW_TRUNC, a, b, NULL);
    cr_assert_eq(r.u64[0], 0x00fe0201ff00807full);
    r = t_vec_op(IR_VNARROW, IR_LANE_I8X16, IR_NARROW_SSAT, a, b, NULL);
    cr_assert_eq(r.u64[0], 0x7ffe02017f807f80ull, "got 0x%llx", (unsigned long long)r.u64[0]);
    r = t_vec_op(IR_VNARROW, IR_LANE_I8X16, IR_NARROW_USAT, a, b, NULL);
    cr_assert_eq(r.u64[0], 0xffff0201ffff80ffull, "got 0x%llx", (unsigned long long)r.u64[0]);
    r = t_vec_op(IR_VNARROW, IR_LANE_I8X16, IR_NARROW_SUSAT, a, b, NULL);
    cr_assert_eq(r.u64[0], 0xff000201ff008000ull, "got 0x%llx", (unsigned long long)r.u64[0]);
    cr_assert_eq(r.u64[1], 0);
    uint64_t w[2] = {0x0000000180000000ull, 0xffffffff7fffffffull};
    r = t_vec_op(IR_VNARROW, IR_LANE_I32X4, IR_NARROW_SSAT, w, w, NULL);
    cr_assert_eq(r.u64[0], 0x800000007fffffffull, "got 0x%llx", (unsigned long long)r.u64[0]);
}

Test(interp_vec, reduce_and_movmsk)
{
    uint64_t lo = 0x80ff7f0001fe8001ull, hi = 0x0101010101010101ull;
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I8X16, IR_ADD, lo, hi, IR_I8, 0).u64[0],
                 (0x80 + 0xff + 0x7f + 0x01 + 0xfe + 0x80 + 0x01 + 8) & 0xff);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I8X16, IR_SMIN, lo, hi, IR_I8, 0).u64[0], 0x80);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I8X16, IR_SMAX, lo, hi, IR_I8, 0).u64[0], 0x7f);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I8X16, IR_UMIN, lo, hi, IR_I8, 0).u64[0], 0);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I8X16, IR_UMAX, lo, hi, IR_I8, 0).u64[0], 0xff);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I32X4, IR_ADD, 0xffffffff00000001ull, 5, IR_I32,
                             0).u64[0],
                 5);
    cr_assert_eq(t_vec_unary(IR_VREDUCE, IR_LANE_I64X2, IR_UMAX, 3, 9, IR_I64, 0).u64[0], 9);
    cr_assert_eq(t_vec_unary(IR_VMOVMSK, IR_LANE_I8X16, 0, lo, 0x8000000000000080ull, IR_I32, 0)
                     .u64[0],
                 0x81c6);
    cr_assert_eq(t_vec_unary(IR_VMOVMSK, IR_LANE_F32X4, 0, 0x80000000ull, 0xbf80000000000000ull,
                             IR_I32, 0)
                     .u64[0],
                 0x9);
    cr_assert_eq(t_vec_unary(IR_VMOVMSK, IR_LANE_I64X2, 0, 1ull << 63, 0, IR_I32, 0).u64[0], 1);
}

/* FP lanes: each lane and the ORed flags match the scalar op. */
static const uint64_t f32_a[2] = {0x3f8000007fa00000ull, 0x0000000140400000ull};
static const uint64_t f32_b[2] = {0x404000003f800000ull, 0x00800000ff800000ull};
static const uint64_t f64_a[2] = {0x3ff0000000000000ull, 0x7ff0000000000000ull};
static const uint64_t f64_b[2] = {0x4008000000000000ull, 0x7ff0000000000000ull};

static uint64_t t_fp_scalar(IROp op, IRType t, unsigned cond, uint64_t a, uint64_t b,
                            uint32_t *flags)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const(blk, t, a), y = ir_const(blk, t, b);
    uint32_t v = op == IR_FCMP ? ir_fcmp(blk, cond, IR_NAN_CANONICAL, x, y)
                               : ir_fop(blk, op, IR_RM_RNE, IR_NAN_CANONICAL, cond, x, y, x);
    uint64_t r = t_result(blk, v, flags).u64[0];
    ir_block_free(blk);
    return r;
}

Test(interp_vec, float_lane_ops_match_scalar)
{
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA,
                               IR_FNEG, IR_FABS, IR_FMIN, IR_FMAX, IR_FCMP, IR_FROUND};
    for (int wide = 0; wide < 2; wide++) {
        IRLane lane = wide ? IR_LANE_F64X2 : IR_LANE_F32X4;
        IRType t = wide ? IR_F64 : IR_F32;
        const uint64_t *a = wide ? f64_a : f32_a, *b = wide ? f64_b : f32_b;
        unsigned bits = wide ? 64 : 32, n = wide ? 2 : 4;
        for (size_t k = 0; k < FVP_ARRAY_LEN(ops); k++) {
            unsigned cond = ops[k] == IR_FCMP ? IR_FCC_OLT : ops[k] == IR_FROUND ? 1 : 0;
            IRBlock *blk = ir_block_new(0x1000);
            uint32_t x = ir_const128(blk, IR_V128, a[0], a[1]);
            uint32_t y = ir_const128(blk, IR_V128, b[0], b[1]);
            IRInsn in = {.op = ops[k], .type = IR_V128, .lane = lane, .cond = (uint8_t)cond,
                         .nargs = ir_op_info[ops[k]].nargs, .args = {x, y, x}};
            uint32_t flags;
            IRValue r = t_result(blk, t_emit(blk, in), &flags);
            ir_block_free(blk);
            uint64_t got[2] = {r.u64[0], r.u64[1]};
            uint32_t want_flags = 0;
            for (unsigned i = 0; i < n; i++) {
                uint32_t f;
                uint64_t want = t_fp_scalar(ops[k], t, cond, lane_get(a, bits, i),
                                            lane_get(b, bits, i), &f);
                if (ops[k] == IR_FCMP)
                    want = want ? fvp_mask(bits) : 0;
                want_flags |= f;
                cr_assert_eq(lane_get(got, bits, i), want, "%s.%s lane %u",
                             ir_op_info[ops[k]].name, ir_lane_name(lane), i);
            }
            cr_assert_eq(flags, want_flags, "%s.%s flags", ir_op_info[ops[k]].name,
                         ir_lane_name(lane));
        }
    }
}

Test(interp_vec, float_lane_conversions)
{
    IRBlock *blk = ir_block_new(0x1000);
    uint32_t x = ir_const128(blk, IR_V128, 0xbfc000007fc00000ull, 0x4f00000040200000ull);
    blk->insns[x].lane = IR_LANE_F32X4;
    IRInsn in = {.op = IR_FCVT_F2I, .type = IR_V128, .lane = IR_LANE_I32X4,
                 .cond = IR_CVT_SIGNED | IR_CVT_SAT_RISCV, .rm = IR_RM_RNE, .nargs = 1,
                 .args = {x}};
    uint32_t flags;
    IRValue r = t_result(blk, ir_emit(blk, &in), &flags);
    /* NaN -> max, -1.5 -> -2, 2.5 -> 2, 2^31 -> saturated */
    cr_assert_eq(r.u64[0], 0xfffffffe7fffffffull);
    cr_assert_eq(r.u64[1], 0x7fffffff00000002ull);
    cr_assert_eq(flags, IR_FPF_NV | IR_FPF_NX);
    ir_block_free(blk);

    blk = ir_block_new(0x1000);
    x = ir_const128(blk, IR_V128, 0xffffffffffffffffull, 0x0020000000000001ull);
    blk->insns[x].lane = IR_LANE_I64X2;
    in = (IRInsn){.op = IR_FCVT_I2F, .type = IR_V128, .lane = IR_LANE_F64X2,
                  .cond = IR_CVT_SIGNED, .rm = IR_RM_RUP, .nargs = 1, .args = {x}};
    r = t_result(blk, ir_emit(blk, &in), &flags);
    cr_assert_eq(r.u64[0], 0xbff0000000000000ull);
    cr_assert_eq(r.u64[1], 0x4340000000000001ull);
    cr_assert_eq(flags, IR_FPF_NX);
    ir_block_free(blk);
}
