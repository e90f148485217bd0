/* Syscall tables and structure translation: names match asm-generic, struct stat matches its ABI.
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/syscall.h"

Test(runtime_syscall, names_and_arguments)
{
    struct {
        unsigned nr;
        const char *name;
        unsigned nargs;
        bool supported;
    } cases[] = {
        {63, "read", 3, true},           {64, "write", 3, true},
        {56, "openat", 4, true},         {79, "newfstatat", 4, true},
        {80, "fstat", 2, true},          {93, "exit", 1, true},
        {94, "exit_group", 1, true},     {222, "mmap", 6, true},
        {214, "brk", 1, true},           {291, "statx", 5, true},
        {258, "riscv_hwprobe", 5, true}, {259, "riscv_flush_icache", 3, true},
        {220, "clone", 5, true},         {221, "execve", 3, true},
        {198, "socket", 3, false},       {0, "io_setup", 2, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_str_eq(rt_syscall_name(cases[i].nr), cases[i].name);
        cr_assert_eq(rt_syscall_nargs(cases[i].nr), cases[i].nargs, "%s", cases[i].name);
        cr_assert_eq(rt_syscall_supported(cases[i].nr), cases[i].supported, "%s", cases[i].name);
    }
    cr_assert_null(rt_syscall_name(244), "arch_specific_syscall base is not a call");
    cr_assert_null(rt_syscall_name(403), "32-bit time64 calls do not exist on 64-bit");
    cr_assert_null(rt_syscall_name(100000));
    cr_assert_not(rt_syscall_supported(UINT64_MAX));
}

/* Every number the RISC-V cross headers define carries the same name in the table. */
Test(runtime_syscall, table_matches_the_cross_headers)
{
    FILE *f = fopen("/usr/riscv64-linux-gnu/include/asm-generic/unistd.h", "r");
    if (!f)
        cr_skip_test("linux-libc-dev-riscv64-cross is not installed");
    char line[256], name[64];
    unsigned nr, checked = 0;
    while (fgets(line, sizeof line, f)) {
        bool is3264 = sscanf(line, "#define __NR3264_%63s %u", name, &nr) == 2;
        if (!is3264 && sscanf(line, "#define __NR_%63s %u", name, &nr) != 2)
            continue;
        if ((nr >= 403 && nr <= 423) || !strcmp(name, "syscalls") ||
            !strcmp(name, "arch_specific_syscall") || !strcmp(name, "sync_file_range2"))
            continue; /* 32-bit only, not a call, or another architecture's variant */
        if (is3264 && !strcmp(name, "fstatat"))
            strcpy(name, "newfstatat");
        const char *got = rt_syscall_name(nr);
        cr_assert_not_null(got, "syscall %u (%s) missing", nr, name);
        cr_assert_str_eq(got, name, "syscall %u", nr);
        checked++;
    }
    fclose(f);
    cr_assert_gt(checked, 280, "only %u numbers found", checked);
}

Test(runtime_syscall, guest_stat_layout_is_asm_generic)
{
    /* include/uapi/asm-generic/stat.h for 64-bit */
    cr_assert_eq(offsetof(RtGuestStat, st_dev), 0);
    cr_assert_eq(offsetof(RtGuestStat, st_ino), 8);
    cr_assert_eq(offsetof(RtGuestStat, st_mode), 16);
    cr_assert_eq(offsetof(RtGuestStat, st_nlink), 20);
    cr_assert_eq(offsetof(RtGuestStat, st_uid), 24);
    cr_assert_eq(offsetof(RtGuestStat, st_gid), 28);
    cr_assert_eq(offsetof(RtGuestStat, st_rdev), 32);
    cr_assert_eq(offsetof(RtGuestStat, st_size), 48);
    cr_assert_eq(offsetof(RtGuestStat, st_blksize), 56);
    cr_assert_eq(offsetof(RtGuestStat, st_blocks), 64);
    cr_assert_eq(offsetof(RtGuestStat, st_atime_sec), 72);
    cr_assert_eq(offsetof(RtGuestStat, st_mtime_sec), 88);
    cr_assert_eq(offsetof(RtGuestStat, st_ctime_nsec), 112);
}

Test(runtime_syscall, stat_translation_moves_every_field)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x801;
    st.st_ino = 123456789;
    st.st_mode = S_IFREG | 0644;
    st.st_nlink = 3;
    st.st_uid = 1000;
    st.st_gid = 100;
    st.st_rdev = 0x1234;
    st.st_size = 0x123456789;
    st.st_blksize = 4096;
    st.st_blocks = 99;
    st.st_atim.tv_sec = 1700000000;
    st.st_atim.tv_nsec = 1;
    st.st_mtim.tv_sec = 1700000001;
    st.st_mtim.tv_nsec = 2;
    st.st_ctim.tv_sec = 1700000002;
    st.st_ctim.tv_nsec = 999999999;
    RtGuestStat g;
    memset(&g, 0xee, sizeof g);
    rt_stat_to_guest(&st, &g);
    cr_assert_eq(g.st_dev, 0x801);
    cr_assert_eq(g.st_ino, 123456789);
    cr_assert_eq(g.st_mode, S_IFREG | 0644);
    cr_assert_eq(g.st_nlink, 3);
    cr_assert_eq(g.st_uid, 1000);
    cr_assert_eq(g.st_gid, 100);
    cr_assert_eq(g.st_rdev, 0x1234);
    cr_assert_eq(g.pad1, 0);
    cr_assert_eq(g.st_size, 0x123456789);
    cr_assert_eq(g.st_blksize, 4096);
    cr_assert_eq(g.pad2, 0);
    cr_assert_eq(g.st_blocks, 99);
    cr_assert_eq(g.st_atime_sec, 1700000000);
    cr_assert_eq(g.st_atime_nsec, 1);
    cr_assert_eq(g.st_mtime_sec, 1700000001);
    cr_assert_eq(g.st_mtime_nsec, 2);
    cr_assert_eq(g.st_ctime_sec, 1700000002);
    cr_assert_eq(g.st_ctime_nsec, 999999999);
    cr_assert_eq(g.unused4, 0);
    cr_assert_eq(g.unused5, 0);
}
