/* The initial stack: argc, argv, envp and auxv laid out as Linux's create_elf_tables does. */
#include <criterion/criterion.h>
#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/loader.h"

static RtMem mem;

static void setup(void)
{
    cr_assert_null(rt_mem_init(&mem, RT_GUEST_SPACE_SIZE));
}

static void teardown(void)
{
    rt_mem_destroy(&mem);
}

TestSuite(loader_stack, .init = setup, .fini = teardown);

static uint64_t word(uint64_t addr)
{
    uint64_t v;
    cr_assert_eq(rt_mem_read(&mem, addr, &v, 8), 0, "reading 0x%llx", (unsigned long long)addr);
    return v;
}

static const char *string_at(uint64_t addr)
{
    static char buf[256];
    cr_assert_geq(rt_mem_read_string(&mem, addr, buf, sizeof buf), 0);
    return buf;
}

/* Finds an auxv entry; returns whether it is present. */
static bool auxv_get(uint64_t auxv, uint64_t type, uint64_t *value)
{
    for (uint64_t p = auxv;; p += 16) {
        uint64_t t = word(p);
        if (t == type) {
            *value = word(p + 8);
            return true;
        }
        if (t == RT_AT_NULL)
            return false;
    }
}

static RtImage fake_image(void)
{
    RtImage img;
    memset(&img, 0, sizeof img);
    img.fe = fe_find_by_elf_machine(EM_RISCV);
    cr_assert_not_null(img.fe);
    img.entry = 0x10100;
    img.phdr_addr = 0x10040;
    img.phent = 56;
    img.phnum = 7;
    return img;
}

Test(loader_stack, argv_envp_auxv)
{
    RtImage img = fake_image();
    char *argv[] = {"./prog", "-x", "", NULL};
    char *envp[] = {"A=1", "PATH=/bin", NULL};
    RtStackArgs args = {.argc = 3, .argv = argv, .envp = envp, .execfn = "./prog"};
    for (int i = 0; i < 16; i++)
        args.random[i] = (uint8_t)(0xa0 + i);
    uint64_t sp = 0;
    cr_assert_null(rt_stack_build(&mem, &img, &args, &sp));
    cr_assert_eq(sp % 16, 0, "sp 0x%llx is 16-byte aligned", (unsigned long long)sp);
    const RtMapping *stack = rt_mem_find(&mem, sp);
    cr_assert_not_null(stack);
    cr_assert_eq(stack->kind, RT_MAPK_STACK);
    cr_assert_eq(stack->end, mem.limit - RT_STACK_TOP_GAP);
    cr_assert_eq(stack->end - stack->start, RT_STACK_SIZE);
    cr_assert_lt(mem.mmap_top, stack->start, "mmaps go below the stack");

    cr_assert_eq(word(sp), 3, "argc");
    cr_assert_str_eq(string_at(word(sp + 8)), "./prog");
    cr_assert_str_eq(string_at(word(sp + 16)), "-x");
    cr_assert_str_eq(string_at(word(sp + 24)), "");
    cr_assert_eq(word(sp + 32), 0, "argv ends with NULL");
    cr_assert_str_eq(string_at(word(sp + 40)), "A=1");
    cr_assert_str_eq(string_at(word(sp + 48)), "PATH=/bin");
    cr_assert_eq(word(sp + 56), 0, "envp ends with NULL");
    uint64_t auxv = sp + 64, v;

    struct {
        uint64_t type, value;
    } expect[] = {
        {RT_AT_PHDR, 0x10040},        {RT_AT_PHENT, 56},       {RT_AT_PHNUM, 7},
        {RT_AT_PAGESZ, 4096},         {RT_AT_BASE, 0},         {RT_AT_FLAGS, 0},
        {RT_AT_ENTRY, 0x10100},       {RT_AT_UID, getuid()},   {RT_AT_EUID, geteuid()},
        {RT_AT_GID, getgid()},        {RT_AT_EGID, getegid()}, {RT_AT_SECURE, 0},
        {RT_AT_HWCAP, img.fe->hwcap}, {RT_AT_CLKTCK, 100},
    };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        cr_assert(auxv_get(auxv, expect[i].type, &v), "AT_%llu present",
                  (unsigned long long)expect[i].type);
        cr_assert_eq(v, expect[i].value, "AT_%llu = 0x%llx", (unsigned long long)expect[i].type,
                     (unsigned long long)v);
    }
    cr_assert(auxv_get(auxv, RT_AT_RANDOM, &v));
    uint8_t rnd[16];
    cr_assert_eq(rt_mem_read(&mem, v, rnd, 16), 0);
    cr_assert_eq(memcmp(rnd, args.random, 16), 0);
    cr_assert(auxv_get(auxv, RT_AT_EXECFN, &v));
    cr_assert_str_eq(string_at(v), "./prog");
    if (img.fe->platform) {
        cr_assert(auxv_get(auxv, RT_AT_PLATFORM, &v));
        cr_assert_str_eq(string_at(v), img.fe->platform);
    } else {
        cr_assert_not(auxv_get(auxv, RT_AT_PLATFORM, &v));
    }
}

Test(loader_stack, program_headers_are_copied_when_not_loaded)
{
    RtImage img = fake_image();
    img.phdr_addr = 0;
    img.phnum = 2;
    Elf64_Phdr ph[2] = {{.p_type = PT_LOAD, .p_vaddr = 0x10000}, {.p_type = PT_TLS, .p_memsz = 8}};
    img.phdrs = ph;
    char *argv[] = {"p", NULL};
    char *envp[] = {NULL};
    RtStackArgs args = {.argc = 1, .argv = argv, .envp = envp, .execfn = "p"};
    uint64_t sp, v;
    cr_assert_null(rt_stack_build(&mem, &img, &args, &sp));
    cr_assert(auxv_get(sp + 8 * 4, RT_AT_PHDR, &v));
    cr_assert_neq(v, 0);
    Elf64_Phdr copy[2];
    cr_assert_eq(rt_mem_read(&mem, v, copy, sizeof copy), 0);
    cr_assert_eq(memcmp(copy, ph, sizeof ph), 0);
}

Test(loader_stack, oversized_arguments_are_refused)
{
    RtImage img = fake_image();
    size_t n = 3 << 20;
    char *big = malloc(n);
    memset(big, 'x', n - 1);
    big[n - 1] = '\0';
    char *argv[] = {"p", big, NULL};
    char *envp[] = {NULL};
    RtStackArgs args = {.argc = 2, .argv = argv, .envp = envp, .execfn = "p"};
    uint64_t sp;
    FvpError *err = rt_stack_build(&mem, &img, &args, &sp);
    cr_assert_not_null(err);
    char msg[200];
    fvp_error_format(err, msg, sizeof msg);
    cr_assert(strstr(msg, "Argument list too long"), "%s", msg);
    fvp_error_free(err);
    free(big);
}
