/* fvp run's introspection options: parse them, set the hooks, report at exit. */
#include "tools/fvp/introspect.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

static FvpError *parse_profile(RunIntrospect *in, const char *value)
{
    in->profile = true;
    if (!value)
        return NULL;
    const char *p = value;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 4 && !strncmp(p, "json", 4)) {
            in->profile_json = true;
        } else if (n == 4 && !strncmp(p, "text", 4)) {
            in->profile_json = false;
        } else {
            char *end = NULL;
            unsigned long long top = strtoull(p, &end, 10);
            if (end != p + n || top == 0)
                return fvp_error_new(FVP_ERR_USAGE,
                                     "bad --profile value '%.*s' (a block count, json or text)",
                                     (int)n, p);
            in->profile_top = (size_t)top;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return NULL;
}

bool run_introspect_parse(RunIntrospect *in, const char *arg, FvpError **err)
{
    *err = NULL;
    if (!strncmp(arg, "--dump=", 7))
        *err = dump_parse_kinds(arg + 7, &in->dump_kinds);
    else if (!strncmp(arg, "--dump-pc=", 10))
        in->dump_pc = arg + 10;
    else if (!strncmp(arg, "--dump-sym=", 11))
        in->dump_sym = arg + 11;
    else if (!strncmp(arg, "--dump-file=", 12))
        in->dump_file = arg + 12;
    else if (!strcmp(arg, "--perf-map"))
        in->perf_map = true;
    else if (!strcmp(arg, "--profile"))
        *err = parse_profile(in, NULL);
    else if (!strncmp(arg, "--profile=", 10))
        *err = parse_profile(in, arg + 10);
    else
        return false;
    return true;
}

/* The guest range --dump-pc or --dump-sym selects. */
static FvpError *dump_range(RunIntrospect *in, DumpOptions *o)
{
    if (in->dump_pc && in->dump_sym)
        return fvp_error_new(FVP_ERR_USAGE, "--dump-pc and --dump-sym exclude each other");
    if (in->dump_pc) {
        char *end = NULL;
        errno = 0;
        unsigned long long pc = strtoull(in->dump_pc, &end, 0);
        if (errno || end == in->dump_pc || *end)
            return fvp_error_new(FVP_ERR_USAGE, "bad --dump-pc address '%s'", in->dump_pc);
        o->has_range = true;
        o->lo = pc;
        o->hi = pc + 1;
    } else if (in->dump_sym) {
        const RtSymbol *s = rt_symtab_find_name(&in->symtab, in->dump_sym);
        if (!s)
            return fvp_error_new(FVP_ERR_USAGE, "--dump-sym: no symbol '%s' in the program",
                                 in->dump_sym);
        o->has_range = true;
        o->lo = s->addr;
        o->hi = s->addr + FVP_MAX(s->size, (uint64_t)1);
    }
    return NULL;
}

FvpError *run_introspect_start(RunIntrospect *in, const char *prog, RtOptions *rt)
{
    bool want_symbols = in->dump_kinds || in->perf_map || in->profile;
    if ((in->dump_pc || in->dump_sym || in->dump_file) && !in->dump_kinds)
        return fvp_error_new(FVP_ERR_USAGE, "--dump-pc, --dump-sym and --dump-file need --dump");
    if (!want_symbols)
        return NULL;
    FvpError *err = rt_symtab_load(&in->symtab, prog);
    if (err)
        return fvp_error_wrap(err, "introspection");
    in->fe = fe_find_by_elf_machine(in->symtab.machine);
    if (in->dump_kinds && in->fe) {
        DumpOptions o = {.kinds = in->dump_kinds, .symtab = &in->symtab, .fe = in->fe};
        if ((err = dump_range(in, &o)))
            return err;
        in->dump_out = stderr;
        if (in->dump_file && !(in->dump_out = fopen(in->dump_file, "we"))) {
            in->dump_out = NULL;
            return fvp_error_errno(errno, "opening the dump file %s", in->dump_file);
        }
        o.out = in->dump_out;
        in->dumper = dump_create(&o);
        rt->on_translate = dump_on_translate;
        rt->on_translate_user = in->dumper;
    }
    if (in->profile) {
        in->prof = rt_profile_create();
        rt->profile = in->prof;
    }
    return NULL;
}

void run_introspect_jit_options(RunIntrospect *in, TrJitOptions *jo)
{
    in->jit = true;
    in->jit_opts = *jo;
    if (!in->dumper || !dump_jit_mask(in->dumper))
        return;
    jo->dump_mask = dump_jit_mask(in->dumper);
    jo->dump = dump_on_jit;
    jo->dump_user = in->dumper;
}

FvpError *run_introspect_wrap_compiler(RunIntrospect *in, RtCompiler *c)
{
    if (!in->perf_map)
        return NULL;
    return perf_map_wrap(c, &in->symtab, c);
}

void run_introspect_loaded(RunIntrospect *in, RtProcess *proc)
{
    if (in->dumper)
        dump_set_memory(in->dumper, rt_process_mem(proc));
}

void run_introspect_report(RunIntrospect *in, FILE *f)
{
    if (!in->prof)
        return;
    RtProfileReport rep = {.top = in->profile_top, .json = in->profile_json, .symtab = &in->symtab};
    rt_profile_print(in->prof, &rep, f);
}

void run_introspect_end(RunIntrospect *in, FILE *f)
{
    if (in->dumper && in->jit) {
        FvpError *err = dump_finish(in->dumper, &in->jit_opts);
        if (err) {
            fvp_error_print(err, "fvp", f);
            fvp_error_free(err);
        }
    }
    dump_destroy(in->dumper);
    in->dumper = NULL;
    if (in->dump_out && in->dump_out != stderr)
        fclose(in->dump_out);
    in->dump_out = NULL;
    rt_profile_destroy(in->prof);
    in->prof = NULL;
    rt_symtab_free(&in->symtab);
}
