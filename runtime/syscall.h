/* Linux syscalls for asm-generic guests: the name table and the structures FVP translates. */
#ifndef FVP_RUNTIME_SYSCALL_H
#define FVP_RUNTIME_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

/* Name of syscall nr ("write"), or NULL when asm-generic has no such number. */
const char *rt_syscall_name(uint64_t nr);
/* Number of arguments it takes (0 for unknown numbers). */
unsigned rt_syscall_nargs(uint64_t nr);
/* True when FVP implements it (the others return -ENOSYS with a one-time message). */
bool rt_syscall_supported(uint64_t nr);

/* struct stat of the asm-generic ABI (RISC-V 64, AArch64): 128 bytes, laid out unlike
 * x86-64's (st_mode before st_nlink, 32-bit st_nlink and st_blksize). */
typedef struct RtGuestStat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
} RtGuestStat;
_Static_assert(sizeof(RtGuestStat) == 128, "asm-generic struct stat is 128 bytes");

/* Converts the host's struct stat to the guest's layout. */
void rt_stat_to_guest(const struct stat *st, RtGuestStat *out);

#endif
