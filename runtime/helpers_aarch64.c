/* IR helper calls for AArch64: half-precision conversions. */
#include "runtime/helpers_aarch64.h"

#include "runtime/fp.h"

/* Packs a helper's result bits with the FP flags it raised. */
static uint64_t with_flags(uint64_t bits, uint32_t flags)
{
    return bits | (uint64_t)flags << 32;
}

uint64_t rt_helper_fcvt_f2h_arm(RtCpu *cpu, uint64_t bits, uint64_t type, uint64_t mode)
{
    (void)cpu;
    uint32_t flags = 0;
    unsigned nan = fp_nan_for_mode(IR_NAN_ARM_FPCR, (uint32_t)mode);
    uint64_t h = fp_convert_half(true, type == IR_F64 ? IR_F64 : IR_F32,
                                 (unsigned)mode & IR_FPMODE_RM, nan, bits, &flags);
    return with_flags(h, flags);
}

uint64_t rt_helper_fcvt_h2f_arm(RtCpu *cpu, uint64_t half, uint64_t mode, uint64_t unused)
{
    (void)cpu, (void)unused;
    uint32_t flags = 0;
    unsigned nan = fp_nan_for_mode(IR_NAN_ARM_FPCR, (uint32_t)mode);
    uint64_t f = fp_convert_half(false, IR_F32, IR_RM_RNE, nan, half, &flags);
    return with_flags(f, flags);
}
