/* File and descriptor syscalls: guest fds are host fds, paths are read as guest strings. */
#include "runtime/syscall_internal.h"

#include <fcntl.h>
#include <linux/stat.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

/* ---- Structure translation ----------------------------------------------------------------- */

void rt_stat_to_guest(const struct stat *st, RtGuestStat *out)
{
    memset(out, 0, sizeof(*out));
    out->st_dev = st->st_dev;
    out->st_ino = st->st_ino;
    out->st_mode = st->st_mode;
    out->st_nlink = (uint32_t)st->st_nlink;
    out->st_uid = st->st_uid;
    out->st_gid = st->st_gid;
    out->st_rdev = st->st_rdev;
    out->st_size = st->st_size;
    out->st_blksize = (int32_t)st->st_blksize;
    out->st_blocks = st->st_blocks;
    out->st_atime_sec = st->st_atim.tv_sec;
    out->st_atime_nsec = (uint64_t)st->st_atim.tv_nsec;
    out->st_mtime_sec = st->st_mtim.tv_sec;
    out->st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec;
    out->st_ctime_sec = st->st_ctim.tv_sec;
    out->st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec;
}

static int64_t put_stat(RtProcess *p, uint64_t addr, const struct stat *st)
{
    RtGuestStat g;
    rt_stat_to_guest(st, &g);
    return rt_mem_write(&p->mem, addr, &g, sizeof g);
}

/* AArch64 numbers four open flags differently from x86-64 and RISC-V. */
static const struct {
    int arm64, host;
} arm64_oflags[] = {
    {040000, O_DIRECTORY},
    {0100000, O_NOFOLLOW},
    {0200000, O_DIRECT},
    {0400000, 0100000},
};

static int oflags_to_host(const RtProcess *p, uint64_t guest)
{
    int f = (int)guest;
    if (!p->abi.arm64_oflags)
        return f;
    int moved = 0, out = f;
    for (size_t i = 0; i < sizeof arm64_oflags / sizeof arm64_oflags[0]; i++)
        moved |= arm64_oflags[i].arm64 | arm64_oflags[i].host;
    out &= ~moved;
    for (size_t i = 0; i < sizeof arm64_oflags / sizeof arm64_oflags[0]; i++)
        if (f & arm64_oflags[i].arm64)
            out |= arm64_oflags[i].host;
    return out;
}

static int oflags_to_guest(const RtProcess *p, int host)
{
    if (!p->abi.arm64_oflags)
        return host;
    int moved = 0, out = host;
    for (size_t i = 0; i < sizeof arm64_oflags / sizeof arm64_oflags[0]; i++)
        moved |= arm64_oflags[i].arm64 | arm64_oflags[i].host;
    out &= ~moved;
    for (size_t i = 0; i < sizeof arm64_oflags / sizeof arm64_oflags[0]; i++)
        if (host & arm64_oflags[i].host)
            out |= arm64_oflags[i].arm64;
    return out;
}

/* ---- Descriptors ---------------------------------------------------------------------------- */

/* True for "/proc/self/<what>", "/proc/thread-self/<what>" and "/proc/<our pid>/<what>". */
static bool is_own_proc_file(const char *path, const char *what)
{
    char mine[64];
    snprintf(mine, sizeof mine, "/proc/%d/%s", (int)getpid(), what);
    const char *rest = NULL;
    if (!strncmp(path, "/proc/self/", 11))
        rest = path + 11;
    else if (!strncmp(path, "/proc/thread-self/", 18))
        rest = path + 18;
    return (rest && !strcmp(rest, what)) || !strcmp(path, mine);
}

/* /proc/self/maps as the guest sees its address space: a memfd holding the guest's
 * mappings (the host's would show fvp itself). */
