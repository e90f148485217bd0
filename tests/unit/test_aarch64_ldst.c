/* AArch64 loads and stores through the interpreter: every size and sign extension, all
 * addressing modes and writebacks, pairs, literals, SIMD&FP registers, exclusives, LSE
 * atomics, DC ZVA and faults. Encodings from aarch64-linux-gnu-as (text in comments). */
#include "tests/unit/test_aarch64_harness.h"

/* 16 bytes 0x80..0x8f at A64T_DATA then 0x00..0x0f: sign-extension cases on both sides. */
static void fill_data(A64Test *t)
{
    for (unsigned i = 0; i < 256; i++)
        t->mem[A64T_DATA + i] = (uint8_t)(0x80 + i);
}

static uint64_t rd64(const A64Test *t, uint64_t addr)
{
    uint64_t v;
    memcpy(&v, t->mem + addr, 8);
    return v;
}

Test(aarch64_ldst, loads_every_size_and_mode)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0x39400c20, /* ldrb w0, [x1, #3] */
        0x39801c22, /* ldrsb x2, [x1, #7] */
        0x39c01c23, /* ldrsb w3, [x1, #7] */
        0x79400424, /* ldrh w4, [x1, #2] */
        0x79800c25, /* ldrsh x5, [x1, #6] */
        0xb9400426, /* ldr w6, [x1, #4] */
        0xb9800427, /* ldrsw x7, [x1, #4] */
        0xf9400428, /* ldr x8, [x1, #8] */
        0xf8401029, /* ldur x9, [x1, #1] */
        0xf8408c2a, /* ldr x10, [x1, #8]! */
        0xf85f842b, /* ldr x11, [x1], #-8 */
        0xf86dd82c, /* ldr x12, [x1, w13, sxtw #3] */
        0x386f682e, /* ldrb w14, [x1, x15] */
        0x78f17830, /* ldrsh w16, [x1, x17, lsl #1] */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    fill_data(&t);
    t.st.x[1] = A64T_DATA + 32;
    t.st.x[13] = (uint64_t)-2; /* w13 = -2: sxtw #3 -> -16 */
    t.st.x[15] = 5;
    t.st.x[17] = 3;
    a64t_run_to_brk(&t);
    cr_expect_eq(t.st.x[0], 0xa3);
    cr_expect_eq(t.st.x[2], 0xffffffffffffffa7ull);
    cr_expect_eq(t.st.x[3], 0xffffffa7ull, "ldrsb w zero-extends the 32-bit result");
    cr_expect_eq(t.st.x[4], 0xa3a2);
    cr_expect_eq(t.st.x[5], 0xffffffffffffa7a6ull);
    cr_expect_eq(t.st.x[6], 0xa7a6a5a4);
    cr_expect_eq(t.st.x[7], 0xffffffffa7a6a5a4ull);
    cr_expect_eq(t.st.x[8], 0xafaeadacabaaa9a8ull);
    cr_expect_eq(t.st.x[9], 0xa8a7a6a5a4a3a2a1ull);
    cr_expect_eq(t.st.x[10], 0xafaeadacabaaa9a8ull, "pre-index loads at the moved base");
    cr_expect_eq(t.st.x[11], 0xafaeadacabaaa9a8ull, "post-index loads at the old base");
    cr_expect_eq(t.st.x[1], A64T_DATA + 32, "+8 then -8");
    cr_expect_eq(t.st.x[12], 0x9796959493929190ull, "sxtw #3 of w13 = -2: base - 16");
    cr_expect_eq(t.st.x[14], 0xa5);
    cr_expect_eq(t.st.x[16], 0xffffa7a6ull);
    a64t_fini(&t);
}

