/* The AOT runtime's reading of a linked pc table (rt_pc_table_find, runtime/engine.h's
 * format), on a table built the way LLVM lays out !pcsections. */
#include <criterion/criterion.h>
#include <string.h>

#include "runtime/aot_runtime.h"

/* A table in the linked layout: groups of 32-bit offsets (each from its own word to a
 * host pc), then the mark and a 64-bit guest pc. */
typedef struct Table {
    uint8_t bytes[256];
    size_t len;
} Table;

static void put32(Table *t, int32_t v)
{
    memcpy(t->bytes + t->len, &v, 4);
    t->len += 4;
}

static void group(Table *t, const uintptr_t *hosts, size_t n, uint64_t guest)
{
    for (size_t k = 0; k < n; k++)
        put32(t, (int32_t)((intptr_t)hosts[k] - (intptr_t)(uintptr_t)(t->bytes + t->len)));
    put32(t, RT_PC_TABLE_MARK);
    memcpy(t->bytes + t->len, &guest, 8);
    t->len += 8;
}

Test(aot_pc_table, finds_every_host_pc_of_a_group)
{
    static Table t; /* static: the host pcs below are near it, as code is near a table */
    uintptr_t base = (uintptr_t)t.bytes;
    uintptr_t one[] = {base - 0x1000};
    uintptr_t two[] = {base - 0x2000, base - 0x2100}; /* an access code generation duplicated */
    uintptr_t three[] = {base + 0x40};
    group(&t, one, 1, 0x10074);
    group(&t, two, 2, 0x4008a0);
    group(&t, three, 1, 0x7fff12345678);
    uint64_t pc = 0;
    cr_expect(rt_pc_table_find(t.bytes, t.bytes + t.len, base - 0x1000, &pc));
    cr_expect_eq(pc, 0x10074);
    cr_expect(rt_pc_table_find(t.bytes, t.bytes + t.len, base - 0x2000, &pc));
    cr_expect_eq(pc, 0x4008a0);
    cr_expect(rt_pc_table_find(t.bytes, t.bytes + t.len, base - 0x2100, &pc));
    cr_expect_eq(pc, 0x4008a0);
    cr_expect(rt_pc_table_find(t.bytes, t.bytes + t.len, base + 0x40, &pc));
    cr_expect_eq(pc, 0x7fff12345678);
    pc = 1;
    cr_expect_not(rt_pc_table_find(t.bytes, t.bytes + t.len, base - 0x1001, &pc));
    cr_expect_eq(pc, 1, "no entry: pc untouched");
}

Test(aot_pc_table, empty_and_truncated_tables_name_nothing)
{
    static Table t;
    uintptr_t host[] = {(uintptr_t)t.bytes - 0x80};
    group(&t, host, 1, 0x1234);
    uint64_t pc = 0;
    cr_expect_not(rt_pc_table_find(NULL, NULL, host[0], &pc), "no table (fvp itself)");
    cr_expect_not(rt_pc_table_find(t.bytes, t.bytes, host[0], &pc));
    cr_expect_not(rt_pc_table_find(t.bytes, t.bytes + t.len - 1, host[0], &pc),
                  "the guest pc is cut off");
    cr_expect_not(rt_pc_table_find(t.bytes, t.bytes + 4, host[0], &pc), "no mark");
    cr_expect(rt_pc_table_find(t.bytes, t.bytes + t.len, host[0], &pc));
    cr_expect_eq(pc, 0x1234);
}
