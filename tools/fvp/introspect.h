/* fvp run's introspection: block dumps (--dump) and the perf map of JIT code (--perf-map). */
#ifndef FVP_TOOLS_FVP_INTROSPECT_H
#define FVP_TOOLS_FVP_INTROSPECT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "frontends/frontend.h"
#include "runtime/engine.h"
#include "runtime/profile.h"
#include "runtime/runtime.h"
#include "translator/translator.h"

/* What --dump=KIND,... asks for. */
enum {
    DUMP_GUEST = 1 << 0, /* guest disassembly with pc and raw bytes */
    DUMP_IR = 1 << 1,    /* ir_print_block */
    DUMP_LLVM = 1 << 2,  /* LLVM IR before and after optimisation (JIT engines) */
    DUMP_HOST = 1 << 3,  /* host disassembly of compiled code (JIT engines) */
};

/* Parses "guest,ir,llvm,host" (or "all") into DUMP_* bits. */
FvpError *dump_parse_kinds(const char *list, unsigned *out);

typedef struct DumpOptions {
    unsigned kinds; /* DUMP_* */
    bool has_range; /* only blocks overlapping [lo, hi) */
    uint64_t lo, hi;
    const RtSymtab *symtab; /* names in headers (borrowed, may be empty) */
    const Frontend *fe;     /* guest disassembly (borrowed) */
    FILE *out;              /* borrowed */
} DumpOptions;

typedef struct Dumper Dumper;

/* *out is owned by the caller (dump_destroy). Thread-safe once created. */
Dumper *dump_create(const DumpOptions *opts);
void dump_destroy(Dumper *d);
/* Lets guest dumps read code bytes from the process (borrowed; set before it runs). */
void dump_set_memory(Dumper *d, const RtMem *mem);
/* RtOptions.on_translate: guest and IR sections for blocks in range. */
void dump_on_translate(void *user, const IRBlock *ir);
/* TrJitOptions.dump: LLVM and host sections for blocks dumped by dump_on_translate. */
void dump_on_jit(void *user, TrDumpKind kind, uint64_t pc, const char *text);
/* The TrDumpKind bits to ask the JIT for. */
unsigned dump_jit_mask(const Dumper *d);
/* For --dump-pc/--dump-sym with llvm or host kinds: compiles, each alone, the dumped blocks
 * the JIT never reported (still queued when the guest exited) with a JIT of its own made
 * from jit_opts, so their sections appear too, marked as such. Call once the process and
 * its compiler are destroyed. */
FvpError *dump_finish(Dumper *d, const TrJitOptions *jit_opts);

/* Wraps a compiler so that every compiled region gets a /tmp/perf-<pid>.map line
 * "<host start hex> <size hex> fvp:<symbol+off or 0xpc>". The inner compiler and symtab
 * are borrowed; the wrapper's destroy hook also destroys the inner compiler. *out (ctx of
 * the returned compiler) is owned through that destroy hook. */
FvpError *perf_map_wrap(const RtCompiler *inner, const RtSymtab *symtab, RtCompiler *out);

/* ---- fvp run's options (tools/fvp/run_introspect.c) ------------------------------------- */
typedef struct RunIntrospect {
    unsigned dump_kinds;                        /* DUMP_*; 0: no --dump */
    const char *dump_pc, *dump_sym, *dump_file; /* option values (borrowed from argv) */
    bool perf_map;
    bool profile, profile_json;
    size_t profile_top;
    /* Made by run_introspect_start (owned; run_introspect_end frees them). */
    RtSymtab symtab;
    const Frontend *fe;
    FILE *dump_out;
    Dumper *dumper;
    RtProfile *prof;
    bool jit;              /* a JIT engine runs (run_introspect_jit_options was called) */
    TrJitOptions jit_opts; /* its options, without the dump hooks */
} RunIntrospect;

/* Takes the option in `arg` if it is one of --dump*, --perf-map, --profile*: returns true
 * (and *err on a bad value), else false. */
bool run_introspect_parse(RunIntrospect *in, const char *arg, FvpError **err);
/* Reads the guest's symbols and sets the dump/profile hooks in rt. */
FvpError *run_introspect_start(RunIntrospect *in, const char *prog, RtOptions *rt);
/* JIT dump hooks for the dumps asked for. */
void run_introspect_jit_options(RunIntrospect *in, TrJitOptions *jo);
/* Replaces *c by the perf-map wrapper around it when --perf-map is on. */
FvpError *run_introspect_wrap_compiler(RunIntrospect *in, RtCompiler *c);
/* The process is loaded: dumps may read its code. */
void run_introspect_loaded(RunIntrospect *in, RtProcess *proc);
/* The guest has ended: prints the profile to f. */
void run_introspect_report(RunIntrospect *in, FILE *f);
/* Writes the dumps still owed (dump_finish; errors go to f) and frees what
 * run_introspect_start made. Call after the process and the compiler are destroyed. */
void run_introspect_end(RunIntrospect *in, FILE *f);

#endif
