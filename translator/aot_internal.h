/* Internals shared by the AOT driver's discovery and code generation files. */
#ifndef FVP_TRANSLATOR_AOT_INTERNAL_H
#define FVP_TRANSLATOR_AOT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/hashmap.h"
#include "frontends/frontend.h"
#include "runtime/runtime.h"
#include "translator/aot.h"

/* A guest function: the blocks reachable from its entry without crossing another function's
 * entry (calls end it; their return addresses stay in it). blocks[0] is the entry. */
typedef struct TrAotFunction {
    uint64_t entry;
    const IRBlock **blocks; /* borrowed from TrAotProgram.blocks */
    size_t nblocks;
} TrAotFunction;

/* Everything discovery found. Owns the blocks and the functions. */
typedef struct TrAotProgram {
    const Frontend *fe;
    U64Map blocks;             /* pc -> IRBlock* (owned), only blocks with guest code */
    U64Map func_entries;       /* pc -> (void *)1 */
    TrAotFunction *functions;  /* owned */
    size_t nfunctions, capfunctions;
} TrAotProgram;

/* Discovers the code of the loaded process p (image read from prog_path for symbols). */
FvpError *tr_aot_discover(RtProcess *p, const char *prog_path, TrAotProgram *out,
                          TrAotStats *stats);
void tr_aot_program_free(TrAotProgram *prog);

#endif
