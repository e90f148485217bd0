/* fvp run --dump: guest disassembly, IR, LLVM IR and host code of translated blocks. */
#include "tools/fvp/introspect.h"

#include <inttypes.h>
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "common/hashmap.h"
#include "runtime/guest_mem.h"

/*
 *   guest thread: translate(pc) --on_translate--> in range? --yes--> guest + ir sections,
 *                                                                    remember pc
 *   compiler thread: JIT dump hook (pc) --------> pc remembered? --> llvm / host sections
 *
 * Every section is written whole under one lock, so sections of several threads never
 * interleave; guest stdout is never touched.
 */

typedef struct DumpedBlock {
    IRBlock *ir;   /* owned copy, for dump_finish (NULL when no JIT dump was asked for) */
    bool jit_seen; /* the JIT's hooks reported this pc */
} DumpedBlock;

struct Dumper {
    DumpOptions opts;
    const RtMem *mem;
    pthread_mutex_t lock;        /* guards out, dumped, disasm */
    U64Map dumped;               /* pc -> DumpedBlock* (owned) of blocks written so far */
    LLVMDisasmContextRef disasm; /* LLVM guest disassembler when fe->disasm is NULL */
    bool finishing;              /* in dump_finish: sections come from its own JIT */
};

static const struct {
    const char *name;
    unsigned bits;
} dump_kind_names[] = {
    {"guest", DUMP_GUEST},
    {"ir", DUMP_IR},
    {"llvm", DUMP_LLVM},
    {"host", DUMP_HOST},
    {"all", DUMP_GUEST | DUMP_IR | DUMP_LLVM | DUMP_HOST},
};
#define DUMP_KIND_COUNT (sizeof dump_kind_names / sizeof dump_kind_names[0])

FvpError *dump_parse_kinds(const char *list, unsigned *out)
{
    unsigned bits = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t k = 0;
        for (; k < DUMP_KIND_COUNT; k++)
            if (strlen(dump_kind_names[k].name) == n && !strncmp(dump_kind_names[k].name, p, n))
                break;
        if (k == DUMP_KIND_COUNT)
            return fvp_error_new(FVP_ERR_USAGE,
                                 "unknown dump kind '%.*s' (choose guest, ir, llvm, host, all)",
                                 (int)n, p);
        bits |= dump_kind_names[k].bits;
        p += n;
        if (*p == ',')
            p++;
    }
    if (!bits)
        return fvp_error_new(FVP_ERR_USAGE, "--dump needs at least one kind");
    *out = bits;
    return NULL;
}

Dumper *dump_create(const DumpOptions *opts)
{
    Dumper *d = fvp_xcalloc(1, sizeof(*d));
    d->opts = *opts;
    pthread_mutex_init(&d->lock, NULL);
    u64map_init(&d->dumped);
    return d;
}