static int64_t open_guest_maps(RtProcess *p)
{
    int fd = memfd_create("fvp-guest-maps", MFD_CLOEXEC);
    if (fd < 0)
        return -errno;
    int copy = dup(fd);
    FILE *f = copy >= 0 ? fdopen(copy, "w") : NULL;
    if (!f) {
        int err = errno;
        if (copy >= 0)
            close(copy);
        close(fd);
        return -err;
    }
    rt_mem_print_maps(&p->mem, f, p->exe_path);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

int64_t sys_openat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    if (r)
        return r;
    if (is_own_proc_file(path, "maps"))
        return open_guest_maps(p);
    return rt_host_result(
        syscall(SYS_openat, rt_arg_int(a[0]), path, oflags_to_host(p, a[2]), (mode_t)a[3]));
}

int64_t sys_close(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(close(rt_arg_int(a[0])));
}

int64_t sys_dup(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(dup(rt_arg_int(a[0])));
}

int64_t sys_dup3(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(
        syscall(SYS_dup3, rt_arg_int(a[0]), rt_arg_int(a[1]), oflags_to_host(p, a[2])));
}

int64_t sys_pipe2(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (!rt_mem_check(&p->mem, a[0], 8, PROT_WRITE))
        return -EFAULT;
    int fds[2];
    if (pipe2(fds, oflags_to_host(p, a[1])))
        return -errno;
    return rt_mem_write(&p->mem, a[0], fds, sizeof fds);
}

int64_t sys_fcntl(RtProcess *p, RtThread *t, const uint64_t *a)
{
    int fd = rt_arg_int(a[0]), cmd = rt_arg_int(a[1]);
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return rt_host_result(fcntl(fd, cmd, rt_arg_int(a[2])));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : oflags_to_guest(p, r);
    }
    case F_SETFL:
        return rt_host_result(fcntl(fd, F_SETFL, oflags_to_host(p, a[2])));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
        /* struct flock has the same 32-byte layout in both ABIs. */
        void *fl = rt_g2h(p, a[2], sizeof(struct flock));
        return fl ? rt_host_result(fcntl(fd, cmd, fl)) : -EFAULT;
    }
    default:
        return -EINVAL;
    }
}

int64_t sys_ioctl(RtProcess *p, RtThread *t, const uint64_t *a)
{
    int fd = rt_arg_int(a[0]);
    unsigned cmd = (unsigned)a[1];
    /* Same request numbers and struct layouts (struct termios, winsize) in both ABIs. */
    switch (cmd) {
    case TCGETS: {
        void *t = rt_g2h(p, a[2], 36);
        return t ? rt_host_result(ioctl(fd, TCGETS, t)) : -EFAULT;
    }
    case TIOCGWINSZ: {
        void *w = rt_g2h(p, a[2], sizeof(struct winsize));
        return w ? rt_host_result(ioctl(fd, TIOCGWINSZ, w)) : -EFAULT;
    }
    default:
        return -ENOTTY;
    }
}

/* ---- Data ------------------------------------------------------------------------------------ */

int64_t sys_read(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[1], a[2]);
    return buf ? rt_host_result(read(rt_arg_int(a[0]), buf, a[2])) : -EFAULT;
}

int64_t sys_write(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[1], a[2]);
    return buf ? rt_host_result(write(rt_arg_int(a[0]), buf, a[2])) : -EFAULT;
}

int64_t sys_pread64(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[1], a[2]);
    return buf ? rt_host_result(pread(rt_arg_int(a[0]), buf, a[2], (off_t)a[3])) : -EFAULT;
}

int64_t sys_pwrite64(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[1], a[2]);
    return buf ? rt_host_result(pwrite(rt_arg_int(a[0]), buf, a[2], (off_t)a[3])) : -EFAULT;
}

