/* Interpreter FP conversions and rounding to integral: saturation, NaN rules, modes, flags. */
#include "test_interp_harness.h"

enum { NX = IR_FPF_NX, UF = IR_FPF_UF, OF = IR_FPF_OF, NV = IR_FPF_NV, DE = IR_FPF_DE };
enum {
    S_RV = IR_CVT_SIGNED | IR_CVT_SAT_RISCV,
    U_RV = IR_CVT_UNSIGNED | IR_CVT_SAT_RISCV,
    S_ARM = IR_CVT_SIGNED | IR_CVT_SAT_ARM,
    U_ARM = IR_CVT_UNSIGNED | IR_CVT_SAT_ARM,
    S_X86 = IR_CVT_SIGNED | IR_CVT_INDEFINITE,
    U_X86 = IR_CVT_UNSIGNED | IR_CVT_INDEFINITE,
};

typedef struct CvtCase {
    IROp op;
    IRType from, to;
    unsigned kind, rm, nan;
    uint64_t a, want;
    uint32_t flags;
} CvtCase;

#define MAX64 0xffffffffffffffffull
#define F32_2P5 0x40200000ull
#define F32_M2P5 0xc0200000ull
#define F32_NAN 0x7fc00000ull
#define CAN IR_NAN_CANONICAL

