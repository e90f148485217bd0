/* Lifters for the compressed (C) forms that are not plain aliases of a 32-bit trans
 * function: the reserved encodings they exclude, then the 32-bit lifter. */
#include "frontends/riscv64/riscv64_internal.h"

/* Prototypes of the 32-bit trans functions come from the generated header. */

bool rv_trans_c_nop(RvLift *c, const RvArgEmpty *a)
{
    return true;
}

/* nzuimm = 0 is reserved; it includes the all-zero halfword, defined illegal. */
bool rv_trans_c_addi4spn(RvLift *c, const RvArgI *a)
{
    return a->imm != 0 && rv_trans_addi(c, a);
}

bool rv_trans_c_addiw(RvLift *c, const RvArgI *a)
{
    return a->rd != 0 && rv_trans_addiw(c, a);
}

bool rv_trans_c_addi16sp(RvLift *c, const RvArgI *a)
{
    return a->imm != 0 && rv_trans_addi(c, a);
}

/* nzimm = 0 is reserved; rd = x0 is a hint (no effect), rd = sp is c.addi16sp. */
bool rv_trans_c_lui(RvLift *c, const RvArgU *a)
{
    return a->imm != 0 && rv_trans_lui(c, a);
}

bool rv_trans_c_lwsp(RvLift *c, const RvArgI *a)
{
    return a->rd != 0 && rv_trans_lw(c, a);
}

bool rv_trans_c_ldsp(RvLift *c, const RvArgI *a)
{
    return a->rd != 0 && rv_trans_ld(c, a);
}

bool rv_trans_c_jr(RvLift *c, const RvArgI *a)
{
    return a->rs1 != 0 && rv_trans_jalr(c, a);
}