/* Builds host iovecs from the guest's array (same 16-byte layout, guest addresses). */
static int64_t load_iovecs(RtProcess *p, uint64_t addr, uint64_t count, struct iovec *iov)
{
    if (count > IOV_MAX)
        return -EINVAL;
    uint64_t raw[2 * IOV_MAX];
    if (rt_mem_read(&p->mem, addr, raw, count * 16))
        return -EFAULT;
    for (uint64_t i = 0; i < count; i++) {
        iov[i].iov_base = rt_g2h(p, raw[2 * i], raw[2 * i + 1]);
        iov[i].iov_len = raw[2 * i + 1];
        if (!iov[i].iov_base)
            return -EFAULT;
    }
    return 0;
}

int64_t sys_readv(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct iovec iov[IOV_MAX];
    int64_t r = load_iovecs(p, a[1], a[2], iov);
    return r ? r : rt_host_result(readv(rt_arg_int(a[0]), iov, (int)a[2]));
}

int64_t sys_writev(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct iovec iov[IOV_MAX];
    int64_t r = load_iovecs(p, a[1], a[2], iov);
    return r ? r : rt_host_result(writev(rt_arg_int(a[0]), iov, (int)a[2]));
}

int64_t sys_lseek(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(lseek(rt_arg_int(a[0]), (off_t)a[1], rt_arg_int(a[2])));
}

int64_t sys_getdents64(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* struct linux_dirent64 is the same everywhere. */
    void *buf = rt_g2h(p, a[1], a[2]);
    return buf ? rt_host_result(syscall(SYS_getdents64, rt_arg_int(a[0]), buf, (size_t)a[2]))
               : -EFAULT;
}

int64_t sys_ppoll(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* struct pollfd, struct timespec and the 8-byte sigset match the host's. */
    void *fds = rt_g2h(p, a[0], a[1] * 8);
    void *ts = a[2] ? rt_g2h(p, a[2], 16) : NULL;
    void *mask = a[3] ? rt_g2h(p, a[3], 8) : NULL;
    if (!fds || (a[2] && !ts) || (a[3] && !mask))
        return -EFAULT;
    return rt_host_result(syscall(SYS_ppoll, fds, (unsigned long)a[1], ts, mask, (size_t)a[4]));
}

int64_t sys_fsync(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(fsync(rt_arg_int(a[0])));
}

int64_t sys_fdatasync(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(fdatasync(rt_arg_int(a[0])));
}

int64_t sys_ftruncate(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(ftruncate(rt_arg_int(a[0]), (off_t)a[1]));
}

/* ---- Metadata -------------------------------------------------------------------------------- */

int64_t sys_fstat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct stat st;
    if (fstat(rt_arg_int(a[0]), &st))
        return -errno;
    return put_stat(p, a[1], &st);
}

int64_t sys_newfstatat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    if (r)
        return r;
    struct stat st;
    if (fstatat(rt_arg_int(a[0]), path, &st, rt_arg_int(a[3])))
        return -errno;
    return put_stat(p, a[2], &st);
}

int64_t sys_statx(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    if (r)
        return r;
    struct statx stx; /* architecture-independent layout */
    if (syscall(SYS_statx, rt_arg_int(a[0]), path, rt_arg_int(a[2]), (unsigned)a[3], &stx))
        return -errno;
    return rt_mem_write(&p->mem, a[4], &stx, sizeof stx);
}

int64_t sys_fstatfs(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct statfs sf; /* all words: the same layout on 64-bit asm-generic and x86-64 */
    if (fstatfs(rt_arg_int(a[0]), &sf))
        return -errno;
    return rt_mem_write(&p->mem, a[1], &sf, sizeof sf);
}

int64_t sys_statfs(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[0], path);
    if (r)
        return r;
    struct statfs sf;
    if (statfs(path, &sf))
        return -errno;
    return rt_mem_write(&p->mem, a[1], &sf, sizeof sf);
}

