/* runtime/profile: guest symbol lookup and the --profile counts, merge, order and reports. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/profile.h"

/* A hand-made table: f at [0x1000, 0x1040), label g (size 0) up to h, h at [0x2000, 0x2010). */
static RtSymbol table_syms[] = {
    {.addr = 0x1000, .size = 0x40, .name = "f"},
    {.addr = 0x1800, .size = 0, .name = "g"},
    {.addr = 0x2000, .size = 0x10, .name = "h"},
};
static const RtSymtab table = {.syms = table_syms, .count = 3};

static const struct {
    uint64_t addr;
    const char *expect; /* rt_symtab_format */
} lookups[] = {
    {0x0fff, "0xfff"},  {0x1000, "f"},
    {0x103f, "f+0x3f"}, {0x1040, "0x1040"},
    {0x1800, "g"},      {0x1fff, "g+0x7ff"},
    {0x2000, "h"},      {0x200f, "h+0xf"},
    {0x2010, "0x2010"}, {UINT64_MAX, "0xffffffffffffffff"},
};

Test(symtab, lookup_by_address_table)
{
    for (size_t i = 0; i < sizeof lookups / sizeof lookups[0]; i++) {
        char buf[64];
        rt_symtab_format(&table, lookups[i].addr, buf, sizeof buf);
        cr_expect_str_eq(buf, lookups[i].expect, "addr 0x%llx",
                         (unsigned long long)lookups[i].addr);
    }
    cr_assert_eq(rt_symtab_find_name(&table, "h"), &table_syms[2]);
    cr_assert_null(rt_symtab_find_name(&table, "nope"));
    cr_assert_null(rt_symtab_find_addr(NULL, 0x1000));
}

__attribute__((noinline)) int symtab_marker_function(int x)
{
    return x * 3 + 1;
}

Test(symtab, reads_this_executable)
{
    RtSymtab st;
    FvpError *err = rt_symtab_load(&st, "/proc/self/exe");
    cr_assert_null(err);
    cr_assert_gt(st.count, 10);
    cr_assert_eq(st.machine, 62 /* EM_X86_64 */);
    const RtSymbol *s = rt_symtab_find_name(&st, "symtab_marker_function");
    cr_assert_not_null(s);
    cr_assert_gt(s->size, 0);
    cr_assert_eq(rt_symtab_find_addr(&st, s->addr + s->size - 1), s);
    for (size_t i = 1; i < st.count; i++)
        cr_assert_lt(st.syms[i - 1].addr, st.syms[i].addr, "sorted, one symbol an address");
    rt_symtab_free(&st);
    cr_assert_eq(st.count, 0);
}

Test(symtab, bad_files_fail_cleanly)
{
    RtSymtab st;
    FvpError *err = rt_symtab_load(&st, "/nonexistent/prog");
    cr_assert_not_null(err);
    cr_assert_eq(st.count, 0);
    fvp_error_free(err);
    err = rt_symtab_load(&st, "/proc/self/cmdline");
    cr_assert_not_null(err, "not an ELF file");
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_FORMAT);
    fvp_error_free(err);
}

/* Two threads' counts: thread 1 runs 0x1000 interpreted 3x and 0x2000 compiled (a loop
 * of 50 executions in one dispatch); thread 2 runs 0x1000 compiled 10x. */
static RtProfile *sample_profile(void)
{
    RtProfile *prof = rt_profile_create();
    RtProfileThread *a = rt_profile_thread_begin(prof);
    RtProfileThread *b = rt_profile_thread_begin(prof);
    for (int i = 0; i < 3; i++)
        rt_profile_thread_record(a, 0x1000, false, 1, 4);
    rt_profile_thread_record(a, 0x2000, true, 50, 500);
    rt_profile_thread_record(b, 0x1000, true, 10, 40);
    rt_profile_thread_record(b, 0x1800, false, 1, 2);
    rt_profile_thread_end(prof, a);
    rt_profile_thread_end(prof, b);
    return prof;
}

Test(profile, merges_threads_and_orders_by_instructions)
{
    RtProfile *prof = sample_profile();
    RtProfileEntry *e = NULL;
    size_t n = rt_profile_entries(prof, &e);
    cr_assert_eq(n, 3);
    cr_assert_eq(e[0].pc, 0x2000);
    cr_assert_eq(e[0].insns, 500);
    cr_assert_eq(e[0].compiled_execs, 50);
    cr_assert_eq(e[1].pc, 0x1000);
    cr_assert_eq(e[1].insns, 52);
    cr_assert_eq(e[1].interp_execs, 3);
    cr_assert_eq(e[1].compiled_execs, 10);
    cr_assert_eq(e[2].pc, 0x1800);
    free(e);
    rt_profile_destroy(prof);
}

/* Not inlined: GCC 12's -Wdangling-pointer misreads strstr results into the buffer. */
__attribute__((noinline)) static char *report(RtProfile *prof, size_t top, bool json)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    RtProfileReport rep = {.top = top, .json = json, .symtab = &table};
    rt_profile_print(prof, &rep, f);
    fclose(f);
    return text;
}

Test(profile, text_report_lists_blocks_and_functions)
{
    RtProfile *prof = sample_profile();
    char *text = report(prof, 2, false);
    cr_assert_not_null(strstr(text, "554 guest instructions in 3 blocks"), "%s", text);
    const char *fn = strstr(text, "fvp profile by function:");
    cr_assert_not_null(fn);
    /* blocks: top 2 only, the third (g) is not listed */
    cr_assert_not_null(strstr(text, "0x2000             h "));
    cr_assert_not_null(strstr(text, "interp+jit"));
    cr_assert(strstr(text, "0x1800") == NULL || strstr(text, "0x1800") > fn);
    /* functions: h first with 90.25% */
    cr_assert_not_null(strstr(fn, "   1  h "), "%s", fn);
    cr_assert_not_null(strstr(fn, "90.25%"), "%s", fn);
    free(text);
    rt_profile_destroy(prof);
}

Test(profile, json_report)
{
    RtProfile *prof = sample_profile();
    char *text = report(prof, 20, true);
    cr_assert_not_null(
        strstr(text, "{\"total_insns\":554,\"blocks_run\":3,\"blocks\":[{\"pc\":\"0x2000\","
                     "\"symbol\":\"h\",\"insns\":500,"),
        "%s", text);
    cr_assert_not_null(strstr(text, "\"functions_run\":3,\"functions\":[{\"symbol\":\"h\""));
    cr_assert_not_null(strstr(text, "{\"symbol\":\"f\",\"insns\":52,\"share\":9.386,\"execs\":13,"
                                    "\"blocks\":1}"),
                       "%s", text);
    cr_assert_eq(text[strlen(text) - 1], '\n');
    free(text);
    rt_profile_destroy(prof);
}

Test(profile, empty_profile_reports_zero)
{
    RtProfile *prof = rt_profile_create();
    char *text = report(prof, 0, true);
    cr_assert_str_eq(text, "{\"total_insns\":0,\"blocks_run\":0,\"blocks\":[],\"functions_run\":0,"
                           "\"functions\":[]}\n");
    free(text);
    rt_profile_destroy(prof);
}
