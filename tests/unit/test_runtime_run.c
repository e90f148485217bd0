/* End to end: tiny RISC-V programs built at test time run through the runtime and interpreter. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/interp.h"
#include "runtime/runtime.h"

/*
 * Each case writes a source file, builds it with riscv64-linux-gnu-gcc -static, then runs it
 * in a child process (the guest's stdout/stderr are that child's) and checks the exit
 * status fvp would return and both outputs.
 */

typedef struct RunResult {
    int status;
    char out[4096], err[4096];
} RunResult;

static char dir[64];

static void setup(void)
{
    strcpy(dir, "/tmp/fvp_run_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(runtime_run, .init = setup, .fini = teardown, .timeout = 60);

/* Builds `source` (C or assembly by ext) into dir/name with the cross compiler cc; skips
 * the test without it. */
static void build_with(const char *cc, const char *name, const char *ext, const char *source,
                       const char *flags)
{
    char probe[128];
    snprintf(probe, sizeof probe, "command -v %s >/dev/null 2>&1", cc);
    if (system(probe) != 0)
        cr_skip_test("%s is not installed", cc);
    char src[128], cmd[512];
    snprintf(src, sizeof src, "%s/%s.%s", dir, name, ext);
    FILE *f = fopen(src, "w");
    cr_assert_not_null(f);
    fputs(source, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s -static -O1 %s -o %s/%s %s", cc, flags, dir, name, src);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

static void build(const char *name, const char *ext, const char *source, const char *flags)
{
    build_with("riscv64-linux-gnu-gcc", name, ext, source, flags);
}

static void read_all(int fd, char *buf, size_t size)
{
    size_t n = 0;
    ssize_t r;
    while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = '\0';
}

static RunResult run_with(const char *name, const RtOptions *run_opts);

static RunResult run(const char *name, bool strict)
{
    RtOptions opts = {.strict_syscalls = strict};
    return run_with(name, &opts);
}

/* Runs dir/name with run_opts in a child. With a compiler, the child exits 99 unless
 * compiled code actually ran. */
static RunResult run_with(const char *name, const RtOptions *run_opts)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int out[2], err[2];
    cr_assert_eq(pipe(out), 0);
    cr_assert_eq(pipe(err), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        RtOptions opts = *run_opts;
        RtProcess *p = NULL;
        char *argv[] = {path, "arg1", NULL};
        char *envp[] = {"FVP_TEST=1", NULL};
        RtOutcome o;
        FvpError *e = rt_process_create(&opts, &p);
        if (!e)
            e = rt_process_load(p, path, 2, argv, envp);
        if (!e)
            e = rt_process_run(p, &o);
        int status = 125;
        if (e)
            fvp_error_print(e, "fvp", stderr);
        else
            status = rt_outcome_report(&o, stderr);
        if (!e && opts.compiler) {
            RtStats st;
            rt_process_stats(p, &st);
            if (!st.jit_blocks || !st.blocks_compiled)
                status = 99;
        }
        fvp_error_free(e);
        rt_process_destroy(p);
        fflush(stdout);
        fflush(stderr);
        _exit(status);
    }
    close(out[1]);
    close(err[1]);
    RunResult r;
    read_all(out[0], r.out, sizeof r.out);
    read_all(err[0], r.err, sizeof r.err);
    close(out[0]);
    close(err[0]);
    int ws;
    cr_assert_eq(waitpid(pid, &ws, 0), pid);
    cr_assert(WIFEXITED(ws), "the runner itself crashed (signal %d)",
              WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
    r.status = WEXITSTATUS(ws);
    return r;
}

Test(runtime_run, hello_world_with_glibc)
{
    build("hello", "c",
          "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
          "int main(int argc, char **argv) {\n"
          "  char *heap = malloc(1 << 20); memset(heap, 7, 1 << 20);\n"
          "  printf(\"hello %d %s %s %d\\n\", argc, argv[1], getenv(\"FVP_TEST\"), heap[12345]);\n"
          "  free(heap); return 42; }\n",
          "");
    RunResult r = run("hello", false);
    cr_assert_str_eq(r.out, "hello 2 arg1 1 7\n");
    cr_assert_str_eq(r.err, "");
    cr_assert_eq(r.status, 42);
}

static const char exit_asm[] = ".globl _start\n_start:\n"
                               "  li a0, 1\n  la a1, msg\n  li a2, 3\n  li a7, 64\n  ecall\n"
                               "  li a0, 7\n  li a7, 93\n  ecall\n"
                               "msg: .ascii \"hi\\n\"\n";

Test(runtime_run, raw_syscalls_write_and_exit)
{
    build("exit", "S", exit_asm, "-nostdlib");
    RunResult r = run("exit", false);
    cr_assert_str_eq(r.out, "hi\n");
    cr_assert_eq(r.status, 7);
}

Test(runtime_run, store_to_unmapped_memory_is_sigsegv)
{
    build("segv", "S",
          ".globl _start\n_start:\n  li t0, 0x10\n  sd zero, 0(t0)\n  li a7, 93\n  ecall\n",
          "-nostdlib");
    RunResult r = run("segv", false);
    cr_assert_eq(r.status, 128 + 11);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGSEGV at pc 0x"), "%s", r.err);
    cr_assert(strstr(r.err, "(fault address 0x10)\n"), "%s", r.err);
}

Test(runtime_run, illegal_instruction_is_sigill)
{
    build("sigill", "S", ".globl _start\n_start:\n  .word 0\n", "-nostdlib");
    RunResult r = run("sigill", false);
    cr_assert_eq(r.status, 128 + 4);
    cr_assert(strstr(r.err, "fvp: illegal instruction 0x00000000 at pc 0x"), "%s", r.err);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGILL"), "%s", r.err);
}

Test(runtime_run, jump_to_data_is_a_fetch_fault)
{
    build("nx", "S", ".globl _start\n_start:\n  la t0, data\n  jr t0\n.data\ndata: .word 0x13\n",
          "-nostdlib");
    RunResult r = run("nx", false);
    cr_assert_eq(r.status, 128 + 11);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGSEGV"), "%s", r.err);
}

static const char unsupported_asm[] = ".globl _start\n_start:\n"
                                      "  li a7, 198\n  ecall\n" /* socket */
                                      "  li a7, 198\n  ecall\n"
                                      "  li a7, 93\n  ecall\n"; /* exit(-ENOSYS) */

Test(runtime_run, unsupported_syscall_is_enosys_once)
{
    build("nosys", "S", unsupported_asm, "-nostdlib");
    RunResult r = run("nosys", false);
    cr_assert_eq(r.status, (-38) & 0xff);
    const char *first = strstr(r.err, "fvp: unsupported syscall 198 (socket) at pc 0x");
    cr_assert_not_null(first, "%s", r.err);
    cr_assert_null(strstr(first + 20, "unsupported syscall"), "reported once: %s", r.err);
}

Test(runtime_run, numbers_linux_does_not_have_are_enosys_silently)
{
    build("unknown", "S", ".globl _start\n_start:\n  li a7, 500\n  ecall\n  li a7, 93\n  ecall\n",
          "-nostdlib");
    RunResult r = run("unknown", true);
    cr_assert_eq(r.status, (-38) & 0xff, "%s", r.err);
    cr_assert_str_eq(r.err, "");
}

Test(runtime_run, strict_syscalls_kill_with_sigsys)
{
    build("nosys", "S", unsupported_asm, "-nostdlib");
    RunResult r = run("nosys", true);
    cr_assert_eq(r.status, 128 + 31);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGSYS"), "%s", r.err);
}

Test(runtime_run, abort_dies_by_sigabrt)
{
    build("abort", "c", "#include <stdlib.h>\nint main(void) { abort(); }\n", "");
    RunResult r = run("abort", false);
    cr_assert_eq(r.status, 128 + 6, "%s", r.err);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGABRT"), "%s", r.err);
}

/* Code written at run time: a fence.i (via __builtin___clear_cache) or an munmap must drop
 * the stale translation. */
Test(runtime_run, rewritten_code_is_retranslated)
{
    build("smc", "c",
          "#include <stdio.h>\n#include <string.h>\n#include <sys/mman.h>\n"
          "typedef int (*fn)(void);\n"
          "static int call(unsigned *code, unsigned value, int flush) {\n"
          "  code[0] = 0x00000513u | (value << 20); code[1] = 0x00008067u;\n"
          "  if (flush) __builtin___clear_cache((char *)code, (char *)(code + 2));\n"
          "  return ((fn)code)(); }\n"
          "int main(void) {\n"
          "  int rwx = PROT_READ | PROT_WRITE | PROT_EXEC, f = MAP_PRIVATE | MAP_ANONYMOUS;\n"
          "  unsigned *c = mmap(0, 4096, rwx, f, -1, 0);\n"
          "  int a = call(c, 1, 1), b = call(c, 2, 1);\n"
          "  munmap(c, 4096);\n"
          "  unsigned *d = mmap(c, 4096, rwx, f | MAP_FIXED, -1, 0);\n"
          "  int e = call(d, 3, 0);\n"
          "  printf(\"%d %d %d\\n\", a, b, e); return 0; }\n",
          "");
    RunResult r = run("smc", false);
    cr_assert_str_eq(r.out, "1 2 3\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 0);
}

Test(runtime_run, files_and_stat_through_the_host)
{
    build("files", "c",
          "#include <fcntl.h>\n#include <stdio.h>\n#include <sys/stat.h>\n#include <unistd.h>\n"
          "#include <string.h>\n"
          "int main(int argc, char **argv) {\n"
          "  char p[256]; snprintf(p, sizeof p, \"%s.txt\", argv[0]);\n"
          "  int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0600);\n"
          "  if (fd < 0 || write(fd, \"12345\", 5) != 5) return 1; close(fd);\n"
          "  struct stat st; if (stat(p, &st)) return 2;\n"
          "  char buf[8] = {0}; fd = open(p, O_RDONLY); read(fd, buf, 7); close(fd);\n"
          "  char exe[256] = {0}; readlink(\"/proc/self/exe\", exe, sizeof exe - 1);\n"
          "  printf(\"%lld %o %s %d\\n\", (long long)st.st_size, st.st_mode & 0777, buf,\n"
          "         strcmp(exe, argv[0]) == 0);\n"
          "  return unlink(p); }\n",
          "");
    RunResult r = run("files", false);
    cr_assert_str_eq(r.out, "5 600 12345 1\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 0);
}

static const char signal_program[] =
    "#include <setjmp.h>\n#include <signal.h>\n#include <stdio.h>\n#include <string.h>\n"
    "static volatile int hits; static sigjmp_buf env; static void *where;\n"
    "static void on_usr1(int s) { hits += s; }\n"
    "static void on_segv(int s, siginfo_t *i, void *c) { (void)s; (void)c;\n"
    "  where = i->si_addr; siglongjmp(env, 1); }\n"
    "int main(void) {\n"
    "  double d = 1.5; long keep = 12345;\n"
    "  signal(SIGUSR1, on_usr1); raise(SIGUSR1); raise(SIGUSR1);\n"
    "  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = on_segv;\n"
    "  sa.sa_flags = SA_SIGINFO; sigaction(SIGSEGV, &sa, 0);\n"
    "  if (!sigsetjmp(env, 1)) *(volatile int *)0x20 = 1;\n"
    "  signal(SIGUSR2, SIG_IGN); raise(SIGUSR2);\n"
    "  printf(\"%d %p %g %ld\\n\", hits, where, d * 2, keep);\n"
    "  fflush(stdout); signal(SIGUSR1, SIG_DFL); raise(SIGUSR1); return 0; }\n";

Test(runtime_run, signal_handlers_run_and_return)
{
    build("sig", "c", signal_program, "");
    RunResult r = run("sig", false);
    cr_assert_str_eq(r.out, "20 0x20 3 12345\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 128 + 10, "default action of SIGUSR1 kills: %s", r.err);
    cr_assert(strstr(r.err, "fvp: guest killed by SIGUSR1"), "%s", r.err);
}

Test(runtime_run, aarch64_signal_handlers_run_and_return)
{
    build_with("aarch64-linux-gnu-gcc", "sig64", "c", signal_program, "");
    RunResult r = run("sig64", false);
    cr_assert_str_eq(r.out, "20 0x20 3 12345\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 128 + 10, "default action of SIGUSR1 kills: %s", r.err);
}

/* A stand-in compiler: "compiles" a block by preparing it for the interpreter and hands
 * back one of a fixed set of functions (RtCompiledFn carries no closure), which counts
 * what it ran as compiled; once its slots are used up it refuses (a compile failure).
 * Exercises the tier thread, result installation, failures and stats. */
enum { FAKE_SLOTS = 64 };
typedef struct FakeCompiler {
    IRBlock *ir[FAKE_SLOTS];
    InterpCode *code[FAKE_SLOTS];
    int used;
} FakeCompiler;
static FakeCompiler fake; /* test-only: the functions below have no other way to find it */

static void fake_run(int slot, RtCpu *cpu, RtExit *exit)
{
    RtCpuStats before = cpu->stats;
    interp_run(cpu, fake.code[slot], exit);
    cpu->stats.jit_insns += cpu->stats.interp_insns - before.interp_insns;
    cpu->stats.jit_blocks += cpu->stats.interp_blocks - before.interp_blocks;
    cpu->stats.interp_insns = before.interp_insns;
    cpu->stats.interp_blocks = before.interp_blocks;
}

#define FAKE_FN(i, j)                                                                              \
    static void fake_fn_##i##_##j(RtCpu *cpu, RtExit *exit)                                        \
    {                                                                                              \
        fake_run((i)*8 + (j), cpu, exit);                                                          \
    }
#define FAKE_FN8(i)                                                                                \
    FAKE_FN(i, 0)                                                                                  \
    FAKE_FN(i, 1)                                                                                  \
    FAKE_FN(i, 2) FAKE_FN(i, 3) FAKE_FN(i, 4) FAKE_FN(i, 5) FAKE_FN(i, 6) FAKE_FN(i, 7)
FAKE_FN8(0)
FAKE_FN8(1)
FAKE_FN8(2)
FAKE_FN8(3)
FAKE_FN8(4)
FAKE_FN8(5)
FAKE_FN8(6)
FAKE_FN8(7)
#define FAKE_REF8(i)                                                                               \
    fake_fn_##i##_0, fake_fn_##i##_1, fake_fn_##i##_2, fake_fn_##i##_3, fake_fn_##i##_4,           \
        fake_fn_##i##_5, fake_fn_##i##_6, fake_fn_##i##_7
    static void (*const fake_fns[FAKE_SLOTS])(RtCpu *, RtExit *) = {
        FAKE_REF8(0), FAKE_REF8(1), FAKE_REF8(2), FAKE_REF8(3),
        FAKE_REF8(4), FAKE_REF8(5), FAKE_REF8(6), FAKE_REF8(7)};

static FvpError *fake_compile(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                              RtCompiledFn *out, RtCompileStats *stats)
{
    FakeCompiler *fc = ctx;
    if (nblocks < 1 || fc->used == FAKE_SLOTS)
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "fake compiler: no free slot");
    int slot = fc->used++;
    fc->ir[slot] = ir_block_clone(blocks[0]);
    FvpError *err = interp_prepare(fc->ir[slot], &fc->code[slot]);
    if (err)
        return err;
    *out = (RtCompiledFn)fake_fns[slot]; /* rt_compiled_run passes C's registers too */
    stats->guest_insns = blocks[0]->guest_insns;
    return NULL;
}

static void fake_destroy(void *ctx)
{
    FakeCompiler *fc = ctx;
    for (int i = 0; i < fc->used; i++) {
        interp_code_free(fc->code[i]);
        ir_block_free(fc->ir[i]);
    }
    fc->used = 0;
}

Test(runtime_run, hot_blocks_go_to_the_compiler_and_run_compiled)
{
    build("loop", "c",
          "#include <stdio.h>\n"
          "int main(void) { unsigned long s = 0;\n"
          "  for (unsigned long i = 0; i < 200000; i++) s += (i * i) ^ (s >> 3);\n"
          "  printf(\"%lu\\n\", s); return 0; }\n",
          "");
    RunResult ref = run("loop", false);
    cr_assert_eq(ref.status, 0, "%s", ref.err);
    RtCompiler compiler = {.ctx = &fake, .compile = fake_compile, .destroy = fake_destroy};
    RtOptions opts = {.compiler = &compiler, .hot_threshold = 50};
    RunResult r = run_with("loop", &opts);
    cr_assert_eq(r.status, 0, "99 means nothing ran compiled; stderr: %s", r.err);
    cr_assert_str_eq(r.out, ref.out);
}

Test(runtime_run, threads_share_memory_and_join)
{
    build("threads", "c",
          "#include <pthread.h>\n#include <stdio.h>\n#include <stdatomic.h>\n"
          "static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER; static long sum;\n"
          "static atomic_long hits; static __thread long mine;\n"
          "static void *work(void *arg) { long id = (long)arg;\n"
          "  for (int i = 0; i < 20000; i++) { mine += id; atomic_fetch_add(&hits, 1);\n"
          "    pthread_mutex_lock(&m); sum += id; pthread_mutex_unlock(&m); }\n"
          "  return (void *)mine; }\n"
          "int main(void) { pthread_t t[4]; long total = 0;\n"
          "  for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, work, (void *)(i + 1));\n"
          "  for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); total += (long)r; }\n"
          "  printf(\"%ld %ld %ld\\n\", sum, (long)hits, total); return 0; }\n",
          "-pthread");
    RunResult r = run("threads", false);
    cr_assert_str_eq(r.out, "200000 80000 200000\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 0);
}

Test(runtime_run, a_thread_ends_the_process_while_main_waits)
{
    build("texit", "c",
          "#include <pthread.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
          "static void *work(void *arg) { (void)arg; usleep(20000); printf(\"worker\\n\");\n"
          "  fflush(stdout); exit(9); }\n"
          "int main(void) { pthread_t t; pthread_create(&t, 0, work, 0);\n"
          "  char c; read(0, &c, 1); pthread_join(t, 0); return 1; }\n",
          "-pthread");
    RunResult r = run("texit", false);
    cr_assert_str_eq(r.out, "worker\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 9, "stderr: %s", r.err);
}

Test(runtime_run, proc_self_maps_shows_the_guest)
{
    build("maps", "c",
          "#define _GNU_SOURCE\n#include <pthread.h>\n#include <stdio.h>\n#include <string.h>\n"
          "int main(void) { FILE *f = fopen(\"/proc/self/maps\", \"r\"); char line[512];\n"
          "  unsigned long me = (unsigned long)&main, a, b; int code = 0, stack = 0;\n"
          "  char perms[8];\n"
          "  while (f && fgets(line, sizeof line, f)) {\n"
          "    if (sscanf(line, \"%lx-%lx %7s\", &a, &b, perms) == 3 && a <= me && me < b)\n"
          "      code = !strcmp(perms, \"r-xp\") && strstr(line, \"/maps\") != 0;\n"
          "    stack |= strstr(line, \"[stack]\") != 0; }\n"
          "  pthread_attr_t at; void *sa; size_t ss; pthread_getattr_np(pthread_self(), &at);\n"
          "  pthread_attr_getstack(&at, &sa, &ss);\n"
          "  printf(\"%d %d %d\\n\", code, stack, ss >= (1u << 20)); return 0; }\n",
          "-pthread");
    RunResult r = run("maps", false);
    cr_assert_str_eq(r.out, "1 1 1\n", "stderr: %s", r.err);
}

Test(runtime_run, fork_wait_and_host_programs)
{
    build("fork", "c",
          "#include <stdio.h>\n#include <stdlib.h>\n#include <sys/wait.h>\n#include <unistd.h>\n"
          "int main(void) { fflush(stdout); pid_t pid = fork();\n"
          "  if (pid == 0) { printf(\"child\\n\"); fflush(stdout); _exit(3); }\n"
          "  int st; waitpid(pid, &st, 0); printf(\"child exited %d\\n\", WEXITSTATUS(st));\n"
          "  fflush(stdout); int r = system(\"exit 4\");\n"
          "  printf(\"system %d\\n\", WEXITSTATUS(r)); return 0; }\n",
          "");
    RunResult r = run("fork", false);
    cr_assert_str_eq(r.out, "child\nchild exited 3\nsystem 4\n", "stderr: %s", r.err);
    cr_assert_eq(r.status, 0);
}
