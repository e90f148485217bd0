/* The baseline compiler (translator/baseline.c) against the interpreter, and its place in
 * the JIT: which regions it takes, tier-up, chaining, exit requests, faults. The IR cases
 * (tests/ir, engines baseline and baseline-region) cover the ops one by one. */
#include "test_translator_harness.h"

#include "translator/baseline.h"

enum { X1 = 16, X2 = 24, X3 = 32, PC = 0x1000 };

static TrJit *baseline_jit(TrBaselineUse use, uint32_t tier_up_count)
{
    TrJitOptions o = {.user_mode = true,
                      .tiers = tier_up_count != 0,
                      .tier_up_count = tier_up_count,
                      .baseline = use};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    return jit;
}

static void mem_init(uint8_t *state, uint8_t *mem, void *user)
{
    (void)user;
    for (unsigned k = 0; k < TH_MEM_SIZE; k++)
        mem[k] = (uint8_t)(k * 29 + 3);
    for (unsigned k = 16; k < 256; k++)
        state[k] = (uint8_t)(k * 5 + 1);
    uint64_t n = 300;
    memcpy(state + X1, &n, 8);
}

/* 0x1000: loop over x1: a mix of widths, signed and unsigned compares, shifts, division,
 * rotates (the shim), select, sign extension, loads and stores of every size. */
static IRBlock *build_mix(void)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1), s = ir_get(b, IR_I64, X2);
    uint32_t addr = ir_binop(b, IR_AND, ir_binop(b, IR_MUL, i, ir_const(b, IR_I64, 77)),
                             ir_const(b, IR_I64, 0xfff8));
    uint32_t w = ir_load(b, IR_I32, addr), h = ir_load(b, IR_I16, addr);
    uint32_t y = ir_load(b, IR_I8, ir_binop(b, IR_ADD, addr, ir_const(b, IR_I64, 3)));
    ir_insn_start(b, PC + 4, 4);
    uint32_t t = ir_binop(b, IR_SUB, w, ir_conv(b, IR_ZEXT, IR_I32, h));
    uint32_t sh = ir_binop(b, IR_SAR, t, ir_conv(b, IR_TRUNC, IR_I32, i));
    uint32_t lt = ir_cmp(b, IR_CC_SLT, sh, ir_const(b, IR_I32, 0xffff0000));
    uint32_t big = ir_cmp(b, IR_CC_UGT, ir_conv(b, IR_SEXT, IR_I64, sh), s);
    uint32_t pick =
        ir_select(b, lt, ir_conv(b, IR_SEXT, IR_I64, y), ir_conv(b, IR_ZEXT, IR_I64, t));
    ir_insn_start(b, PC + 8, 4);
    uint32_t q =
        ir_div(b, IR_DIVU, IR_DIV_RISCV, pick, ir_binop(b, IR_AND, i, ir_const(b, IR_I64, 7)));
    uint32_t r = ir_binop(b, IR_ROTL, q, ir_conv(b, IR_ZEXT, IR_I64, big));
    uint32_t sm = ir_div(b, IR_REMS, IR_DIV_RISCV, r, ir_const(b, IR_I64, (uint64_t)-13));
    s = ir_binop(b, IR_XOR, ir_binop(b, IR_ADD, s, sm),
                 ir_binop(b, IR_SHL, s, ir_const(b, IR_I64, 7)));
    ir_put(b, X2, s);
    ir_insn_start(b, PC + 12, 4);
    ir_store(b, ir_binop(b, IR_ADD, addr, ir_const(b, IR_I64, 1)), ir_conv(b, IR_TRUNC, IR_I16, s));
    ir_store(b, addr, ir_conv(b, IR_TRUNC, IR_I8, sh));
    ir_store(b, ir_binop(b, IR_XOR, addr, ir_const(b, IR_I64, 0x100)), s);
    ir_put(b, X3, ir_conv(b, IR_ZEXT, IR_I64, big));
    ir_insn_start(b, PC + 16, 4);
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_RET, 0);
    return b;
}