static const CvtCase cvt_cases[] = {
    /* f2i rounding in every mode */
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0x3fc00000, 2, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, F32_2P5, 2, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0x40600000, 4, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RMM, CAN, F32_2P5, 3, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RMM, CAN, F32_M2P5, 0xfffffffd, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RDN, CAN, F32_M2P5, 0xfffffffd, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RUP, CAN, F32_M2P5, 0xfffffffe, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RTZ, CAN, F32_M2P5, 0xfffffffe, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0x3f000000, 0, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RMM, CAN, 0x3f000000, 1, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RUP, CAN, 0x00000001, 1, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RTZ, CAN, 0x80000001, 0, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0xcf000000, 0x80000000, 0},
    /* NaN and out of range per guest */
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, F32_NAN, 0x7fffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RNE, CAN, F32_NAN, 0xffffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_ARM, IR_RM_RNE, CAN, F32_NAN, 0, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_ARM, IR_RM_RNE, CAN, 0xffc00001, 0, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_X86, IR_RM_RNE, CAN, F32_NAN, 0x80000000, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_X86, IR_RM_RNE, CAN, F32_NAN, 0xffffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0x7f800000, 0x7fffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0xff800000, 0x80000000, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_RV, IR_RM_RNE, CAN, 0x4f000000, 0x7fffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_ARM, IR_RM_RNE, CAN, 0x4f000000, 0x7fffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, S_X86, IR_RM_RNE, CAN, 0x4f000000, 0x80000000, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RNE, CAN, 0x4f000000, 0x80000000, 0},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RNE, CAN, 0xbf800000, 0, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_ARM, IR_RM_RNE, CAN, 0xbf800000, 0, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_X86, IR_RM_RNE, CAN, 0xbf800000, 0xffffffff, NV},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RTZ, CAN, 0xbf000000, 0, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RNE, CAN, 0xbf000000, 0, NX},
    {IR_FCVT_F2I, IR_F32, IR_I32, U_RV, IR_RM_RMM, CAN, 0xbf000000, 0, NV},
    {IR_FCVT_F2I, IR_F64, IR_I32, S_RV, IR_RM_RNE, CAN, 0x41dfffffffe00000ull, 0x7fffffff, NV},
    {IR_FCVT_F2I, IR_F64, IR_I32, S_RV, IR_RM_RTZ, CAN, 0x41dfffffffe00000ull, 0x7fffffff, NX},
    {IR_FCVT_F2I, IR_F64, IR_I32, S_RV, IR_RM_RNE, CAN, 0x7e37e43c8800759cull, 0x7fffffff, NV},
    /* 64-bit results */
    {IR_FCVT_F2I, IR_F64, IR_I64, S_RV, IR_RM_RNE, CAN, 0x43e0000000000000ull, MAX64 >> 1, NV},
    {IR_FCVT_F2I, IR_F64, IR_I64, S_X86, IR_RM_RNE, CAN, 0x43e0000000000000ull,
     0x8000000000000000ull, NV},
    {IR_FCVT_F2I, IR_F64, IR_I64, U_RV, IR_RM_RNE, CAN, 0x43e0000000000000ull,
     0x8000000000000000ull, 0},
    {IR_FCVT_F2I, IR_F64, IR_I64, S_RV, IR_RM_RNE, CAN, 0xc3e0000000000000ull,
     0x8000000000000000ull, 0},
    {IR_FCVT_F2I, IR_F64, IR_I64, U_RV, IR_RM_RNE, CAN, 0x43e158e460913d00ull,
     0x8ac7230489e80000ull, 0},
    {IR_FCVT_F2I, IR_F64, IR_I64, U_RV, IR_RM_RNE, CAN, 0x43f0000000000000ull, MAX64, NV},
    {IR_FCVT_F2I, IR_F64, IR_I64, U_ARM, IR_RM_RNE, CAN, 0x7ff8000000000000ull, 0, NV},
    {IR_FCVT_F2I, IR_F32, IR_I64, S_RV, IR_RM_RNE, CAN, 0x5f000000, MAX64 >> 1, NV},
    {IR_FCVT_F2I, IR_F32, IR_I64, S_RV, IR_RM_RMM, CAN, 0xbfc00000, MAX64 - 1, NX},
    /* i2f */
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RNE, CAN, 0xffffffff, 0xbf800000, 0},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_UNSIGNED, IR_RM_RNE, CAN, 0xffffffff, 0x4f800000, NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_UNSIGNED, IR_RM_RTZ, CAN, 0xffffffff, 0x4f7fffff, NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RNE, CAN, 16777217, 0x4b800000, NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RMM, CAN, 16777217, 0x4b800001, NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RNE, CAN, 16777219, 0x4b800002, NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RDN, CAN, (uint32_t)-16777217, 0xcb800001,
     NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RUP, CAN, (uint32_t)-16777217, 0xcb800000,
     NX},
    {IR_FCVT_I2F, IR_I32, IR_F32, IR_CVT_SIGNED, IR_RM_RNE, CAN, 0, 0, 0},
    {IR_FCVT_I2F, IR_I64, IR_F64, IR_CVT_SIGNED, IR_RM_RNE, CAN, MAX64 >> 1, 0x43e0000000000000ull,
     NX},
    {IR_FCVT_I2F, IR_I64, IR_F64, IR_CVT_SIGNED, IR_RM_RTZ, CAN, MAX64 >> 1, 0x43dfffffffffffffull,
     NX},
    {IR_FCVT_I2F, IR_I64, IR_F64, IR_CVT_SIGNED, IR_RM_RNE, CAN, 0x8000000000000000ull,
     0xc3e0000000000000ull, 0},
    {IR_FCVT_I2F, IR_I64, IR_F64, IR_CVT_UNSIGNED, IR_RM_RNE, CAN, MAX64, 0x43f0000000000000ull,
     NX},
    {IR_FCVT_I2F, IR_I64, IR_F32, IR_CVT_SIGNED, IR_RM_RNE, CAN, MAX64, 0xbf800000, 0},
    /* f2f: narrowing rounds (ties, subnormals, overflow), widening is exact */
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x3ff0000010000000ull, 0x3f800000, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RMM, CAN, 0x3ff0000010000000ull, 0x3f800001, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RUP, CAN, 0x3ff0000010000000ull, 0x3f800001, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x3ff0000030000000ull, 0x3f800002, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RTZ, CAN, 0x3ff0000030000000ull, 0x3f800001, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x380fffffff000000ull, 0x00800000, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, IR_NAN_ARM, 0x380fffffff000000ull, 0x00800000,
     NX | UF},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RTZ, CAN, 0x380fffffff000000ull, 0x007fffff, NX | UF},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x36a8000000000000ull, 0x00000002, NX | UF},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RDN, CAN, 0x36a8000000000000ull, 0x00000001, NX | UF},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x47efffffffffffffull, 0x7f800000, NX | OF},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RTZ, CAN, 0x47efffffffffffffull, 0x7f7fffff, NX},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x7ff4000020000000ull, 0x7fc00000, NV},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, IR_NAN_ARM, 0x7ff4000020000000ull, 0x7fe00001, NV},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0xfff0000000000000ull, 0xff800000, 0},
    {IR_FCVT_F2F, IR_F64, IR_F32, 0, IR_RM_RNE, CAN, 0x8000000000000000ull, 0x80000000, 0},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, CAN, 0x3f800000, 0x3ff0000000000000ull, 0},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, CAN, 0x00000001, 0x36a0000000000000ull, 0},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, IR_NAN_X86, 0x00000001, 0x36a0000000000000ull, DE},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, CAN, 0x7fa00001, 0x7ff8000000000000ull, NV},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, IR_NAN_ARM, 0x7fa00001, 0x7ffc000020000000ull, NV},
    {IR_FCVT_F2F, IR_F32, IR_F64, 0, IR_RM_RNE, IR_NAN_X86, 0xffc00001, 0xfff8000020000000ull, 0},
};