void dump_destroy(Dumper *d)
{
    if (!d)
        return;
    if (d->disasm)
        LLVMDisasmDispose(d->disasm);
    uint64_t pc;
    void *value;
    for (size_t i = 0; u64map_next(&d->dumped, &i, &pc, &value);) {
        DumpedBlock *db = value;
        ir_block_free(db->ir);
        free(db);
    }
    u64map_free(&d->dumped);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void dump_set_memory(Dumper *d, const RtMem *mem)
{
    d->mem = mem;
}

unsigned dump_jit_mask(const Dumper *d)
{
    unsigned mask = 0;
    if (d->opts.kinds & DUMP_LLVM)
        mask |= TR_DUMP_LLVM | TR_DUMP_LLVM_OPT;
    if (d->opts.kinds & DUMP_HOST)
        mask |= TR_DUMP_HOST;
    return mask;
}

static void section_header(Dumper *d, const char *kind, uint64_t pc, const char *extra)
{
    char sym[256];
    rt_symtab_format(d->opts.symtab, pc, sym, sizeof sym);
    fprintf(d->opts.out, "==== fvp dump: %s 0x%" PRIx64 " <%s>%s%s ====\n", kind, pc, sym,
            extra[0] ? " " : "", extra);
}

/* One guest instruction at code[0..len) into line; returns its length (0: undecodable).
 * Lock held. */
static unsigned disasm_guest(Dumper *d, const uint8_t *code, size_t len, uint64_t pc, char *line,
                             size_t size)
{
    const Frontend *fe = d->opts.fe;
    if (fe->disasm)
        return fe->disasm(code, len, pc, line, size);
    if (!d->disasm) {
        /* The guest ISAs only: FVP links just these targets' LLVM libraries. */
        LLVMInitializeAArch64TargetInfo();
        LLVMInitializeAArch64TargetMC();
        LLVMInitializeAArch64Disassembler();
        LLVMInitializeRISCVTargetInfo();
        LLVMInitializeRISCVTargetMC();
        LLVMInitializeRISCVDisassembler();
        d->disasm = LLVMCreateDisasmCPUFeatures(
            fe->llvm_triple, "", fe->llvm_features ? fe->llvm_features : "", NULL, 0, NULL, NULL);
        if (!d->disasm)
            return 0;
    }
    size_t n = LLVMDisasmInstruction(d->disasm, (uint8_t *)code, len, pc, line, size);
    /* LLVM indents with a tab: the dump has its own columns. */
    size_t skip = strspn(line, " \t");
    memmove(line, line + skip, strlen(line + skip) + 1);
    for (char *c = line; *c; c++)
        if (*c == '\t')
            *c = ' ';
    return (unsigned)n;
}

/* Lock held. */
static void dump_guest(Dumper *d, const IRBlock *ir)
{
    char extra[96];
    snprintf(extra, sizeof extra, "(%s, %u insns, %u bytes)", d->opts.fe->name, ir->guest_insns,
             ir->guest_bytes);
    section_header(d, "guest", ir->pc, extra);
    size_t len = ir->guest_bytes;
    uint8_t *code = fvp_xmalloc(len ? len : 1);
    size_t got = d->mem ? rt_mem_fetch(d->mem, ir->pc, code, len) : 0;
    size_t off = 0;
    while (off < got) {
        char line[160] = "";
        unsigned n = disasm_guest(d, code + off, got - off, ir->pc + off, line, sizeof line);
        if (n == 0 || n > got - off) {
            n = (unsigned)FVP_MIN(got - off, (size_t)d->opts.fe->max_insn_bytes);
            n = n >= 2 ? 2 : n; /* the smallest instruction unit of every supported ISA */
            snprintf(line, sizeof line, "(undecodable)");
        }
        char sym[256], bytes[48] = "";
        rt_symtab_format(d->opts.symtab, ir->pc + off, sym, sizeof sym);
        for (unsigned k = 0, w = 0; k < n && w + 3 < sizeof bytes; k++)
            w += (unsigned)snprintf(bytes + w, sizeof bytes - w, "%02x", code[off + k]);
        fprintf(d->opts.out, "  0x%-12" PRIx64 " %-24s %-10s %s\n", ir->pc + off, sym, bytes, line);
        off += n;
    }
    if (got < len)
        fprintf(d->opts.out, "  (%zu code bytes unreadable)\n", len - got);
    free(code);
}

static bool in_range(const Dumper *d, uint64_t pc, uint64_t bytes)
{
    if (!d->opts.has_range)
        return true;
    uint64_t end = pc + FVP_MAX(bytes, 1u);
    return pc < d->opts.hi && end > d->opts.lo;
}

void dump_on_translate(void *user, const IRBlock *ir)
{
    Dumper *d = user;
    if (!in_range(d, ir->pc, ir->guest_bytes))
        return;
    pthread_mutex_lock(&d->lock);
    DumpedBlock *db = u64map_get(&d->dumped, ir->pc);
    if (!db) {
        db = fvp_xcalloc(1, sizeof(*db));
        u64map_put(&d->dumped, ir->pc, db);
    }
    if (d->opts.has_range && (d->opts.kinds & (DUMP_LLVM | DUMP_HOST))) {
        ir_block_free(db->ir);
        db->ir = ir_block_clone(ir);
    }
    if (d->opts.kinds & DUMP_GUEST)
        dump_guest(d, ir);
    if (d->opts.kinds & DUMP_IR) {
        section_header(d, "ir", ir->pc, "");
        ir_print_block(d->opts.out, ir);
    }
    fflush(d->opts.out);
    pthread_mutex_unlock(&d->lock);
}

void dump_on_jit(void *user, TrDumpKind kind, uint64_t pc, const char *text)
{
    Dumper *d = user;
    pthread_mutex_lock(&d->lock);
    DumpedBlock *db = u64map_get(&d->dumped, pc);
    if (db) {
        db->jit_seen = true;
        const char *name = kind == TR_DUMP_LLVM       ? "llvm"
                           : kind == TR_DUMP_LLVM_OPT ? "llvm-opt"
                                                      : "host";
        const char *extra = kind == TR_DUMP_LLVM       ? "(before optimisation"
                            : kind == TR_DUMP_LLVM_OPT ? "(after optimisation"
                                                       : "(x86-64";
        char note[192];
        snprintf(note, sizeof note, "%s%s)", extra,
                 d->finishing ? "; no region entered here was compiled before the guest exited: "
                                "compiled alone for this dump"
                              : "");
        section_header(d, name, pc, note);
        fputs(text, d->opts.out);
        size_t n = strlen(text);
        if (n && text[n - 1] != '\n')
            fputc('\n', d->opts.out);
        fflush(d->opts.out);
    }
    pthread_mutex_unlock(&d->lock);
}

static int pc_order(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

FvpError *dump_finish(Dumper *d, const TrJitOptions *jit_opts)
{
    TrJit *jit = NULL;
    FvpError *err = NULL;
    uint64_t pc, *pcs = NULL;
    size_t n = 0, cap = 0;
    void *value;
    for (size_t i = 0; u64map_next(&d->dumped, &i, &pc, &value);) {
        const DumpedBlock *db = value;
        if (!db->jit_seen && db->ir) {
            FVP_GROW(pcs, cap, n + 1);
            pcs[n++] = pc;
        }
    }
    if (n)
        qsort(pcs, n, sizeof(*pcs), pc_order);
    d->finishing = true;
    for (size_t i = 0; !err && i < n; i++) {
        const DumpedBlock *db = u64map_get(&d->dumped, pcs[i]);
        if (!jit) {
            TrJitOptions jo = *jit_opts;
            jo.dump_mask = dump_jit_mask(d);
            jo.dump = dump_on_jit;
            jo.dump_user = d;
            if ((err = tr_jit_create(&jo, &jit)))
                break;
        }
        const IRBlock *blocks[1] = {db->ir};
        RtCompiledFn fn;
        err = tr_jit_compile(jit, blocks, 1, &fn, NULL);
    }
    tr_jit_destroy(jit);
    free(pcs);
    d->finishing = false;
    return err ? fvp_error_wrap(err, "dumping blocks the JIT had not compiled") : NULL;
}
