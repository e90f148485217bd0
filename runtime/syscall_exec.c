/* New processes: fork-style clone on a host fork, wait4/waitid, execve of guest or host programs.
 */
#include "runtime/syscall_internal.h"

#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 *   clone without CLONE_THREAD (fork, vfork, posix_spawn)
 *       --> host fork(): the child fvp continues the calling guest thread with result 0
 *           (CLONE_VM|CLONE_VFORK is run as a plain fork: the child gets a copy)
 *   execve(path) --> a guest ELF of a known machine: exec fvp itself (RtOptions.exec_prefix
 *                    + --argv0) on it; anything else (host programs, #! scripts): the host
 *                    execve, as qemu-user does without binfmt_misc
 */

int64_t rt_process_fork(RtProcess *p, RtThread *t, uint64_t flags, uint64_t sp, uint64_t ptid,
                        uint64_t ctid)
{
    if (flags & ~(uint64_t)(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
                            CLONE_PARENT_SETTID | 0xff))
        return -EINVAL;
    pthread_mutex_lock(&p->lock);
    size_t live = p->live;
    /* Threads that already exited finish first: none may hold p->lock across the fork. */
    while (live == 1 && t == p->main && p->running)
        pthread_cond_wait(&p->changed, &p->lock);
    pthread_mutex_unlock(&p->lock);
    /* A host fork keeps only the calling thread: other guest threads (and the compiler
     * thread's locks) would be left half-alive in the child. */
    if (live != 1 || t != p->main) {
        fprintf(p->log, "fvp: fork with several guest threads is not supported (pc 0x%llx)\n",
                (unsigned long long)t->cpu.cur_pc);
        return -ENOSYS;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        /* The compiler thread did not survive the fork: the child interprets what is not
         * compiled yet, keeps what is, and never calls the compiler again. */
        p->tier.compiler = NULL;
        p->tier.started = false;
        p->forked = true;
        if (sp) /* vfork-style callers (posix_spawn) give the child its own stack */
            *(uint64_t *)((uint8_t *)t->state + p->fe->sp_offset) = sp;
        t->tid = gettid();
        p->main_host = pthread_self();
        if (flags & CLONE_CHILD_SETTID)
            rt_mem_write(&p->mem, ctid, &t->tid, 4);
        if (flags & CLONE_CHILD_CLEARTID)
            t->clear_child_tid = ctid;
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID)
        rt_mem_write(&p->mem, ptid, &pid, 4);
    return pid;
}

int64_t sys_wait4(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* int status and struct rusage have the same layout in both ABIs */
    void *status = a[1] ? rt_g2h(p, a[1], 4) : NULL;
    void *ru = a[3] ? rt_g2h(p, a[3], sizeof(struct rusage)) : NULL;
    if ((a[1] && !status) || (a[3] && !ru))
        return -EFAULT;
    return rt_host_result(syscall(SYS_wait4, rt_arg_int(a[0]), status, rt_arg_int(a[2]), ru));
}

int64_t sys_waitid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* siginfo_t (128 bytes, fields at the same offsets on 64-bit) and struct rusage */
    void *info = a[2] ? rt_g2h(p, a[2], 128) : NULL;
    void *ru = a[4] ? rt_g2h(p, a[4], sizeof(struct rusage)) : NULL;
    if ((a[2] && !info) || (a[4] && !ru))
        return -EFAULT;
    return rt_host_result(
        syscall(SYS_waitid, rt_arg_int(a[0]), rt_arg_int(a[1]), info, rt_arg_int(a[3]), ru));
}

static void free_string_array(char **v);

/* Reads a NULL-terminated guest array of guest strings into *out (malloc'ed, NULL-
 * terminated, strings malloc'ed). Returns 0 or -errno. */
static int64_t read_string_array(RtProcess *p, uint64_t addr, char ***out)
{
    size_t n = 0, cap = 0;
    char **v = NULL;
    int64_t r = 0;
    for (;; n++) {
        FVP_GROW(v, cap, n + 1);
        v[n] = NULL;
        uint64_t ptr = 0;
        if (addr && rt_mem_read(&p->mem, addr + 8 * n, &ptr, 8)) {
            r = -EFAULT;
            break;
        }
        if (!addr || !ptr)
            break;
        char buf[PATH_MAX * 4];
        int64_t len = n < 65536 ? rt_mem_read_string(&p->mem, ptr, buf, sizeof buf) : -E2BIG;
        if (len < 0) {
            r = len == -ENAMETOOLONG ? -E2BIG : len;
            break;
        }
        v[n] = fvp_xstrdup(buf);
    }
    if (r) {
        free_string_array(v);
        return r;
    }
    *out = v;
    return 0;
}

static void free_string_array(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* True when path is an ELF file one of FVP's frontends runs. */
static bool is_guest_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    Elf64_Ehdr eh;
    ssize_t n = read(fd, &eh, sizeof eh);
    close(fd);
    return n == (ssize_t)sizeof eh && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
           fe_find_by_elf_machine(eh.e_machine) != NULL;
}

int64_t sys_execve(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[0], path);
    if (r)
        return r;
    char **argv = NULL, **envp = NULL;
    if ((r = read_string_array(p, a[1], &argv)) || (r = read_string_array(p, a[2], &envp))) {
        free_string_array(argv);
        return r;
    }
    fflush(NULL);
    if (is_guest_elf(path) && p->opts.exec_prefix) {
        /* fvp [options] --argv0=ARGV0 PATH ARGV[1..] */
        size_t nprefix = 0, nargs = 0;
        while (p->opts.exec_prefix[nprefix])
            nprefix++;
        while (argv[nargs])
            nargs++;
        char **host = fvp_xcalloc(nprefix + nargs + 3, sizeof(*host));
        size_t k = 0;
        for (size_t i = 0; i < nprefix; i++)
            host[k++] = (char *)p->opts.exec_prefix[i];
        char *argv0 = NULL;
        if (asprintf(&argv0, "--argv0=%s", nargs ? argv[0] : path) < 0)
            argv0 = NULL;
        host[k++] = argv0 ? argv0 : "--argv0=";
        host[k++] = path;
        for (size_t i = 1; i < nargs; i++)
            host[k++] = argv[i];
        host[k] = NULL;
        execve(host[0], host, envp);
        r = -errno;
        free(argv0);
        free(host);
    } else {
        execve(path, argv, envp);
        r = -errno;
    }
    free_string_array(argv);
    free_string_array(envp);
    return r;
}