Test(aarch64_ldst, stores_and_writeback)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xf9000822, /* str x2, [x1, #16] */
        0x38018c22, /* strb w2, [x1, #24]! */
        0x78002422, /* strh w2, [x1], #2 */
        0xb81ff022, /* stur w2, [x1, #-1] */
        0xf82d483f, /* str xzr, [x1, w13, uxtw] */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    t.st.x[1] = A64T_DATA;
    t.st.x[2] = 0x1122334455667788ull;
    t.st.x[13] = 0xffffffff00000040ull; /* uxtw: only the low 32 bits */
    memset(t.mem + A64T_DATA, 0xee, 128);
    a64t_run_to_brk(&t);
    cr_expect_eq(rd64(&t, A64T_DATA + 16), 0x1122334455667788ull);
    cr_expect_eq(t.mem[A64T_DATA + 24], 0x88);
    /* strh at the old base (post-index) wrote 24..25, then stur w2 at base-1 = 25..28 */
    cr_expect_eq(rd64(&t, A64T_DATA + 24), 0xeeeeee5566778888ull);
    cr_expect_eq(rd64(&t, A64T_DATA + 26 + 0x40), 0);
    cr_expect_eq(t.st.x[1], A64T_DATA + 26);
    a64t_fini(&t);
}

Test(aarch64_ldst, pairs_and_vector_registers)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xa9410c22, /* ldp x2, x3, [x1, #16] */
        0x69401424, /* ldpsw x4, x5, [x1] */
        0x29ff1c26, /* ldp w6, w7, [x1, #-8]! */
        0xa9040c22, /* stp x2, x3, [x1, #64] */
        0xacc10420, /* ldp q0, q1, [x1], #32 */
        0x6dbf07e0, /* stp d0, d1, [sp, #-16]! */
        0x3cde0022, /* ldr q2, [x1, #-32] */
        0xbd000022, /* str s2, [x1] */
        0x3d400423, /* ldr b3, [x1, #1] */
        0x7c6d7824, /* ldr h4, [x1, x13, lsl #1] */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    fill_data(&t);
    t.st.x[1] = A64T_DATA + 8;
    t.st.x[13] = 2;
    a64t_set_v(&t, 3, ~0ull, ~0ull);
    uint64_t sp = t.st.sp;
    a64t_run_to_brk(&t);
    cr_expect_eq(t.st.x[2], 0x9f9e9d9c9b9a9998ull);
    cr_expect_eq(t.st.x[3], 0xa7a6a5a4a3a2a1a0ull);
    cr_expect_eq(t.st.x[4], 0xffffffff8b8a8988ull);
    cr_expect_eq(t.st.x[5], 0xffffffff8f8e8d8cull);
    cr_expect_eq(t.st.x[6], 0x83828180);
    cr_expect_eq(t.st.x[7], 0x87868584);
    cr_expect_eq(rd64(&t, A64T_DATA + 64), 0x9f9e9d9c9b9a9998ull);
    cr_expect_eq(rd64(&t, A64T_DATA + 72), 0xa7a6a5a4a3a2a1a0ull);
    cr_expect_eq(a64t_vlo(&t, 0), 0x8786858483828180ull);
    cr_expect_eq(a64t_vhi(&t, 1), 0x9f9e9d9c9b9a9998ull);
    cr_expect_eq(t.st.sp, sp - 16);
    cr_expect_eq(rd64(&t, sp - 16), 0x8786858483828180ull);
    cr_expect_eq(rd64(&t, sp - 8), 0x9796959493929190ull);
    cr_expect_eq(t.st.x[1], A64T_DATA + 32);
    cr_expect_eq(a64t_vhi(&t, 2), 0x8f8e8d8c8b8a8988ull);
    cr_expect_eq(t.mem[A64T_DATA + 32], 0x80, "str s2 writes 4 bytes");
    cr_expect_eq(t.mem[A64T_DATA + 36], 0xa4);
    cr_expect_eq(a64t_vlo(&t, 3), 0x81, "a byte load zeroes the rest of the register");
    cr_expect_eq(a64t_vhi(&t, 3), 0);
    cr_expect_eq(a64t_vlo(&t, 4), 0xa5a4);
    a64t_fini(&t);
}

Test(aarch64_ldst, literals)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0x580000a0, /* ldr x0, .+20 */
        0x98000081, /* ldrsw x1, .+16 */
        0x5c000062, /* ldr d2, .+12 */
        0x9c000043, /* ldr q3, .+8 */
        A64T_BRK,   0xccddeeff, 0x8899aabb, 0x44556677, 0x00112233,
    };
    a64t_code(&t, code, sizeof code / 4);
    a64t_run_to_brk(&t);
    cr_expect_eq(t.st.x[0], 0x8899aabbccddeeffull);
    cr_expect_eq(t.st.x[1], 0xffffffffccddeeffull);
    cr_expect_eq(a64t_vlo(&t, 2), 0x8899aabbccddeeffull);
    cr_expect_eq(a64t_vhi(&t, 2), 0);
    cr_expect_eq(a64t_vhi(&t, 3), 0x0011223344556677ull);
    a64t_fini(&t);
}