Test(translator_baseline, integer_loop_matches_the_interpreter)
{
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    IRBlock *b = build_mix();
    const IRBlock *blocks[] = {b};
    cr_assert(tr_baseline_supports(blocks, 1));
    RtCompileStats st = {0};
    th_compile(jit, blocks, 1, &st);
    cr_expect(st.baseline, "the baseline compiled it");
    ThEnv e;
    th_run_both(jit, "mix", blocks, 1, mem_init, NULL, &e);
    cr_expect_eq(e.exit.next_pc, 0x2000);
    cr_expect_eq(e.cpu.stats.jit_blocks, 300, "one call ran the whole loop");
    cr_expect_eq(e.cpu.stats.jit_insns, 5 * 300);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Integer regions at the fast tier go to the baseline; FP ones, and the full tier, to LLVM. */
Test(translator_baseline, takes_the_fast_tiers_integer_regions)
{
    TrJit *jit = baseline_jit(TR_BASELINE_FAST, 100);
    IRBlock *i = build_mix(), *f = ir_block_new(PC);
    ir_insn_start(f, PC, 4);
    uint32_t x = ir_get(f, IR_F64, X1);
    ir_put(f, X2, ir_fop(f, IR_FADD, IR_RM_DYN, IR_NAN_CANONICAL, 0, x, x, 0));
    ir_goto(f, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *ri[] = {i}, *rf[] = {f};
    cr_expect(!tr_baseline_supports(rf, 1));
    RtCompiledFn fn = NULL;
    RtCompileStats st = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, ri, 1, &fn, &st));
    cr_expect(st.baseline);
    cr_expect_gt(st.code_bytes, 0);
    st = (RtCompileStats){0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, rf, 1, &fn, &st));
    cr_expect(!st.baseline, "FP code is LLVM's");
    st = (RtCompileStats){0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FULL, ri, 1, &fn, &st));
    cr_expect(!st.baseline, "the full tier is LLVM's");
    ir_block_free(i);
    ir_block_free(f);
    tr_jit_destroy(jit);
}

/* A baseline loop counts its entry and back-edges and leaves once, at tier_up_count, with
 * RT_JUMP_DETAIL_TIER_UP naming its entry; the state is exact there. */
Test(translator_baseline, asks_for_the_full_tier)
{
    TrJit *jit = baseline_jit(TR_BASELINE_FAST, 4);
    IRBlock *b = th_countdown_loop(PC, X1, 0x2000); /* x1 -= 1; loop while x1 != 0 */
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = NULL;
    RtCompileStats st = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, blocks, 1, &fn, &st));
    cr_assert(st.baseline);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t n = 10, v;
    memcpy(state + X1, &n, 8);
    atomic_int request = 0;
    RtCpu cpu = {.state = state, .exit_request = &request, .mem_limit = 1 << 20};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.detail, RT_JUMP_DETAIL_TIER_UP);
    cr_expect_eq(ex.pc, PC);
    cr_expect_eq(ex.next_pc, PC);
    memcpy(&v, state + X1, 8);
    cr_expect_eq(v, 7);
    cr_assert_not_null(st.heat, "the count is the region's heat (upgrade order)");
    cr_expect_eq(*st.heat, 4);
    request = 1; /* a back edge polls: the next run leaves after one iteration */
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.detail, 0);
    cr_expect_eq(ex.next_pc, PC);
    memcpy(&v, state + X1, 8);
    cr_expect_eq(v, 6);
    request = 0;
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x2000);
    memcpy(&v, state + X1, 8);
    cr_expect_eq(v, 0);
    free(state);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Only edges on a cycle of the region poll (translator/region_shape.h): a backward jump
 * to a join that loops nowhere runs on with an exit request pending. */
