/* What an AOT-translated executable needs at run time: precompiled entries, embedded guest, main. */
#ifndef FVP_RUNTIME_AOT_RUNTIME_H
#define FVP_RUNTIME_AOT_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "ir/ir.h"
#include "frontends/frontend.h"
#include "runtime/engine.h"
#include "runtime/runtime.h"

/*
 *   fvp aot (translator/aot*.c)                      ./OUT (this file, linked statically)
 *   -----------------------------------------        ---------------------------------------
 *   discover entries, lower regions, emit object --> main() -> rt_aot_main(argc, argv, image)
 *   RtAotEntry table {pc, hash, fn} sorted by pc     embedded ELF -> memfd -> rt_process_load
 *   embedded guest ELF bytes                         RtCompiler = table lookup (hot threshold 1)
 *                                                    dispatcher runs entries, interpreter the rest
 *
 * An entry is used only when the dispatcher reaches exactly its pc and the block it lifted
 * there hashes to the same value as the block the entry was translated from, so a wrong
 * guess at discovery time (or code rewritten at run time) can only cost speed.
 */

/* One precompiled entry (the table is emitted by fvp aot, sorted by pc, no duplicates). */
typedef struct RtAotEntry {
    uint64_t pc;
    uint64_t hash; /* rt_aot_hash_block of the entry block as lifted at translation time */
    RtCompiledFn fn;
} RtAotEntry;

/* Everything fvp aot embeds in the executable (all borrowed, static data). */
typedef struct RtAotImage {
    const RtAotEntry *entries;
    uint64_t nentries;
    const uint8_t *elf;
    uint64_t elf_size;
    uint64_t counts; /* nonzero: the translated code counts guest instructions and blocks */
} RtAotImage;

/* FNV-1a over the block's pc, byte and instruction counts and its IR instructions. */
uint64_t rt_aot_hash_block(const IRBlock *b);

/* What the loader decided about a loaded process, for code discovery at translation time. */
typedef struct RtAotLoadInfo {
    const Frontend *fe; /* static */
    uint64_t entry;     /* guest entry pc (load bias included) */
    uint64_t load_bias; /* 0 for ET_EXEC */
} RtAotLoadInfo;
void rt_aot_load_info(const RtProcess *p, RtAotLoadInfo *out);

/* The guest pc of the access at host_pc in a linked pc table [start, end) (runtime/engine.h,
 * RT_PC_TABLE_SECTION); false if no entry names host_pc or the table is malformed. */
bool rt_pc_table_find(const uint8_t *start, const uint8_t *end, uintptr_t host_pc,
                      uint64_t *guest_pc);

/* The produced executable's whole life: loads the embedded guest with argv/environ, runs it
 * with the table as compiled tier and returns the exit status fvp run would (125 on host
 * errors, 128+N for death by signal N). FVP_STATS=1 in the environment prints, at exit,
 * the run statistics and the guest blocks that ran most outside translated code. */
int rt_aot_main(int argc, char **argv, const RtAotImage *image);

#endif
