/* fvp vm: boot a bare RISC-V or AArch64 guest image in the system VM and run it to shutdown. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/runtime.h"
#include "runtime/vm/vm.h"
#include "tools/fvp/commands.h"
#include "translator/translator.h"

static const char vm_usage[] =
    "usage: fvp vm --kernel IMAGE [--bios FIRMWARE] [--arch riscv64|aarch64] [--disk FILE]\n"
    "              [--smp N] [--mem SIZE[K|M|G]] [--engine interp|jit|auto]\n"
    "              [--tlb-entries N] [--no-stdin] [--stats]\n"
    "The machine follows the ELF's e_machine (--arch for raw images; default riscv64).\n"
    "--bios (RISC-V): M-mode firmware such as OpenSBI at 0x80000000, the kernel its payload.\n"
    "exit status: RISC-V: the test finisher (0x5555: 0, 0x3333 | code << 16: code) or HTIF\n"
    "tohost ((code << 1) | 1); AArch64: PSCI SYSTEM_OFF (0, or x2 when x1 = 0x46565045)\n";

/* "128M", "1G", "65536": bytes. */
static bool vm_parse_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s)
        return false;
    switch (*end) {
    case 'k': case 'K': v <<= 10; end++; break;
    case 'm': case 'M': v <<= 20; end++; break;
    case 'g': case 'G': v <<= 30; end++; break;
    default: break;
    }
    if (*end == 'i' && end[1] == 'B')
        end += 2;
    *out = v;
    return *end == 0;
}

typedef struct VmArgs {
    const char *kernel, *bios, *arch, *engine;
    bool stats;
} VmArgs;

static FvpError *vm_parse_args(int argc, char **argv, VmConfig *cfg, VmArgs *args)
{
    memset(cfg, 0, sizeof(*cfg));
    memset(args, 0, sizeof(*args));
    cfg->console_in_fd = STDIN_FILENO;
    const char **kernel = &args->kernel, **engine = &args->engine;
    bool *stats = &args->stats;
    *kernel = NULL;
    *engine = "interp";
    *stats = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        const char *eq = strchr(a, '=');
        char name[32];
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if (n >= sizeof(name))
            return fvp_error_new(FVP_ERR_USAGE, "unknown option '%s'", a);
        memcpy(name, a, n);
        name[n] = 0;
        if (!strcmp(name, "-bios") || !strcmp(name, "-kernel")) { /* QEMU's spelling */
            memmove(name + 1, name, strlen(name) + 1);
            name[0] = '-';
        }
        bool takes_value = !strcmp(name, "--kernel") || !strcmp(name, "--disk") ||
                           !strcmp(name, "--bios") || !strcmp(name, "--arch") ||
                           !strcmp(name, "--smp") || !strcmp(name, "--mem") ||
                           !strcmp(name, "--engine") || !strcmp(name, "--tlb-entries");
        if (takes_value) {
            if (eq)
                v = eq + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else
                return fvp_error_new(FVP_ERR_USAGE, "%s needs a value", name);
        }
        if (!strcmp(name, "--kernel")) {
            *kernel = v;
        } else if (!strcmp(name, "--bios")) {
            args->bios = v;
        } else if (!strcmp(name, "--arch")) {
            if (strcmp(v, "riscv64") && strcmp(v, "aarch64"))
                return fvp_error_new(FVP_ERR_USAGE,
                                     "unknown machine '%s' (choose riscv64 or aarch64)", v);
            args->arch = v;
        } else if (!strcmp(name, "--disk")) {
            cfg->disk_path = v;
        } else if (!strcmp(name, "--smp")) {
            char *end;
            unsigned long k = strtoul(v, &end, 10);
            if (*end || k == 0 || k > VM_MAX_HARTS)
                return fvp_error_new(FVP_ERR_USAGE, "--smp %s: need 1..%d", v, VM_MAX_HARTS);
            cfg->harts = (unsigned)k;
        } else if (!strcmp(name, "--mem")) {
            if (!vm_parse_size(v, &cfg->ram_bytes))
                return fvp_error_new(FVP_ERR_USAGE, "--mem %s: not a size", v);
        } else if (!strcmp(name, "--tlb-entries")) {
            char *end;
            cfg->tlb_entries = (unsigned)strtoul(v, &end, 10);
            if (*end)
                return fvp_error_new(FVP_ERR_USAGE, "--tlb-entries %s: not a number", v);
        } else if (!strcmp(name, "--engine")) {
            if (strcmp(v, "interp") && strcmp(v, "jit") && strcmp(v, "auto"))
                return fvp_error_new(FVP_ERR_USAGE,
                                     "unknown engine '%s' (choose interp, jit or auto)", v);
            *engine = v;
        } else if (!strcmp(a, "--no-stdin")) {
            cfg->console_in_fd = -1;
        } else if (!strcmp(a, "--stats")) {
            *stats = true;
        } else {
            return fvp_error_new(FVP_ERR_USAGE, "unknown option '%s'", a);
        }
    }
    if (!*kernel && !args->bios)
        return fvp_error_new(FVP_ERR_USAGE, "--kernel IMAGE is required");
    return NULL;
}

