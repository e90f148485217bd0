/* fvp aot: translate a guest ELF ahead of time into a standalone host executable. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/fvp/commands.h"
#include "translator/aot.h"

static const char aot_usage[] =
    "usage: fvp aot PROG -o OUT [--opt=O0|O1|O2|O3] [--passes=PIPELINE] [--jobs=N]\n"
    "               [--split=BLOCKS] [--counts] [--stats]\n";

static double ms(uint64_t ns)
{
    return (double)ns / 1e6;
}

static void print_stats(const TrAotStats *st, FILE *f)
{
    fprintf(f, "aot: functions %llu (%llu fully optimised, %llu not translatable, %llu big ones "
               "split), blocks %llu, guest instructions %llu, entries %llu\n",
            (unsigned long long)st->functions, (unsigned long long)st->functions_full,
            (unsigned long long)st->functions_failed, (unsigned long long)st->functions_split,
            (unsigned long long)st->blocks, (unsigned long long)st->guest_insns,
            (unsigned long long)st->entries);
    fprintf(f,
            "aot: FP modes: %llu functions translated for the default mode plus a copy for "
            "any mode\n",
            (unsigned long long)st->functions_fp_any);
    fprintf(f, "aot: fault pcs: from the pc table, %llu functions with cur_pc stores instead, "
               "%llu LLVM propagation warnings hidden\n",
            (unsigned long long)st->pc_table_fallbacks,
            (unsigned long long)st->llvm_pcsections_warnings);
    fprintf(f, "aot: instruction counts in translated code: %s\n",
            !st->counts          ? "off (--counts turns them on)"
            : st->reads_instret ? "on (the program reads instret)"
                                : "on (--counts)");
    fprintf(f, "aot: pipeline of the fully optimised functions: %s\n",
            st->full_pipeline && st->full_pipeline[0] ? st->full_pipeline : "none (O0)");
    fprintf(f, "aot: seeds from symbols %llu, from data words %llu, from %llu jump tables %llu\n",
            (unsigned long long)st->seeds_symbols, (unsigned long long)st->seeds_data,
            (unsigned long long)st->jump_tables, (unsigned long long)st->seeds_tables);
    fprintf(f, "aot: time ms: total %.1f = discover %.1f + generate %.1f (%llu jobs; CPU: lower "
               "%.1f, optimise %.1f, codegen %.1f) + image and link %.1f\n",
            ms(st->total_ns), ms(st->discover_ns), ms(st->generate_ns),
            (unsigned long long)st->jobs, ms(st->lower_ns), ms(st->optimise_ns),
            ms(st->codegen_ns), ms(st->link_ns));
    fprintf(f, "aot: %llu objects, %llu bytes; executable %llu bytes\n",
            (unsigned long long)st->objects, (unsigned long long)st->object_bytes,
            (unsigned long long)st->output_bytes);
}

int cmd_aot(int argc, char **argv)
{
    TrAotOptions o = {.opt_level = 2};
    bool stats = false;
    const char *bad = NULL;
    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-o") && i + 1 < argc)
            o.output = argv[++i];
        else if (!strncmp(a, "--opt=", 6) && (a[6] == 'O' || a[6] == 'o') && a[7] >= '0' &&
                 a[7] <= '3' && !a[8])
            o.opt_level = a[7] - '0';
        else if (!strncmp(a, "--jobs=", 7) && a[7] >= '1' && a[7] <= '9' &&
                 strspn(a + 7, "0123456789") == strlen(a + 7) && strlen(a + 7) <= 3)
            o.jobs = atoi(a + 7);
        else if (!strncmp(a, "--split=", 8) && a[8] >= '1' && a[8] <= '9' &&
                 strspn(a + 8, "0123456789") == strlen(a + 8) && strlen(a + 8) <= 6)
            o.split_blocks = (unsigned)atoi(a + 8);
        else if (!strncmp(a, "--passes=", 9))
            o.passes = a + 9;
        else if (!strcmp(a, "--stats"))
            stats = true;
        else if (!strcmp(a, "--counts"))
            o.counts = true;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(aot_usage, stdout);
            return 0;
        } else if (a[0] == '-' || o.prog)
            bad = a;
        else
            o.prog = a;
    }
    if (bad || !o.prog || !o.output) {
        if (bad)
            fprintf(stderr, "fvp aot: unknown or misplaced argument '%s'\n", bad);
        else
            fprintf(stderr, "fvp aot: missing %s\n", !o.prog ? "PROG" : "-o OUT");
        fputs(aot_usage, stderr);
        return FVP_EXIT_TOOL_ERROR;
    }
    TrAotStats st;
    FvpError *err = tr_aot_translate(&o, &st);
    if (err) {
        fvp_error_print(err, "fvp: aot", stderr);
        fvp_error_free(err);
        return FVP_EXIT_TOOL_ERROR;
    }
    if (stats)
        print_stats(&st, stderr);
    return 0;
}
