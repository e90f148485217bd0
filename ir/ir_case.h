/* IR test cases: a .ir file's blocks plus its initial state/memory and expected results. */
#ifndef FVP_IR_IR_CASE_H
#define FVP_IR_IR_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "ir/ir.h"
#include "ir/ir_text.h"

/*
 * A case file is IR text (docs/ir.md) whose comments carry directives:
 *
 *   ; state: 8 = 0x5                  initial state, i64 at byte offset 8
 *   ; state: 32 f64 = 1.5             ... or any type: i8 .. i128, f32, f64, v128
 *   ; mem: 0x1000 i32 = 0x11223344    initial guest memory, little endian
 *   ; fp_round: rtz                   IRStateHeader.fp_round (the dynamic rounding mode)
 *   ; max_blocks: 100                 chained blocks to run before giving up (default 10000)
 *   ; expect exit: jump 0x10090       or: jump call|ret PC, syscall PC, sync_code PC,
 *                                         trap KIND PC [detail D], fault ADDR [read|write] [pc PC]
 *   ; expect state: 16 = 0xa
 *   ; expect mem: 0x1000 i32 = 0x11223344
 *   ; expect fp_flags: nv|nx          (or a number)
 *
 * Every engine runs a case the same way (so their results can be compared):
 *
 *   zeroed state (IR_CASE_STATE_SIZE bytes, IRStateHeader at 0) + zeroed guest memory
 *   (IR_CASE_MEM_SIZE bytes at guest address 0) -> ir_case_init -> run blocks[0]; while
 *   it exits with a jump to the pc of a block in the file, run that block
 *   -> ir_case_check against the last exit.
 */
enum {
    IR_CASE_STATE_SIZE = 4096,
    IR_CASE_MEM_SIZE = 1 << 20,
    IR_CASE_MAX_BLOCKS = 10000,
};

/* Why the last block stopped; the values equal RtExitKind's (runtime/cpu.h), so engines
 * convert an RtExit field by field. */
typedef enum IRCaseExitKind {
    IR_CASE_EXIT_JUMP = 0,
    IR_CASE_EXIT_SYSCALL,
    IR_CASE_EXIT_TRAP,
    IR_CASE_EXIT_FAULT,
    IR_CASE_EXIT_SYNC_CODE,
} IRCaseExitKind;

/* An exit as the engine reported it (fields as in RtExit). */
typedef struct IRCaseExit {
    uint8_t kind;      /* IRCaseExitKind */
    uint8_t trap_kind; /* IRTrapKind */
    uint8_t jump_kind; /* IRJumpKind */
    uint8_t is_write;
    uint64_t next_pc;
    uint64_t fault_addr;
    uint64_t pc;
    uint64_t detail;
} IRCaseExit;

/* An expected exit: `exit` plus which of its optional fields the file named. */
typedef struct IRCaseExpectExit {
    IRCaseExit exit;
    bool check_jump_kind, check_detail, check_write, check_pc;
    unsigned line;
} IRCaseExpectExit;

/* One value at a state offset or guest address. */
typedef struct IRCaseValue {
    uint64_t where;
    uint8_t type; /* IRType, not void or i1 */
    uint64_t lo, hi;
    unsigned line;
} IRCaseValue;

typedef struct IRCaseValues {
    IRCaseValue *items;
    size_t count, cap;
} IRCaseValues;

typedef struct IRCase {
    char *source; /* the file name, for messages */
    IRBlockList blocks;
    IRCaseValues state_init, mem_init, expect_state, expect_mem;
    bool has_fp_round;
    uint32_t fp_round;
    uint32_t max_blocks;
    bool has_expect_exit;
    IRCaseExpectExit expect_exit;
    bool has_expect_fp_flags;
    uint32_t expect_fp_flags;
    unsigned expect_fp_flags_line;
} IRCase;

/* Parses a case from text. *out is owned by the caller (ir_case_free). The blocks are
 * parsed but not verified (ir_case_verify). Errors name source:line. */
FvpError *ir_case_parse(const char *text, const char *source_name, IRCase **out);
/* Reads and parses the file at path. */
FvpError *ir_case_load(const char *path, IRCase **out);
void ir_case_free(IRCase *c);

/* Runs ir_verify_block on every block. */
FvpError *ir_case_verify(const IRCase *c);

/* Writes the initial values into a zeroed state and guest memory. */
FvpError *ir_case_init(const IRCase *c, void *state, size_t state_size, uint8_t *mem,
                       uint64_t mem_size);

/* Index of the block starting at pc, or -1. */
long ir_case_find_block(const IRCase *c, uint64_t pc);

/* Compares the results with the expectations; prints one line per mismatch to report
 * ("file:line: expected ..., found ...") and returns how many there were. */
unsigned ir_case_check(const IRCase *c, const void *state, size_t state_size, const uint8_t *mem,
                       uint64_t mem_size, const IRCaseExit *exit, FILE *report);

/* Prints an exit the way `expect exit:` writes it. */
void ir_case_print_exit(FILE *f, const IRCaseExit *exit);

#endif