Test(translator_baseline, backward_jump_on_no_cycle_does_not_poll)
{
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    IRBlock *a = ir_block_new(PC), *b = ir_block_new(PC + 0x100), *c = ir_block_new(PC + 0x200);
    ir_insn_start(a, PC, 4); /* if (x1) goto c; goto b */
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X1), ir_const(a, IR_I64, 0)), PC + 0x200);
    ir_goto(a, PC + 0x100, IR_JUMP_PLAIN, 0);
    ir_insn_start(b, PC + 0x100, 4); /* the join: x2 = 7; out */
    ir_put(b, X2, ir_const(b, IR_I64, 7));
    ir_goto(b, 0x3000, IR_JUMP_PLAIN, 0);
    ir_insn_start(c, PC + 0x200, 4); /* x3 = 5; back to the join */
    ir_put(c, X3, ir_const(c, IR_I64, 5));
    ir_goto(c, PC + 0x100, IR_JUMP_PLAIN, 0);
    const IRBlock *region[] = {a, b, c};
    RtCompiledFn fn = NULL;
    RtCompileStats st = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, region, 3, &fn, &st));
    cr_assert(st.baseline);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t one = 1, v;
    memcpy(state + X1, &one, 8);
    atomic_int request = 1;
    RtCpu cpu = {.state = state, .exit_request = &request, .mem_limit = 1 << 20};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000, "the backward jump to the join polled");
    memcpy(&v, state + X3, 8);
    cr_expect_eq(v, 5);
    memcpy(&v, state + X2, 8);
    cr_expect_eq(v, 7);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* A function's region: its return leaves the region instead of staying at the entry (which
 * would put the join on a cycle and make the case's backward jump to it poll). */
Test(translator_baseline, a_return_leaves_a_function_region)
{
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    IRBlock *a = ir_block_new(PC), *b = ir_block_new(PC + 0x100), *c = ir_block_new(PC + 0x200);
    ir_insn_start(a, PC, 4); /* if (x1) goto c; goto b */
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X1), ir_const(a, IR_I64, 0)), PC + 0x200);
    ir_goto(a, PC + 0x100, IR_JUMP_PLAIN, 0);
    ir_insn_start(b, PC + 0x100, 4); /* the join: x2 = 7; return to x1 */
    ir_put(b, X2, ir_const(b, IR_I64, 7));
    ir_goto_reg(b, ir_get(b, IR_I64, X1), IR_JUMP_RET, 0);
    ir_insn_start(c, PC + 0x200, 4); /* x3 = 5; back to the join */
    ir_put(c, X3, ir_const(c, IR_I64, 5));
    ir_goto(c, PC + 0x100, IR_JUMP_PLAIN, 0);
    const IRBlock *region[] = {a, b, c};
    RtCompiledFn fn = NULL;
    RtCompileStats st = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, region, 3, &fn, &st));
    cr_assert(st.baseline);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t entry = PC, v;
    memcpy(state + X1, &entry, 8); /* nonzero, and the return goes to the entry */
    atomic_int request = 1;
    RtCpu cpu = {.state = state, .exit_request = &request, .mem_limit = 1 << 20};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, PC, "the return did not leave (or the join polled)");
    cr_expect_eq(ex.jump_kind, IR_JUMP_RET);
    memcpy(&v, state + X3, 8);
    cr_expect_eq(v, 5);
    memcpy(&v, state + X2, 8);
    cr_expect_eq(v, 7);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* A jump exit whose target is in the jump cache goes straight to its code; an exit
 * request stops that. */
