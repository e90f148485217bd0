/* Guest symbols from the program's ELF symbol table, and the per-block execution profile. */
#ifndef FVP_RUNTIME_PROFILE_H
#define FVP_RUNTIME_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "common/hashmap.h"

/*
 *   dispatcher (each guest thread)                  fvp run --profile
 *   ------------------------------------------      ------------------------------------
 *   rt_profile_thread_begin -> RtProfileThread
 *   per dispatch: rt_profile_thread_record(pc,
 *     executions, guest insns)  (no lock)
 *   rt_profile_thread_end: merge (profile lock) --> rt_profile_print(symtab, top N)
 *
 * A compiled region that loops internally returns to the dispatcher once for many block
 * executions; the dispatcher charges the executions and instructions that compiled code
 * reported in RtCpu.stats during the call to the region's entry pc, so counts are exact
 * for single-block regions and per-region (at the entry) for larger ones.
 */

/* ---- Symbols ------------------------------------------------------------------------------ */
typedef struct RtSymbol {
    uint64_t addr, size; /* guest addresses (load bias applied) */
    char *name;          /* owned by the table */
} RtSymbol;

typedef struct RtSymtab {
    RtSymbol *syms; /* function symbols and code labels sorted by addr (owned) */
    size_t count;
    uint16_t machine; /* the file's e_machine */
} RtSymtab;

/* Reads the function symbols of the ELF file at path (.symtab, else .dynsym). Static-PIE
 * programs get RT_PIE_BASE added, as the loader places them. A file without symbols gives
 * an empty table. On failure *st is empty (nothing to free). */
FvpError *rt_symtab_load(RtSymtab *st, const char *path);
void rt_symtab_free(RtSymtab *st);
/* The symbol whose [addr, addr + size) holds addr (a zero-size symbol holds addresses up
 * to the next symbol), or NULL. Borrowed from the table. */
const RtSymbol *rt_symtab_find_addr(const RtSymtab *st, uint64_t addr);
/* The first function symbol called name, or NULL. */
const RtSymbol *rt_symtab_find_name(const RtSymtab *st, const char *name);
/* Writes "name+0xoff" (or "name" at offset 0, or "0xaddr" without a symbol) into buf. */
void rt_symtab_format(const RtSymtab *st, uint64_t addr, char *buf, size_t size);

/* ---- Profile ------------------------------------------------------------------------------ */
typedef struct RtProfileEntry {
    uint64_t pc;
    uint64_t interp_execs;   /* block executions by the interpreter */
    uint64_t compiled_execs; /* block executions inside compiled code entered at pc */
    uint64_t insns;          /* guest instructions executed */
} RtProfileEntry;

typedef struct RtProfile RtProfile;

/* One thread's counts, filled without locks (owned by the thread until _end). */
typedef struct RtProfileThread {
    U64Map entries; /* pc -> RtProfileEntry* (owned) */
} RtProfileThread;

/* The result is owned by the caller (rt_profile_destroy). */
RtProfile *rt_profile_create(void);
void rt_profile_destroy(RtProfile *prof);
/* Starts counting for one thread; the result is owned by the caller until
 * rt_profile_thread_end merges and frees it. */
RtProfileThread *rt_profile_thread_begin(RtProfile *prof);
void rt_profile_thread_end(RtProfile *prof, RtProfileThread *pt);
/* Charges one dispatch at pc: `execs` block executions and `insns` guest instructions. */
void rt_profile_thread_record(RtProfileThread *pt, uint64_t pc, bool compiled, uint64_t execs,
                              uint64_t insns);
/* Merges finished threads' counts into one array sorted by insns (descending, then pc).
 * *out is malloc'ed and owned by the caller; NULL when empty. */
size_t rt_profile_entries(RtProfile *prof, RtProfileEntry **out);

typedef struct RtProfileReport {
    size_t top;             /* blocks listed (0: 20) */
    bool json;              /* one JSON object instead of text */
    const RtSymtab *symtab; /* may be NULL */
} RtProfileReport;

/* Prints the hottest blocks and a per-function roll-up (see docs/introspection.md). */
void rt_profile_print(RtProfile *prof, const RtProfileReport *rep, FILE *f);

#endif