int64_t sys_readlinkat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    if (r)
        return r;
    if ((int64_t)a[3] <= 0)
        return -EINVAL;
    void *buf = rt_g2h(p, a[2], a[3]);
    if (!buf)
        return -EFAULT;
    if (is_own_proc_file(path, "exe") && p->exe_path) {
        size_t n = FVP_MIN(strlen(p->exe_path), (size_t)a[3]);
        return rt_mem_write(&p->mem, a[2], p->exe_path, n) ? -EFAULT : (int64_t)n;
    }
    return rt_host_result(readlinkat(rt_arg_int(a[0]), path, buf, a[3]));
}

int64_t sys_faccessat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    return r ? r : rt_host_result(syscall(SYS_faccessat, rt_arg_int(a[0]), path, rt_arg_int(a[2])));
}

int64_t sys_faccessat2(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    return r ? r
             : rt_host_result(syscall(SYS_faccessat2, rt_arg_int(a[0]), path, rt_arg_int(a[2]),
                                      rt_arg_int(a[3])));
}

int64_t sys_utimensat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    const char *pp = NULL;
    if (a[1]) {
        int64_t r = rt_read_path(p, a[1], path);
        if (r)
            return r;
        pp = path;
    }
    void *times = a[2] ? rt_g2h(p, a[2], 32) : NULL;
    if (a[2] && !times)
        return -EFAULT;
    return rt_host_result(syscall(SYS_utimensat, rt_arg_int(a[0]), pp, times, rt_arg_int(a[3])));
}

int64_t sys_fchmod(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(fchmod(rt_arg_int(a[0]), (mode_t)a[1]));
}

int64_t sys_fchmodat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    return r ? r : rt_host_result(syscall(SYS_fchmodat, rt_arg_int(a[0]), path, (mode_t)a[2]));
}

int64_t sys_truncate(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[0], path);
    return r ? r : rt_host_result(truncate(path, (off_t)a[1]));
}

/* ---- Directories and names --------------------------------------------------------------------
 */

int64_t sys_getcwd(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[0], a[1]);
    return buf ? rt_host_result(syscall(SYS_getcwd, buf, (size_t)a[1])) : -EFAULT;
}

int64_t sys_chdir(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[0], path);
    return r ? r : rt_host_result(chdir(path));
}

int64_t sys_fchdir(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(fchdir(rt_arg_int(a[0])));
}

int64_t sys_mkdirat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    return r ? r : rt_host_result(mkdirat(rt_arg_int(a[0]), path, (mode_t)a[2]));
}

int64_t sys_unlinkat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], path);
    return r ? r : rt_host_result(unlinkat(rt_arg_int(a[0]), path, rt_arg_int(a[2])));
}

int64_t sys_symlinkat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char target[PATH_MAX], path[PATH_MAX];
    int64_t r = rt_read_path(p, a[0], target);
    if (!r)
        r = rt_read_path(p, a[2], path);
    return r ? r : rt_host_result(symlinkat(target, rt_arg_int(a[1]), path));
}

int64_t sys_linkat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char from[PATH_MAX], to[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], from);
    if (!r)
        r = rt_read_path(p, a[3], to);
    return r ? r
             : rt_host_result(
                   linkat(rt_arg_int(a[0]), from, rt_arg_int(a[2]), to, rt_arg_int(a[4])));
}

int64_t sys_renameat2(RtProcess *p, RtThread *t, const uint64_t *a)
{
    char from[PATH_MAX], to[PATH_MAX];
    int64_t r = rt_read_path(p, a[1], from);
    if (!r)
        r = rt_read_path(p, a[3], to);
    return r ? r
             : rt_host_result(syscall(SYS_renameat2, rt_arg_int(a[0]), from, rt_arg_int(a[2]), to,
                                      (unsigned)a[4]));
}

int64_t sys_renameat(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (!p->abi.renameat) /* RISC-V's Linux has only renameat2 */
        return -ENOSYS;
    uint64_t args[5] = {a[0], a[1], a[2], a[3], 0};
    return sys_renameat2(p, t, args);
}
