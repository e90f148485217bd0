/* Guest ELF symbols and the per-block execution profile behind fvp run --profile. */
#include "runtime/profile.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/loader.h"

/* ---- Symbols ------------------------------------------------------------------------------ */

/* Mapping symbols ($x, $d) and local labels name no function. */
static bool symbol_wanted(const char *name, const GElf_Sym *sym, Elf *elf)
{
    if (!name || !name[0] || name[0] == '$' || !strncmp(name, ".L", 2))
        return false;
    if (sym->st_shndx == SHN_UNDEF || sym->st_shndx >= SHN_LORESERVE)
        return false;
    int type = GELF_ST_TYPE(sym->st_info);
    if (type == STT_FUNC || type == STT_GNU_IFUNC)
        return true;
    if (type != STT_NOTYPE)
        return false;
    /* Assembly labels: only those in executable sections. */
    GElf_Shdr sh;
    Elf_Scn *scn = elf_getscn(elf, sym->st_shndx);
    return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR);
}

static int symbol_order(const void *a, const void *b)
{
    const RtSymbol *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1; /* the sized symbol first: it is kept */
    return strcmp(x->name, y->name);
}

static Elf_Scn *find_symbols(Elf *elf, GElf_Shdr *out)
{
    Elf_Scn *dyn = NULL, *scn = NULL;
    GElf_Shdr sh, dynsh;
    while ((scn = elf_nextscn(elf, scn))) {
        if (!gelf_getshdr(scn, &sh))
            continue;
        if (sh.sh_type == SHT_SYMTAB) {
            *out = sh;
            return scn;
        }
        if (sh.sh_type == SHT_DYNSYM && !dyn) {
            dyn = scn;
            dynsh = sh;
        }
    }
    if (dyn)
        *out = dynsh;
    return dyn;
}

FvpError *rt_symtab_load(RtSymtab *st, const char *path)
{
    memset(st, 0, sizeof(*st));
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fvp_error_new(FVP_ERR_INTERNAL, "libelf: %s", elf_errmsg(-1));
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fvp_error_errno(errno, "reading the symbols of %s", path);
    FvpError *err = NULL;
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!elf || !gelf_getehdr(elf, &eh)) {
        err = fvp_error_new(FVP_ERR_FORMAT, "reading the symbols of %s: %s", path, elf_errmsg(-1));
        goto out;
    }
    st->machine = eh.e_machine;
    uint64_t bias = eh.e_type == ET_DYN ? RT_PIE_BASE : 0;
    GElf_Shdr sh;
    Elf_Scn *scn = find_symbols(elf, &sh);
    Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;
    size_t n = data && sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(data, (int)i, &sym))
            break;
        const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
        if (!symbol_wanted(name, &sym, elf))
            continue;
        FVP_GROW(st->syms, cap, st->count + 1);
        st->syms[st->count++] =
            (RtSymbol){.addr = sym.st_value + bias, .size = sym.st_size, .name = fvp_xstrdup(name)};
    }
    if (st->count)
        qsort(st->syms, st->count, sizeof(*st->syms), symbol_order);
    /* One symbol per address (aliases such as _start/__start keep the first). */
    size_t kept = 0;
    for (size_t i = 0; i < st->count; i++) {
        if (kept && st->syms[kept - 1].addr == st->syms[i].addr) {
            free(st->syms[i].name);
            continue;
        }
        st->syms[kept++] = st->syms[i];
    }
    st->count = kept;
out:
    if (elf)
        elf_end(elf);
    close(fd);
    return err;
}

void rt_symtab_free(RtSymtab *st)
{
    for (size_t i = 0; i < st->count; i++)
        free(st->syms[i].name);
    free(st->syms);
    memset(st, 0, sizeof(*st));
}

