/* Ahead-of-time translation: a guest ELF -> one native x86-64 executable (fvp aot). */
#ifndef FVP_TRANSLATOR_AOT_H
#define FVP_TRANSLATOR_AOT_H

#include <stdint.h>

#include "common/error.h"

/*
 *   guest ELF --rt_process_load--> guest memory (same layout as at run time)
 *      | tr_aot_discover: entry, STT_FUNC symbols, code pointers in data,
 *      |                  recursive descent over lifted blocks (constant exits, calls)
 *      v
 *   functions (blocks grouped from function entries) --tr_lower_region, one LLVM function
 *      each, entered through a switch on the guest pc--> one module + entry table + main
 *      | LLVMRunPasses(default<On>) -> LLVMTargetMachineEmitToFile (object)
 *      v
 *   cc object + static fvp runtime/frontends/ir/common + libelf -> OUT (temp file, rename)
 */

typedef struct TrAotOptions {
    const char *prog;   /* guest ELF path */
    const char *output; /* executable to write */
    int opt_level;      /* 0..3: LLVM pipeline default<On> (0: no passes) */
} TrAotOptions;

typedef struct TrAotStats {
    uint64_t blocks, guest_insns;            /* distinct blocks translated, their guest insns */
    uint64_t functions, functions_failed;    /* LLVM functions (one per guest function) */
    uint64_t entries;                        /* table entries (block pcs) */
    uint64_t seeds_symbols, seeds_data;      /* discovery seeds from symbols and data words */
    uint64_t discover_ns, lower_ns, optimise_ns, codegen_ns, link_ns, total_ns;
    uint64_t object_bytes, output_bytes;
} TrAotStats;

/* Translates o->prog into the executable o->output (written to a temporary file next to it,
 * renamed at the end; nothing is left behind on failure). stats may be NULL. Errors: loading
 * the guest ("loading PROG: ..."), LLVM failures, "writing OUT: ...", linking failures. */
FvpError *tr_aot_translate(const TrAotOptions *o, TrAotStats *stats);

#endif
