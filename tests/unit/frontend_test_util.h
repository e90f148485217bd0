/* Shared by the frontend test harnesses: lift a verified block, run blocks until a non-jump exit. */
#ifndef FVP_TESTS_FRONTEND_TEST_UTIL_H
#define FVP_TESTS_FRONTEND_TEST_UTIL_H

#include <criterion/criterion.h>

#include "frontends/frontend.h"
#include "ir/ir.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"

/* Lifts the block at pc with fe; the block must verify. Caller frees it. */
static inline IRBlock *fet_lift(const Frontend *fe, FeFetchFn fetch, void *ctx, uint64_t pc,
                                uint32_t max_insns)
{
    IRBlock *b = ir_block_new(pc);
    FeLiftOptions opts = {.max_insns = max_insns};
    cr_assert_null(fe->lift_block(fe, fetch, ctx, pc, &opts, b));
    FvpError *verr = ir_verify_block(b);
    if (verr) {
        char msg[512];
        fvp_error_format(verr, msg, sizeof(msg));
        ir_print_block(stderr, b);
        fvp_error_free(verr);
        cr_assert_fail("lifted block at 0x%llx does not verify: %s", (unsigned long long)pc, msg);
    }
    return b;
}

/* Interprets from pc on cpu until something other than a jump; returns that exit. */
static inline RtExit fet_run(const Frontend *fe, FeFetchFn fetch, void *ctx, uint32_t max_insns,
                             RtCpu *cpu, uint64_t pc)
{
    RtExit exit = {0};
    for (int blocks = 0; blocks < 10000; blocks++) {
        IRBlock *b = fet_lift(fe, fetch, ctx, pc, max_insns);
        InterpCode *code = NULL;
        cr_assert_null(interp_prepare(b, &code));
        interp_run(cpu, code, &exit);
        interp_code_free(code);
        ir_block_free(b);
        if (exit.kind != RT_EXIT_JUMP && exit.kind != RT_EXIT_SYNC_CODE)
            return exit;
        pc = exit.next_pc;
    }
    cr_assert_fail("program did not stop");
    return exit;
}

#endif
