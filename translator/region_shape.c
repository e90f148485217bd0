/* Region facts shared by the LLVM lowering and the baseline compiler (region_shape.h). */
#include "translator/region_shape.h"

#include "common/common.h"

size_t tr_region_index(const IRBlock *const *blocks, size_t n, uint64_t pc)
{
    size_t k = 0;
    while (k < n && blocks[k]->pc != pc)
        k++;
    return k;
}

bool *tr_goto_reg_targets(const IRBlock *const *blocks, size_t n)
{
    bool *target = fvp_xcalloc(n, sizeof *target);
    for (size_t k = 0; k < n; k++)
        target[k] = true;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < blocks[i]->count; j++) {
            const IRInsn *in = &blocks[i]->insns[j];
            if (in->op != IR_EXIT_IF && in->op != IR_GOTO)
                continue;
            size_t k = tr_region_index(blocks, n, in->imm);
            if (k > 0 && k < n)
                target[k] = false;
        }
    return target;
}
