/* Ahead-of-time translation: a guest ELF -> one native x86-64 executable (fvp aot). */
#ifndef FVP_TRANSLATOR_AOT_H
#define FVP_TRANSLATOR_AOT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"

/*
 *   guest ELF --rt_process_load--> guest memory (same layout as at run time)
 *      | tr_aot_discover: entry, STT_FUNC symbols, code pointers in data,
 *      |                  recursive descent over lifted blocks (constant exits, calls),
 *      |                  switch tables (constant registers, bounds checks)
 *      v
 *   functions (blocks grouped from function entries) --jobs worker threads, each with its
 *      own LLVM context: tr_lower_region (one LLVM function per guest function, entered
 *      through a switch on the guest pc) -> passes (full for functions with loops, light
 *      for the rest) -> batches of functions -> one object per batch
 *      | + an object with the entry table, the guest ELF bytes and main
 *      v
 *   cc objects + static fvp runtime/frontends/ir/common + libelf -> OUT (temp file, rename)
 */

typedef struct TrAotOptions {
    const char *prog;   /* guest ELF path */
    const char *output; /* executable to write */
    int opt_level;      /* 0..3: functions with loops get default<On> and codegen level On;
                           the others a light pipeline and fast codegen (0: none anywhere) */
    int jobs;           /* worker threads; 0 picks one per online CPU, at most 8 */
    /* Functions with loops of more blocks than this are split into pieces (--opt=O1..O3);
     * 0: the level's default (120 at O2 and O3, never at O0 and O1). */
    unsigned split_blocks;
    /* Translated code counts the guest instructions and blocks it runs (FVP_STATS of the
     * executable reports them), at one add per block and a register in every loop. Also
     * on, whatever this says, when discovered code reads instret (RISC-V rdinstret). */
    bool counts;
    /* The LLVM pass pipeline (new pass manager syntax, as `opt -passes=`) for the functions
     * with loops that get the full one at O1-O3 (NULL: the level's, tr_aot_full_pipeline).
     * Checked before any translation: an unknown pass is a usage error. */
    const char *passes;
} TrAotOptions;

typedef struct TrAotStats {
    uint64_t blocks, guest_insns;            /* distinct blocks translated, their guest insns */
    uint64_t functions, functions_failed;    /* LLVM functions (one per guest function or
                                                piece of a split one) */
    uint64_t functions_full;                 /* of which optimised fully (they have loops) */
    uint64_t functions_split;                /* guest functions too big for one, in pieces */
    uint64_t functions_fp_any;               /* of the functions, those translated for the
                                                default FP mode that also have a copy for
                                                any mode (TR_LOWER_FP_GUARD) */
    uint64_t pc_table_fallbacks;             /* lowered again with cur_pc stores: optimisation
                                                lost a pc table entry (TR_LOWER_PC_TABLE) */
    uint64_t llvm_pcsections_warnings;       /* LLVM's "incomplete propagation" lines, not
                                                shown (translator/aot_codegen.c) */
    uint64_t entries;                        /* table entries (pcs the dispatcher may enter) */
    uint64_t seeds_symbols, seeds_data;      /* discovery seeds from symbols and data words */
    uint64_t jump_tables, seeds_tables;      /* switch tables resolved, targets they added */
    uint64_t jobs, objects;                  /* worker threads, object files linked */
    /* lower/optimise/codegen: CPU time summed over the workers; generate: their wall time */
    uint64_t discover_ns, lower_ns, optimise_ns, codegen_ns, generate_ns, link_ns, total_ns;
    uint64_t object_bytes, output_bytes;
    bool counts;                             /* translated code counts (TrAotOptions.counts) */
    bool reads_instret;                      /* discovered code reads instret */
    const char *full_pipeline;               /* the pipeline of fully optimised functions
                                                ("" at O0: none are) */
} TrAotStats;

/* Translates o->prog into the executable o->output (written to a temporary file next to it,
 * renamed at the end; nothing is left behind on failure). stats may be NULL. Errors: loading
 * the guest ("loading PROG: ..."), LLVM failures, "writing OUT: ...", linking failures. */
FvpError *tr_aot_translate(const TrAotOptions *o, TrAotStats *stats);

/* The pass pipeline fully optimised functions get at opt_level 0..3 without
 * TrAotOptions.passes ("" at 0). */
const char *tr_aot_full_pipeline(int opt_level);

#endif
