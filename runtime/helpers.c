/* Implementations of the IR helper calls (ir/ir_helpers.def). */
#include "runtime/cpu.h"
#include "runtime/helpers_aarch64.h"
#include "runtime/runtime_internal.h"

#include <time.h>

static uint64_t helper_read_time(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2)
{
    (void)cpu, (void)a0, (void)a1, (void)a2;
    /* A 10 MHz timer, as QEMU's virt board and Linux on it use. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 10000000ull + (uint64_t)ts.tv_nsec / 100;
}

static uint64_t helper_read_cycle(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2)
{
    /* Nanoseconds: a monotonic counter at a nominal 1 GHz. */
    (void)cpu, (void)a0, (void)a1, (void)a2;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t helper_read_instret(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2)
{
    (void)a0, (void)a1, (void)a2;
    if (cpu->proc) /* user mode: compiled code may not be counting yet */
        rt_process_need_counts(cpu->proc);
    return cpu->stats.interp_insns + cpu->stats.jit_insns;
}

/* RISC-V fclass bits: 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal,
 * 6 +normal, 7 +inf, 8 signalling NaN, 9 quiet NaN. */
static uint64_t fclass(uint64_t bits, unsigned exp_bits, unsigned frac_bits)
{
    uint64_t sign = (bits >> (exp_bits + frac_bits)) & 1;
    uint64_t exp = (bits >> frac_bits) & ((1ull << exp_bits) - 1);
    uint64_t frac = bits & ((1ull << frac_bits) - 1);
    uint64_t exp_max = (1ull << exp_bits) - 1;
    if (exp == exp_max) {
        if (frac == 0)
            return sign ? 1u << 0 : 1u << 7;
        return (frac >> (frac_bits - 1)) & 1 ? 1u << 9 : 1u << 8;
    }
    if (exp == 0) {
        if (frac == 0)
            return sign ? 1u << 3 : 1u << 4;
        return sign ? 1u << 2 : 1u << 5;
    }
    return sign ? 1u << 1 : 1u << 6;
}

static uint64_t helper_fclass32(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2)
{
    (void)cpu, (void)a1, (void)a2;
    return fclass(a0 & 0xffffffffull, 8, 23);
}

static uint64_t helper_fclass64(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2)
{
    (void)cpu, (void)a1, (void)a2;
    return fclass(a0, 11, 52);
}

const RtHelperFn rt_helper_fns[IR_HELPER_COUNT] = {
    [IR_HELPER_READ_CYCLE] = helper_read_cycle,
    [IR_HELPER_READ_TIME] = helper_read_time,
    [IR_HELPER_READ_INSTRET] = helper_read_instret,
    [IR_HELPER_FCLASS32] = helper_fclass32,
    [IR_HELPER_FCLASS64] = helper_fclass64,
    [IR_HELPER_FCVT_F2H_ARM] = rt_helper_fcvt_f2h_arm,
    [IR_HELPER_FCVT_H2F_ARM] = rt_helper_fcvt_h2f_arm,
    [IR_HELPER_ESTIMATE_ARM] = rt_helper_estimate_arm,
    [IR_HELPER_PMULL_ARM] = rt_helper_pmull_arm,
    [IR_HELPER_CRYPTO_ARM] = rt_helper_crypto_arm,
};
