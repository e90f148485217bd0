/* Guest test: process and system queries whose answers are deterministic (no ids or times printed). */
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "guest_util.h"

int main(void)
{
    GuestChecks c = {0};
    struct utsname u;
    guest_check_u64(&c, "uname ok", (uint64_t)uname(&u), 0);
    printf("sysname %s machine %s\n", u.sysname, u.machine);
    pid_t pid = getpid();
    guest_check_u64(&c, "getpid stable", (uint64_t)(getpid() == pid), 1);
    guest_check_u64(&c, "getpid positive", (uint64_t)(pid > 0), 1);
    guest_check_u64(&c, "getppid positive", (uint64_t)(getppid() > 0), 1);
    guest_check_u64(&c, "uid matches euid", (uint64_t)(getuid() == geteuid()), 1);
    guest_check_u64(&c, "gid matches egid", (uint64_t)(getgid() == getegid()), 1);
    printf("page size %ld\n", sysconf(_SC_PAGESIZE));
    struct rlimit rl;
    guest_check_u64(&c, "getrlimit ok", (uint64_t)getrlimit(RLIMIT_NOFILE, &rl), 0);
    guest_check_u64(&c, "nofile limit sane", (uint64_t)(rl.rlim_cur >= 3), 1);
    unsigned char rnd[64];
    guest_check_u64(&c, "getrandom fills", (uint64_t)getrandom(rnd, sizeof rnd, 0), sizeof rnd);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    guest_check_u64(&c, "readlink /proc/self/exe", (uint64_t)(n > 0), 1);
    if (n > 0) {
        exe[n] = 0;
        const char *slash = strrchr(exe, '/');
        printf("/proc/self/exe ends with: %s\n", slash ? slash + 1 : exe);
    }
    char cwd[4096];
    guest_check_u64(&c, "getcwd", (uint64_t)(getcwd(cwd, sizeof cwd) != NULL), 1);
    guest_check_u64(&c, "isatty(0) is false under the harness", (uint64_t)isatty(0), 0);
    return guest_checks_exit(&c);
}
