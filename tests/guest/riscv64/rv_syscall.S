/* Guest test, raw Linux syscalls: error returns (-ENOSYS, -EBADF, -EFAULT, -EINVAL) and basic results. */
#include "asm_test.h"

#define SYS_READ 63
#define SYS_PIPE2 59
#define SYS_CLOSE 57
#define SYS_GETPID 172
#define SYS_BRK 214
#define SYS_MMAP 222
#define SYS_MUNMAP 215
#define SYS_GETTID 178
#define SYS_UNAME 160

    .text
    .globl test_main
test_main:
    /* an unknown syscall number returns -ENOSYS and nothing else happens */
    li a7, 500
    ecall
    mv s0, a0
    CHECK unknown_syscall_enosys, s0, -38
    /* a closed descriptor: -EBADF */
    li a0, 99
    lla a1, msg
    li a2, 4
    li a7, SYS_WRITE
    ecall
    mv s0, a0
    CHECK write_bad_fd_ebadf, s0, -9
    li a0, 99
    li a7, SYS_CLOSE
    ecall
    mv s0, a0
    CHECK close_bad_fd_ebadf, s0, -9
    /* pointers the guest does not own: -EFAULT, never a host crash */
    li a0, 1
    li a1, 0x10
    li a2, 5
    li a7, SYS_WRITE
    ecall
    mv s0, a0
    CHECK write_from_null_page_efault, s0, -14
    li a0, 1
    li a1, -4096
    li a2, 5
    li a7, SYS_WRITE
    ecall
    mv s0, a0
    CHECK write_from_kernel_address_efault, s0, -14
    /* reading pipe data into an unmapped page: -EFAULT (data is waiting, so the kernel
       must copy; an empty stdin would legitimately return 0 before touching the buffer) */
    lla a0, pipefds
    li a1, 0
    li a7, SYS_PIPE2
    ecall
    mv s0, a0
    CHECK pipe2_ok, s0, 0
    lla t0, pipefds
    lw a0, 4(t0)
    lla a1, msg
    li a2, 6
    li a7, SYS_WRITE
    ecall
    lla t0, pipefds
    lw a0, 0(t0)
    li a1, 0x10
    li a2, 5
    li a7, SYS_READ
    ecall
    mv s0, a0
    CHECK read_into_null_page_efault, s0, -14
    /* a zero-length write succeeds */
    li a0, 1
    lla a1, msg
    li a2, 0
    li a7, SYS_WRITE
    ecall
    mv s0, a0
    CHECK zero_length_write, s0, 0
    /* a partial buffer: write(1, msg, 6) */
    li a0, 1
    lla a1, msg
    li a2, 6
    li a7, SYS_WRITE
    ecall
    mv s0, a0
    CHECK write_returns_length, s0, 6
    /* getpid and gettid agree in a single-threaded process */
    li a7, SYS_GETPID
    ecall
    mv s0, a0
    li a7, SYS_GETTID
    ecall
    sub s0, s0, a0
    CHECK gettid_is_getpid, s0, 0
    /* brk(0) reports the break; growing it by a page works and the page is zero */
    li a0, 0
    li a7, SYS_BRK
    ecall
    mv s1, a0
    li t0, 4096
    add a0, s1, t0
    li a7, SYS_BRK
    ecall
    sub s0, a0, s1
    CHECK brk_grows_one_page, s0, 4096
    ld s0, 0(s1)
    CHECK new_brk_memory_zero, s0, 0
    /* mmap with a bad length or flags: -EINVAL */
    li a0, 0
    li a1, 0
    li a2, 3
    li a3, 0x22
    li a4, -1
    li a5, 0
    li a7, SYS_MMAP
    ecall
    mv s0, a0
    CHECK mmap_zero_length_einval, s0, -22
    li a0, 0x1001
    li a1, 4096
    li a7, SYS_MUNMAP
    ecall
    mv s0, a0
    CHECK munmap_unaligned_einval, s0, -22
    /* uname machine field */
    lla a0, utsname
    li a7, SYS_UNAME
    ecall
    mv s0, a0
    CHECK uname_ok, s0, 0
    lla t0, utsname
    ld s0, 65 * 4(t0)
    CHECK uname_machine_riscv64, s0, 0x0034367663736972 /* "riscv64" */
    TEST_END

    .section .rodata
msg: .ascii "hello\n"
    .bss
    .balign 8
utsname: .skip 65 * 6
    .balign 8
pipefds: .skip 8
