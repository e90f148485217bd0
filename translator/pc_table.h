/* Host pc -> guest pc of the guest memory accesses in JIT-compiled code (TR_LOWER_PC_TABLE):
 * what names the faulting guest instruction at a host SIGSEGV, instead of a cpu->cur_pc
 * store before every access. */
#ifndef FVP_TRANSLATOR_PC_TABLE_H
#define FVP_TRANSLATOR_PC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

typedef struct TrPcEntry {
    uint64_t host, guest;
} TrPcEntry;

typedef struct TrPcTable {
    TrPcEntry *e; /* n entries (capacity cap) */
    size_t n, cap;
} TrPcTable;

/* Appends the entries of the RT_PC_TABLE_SECTION of obj (an ELF relocatable object holding
 * the function `func`, loaded at func_addr). An object without the section adds nothing. */
FvpError *tr_pc_table_add_object(TrPcTable *t, const void *obj, size_t size, const char *func,
                                 uint64_t func_addr);

/* Appends src's entries to t, their host pcs moved by offset. */
void tr_pc_table_append(TrPcTable *t, const TrPcTable *src, uint64_t offset);

/* The guest pc of the access at host_pc; false if no entry names it. */
bool tr_pc_table_lookup(const TrPcTable *t, uint64_t host_pc, uint64_t *guest_pc);

void tr_pc_table_free(TrPcTable *t);

#endif
