/* Internals shared by the AOT driver's discovery and code generation files. */
#ifndef FVP_TRANSLATOR_AOT_INTERNAL_H
#define FVP_TRANSLATOR_AOT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/hashmap.h"
#include "frontends/frontend.h"
#include "runtime/runtime.h"
#include "translator/aot.h"

/* TrAotProgram.func_entries values. Strong entries start functions (ELF entry, symbols,
 * call targets); weak ones (code pointers found in data, e.g. jump-table targets) join the
 * function whose address range holds them, as extra ways in. */
enum { TR_AOT_ENTRY_STRONG = 1, TR_AOT_ENTRY_WEAK = 2 };

/* A guest function: the blocks reachable from its entry (and the weak entries in its range)
 * without crossing another function's strong entry (calls end it; their return addresses
 * stay in it). blocks[0] is the entry. */
typedef struct TrAotFunction {
    uint64_t entry;
    const IRBlock **blocks; /* borrowed from TrAotProgram.blocks */
    size_t nblocks;
} TrAotFunction;

/* The switch tables resolved so far: they stay resolved in later rounds and are edges of
 * the dataflow there (a case that loops back keeps the loop's constants known). */
typedef struct TrAotTable {
    size_t n;
    uint64_t pcs[]; /* targets */
} TrAotTable;

typedef struct TrAotTables {
    U64Map by_block; /* pc of the goto_reg block -> TrAotTable * (owned) */
    U64Map targets;  /* every target pc -> (void *)1 */
} TrAotTables;

/* Everything discovery found. Owns the blocks and the functions. */
typedef struct TrAotProgram {
    const Frontend *fe;
    U64Map blocks;             /* pc -> IRBlock* (owned), only blocks with guest code */
    U64Map func_entries;       /* pc -> (void *)TR_AOT_ENTRY_STRONG or _WEAK */
    U64Map cross_entries;      /* pc -> (void *)1: blocks another function jumps into (they
                                  belong to one function only, which must accept the entry) */
    TrAotTables tables;        /* switch tables: their cases join the switch's function */
    TrAotFunction *functions;  /* owned */
    size_t nfunctions, capfunctions;
} TrAotProgram;

/* Discovers the code of the loaded process p (image read from prog_path for symbols). */
FvpError *tr_aot_discover(RtProcess *p, const char *prog_path, TrAotProgram *out,
                          TrAotStats *stats);
void tr_aot_program_free(TrAotProgram *prog);

/* Jump-table discovery (aot_tables.c) over the blocks lifted so far. */
typedef struct TrAotScan {
    TrAotProgram *prog; /* its blocks are read, its tables resolved */
    /* Reads size (1..8) bytes at addr, little-endian, if they are loaded from a read-only
     * segment (where switch tables live: data that cannot change before the jump). */
    bool (*read_only)(void *ctx, uint64_t addr, unsigned size, uint64_t *out);
    bool (*is_code)(void *ctx, uint64_t pc); /* an instruction start in executable memory */
    size_t (*add)(void *ctx, uint64_t pc);   /* a target found: 1 if it is new */
    void *ctx;
} TrAotScan;

void tr_aot_tables_init(TrAotTables *t);
void tr_aot_tables_free(TrAotTables *t);

/* Resolves the switch tables of the plain indirect jumps not resolved yet (adding them to
 * scan->prog->tables): their targets go to scan->add. Returns how many were resolved
 * (stats: jump_tables, seeds_tables). */
size_t tr_aot_jump_tables(const TrAotScan *scan, TrAotStats *stats);

/* One row of the entry table: the dispatcher may enter function fn_entry at pc. */
typedef struct TrAotEntry {
    uint64_t pc, hash;
    uint64_t fn_entry; /* the LLVM function is fvp_aot_<fn_entry in hex> */
} TrAotEntry;

/* What code generation produced: object files in the work directory and the entry table
 * (sorted by pc, one row per pc). Owned; tr_aot_objects_free. */
typedef struct TrAotObjects {
    char **paths;
    size_t npaths;
    TrAotEntry *entries;
    size_t nentries;
} TrAotObjects;

/* Lowers, optimises and emits every function of prog on o->jobs threads into objects in
 * workdir. Functions the translator cannot lower are left out (their blocks run
 * interpreted). Errors: LLVM target setup, a pass pipeline that fails, emitting or writing
 * an object. Should LLVM abort instead (a fatal error: it exits with status 1),
 * partial_output and workdir are removed first. */
FvpError *tr_aot_codegen(const TrAotProgram *prog, const TrAotOptions *o, const char *workdir,
                         const char *partial_output, TrAotObjects *out, TrAotStats *st);
void tr_aot_objects_free(TrAotObjects *objs);

/* --passes names a pipeline LLVM can build (parsed by running it over an empty module):
 * NULL, or a usage error saying why not. */
FvpError *tr_aot_check_passes(const char *passes);

/* "fvp_aot_<entry in hex>": the name of a function's LLVM function. */
void tr_aot_function_name(uint64_t entry, char *buf, size_t size);

#endif