Test(translator_baseline, chains_through_the_jump_cache)
{
    /* bit 1 and bits above the slot index set: the inline index must mask and shift as
     * rt_jump_slot does */
    const uint64_t TARGET = 0x7f0012345676ull;
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    IRBlock *a = ir_block_new(PC), *b = ir_block_new(TARGET);
    ir_insn_start(a, PC, 4);
    ir_put(a, X1, ir_const(a, IR_I64, 11));
    ir_goto(a, TARGET, IR_JUMP_PLAIN, 0);
    ir_insn_start(b, TARGET, 4);
    ir_put(b, X2, ir_const(b, IR_I64, 0x123456789abcull));
    ir_goto(b, 0x3000, IR_JUMP_PLAIN, 0);
    const IRBlock *ra[] = {a}, *rb[] = {b};
    RtCompiledFn fa = th_compile(jit, ra, 1, NULL), fb = th_compile(jit, rb, 1, NULL);
    RtJumpSlot *jc = calloc(RT_JUMP_SLOTS, sizeof(*jc));
    *rt_jump_slot(jc, TARGET) = (RtJumpSlot){.pc = TARGET, .fn = (void *)fb};
    atomic_int request = 0;
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    RtCpu cpu = {.state = state, .jump_cache = jc, .exit_request = &request};
    RtExit ex = {0};
    uint64_t v;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000, "chained into the code of TARGET");
    memcpy(&v, state + X2, 8);
    cr_expect_eq(v, 0x123456789abcull);
    memset(state, 0, TH_STATE_SIZE);
    request = 1;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, TARGET, "an exit request stops chaining");
    memcpy(&v, state, 8);
    cr_expect_eq(v, TARGET, "the state's pc is the next pc");
    free(state);
    free(jc);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Points a direct link site (RtChainLink) at `to`, as the code cache does. */
static void link_to(const RtChainLink *l, const void *to)
{
    int32_t rel = (int32_t)((intptr_t)to - (intptr_t)(l->site + 4));
    memcpy(l->site, &rel, sizeof rel);
}

/* A constant jump out of the region is a direct link site: unlinked it leaves through the
 * probe (here no jump cache: to the dispatcher); linked it runs the target's code with no
 * probe; an exit request still stops it; the counts of both regions add up. */
Test(translator_baseline, direct_link_sites_jump_to_their_target)
{
    const uint64_t TARGET = 0x7f0012345676ull;
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    IRBlock *a = ir_block_new(PC), *b = ir_block_new(TARGET);
    ir_insn_start(a, PC, 4); /* if (x3) goto 0x5000; x1 = 11; goto TARGET */
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X3), ir_const(a, IR_I64, 0)), 0x5000);
    ir_put(a, X1, ir_const(a, IR_I64, 11));
    ir_goto(a, TARGET, IR_JUMP_PLAIN, 0);
    ir_insn_start(b, TARGET, 4);
    ir_put(b, X2, ir_const(b, IR_I64, 0x123456789abcull));
    ir_goto_reg(b, ir_get(b, IR_I64, X1), IR_JUMP_PLAIN, 0);
    const IRBlock *ra[] = {a}, *rb[] = {b};
    RtCompileStats sa = {0}, sb = {0};
    RtCompiledFn fa = th_compile(jit, ra, 1, &sa), fb = th_compile(jit, rb, 1, &sb);
    cr_assert_eq(sa.nlinks, 2, "one site per constant jump out of the region");
    cr_assert_eq(sb.nlinks, 0, "an indirect jump is no link site");
    const RtChainLink *to_target = &sa.links[sa.links[0].target_pc == TARGET ? 0 : 1];
    cr_assert_eq(to_target->target_pc, TARGET);
    cr_assert_eq(sa.links[to_target == sa.links ? 1 : 0].target_pc, 0x5000);

    atomic_int request = 0;
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    uint64_t v;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, TARGET, "an unlinked site leaves for its target pc");
    cr_expect_eq(ex.kind, RT_EXIT_JUMP);

    link_to(to_target, fb);
    memset(state, 0, TH_STATE_SIZE);
    cpu.stats = (RtCpuStats){0};
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 11, "the linked site ran TARGET's code (its jump to x1)");
    memcpy(&v, state + X2, 8);
    cr_expect_eq(v, 0x123456789abcull);
    cr_expect_eq(cpu.stats.jit_insns, 2, "both regions' instructions counted once");
    cr_expect_eq(cpu.stats.jit_blocks, 2);

    memset(state, 0, TH_STATE_SIZE);
    request = 1;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, TARGET, "an exit request stops a linked site");
    memcpy(&v, state + X2, 8);
    cr_expect_eq(v, 0, "TARGET's code ran despite the request");
    memcpy(&v, state, 8);
    cr_expect_eq(v, TARGET, "the state's pc is the next pc");

    link_to(to_target, to_target->unlinked);
    request = 0;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, TARGET, "unlinked again: back to the dispatcher");
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Accesses outside the window leave with RT_EXIT_FAULT naming the instruction and address,
 * as the interpreter does, also for an access that starts inside and ends outside. */