Test(aarch64_ldst, exclusives_atomics_and_dc_zva)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xc85f7c22, /* ldxr x2, [x1] */
        0xc8037c24, /* stxr w3, x4, [x1] */
        0xc8057c24, /* stxr w5, x4, [x1] */
        0x485ffc26, /* ldaxrh w6, [x1] */
        0xd5033f5f, /* clrex */
        0x4807fc26, /* stlxrh w7, w6, [x1] */
        0xc8a87c29, /* cas x8, x9, [x1] */
        0xf8ea002b, /* ldaddal x10, x11, [x1] */
        0x382c802d, /* swpb w12, w13, [x1] */
        0xc87f3c2e, /* ldxp x14, x15, [x1] */
        0xc830382f, /* stxp w16, x15, x14, [x1] */
        0xd50b7431, /* dc zva, x17 */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    uint64_t a = A64T_DATA + 0x100;
    t.st.x[1] = a;
    t.st.x[4] = 0x1234;
    t.st.x[8] = 0x1234; /* cas: expected */
    t.st.x[9] = 0x5000; /* cas: new */
    t.st.x[10] = 0x20;  /* ldadd */
    t.st.x[12] = 0x77;  /* swpb */
    t.st.x[17] = A64T_DATA + 0x2c5;
    memcpy(t.mem + a, &(uint64_t){7}, 8);
    memcpy(t.mem + a + 8, &(uint64_t){9}, 8);
    memset(t.mem + A64T_DATA + 0x2b0, 0xaa, 0x60);
    a64t_run_to_brk(&t);
    cr_expect_eq(t.st.x[2], 7);
    cr_expect_eq(t.st.x[3], 0, "stxr after ldxr succeeds");
    cr_expect_eq(t.st.x[5], 1, "a second stxr fails");
    cr_expect_eq(t.st.x[6], 0x1234);
    cr_expect_eq(t.st.x[7], 1, "stlxrh after clrex fails");
    cr_expect_eq(t.st.x[8], 0x1234, "cas returns the old value");
    cr_expect_eq(t.st.x[11], 0x5000, "ldadd returns the old value");
    cr_expect_eq(t.st.x[13], 0x20, "swpb returns the old byte");
    cr_expect_eq(t.st.x[14], 0x5077);
    cr_expect_eq(t.st.x[15], 9);
    cr_expect_eq(t.st.x[16], 0, "stxp after ldxp succeeds");
    cr_expect_eq(rd64(&t, a), 9, "stxp stored the swapped pair");
    cr_expect_eq(rd64(&t, a + 8), 0x5077);
    cr_expect_eq(t.st.excl_addr, A64_NO_EXCLUSIVE);
    for (unsigned i = 0; i < 0x60; i++) {
        uint64_t addr = A64T_DATA + 0x2b0 + i;
        bool in_block = addr >= A64T_DATA + 0x2c0 && addr < A64T_DATA + 0x300;
        cr_expect_eq(t.mem[addr], in_block ? 0 : 0xaa, "dc zva: byte 0x%llx",
                     (unsigned long long)addr);
    }
    a64t_fini(&t);
}

Test(aarch64_ldst, fault_reports_address_and_pc)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xd2800020, /* mov x0, #1 */
        0xf9000822, /* str x2, [x1, #16] */
        0xd2800040, /* mov x0, #2 */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    t.st.x[1] = A64T_MEM_SIZE - 8;
    RtExit e = a64t_run(&t);
    cr_assert_eq(e.kind, RT_EXIT_FAULT);
    cr_expect_eq(e.fault_addr, A64T_MEM_SIZE + 8);
    cr_expect_eq(e.pc, A64T_CODE + 4);
    cr_expect_eq(t.st.x[0], 1, "the instruction before the fault ran, the one after did not");
    a64t_fini(&t);
}
