/* Text files holding several IR blocks (the .ir case files and dumps). */
#ifndef FVP_IR_IR_TEXT_H
#define FVP_IR_IR_TEXT_H

#include <stddef.h>

#include "common/error.h"
#include "ir/ir.h"

/* A list of parsed blocks in file order. Owns the blocks. */
typedef struct IRBlockList {
    IRBlock **blocks;
    size_t count, cap;
} IRBlockList;

/* Parses every block in text (zero or more; comments and blank lines between them).
 * On success the caller owns *out (ir_block_list_free); on failure *out is untouched
 * and the error names source:line:column. */
FvpError *ir_parse_blocks(const char *text, const char *source_name, IRBlockList *out);
void ir_block_list_free(IRBlockList *list);

#endif