Test(translator_baseline, faults_match_the_interpreter)
{
    TrJit *jit = baseline_jit(TR_BASELINE_ONLY, 0);
    static const uint64_t addrs[] = {TH_MEM_SIZE - 8, TH_MEM_SIZE - 4, TH_MEM_SIZE, 1ull << 60};
    for (size_t k = 0; k < FVP_ARRAY_LEN(addrs); k++)
        for (int store = 0; store < 2; store++) {
            IRBlock *b = ir_block_new(PC);
            ir_insn_start(b, PC, 4);
            ir_put(b, X1, ir_const(b, IR_I64, 5));
            ir_insn_start(b, PC + 4, 4);
            uint32_t a = ir_const(b, IR_I64, addrs[k]);
            if (store)
                ir_store(b, a, ir_get(b, IR_I64, X2));
            else
                ir_put(b, X3, ir_load(b, IR_I64, a));
            ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
            const IRBlock *blocks[] = {b};
            ThEnv e;
            th_run_both(jit, store ? "store" : "load", blocks, 1, mem_init, NULL, &e);
            cr_expect_eq(e.exit.kind, k == 0 ? RT_EXIT_JUMP : RT_EXIT_FAULT, "address %#" PRIx64,
                         addrs[k]);
            th_env_free(&e);
            ir_block_free(b);
        }
    tr_jit_destroy(jit);
}

/* Host dumps of the baseline's regions (the last one compiled). */
static void keep_host_dump(void *user, TrDumpKind kind, uint64_t pc, const char *text)
{
    (void)pc;
    if (kind != TR_DUMP_HOST)
        return;
    char **keep = user;
    free(*keep);
    *keep = fvp_xstrdup(text);
}

/* A TR_BASELINE_ONLY JIT whose last region's host disassembly lands in *host (free it). */
static TrJit *host_dump_jit(char **host, bool precise_faults)
{
    TrJitOptions o = {.user_mode = true,
                      .baseline = TR_BASELINE_ONLY,
                      .precise_faults = precise_faults,
                      .dump_mask = TR_DUMP_HOST,
                      .dump = keep_host_dump,
                      .dump_user = host};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    return jit;
}

enum { FLAGS = 272 }; /* four flag bytes, as AArch64's NZCV */

static void put_flags(IRBlock *b, uint32_t v)
{
    uint32_t zero = ir_const(b, IR_I64, 0);
    uint32_t f[4] = {ir_cmp(b, IR_CC_SLT, v, zero), ir_cmp(b, IR_CC_EQ, v, zero),
                     ir_cmp(b, IR_CC_UGT, v, ir_const(b, IR_I64, 99)),
                     ir_cmp(b, IR_CC_SGT, v, ir_const(b, IR_I64, 7))};
    for (unsigned k = 0; k < 4; k++)
        ir_put(b, FLAGS + k, ir_conv(b, IR_ZEXT, IR_I8, f[k]));
}

/* 0x1000: flags(x1); x3 = 1; x3 = x1 * 3 + (2 + 3); x2 = x1 + 0; goto 0x1010
 * 0x1010: flags(x2 - 1); x1 -= 1; loop to 0x1000 while x1 != 0; goto 0x2000
 * The flags and the first x3 of 0x1000 are overwritten before anything can see them (the
 * edge to 0x1010 is a forward one: no poll), so no code writes them; the constants fold.
 * Every exit still sees the interpreter's state. */