const RtSymbol *rt_symtab_find_addr(const RtSymtab *st, uint64_t addr)
{
    if (!st || !st->count || addr < st->syms[0].addr)
        return NULL;
    size_t lo = 0, hi = st->count; /* last symbol with sym.addr <= addr is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->syms[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    const RtSymbol *s = &st->syms[lo];
    if (s->size ? addr - s->addr < s->size : lo + 1 < st->count)
        return s;
    return NULL;
}

const RtSymbol *rt_symtab_find_name(const RtSymtab *st, const char *name)
{
    for (size_t i = 0; st && i < st->count; i++)
        if (!strcmp(st->syms[i].name, name))
            return &st->syms[i];
    return NULL;
}

void rt_symtab_format(const RtSymtab *st, uint64_t addr, char *buf, size_t size)
{
    const RtSymbol *s = rt_symtab_find_addr(st, addr);
    if (!s)
        snprintf(buf, size, "0x%" PRIx64, addr);
    else if (addr == s->addr)
        snprintf(buf, size, "%s", s->name);
    else
        snprintf(buf, size, "%s+0x%" PRIx64, s->name, addr - s->addr);
}

/* ---- Profile ------------------------------------------------------------------------------ */
struct RtProfile {
    pthread_mutex_t lock; /* guards merged */
    U64Map merged;        /* pc -> RtProfileEntry* (owned) */
};

RtProfile *rt_profile_create(void)
{
    RtProfile *prof = fvp_xcalloc(1, sizeof(*prof));
    pthread_mutex_init(&prof->lock, NULL);
    u64map_init(&prof->merged);
    return prof;
}

static void free_entries(U64Map *m)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(m, &i, &key, &value);)
        free(value);
    u64map_free(m);
}

void rt_profile_destroy(RtProfile *prof)
{
    if (!prof)
        return;
    free_entries(&prof->merged);
    pthread_mutex_destroy(&prof->lock);
    free(prof);
}

RtProfileThread *rt_profile_thread_begin(RtProfile *prof)
{
    (void)prof;
    RtProfileThread *pt = fvp_xcalloc(1, sizeof(*pt));
    u64map_init(&pt->entries);
    return pt;
}

static RtProfileEntry *entry_for(U64Map *m, uint64_t pc)
{
    RtProfileEntry *e = u64map_get(m, pc);
    if (!e) {
        e = fvp_xcalloc(1, sizeof(*e));
        e->pc = pc;
        u64map_put(m, pc, e);
    }
    return e;
}

void rt_profile_thread_record(RtProfileThread *pt, uint64_t pc, bool compiled, uint64_t execs,
                              uint64_t insns)
{
    RtProfileEntry *e = entry_for(&pt->entries, pc);
    if (compiled)
        e->compiled_execs += execs;
    else
        e->interp_execs += execs;
    e->insns += insns;
}

void rt_profile_thread_end(RtProfile *prof, RtProfileThread *pt)
{
    if (!pt)
        return;
    pthread_mutex_lock(&prof->lock);
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&pt->entries, &i, &key, &value);) {
        const RtProfileEntry *src = value;
        RtProfileEntry *dst = entry_for(&prof->merged, key);
        dst->interp_execs += src->interp_execs;
        dst->compiled_execs += src->compiled_execs;
        dst->insns += src->insns;
    }
    pthread_mutex_unlock(&prof->lock);
    free_entries(&pt->entries);
    free(pt);
}

static int entry_order(const void *a, const void *b)
{
    const RtProfileEntry *x = a, *y = b;
    if (x->insns != y->insns)
        return x->insns > y->insns ? -1 : 1;
    return x->pc < y->pc ? -1 : x->pc > y->pc;
}

size_t rt_profile_entries(RtProfile *prof, RtProfileEntry **out)
{
    pthread_mutex_lock(&prof->lock);
    size_t n = prof->merged.count, k = 0;
    RtProfileEntry *arr = n ? fvp_xmalloc(n * sizeof(*arr)) : NULL;
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&prof->merged, &i, &key, &value);)
        arr[k++] = *(const RtProfileEntry *)value;
    pthread_mutex_unlock(&prof->lock);
    if (k)
        qsort(arr, k, sizeof(*arr), entry_order);
    *out = arr;
    return k;
}

/* ---- Report ------------------------------------------------------------------------------- */
typedef struct ProfileFunction {
    const char *name; /* borrowed from the symtab; NULL: code outside every symbol */
    uint64_t insns, execs, blocks;
} ProfileFunction;

