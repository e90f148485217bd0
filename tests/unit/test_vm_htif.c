/* Unit tests of the system VM's HTIF device: symbol lookup in an ELF, exit status, console
 * and the write proxy, and the tohost page staying out of the TLB for data. */
#include <criterion/criterion.h>
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "runtime/vm/vm_internal.h"

#define TOHOST (VM_RAM_BASE + 0x1000)
#define FROMHOST (VM_RAM_BASE + 0x1040)

static Vm *make_vm(FILE *console)
{
    VmConfig cfg = {.ram_bytes = 4ull << 20, .console_in_fd = -1, .console = console};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    vm->htif = (VmHtif){TOHOST, FROMHOST};
    return vm;
}

static uint64_t *ram64(Vm *vm, uint64_t paddr)
{
    return (uint64_t *)vm_phys_ram(vm, paddr, 8);
}

/* An ELF with only section headers: null, .symtab (null, tohost, fromhost, other), .strtab. */
Test(vm_htif, symbols_come_from_the_elf_symbol_table)
{
    static const char strtab[] = "\0tohost\0fromhost\0other";
    struct {
        Elf64_Ehdr eh;
        Elf64_Shdr sh[3];
        Elf64_Sym sym[4];
        char str[sizeof(strtab)];
    } img;
    memset(&img, 0, sizeof(img));
    img.eh.e_shoff = offsetof(typeof(img), sh);
    img.eh.e_shentsize = sizeof(Elf64_Shdr);
    img.eh.e_shnum = 3;
    img.sh[1] = (Elf64_Shdr){.sh_type = SHT_SYMTAB, .sh_link = 2,
                             .sh_offset = offsetof(typeof(img), sym),
                             .sh_size = sizeof(img.sym), .sh_entsize = sizeof(Elf64_Sym)};
    img.sh[2] = (Elf64_Shdr){.sh_type = SHT_STRTAB, .sh_offset = offsetof(typeof(img), str),
                             .sh_size = sizeof(strtab)};
    img.sym[1] = (Elf64_Sym){.st_name = 1, .st_value = 0x80001000};
    img.sym[2] = (Elf64_Sym){.st_name = 8, .st_value = 0x80001040};
    img.sym[3] = (Elf64_Sym){.st_name = 17, .st_value = 0x80002000};
    memcpy(img.str, strtab, sizeof(strtab));
    VmHtif h;
    vm_htif_find_symbols((const uint8_t *)&img, sizeof(img), &h);
    cr_assert_eq(h.tohost, 0x80001000);
    cr_assert_eq(h.fromhost, 0x80001040);
    /* A misaligned tohost is unusable: no HTIF. */
    img.sym[1].st_value = 0x80001004;
    vm_htif_find_symbols((const uint8_t *)&img, sizeof(img), &h);
    cr_assert_eq(h.tohost, 0);
    /* Truncated section headers are ignored, not read past the end. */
    vm_htif_find_symbols((const uint8_t *)&img, sizeof(Elf64_Ehdr) + 8, &h);
    cr_assert_eq(h.tohost, 0);
}

Test(vm_htif, odd_tohost_value_is_the_exit_status)
{
    Vm *vm = make_vm(NULL);
    cr_assert(vm_htif_write(vm, TOHOST, 8, (7u << 1) | 1));
    cr_assert_eq(vm->shutdown, 1);
    cr_assert_eq(vm->exit_status, 7);
    cr_assert_eq(*ram64(vm, TOHOST), 0); /* taken by the host */
    vm_destroy(vm);
}

Test(vm_htif, console_and_write_proxy_answer_in_fromhost)
{
    char *out = NULL;
    size_t len = 0;
    FILE *console = open_memstream(&out, &len);
    Vm *vm = make_vm(console);
    /* Console putchar, written as two 32-bit halves (the upper half performs it). */
    uint64_t cmd = 1ull << 56 | 1ull << 48 | 'x';
    cr_assert(vm_htif_write(vm, TOHOST, 4, (uint32_t)cmd));
    cr_assert_eq(vm->shutdown, 0);
    cr_assert_eq(*ram64(vm, FROMHOST), 0); /* nothing happened on the lower half */
    cr_assert(vm_htif_write(vm, TOHOST + 4, 4, cmd >> 32));
    cr_assert_eq(*ram64(vm, FROMHOST), 1ull << 56 | 1ull << 48 | 0x100 | 'x');
    /* write(1, "hello", 5) through the syscall proxy. */
    uint64_t magic = VM_RAM_BASE + 0x2000, buf = VM_RAM_BASE + 0x3000;
    memcpy(vm_phys_ram(vm, buf, 5), "hello", 5);
    uint64_t args[4] = {64, 1, buf, 5};
    memcpy(vm_phys_ram(vm, magic, sizeof(args)), args, sizeof(args));
    *ram64(vm, FROMHOST) = 0;
    cr_assert(vm_htif_write(vm, TOHOST, 8, magic));
    cr_assert_eq(*ram64(vm, magic), 5);
    cr_assert_eq(*ram64(vm, FROMHOST), 1);
    /* An unknown syscall answers -ENOSYS. */
    *ram64(vm, magic) = 999;
    cr_assert(vm_htif_write(vm, TOHOST, 8, magic));
    cr_assert_eq((int64_t)*ram64(vm, magic), -38);
    cr_assert_eq(vm->shutdown, 0);
    vm_destroy(vm);
    fclose(console);
    cr_assert_eq(len, 6);
    cr_assert_eq(memcmp(out, "xhello", 6), 0);
    free(out);
}

Test(vm_htif, data_accesses_to_the_tohost_page_leave_the_tlb)
{
    Vm *vm = make_vm(NULL);
    VmHart *h = vm->harts[0];
    cr_assert(vm_is_device(vm, TOHOST + 0x800));
    cr_assert(!vm_is_device(vm, TOHOST + 0x1000));
    cr_assert_null(rt_tlb_translate(&h->cpu, TOHOST, 8, RT_ACCESS_WRITE));
    cr_assert_eq(h->fault_kind, VM_FAULT_MMIO);
    cr_assert_not_null(rt_tlb_translate(&h->cpu, TOHOST + 0x1000, 8, RT_ACCESS_WRITE));
    /* Code in that page is still fetched as RAM. */
    uint32_t insn;
    cr_assert_eq(vm_fetch_code(h, TOHOST + 0x100, &insn, 4), 4);
    vm_destroy(vm);
}
