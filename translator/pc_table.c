/* The host pc -> guest pc table of TR_LOWER_PC_TABLE code, read from a region's object
 * file before the JIT links it (docs/translator.md, "Which guest instruction faulted"). */
#include "translator/pc_table.h"

#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>

#include "common/common.h"
#include "translator/translator.h"

static FvpError *bad(const char *what)
{
    return fvp_error_new(FVP_ERR_INTERNAL, "pc table of a compiled region: %s", what);
}

/* Section index and value of the function symbol `name` in the symbol table symtab (the
 * FILE symbol of a module has the same name). */
static bool find_symbol(Elf *elf, Elf_Scn *symtab, const char *name, size_t *shndx,
                        uint64_t *value)
{
    GElf_Shdr sh;
    Elf_Data *d = elf_getdata(symtab, NULL);
    if (!gelf_getshdr(symtab, &sh) || !d || !sh.sh_entsize)
        return false;
    for (size_t k = 0; k < sh.sh_size / sh.sh_entsize; k++) {
        GElf_Sym sym;
        const char *s = gelf_getsym(d, (int)k, &sym) ? elf_strptr(elf, sh.sh_link, sym.st_name)
                                                      : NULL;
        if (s && GELF_ST_TYPE(sym.st_info) == STT_FUNC && !strcmp(s, name)) {
            *shndx = sym.st_shndx;
            *value = sym.st_value;
            return true;
        }
    }
    return false;
}

static FvpError *read_table(Elf *elf, const char *func, uint64_t func_addr, TrPcTable *out)
{
    size_t shstrndx;
    if (elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx))
        return bad("not an ELF object");
    Elf_Scn *table = NULL, *rela = NULL;
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        const char *name = gelf_getshdr(scn, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;
        if (name && !strcmp(name, RT_PC_TABLE_SECTION))
            table = scn;
    }
    if (!table)
        return NULL; /* no guest access in the region */
    for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_RELA && sh.sh_info == elf_ndxscn(table))
            rela = scn;
    }
    GElf_Shdr rsh;
    Elf_Data *rdata = rela ? elf_getdata(rela, NULL) : NULL;
    Elf_Data *tdata = elf_getdata(table, NULL);
    if (!rdata || !tdata || !gelf_getshdr(rela, &rsh) || !rsh.sh_entsize)
        return bad("no relocations for " RT_PC_TABLE_SECTION);
    Elf_Scn *symtab = elf_getscn(elf, rsh.sh_link);
    size_t func_shndx;
    uint64_t func_value;
    if (!symtab || !find_symbol(elf, symtab, func, &func_shndx, &func_value))
        return bad("the region's function symbol is missing");
    GElf_Shdr ssh;
    Elf_Data *sdata = elf_getdata(symtab, NULL);
    if (!gelf_getshdr(symtab, &ssh) || !sdata)
        return bad("unreadable symbol table");
    /* Host pc offsets are PC32 relocations; each run of them at consecutive words ends
     * in the mark and the guest pc (runtime/engine.h). */
    size_t n = rsh.sh_size / rsh.sh_entsize;
    uint64_t *offs = fvp_xcalloc(n ? n : 1, sizeof *offs), *targets = fvp_xcalloc(n ? n : 1, 8);
    FvpError *err = NULL;
    for (size_t k = 0; k < n && !err; k++) {
        GElf_Rela r;
        GElf_Sym sym;
        if (!gelf_getrela(rdata, (int)k, &r) || GELF_R_TYPE(r.r_info) != R_X86_64_PC32 ||
            !gelf_getsym(sdata, (int)GELF_R_SYM(r.r_info), &sym) || sym.st_shndx != func_shndx ||
            r.r_offset > tdata->d_size - 4 || r.r_offset % 4 || tdata->d_size < 4)
            err = bad("unexpected relocation");
        offs[k] = r.r_offset;
        targets[k] = sym.st_value + (uint64_t)r.r_addend - func_value;
    }
    /* Relocations come in section order; check it rather than sort. */
    for (size_t k = 1; k < n && !err; k++)
        if (offs[k] <= offs[k - 1])
            err = bad("relocations out of order");
    size_t group = 0; /* first relocation of the current run */
    for (size_t k = 0; k < n && !err; k++) {
        if (k + 1 < n && offs[k + 1] == offs[k] + 4)
            continue;
        int32_t mark;
        uint64_t guest;
        const uint8_t *d = tdata->d_buf;
        if (offs[k] + 16 > tdata->d_size) {
            err = bad("truncated entry");
            break;
        }
        memcpy(&mark, d + offs[k] + 4, sizeof mark);
        memcpy(&guest, d + offs[k] + 8, sizeof guest);
        if (mark != RT_PC_TABLE_MARK) {
            err = bad("entry without its mark");
            break;
        }
        FVP_GROW(out->e, out->cap, out->n + (k - group + 1));
        for (size_t j = group; j <= k; j++)
            out->e[out->n++] = (TrPcEntry){func_addr + targets[j], guest};
        group = k + 1;
    }
    free(offs);
    free(targets);
    return err;
}

FvpError *tr_pc_table_add_object(TrPcTable *t, const void *obj, size_t size, const char *func,
                                 uint64_t func_addr)
{
    elf_version(EV_CURRENT);
    /* libelf wants a writable image; the object is a few KiB. */
    char *copy = fvp_xmalloc(size ? size : 1);
    memcpy(copy, obj, size);
    Elf *elf = elf_memory(copy, size);
    size_t before = t->n;
    FvpError *err = elf ? read_table(elf, func, func_addr, t) : bad(elf_errmsg(-1));
    if (err)
        t->n = before;
    elf_end(elf);
    free(copy);
    return err;
}

void tr_pc_table_append(TrPcTable *t, const TrPcTable *src, uint64_t offset)
{
    FVP_GROW(t->e, t->cap, t->n + src->n);
    for (size_t k = 0; k < src->n; k++)
        t->e[t->n++] = (TrPcEntry){src->e[k].host + offset, src->e[k].guest};
}

bool tr_pc_table_lookup(const TrPcTable *t, uint64_t host_pc, uint64_t *guest_pc)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->e[k].host == host_pc) {
            *guest_pc = t->e[k].guest;
            return true;
        }
    return false;
}

void tr_pc_table_free(TrPcTable *t)
{
    free(t->e);
    *t = (TrPcTable){0};
}