static int function_order(const void *a, const void *b)
{
    const ProfileFunction *x = a, *y = b;
    if (x->insns != y->insns)
        return x->insns > y->insns ? -1 : 1;
    return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

/* Sums the entries per symbol (index count of the symtab: outside every symbol). Returns
 * how many functions ran; *out is malloc'ed, sorted by insns. */
static size_t roll_up(const RtProfileEntry *e, size_t n, const RtSymtab *st, ProfileFunction **out)
{
    size_t nsyms = st ? st->count : 0;
    ProfileFunction *all = fvp_xcalloc(nsyms + 1, sizeof(*all));
    for (size_t i = 0; i < n; i++) {
        const RtSymbol *s = rt_symtab_find_addr(st, e[i].pc);
        ProfileFunction *f = &all[s ? (size_t)(s - st->syms) : nsyms];
        f->name = s ? s->name : NULL;
        f->insns += e[i].insns;
        f->execs += e[i].interp_execs + e[i].compiled_execs;
        f->blocks++;
    }
    size_t k = 0;
    for (size_t i = 0; i <= nsyms; i++)
        if (all[i].blocks)
            all[k++] = all[i];
    qsort(all, k, sizeof(*all), function_order);
    *out = all;
    return k;
}

static const char *tier_name(const RtProfileEntry *e)
{
    if (e->compiled_execs && e->interp_execs)
        return "interp+jit";
    return e->compiled_execs ? "jit" : "interp";
}

static double share(uint64_t part, uint64_t total)
{
    return total ? 100.0 * (double)part / (double)total : 0.0;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void print_json(const RtProfileEntry *e, size_t n, size_t top, const ProfileFunction *fn,
                       size_t nfn, uint64_t total, const RtSymtab *st, FILE *f)
{
    fprintf(f, "{\"total_insns\":%" PRIu64 ",\"blocks_run\":%zu,\"blocks\":[", total, n);
    for (size_t i = 0; i < n && i < top; i++) {
        char sym[256];
        rt_symtab_format(st, e[i].pc, sym, sizeof sym);
        fprintf(f, "%s{\"pc\":\"0x%" PRIx64 "\",\"symbol\":", i ? "," : "", e[i].pc);
        json_string(f, sym);
        fprintf(f,
                ",\"insns\":%" PRIu64 ",\"share\":%.3f,\"interp_execs\":%" PRIu64
                ",\"compiled_execs\":%" PRIu64 ",\"tier\":\"%s\"}",
                e[i].insns, share(e[i].insns, total), e[i].interp_execs, e[i].compiled_execs,
                tier_name(&e[i]));
    }
    fprintf(f, "],\"functions_run\":%zu,\"functions\":[", nfn);
    for (size_t i = 0; i < nfn && i < top; i++) {
        fputs(i ? ",{\"symbol\":" : "{\"symbol\":", f);
        if (fn[i].name)
            json_string(f, fn[i].name);
        else
            fputs("null", f);
        fprintf(f,
                ",\"insns\":%" PRIu64 ",\"share\":%.3f,\"execs\":%" PRIu64 ",\"blocks\":%" PRIu64
                "}",
                fn[i].insns, share(fn[i].insns, total), fn[i].execs, fn[i].blocks);
    }
    fputs("]}\n", f);
}

static void print_text(const RtProfileEntry *e, size_t n, size_t top, const ProfileFunction *fn,
                       size_t nfn, uint64_t total, const RtSymtab *st, FILE *f)
{
    fprintf(f,
            "fvp profile: %" PRIu64 " guest instructions in %zu blocks; counts are guest "
            "instructions executed per block (interpreter and compiled code; a compiled "
            "region's internal loops are charged to its entry block)\n",
            total, n);
    fprintf(f, "%4s  %-18s %-32s %14s %7s %12s  %s\n", "rank", "pc", "symbol", "insns", "share",
            "execs", "tier");
    for (size_t i = 0; i < n && i < top; i++) {
        char sym[256];
        rt_symtab_format(st, e[i].pc, sym, sizeof sym);
        fprintf(f, "%4zu  0x%-16" PRIx64 " %-32s %14" PRIu64 " %6.2f%% %12" PRIu64 "  %s\n", i + 1,
                e[i].pc, sym, e[i].insns, share(e[i].insns, total),
                e[i].interp_execs + e[i].compiled_execs, tier_name(&e[i]));
    }
    fprintf(f, "fvp profile by function:\n%4s  %-51s %14s %7s %12s %7s\n", "rank", "symbol",
            "insns", "share", "execs", "blocks");
    for (size_t i = 0; i < nfn && i < top; i++)
        fprintf(f, "%4zu  %-51s %14" PRIu64 " %6.2f%% %12" PRIu64 " %7" PRIu64 "\n", i + 1,
                fn[i].name ? fn[i].name : "(no symbol)", fn[i].insns, share(fn[i].insns, total),
                fn[i].execs, fn[i].blocks);
}

void rt_profile_print(RtProfile *prof, const RtProfileReport *rep, FILE *f)
{
    RtProfileEntry *e = NULL;
    size_t n = rt_profile_entries(prof, &e);
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += e[i].insns;
    ProfileFunction *fn = NULL;
    size_t nfn = roll_up(e, n, rep->symtab, &fn);
    size_t top = rep->top ? rep->top : 20;
    if (rep->json)
        print_json(e, n, top, fn, nfn, total, rep->symtab, f);
    else
        print_text(e, n, top, fn, nfn, total, rep->symtab, f);
    free(fn);
    free(e);
}
