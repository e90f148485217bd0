/* The table of built-in frontends. */
#include "frontends/frontend.h"

#include <string.h>

extern const Frontend fe_riscv64;
extern const Frontend fe_aarch64;

const Frontend *const fe_all[] = {
    &fe_riscv64,
    &fe_aarch64,
    NULL,
};

const Frontend *fe_find_by_elf_machine(uint16_t machine)
{
    for (const Frontend *const *f = fe_all; *f; f++)
        if ((*f)->elf_machine == machine)
            return *f;
    return NULL;
}

const Frontend *fe_find_by_name(const char *name)
{
    for (const Frontend *const *f = fe_all; *f; f++)
        if (strcmp((*f)->name, name) == 0)
            return *f;
    return NULL;
}

const FeReg *fe_find_reg(const Frontend *fe, const char *name)
{
    for (uint32_t i = 0; i < fe->nregs; i++)
        if (strcmp(fe->regs[i].name, name) == 0)
            return &fe->regs[i];
    return NULL;
}