Test(translator_baseline, drops_state_writes_nothing_sees)
{
    char *host = NULL;
    TrJit *jit = host_dump_jit(&host, false);
    IRBlock *a = ir_block_new(PC), *b = ir_block_new(PC + 0x10);
    ir_insn_start(a, PC, 4);
    uint32_t x1 = ir_get(a, IR_I64, X1);
    put_flags(a, x1);
    ir_insn_start(a, PC + 4, 4);
    ir_put(a, X3, ir_const(a, IR_I64, 1));
    ir_insn_start(a, PC + 8, 4);
    uint32_t five = ir_binop(a, IR_ADD, ir_const(a, IR_I64, 2), ir_const(a, IR_I64, 3));
    ir_put(a, X3, ir_binop(a, IR_ADD, ir_binop(a, IR_MUL, x1, ir_const(a, IR_I64, 3)), five));
    ir_put(a, X2, ir_binop(a, IR_ADD, x1, ir_const(a, IR_I64, 0)));
    ir_goto(a, PC + 0x10, IR_JUMP_PLAIN, 0);
    ir_insn_start(b, PC + 0x10, 4);
    put_flags(b, ir_binop(b, IR_SUB, ir_get(b, IR_I64, X2), ir_const(b, IR_I64, 1)));
    uint32_t i = ir_binop(b, IR_SUB, ir_get(b, IR_I64, X1), ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_RET, 0);
    const IRBlock *blocks[] = {a, b};
    ThEnv e;
    th_run_both(jit, "dead writes", blocks, 2, mem_init, NULL, &e);
    cr_expect_eq(e.exit.next_pc, 0x2000);
    cr_expect_eq(e.cpu.stats.jit_blocks, 2 * 300);
    th_env_free(&e);
    cr_assert_not_null(host);
    /* flag bytes are written with movb %al, 0x110(%rbp) .. 0x113(%rbp); x3 with movq to
     * 0x20(%rbp) */
    cr_expect_eq(th_count_of(host, "0x110(%rbp)"), 1, "only 0x1010 writes the flags:\n%s", host);
    cr_expect_eq(th_count_of(host, "0x113(%rbp)"), 1);
    cr_expect_eq(th_count_of(host, "0x20(%rbp)"), 1, "x3 is written once");
    cr_expect_eq(th_count_of(host, "$0x2,"), 0, "2 + 3 folded");
    free(host);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* With precise faults every guest access sees the state: a write before it stays even when
 * a later one overwrites it, and a fault leaves the interpreter's state. */
Test(translator_baseline, precise_faults_keep_writes_before_accesses)
{
    for (int precise = 0; precise < 2; precise++) {
        char *host = NULL;
        TrJit *jit = host_dump_jit(&host, precise);
        IRBlock *b = ir_block_new(PC);
        ir_insn_start(b, PC, 4);
        ir_put(b, X3, ir_const(b, IR_I64, 5));
        ir_insn_start(b, PC + 4, 4);
        uint32_t v = ir_load(b, IR_I64, ir_const(b, IR_I64, TH_MEM_SIZE)); /* faults */
        ir_insn_start(b, PC + 8, 4);
        ir_put(b, X3, v);
        ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        const IRBlock *blocks[] = {b};
        ThEnv interp, jitted;
        th_env_init(&interp, mem_init, NULL);
        th_env_init(&jitted, mem_init, NULL);
        th_run_interp(&interp, blocks, 1, 1);
        rt_compiled_run(th_compile(jit, blocks, 1, NULL), &jitted.cpu, &jitted.exit);
        cr_expect_eq(jitted.exit.kind, RT_EXIT_FAULT);
        cr_expect_eq(jitted.exit.pc, PC + 4);
        cr_assert_not_null(host);
        cr_expect_eq(th_count_of(host, "0x20(%rbp)"), precise ? 2 : 1, "precise %d:\n%s", precise,
                     host);
        if (precise)
            th_compare("precise fault", &interp, &jitted);
        th_env_free(&interp);
        th_env_free(&jitted);
        free(host);
        ir_block_free(b);
        tr_jit_destroy(jit);
    }
}