/* The machine: --arch, else the ELF machine of the kernel (or firmware), else RISC-V. */
static FvpError *vm_pick_arch(const VmArgs *args, VmConfig *cfg)
{
    const char *image = args->kernel ? args->kernel : args->bios;
    VmArch arch = VM_ARCH_RISCV64;
    bool is_elf = false;
    FvpError *err = vm_probe_arch(image, &arch, &is_elf);
    if (err)
        return fvp_error_wrap(err, "loading the kernel");
    if (args->arch) {
        VmArch want = !strcmp(args->arch, "aarch64") ? VM_ARCH_AARCH64 : VM_ARCH_RISCV64;
        if (is_elf && want != arch)
            return fvp_error_new(FVP_ERR_USAGE, "--arch %s does not match the ELF image %s",
                                 args->arch, image);
        arch = want;
    }
    cfg->arch = arch;
    return NULL;
}

/* The compiled tier for --engine jit (compile a block on its first run) or auto (after
 * RT_DEFAULT_HOT_THRESHOLD runs). *out owned by the caller (its destroy hook), NULL for
 * interp. */
static FvpError *vm_engine_compiler(const char *engine, RtCompiler *out, VmConfig *cfg)
{
    memset(out, 0, sizeof(*out));
    if (!strcmp(engine, "interp"))
        return NULL;
    TrJitOptions jo = {0};
    TrJit *jit = NULL;
    FvpError *err = tr_jit_create(&jo, &jit);
    if (err)
        return fvp_error_wrap(err, "starting the JIT for engine '%s'", engine);
    *out = tr_jit_as_compiler(jit);
    cfg->compiler = out;
    cfg->hot_threshold = !strcmp(engine, "jit") ? 1 : RT_DEFAULT_HOT_THRESHOLD;
    return NULL;
}

int cmd_vm(int argc, char **argv)
{
    VmConfig cfg;
    VmArgs args;
    RtCompiler compiler = {0};
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(vm_usage, stdout);
        return 0;
    }
    FvpError *err = vm_parse_args(argc, argv, &cfg, &args);
    if (err) {
        fvp_error_print(err, "fvp vm", stderr);
        fputs(vm_usage, stderr);
        fvp_error_free(err);
        return FVP_EXIT_TOOL_ERROR;
    }
    Vm *vm = NULL;
    int status = 0;
    uint64_t t0 = fvp_now_ns();
    err = vm_pick_arch(&args, &cfg);
    if (!err)
        err = vm_engine_compiler(args.engine, &compiler, &cfg);
    if (!err)
        err = vm_create(&cfg, &vm);
    if (!err && args.bios)
        err = vm_load_bios(vm, args.bios);
    if (!err)
        err = vm_load_kernel(vm, args.kernel);
    if (!err)
        err = vm_run(vm, &status);
    if (!err && args.stats) {
        fprintf(stderr, "fvp vm: %llu guest instructions in %.3f s\n",
                (unsigned long long)vm_guest_insns(vm), (double)(fvp_now_ns() - t0) / 1e9);
        vm_print_stats(vm, stderr);
    }
    vm_destroy(vm);
    if (compiler.destroy)
        compiler.destroy(compiler.ctx);
    if (err) {
        fvp_error_print(err, "fvp vm", stderr);
        fvp_error_free(err);
        return FVP_EXIT_TOOL_ERROR;
    }
    return status & 0xff;
}