Test(interp_fcvt, conversions)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(cvt_cases); i++) {
        const CvtCase *c = &cvt_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const(b, c->from, c->a);
        uint32_t v = ir_fcvt(b, c->op, c->to, c->kind, c->rm, c->nan, x);
        uint32_t flags;
        IRValue r = t_result(b, v, &flags);
        cr_assert_eq(r.u64[0], c->want, "case %zu (%s %s->%s): got 0x%llx want 0x%llx", i,
                     ir_op_info[c->op].name, ir_type_name(c->from), ir_type_name(c->to),
                     (unsigned long long)r.u64[0], (unsigned long long)c->want);
        cr_assert_eq(flags, c->flags, "case %zu: flags 0x%x want 0x%x", i, flags, c->flags);
        ir_block_free(b);
    }
}

typedef struct RoundCase {
    IRType t;
    unsigned rm, signal;
    uint64_t a, want;
    uint32_t flags;
} RoundCase;

static const RoundCase round_cases[] = {
    {IR_F32, IR_RM_RNE, 1, F32_2P5, 0x40000000, NX},
    {IR_F32, IR_RM_RNE, 0, F32_2P5, 0x40000000, 0},
    {IR_F32, IR_RM_RMM, 1, F32_2P5, 0x40400000, NX},
    {IR_F32, IR_RM_RMM, 1, F32_M2P5, 0xc0400000, NX},
    {IR_F32, IR_RM_RUP, 1, F32_M2P5, 0xc0000000, NX},
    {IR_F32, IR_RM_RDN, 1, F32_M2P5, 0xc0400000, NX},
    {IR_F32, IR_RM_RTZ, 1, F32_M2P5, 0xc0000000, NX},
    {IR_F32, IR_RM_RNE, 1, 0xbecccccd, 0x80000000, NX},
    {IR_F32, IR_RM_RUP, 1, 0xbf000000, 0x80000000, NX},
    {IR_F32, IR_RM_RDN, 1, 0x3f000000, 0, NX},
    {IR_F32, IR_RM_RUP, 1, 0x00000001, 0x3f800000, NX},
    {IR_F32, IR_RM_RNE, 1, 0x7149f2ca, 0x7149f2ca, 0},
    {IR_F32, IR_RM_RNE, 1, 0xff800000, 0xff800000, 0},
    {IR_F32, IR_RM_RNE, 1, 0x7fa00000, 0x7fc00000, IR_FPF_NV},
    {IR_F32, IR_RM_RNE, 1, 0x4b7fffff, 0x4b7fffff, 0},
    {IR_F64, IR_RM_RNE, 1, 0x4320000000000001ull, 0x4320000000000000ull, NX},
    {IR_F64, IR_RM_RMM, 1, 0x4320000000000001ull, 0x4320000000000002ull, NX},
    {IR_F64, IR_RM_RUP, 1, 0x3fe6666666666666ull, 0x3ff0000000000000ull, NX},
    {IR_F64, IR_RM_RNE, 1, 0x3ff8000000000000ull, 0x4000000000000000ull, NX},
    {IR_F64, IR_RM_RNE, 1, 0xc000000000000000ull, 0xc000000000000000ull, 0},
};

Test(interp_fcvt, round_to_integral)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(round_cases); i++) {
        const RoundCase *c = &round_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const(b, c->t, c->a);
        uint32_t v = ir_fop(b, IR_FROUND, c->rm, IR_NAN_CANONICAL, c->signal, x, 0, 0);
        uint32_t flags;
        IRValue r = t_result(b, v, &flags);
        cr_assert_eq(r.u64[0], c->want, "case %zu: got 0x%llx want 0x%llx", i,
                     (unsigned long long)r.u64[0], (unsigned long long)c->want);
        cr_assert_eq(flags, c->flags, "case %zu: flags 0x%x want 0x%x", i, flags, c->flags);
        ir_block_free(b);
    }
}

/* Flags accrue (OR) across instructions and onto what the state already held. */
Test(interp_fcvt, flags_accrue)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t one = ir_const(b, IR_F32, 0x3f800000), three = ir_const(b, IR_F32, 0x40400000);
    uint32_t zero = ir_const(b, IR_F32, 0);
    ir_fop(b, IR_FDIV, IR_RM_RNE, IR_NAN_CANONICAL, 0, one, three, 0); /* NX */
    uint32_t v = ir_fop(b, IR_FDIV, IR_RM_RNE, IR_NAN_CANONICAL, 0, one, zero, 0); /* DZ */
    ir_put(b, T_RESULT, v);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    ((IRStateHeader *)env->state)->fp_flags = IR_FPF_OF;
    TRun run;
    t_run_env(b, env, &run);
    cr_assert_eq(((IRStateHeader *)run.state)->fp_flags, IR_FPF_OF | IR_FPF_NX | IR_FPF_DZ);
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}
