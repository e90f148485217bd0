/* System VM HTIF: riscv-tests' tohost/fromhost words (exit status, console, write proxy). */
#include <elf.h>
#include <string.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 *   tohost = device << 56 | command << 48 | payload (48 bits)
 *   device 0, command 0: payload odd  -> exit with status payload >> 1 (1 = pass)
 *                        payload even -> address of uint64_t magic[8] = {syscall, args...};
 *                                        write (64) to fd 1/2 is served, the result goes
 *                                        to magic[0]; fromhost = 1
 *   device 1, command 1: console putchar (payload & 0xff); fromhost = 1 << 56 | 1 << 48
 *                        | 0x100 | the byte (what QEMU's spike answers)
 * The guest's write of tohost's upper half (or of all 8 bytes) performs the command;
 * tohost then reads 0 again (the host took it).
 */
enum { VM_HTIF_SYS_WRITE = 64 };

void vm_htif_find_symbols(const uint8_t *img, size_t size, VmHtif *out)
{
    memset(out, 0, sizeof(*out));
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
    if (size < sizeof(*eh) || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size ||
        (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum)
        return;
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(img + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum ||
            sh[i].sh_entsize != sizeof(Elf64_Sym) || sh[i].sh_offset > size ||
            sh[i].sh_size > size - sh[i].sh_offset)
            continue;
        const Elf64_Shdr *strs = &sh[sh[i].sh_link];
        if (strs->sh_offset > size || strs->sh_size > size - strs->sh_offset)
            continue;
        const char *names = (const char *)img + strs->sh_offset;
        const Elf64_Sym *sym = (const Elf64_Sym *)(img + sh[i].sh_offset);
        for (size_t k = 0; k < sh[i].sh_size / sizeof(Elf64_Sym); k++) {
            if (sym[k].st_name >= strs->sh_size)
                continue;
            const char *name = names + sym[k].st_name;
            size_t room = strs->sh_size - sym[k].st_name;
            if (strnlen(name, room) == room)
                continue;
            if (!strcmp(name, "tohost"))
                out->tohost = sym[k].st_value;
            else if (!strcmp(name, "fromhost"))
                out->fromhost = sym[k].st_value;
        }
    }
    if (out->tohost & 7)
        memset(out, 0, sizeof(*out)); /* not a usable 64-bit word */
}

bool vm_htif_read(Vm *vm, uint64_t paddr, unsigned size, uint64_t *value)
{
    const uint8_t *p = vm_phys_ram(vm, paddr, size);
    if (!p)
        return false;
    *value = 0;
    memcpy(value, p, size);
    return true;
}

static void vm_htif_set_fromhost(Vm *vm, uint64_t v)
{
    uint64_t *p = vm->htif.fromhost ? (uint64_t *)vm_phys_ram(vm, vm->htif.fromhost, 8) : NULL;
    if (p)
        __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* The write proxy of the riscv-tests benchmarks' syscall(): only write to stdout/stderr. */
static void vm_htif_syscall(Vm *vm, uint64_t addr)
{
    uint64_t *magic = (uint64_t *)vm_phys_ram(vm, addr, 8 * 8);
    if (!magic)
        return;
    int64_t result = -38; /* -ENOSYS */
    if (magic[0] == VM_HTIF_SYS_WRITE && (magic[1] == 1 || magic[1] == 2)) {
        const uint8_t *buf = vm_phys_ram(vm, magic[2], magic[3]);
        if (buf) {
            pthread_mutex_lock(&vm->dev_lock);
            fwrite(buf, 1, magic[3], vm->uart.out);
            fflush(vm->uart.out);
            pthread_mutex_unlock(&vm->dev_lock);
            result = (int64_t)magic[3];
        } else {
            result = -14; /* -EFAULT */
        }
    }
    magic[0] = (uint64_t)result;
    vm_htif_set_fromhost(vm, 1);
}

static void vm_htif_command(Vm *vm, uint64_t v)
{
    unsigned device = (unsigned)(v >> 56), command = (unsigned)(v >> 48) & 0xff;
    uint64_t payload = v & ((1ull << 48) - 1);
    if (device == 0 && command == 0) {
        if (payload & 1) {
            vm_request_shutdown(vm, (int)(payload >> 1));
            return;
        }
        vm_htif_syscall(vm, payload);
    } else if (device == 1 && command == 1) {
        pthread_mutex_lock(&vm->dev_lock);
        fputc((int)(payload & 0xff), vm->uart.out);
        if ((payload & 0xff) == '\n')
            fflush(vm->uart.out);
        pthread_mutex_unlock(&vm->dev_lock);
        vm_htif_set_fromhost(vm, 1ull << 56 | 1ull << 48 | 0x100 | (payload & 0xff));
    }
}

bool vm_htif_write(Vm *vm, uint64_t paddr, unsigned size, uint64_t value)
{
    uint8_t *p = vm_phys_ram(vm, paddr, size);
    if (!p)
        return false;
    memcpy(p, &value, size);
    uint64_t to = vm->htif.tohost;
    if (paddr < to + 8 && paddr + size > to + 4) { /* the upper half of tohost written */
        uint64_t *word = (uint64_t *)vm_phys_ram(vm, to, 8);
        uint64_t cmd = __atomic_exchange_n(word, 0, __ATOMIC_ACQ_REL);
        if (cmd)
            vm_htif_command(vm, cmd);
    }
    return true;
}
