/* System VM lifecycle: create the machine, load a kernel image, run the harts, tear down. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/interp.h"
#include "runtime/vm/vm_internal.h"

enum { VM_DEFAULT_TLB_ENTRIES = 256, VM_TLB_WAYS = 4 };

static FvpError *vm_hart_create(Vm *vm, unsigned id, VmHart **out)
{
    VmHart *h = calloc(1, sizeof(*h));
    if (!h)
        return fvp_error_new(FVP_ERR_NOMEM, "allocating hart %u", id);
    h->vm = vm;
    h->id = id;
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->cond, NULL);
    unsigned entries = vm->config.tlb_entries ? vm->config.tlb_entries : VM_DEFAULT_TLB_ENTRIES;
    for (unsigned p = 0; p < 4; p++) {
        u64map_init(&h->mode[p].blocks);
        if (p == 2)
            continue;
        FvpError *err = vm_tlb_init(&h->mode[p].tlb, entries, FVP_MIN(VM_TLB_WAYS, entries));
        if (err) {
            for (unsigned q = 0; q < p; q++)
                vm_tlb_fini(&h->mode[q].tlb);
            pthread_mutex_destroy(&h->lock);
            pthread_cond_destroy(&h->cond);
            free(h);
            return fvp_error_wrap(err, "creating hart %u", id);
        }
        h->mode[p].tlb.priv = p;
        h->mode[p].tlb.hart = h;
    }
    /* No flat window: every access goes through the TLB (rt_mem_access). */
    h->cpu.state = &h->state;
    h->cpu.mem_base = NULL;
    h->cpu.mem_limit = 0;
    h->state.hdr.fp_round = IR_RM_RNE;
    h->state.reserve_addr = RV_NO_RESERVATION;
    h->priv = VM_PRIV_M;
    h->mstatus = VM_MSTATUS_FS; /* FP usable from reset (it is never switched off here) */
    vm_hart_select_tlb(h);
    *out = h;
    return NULL;
}

static void vm_hart_destroy(VmHart *h)
{
    if (!h)
        return;
    vm_hart_flush(h);
    for (unsigned p = 0; p < 4; p++) {
        u64map_free(&h->mode[p].blocks);
        if (p != 2)
            vm_tlb_fini(&h->mode[p].tlb);
    }
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->cond);
    free(h);
}

FvpError *vm_create(const VmConfig *config, Vm **out)
{
    *out = NULL;
    VmConfig cfg = *config;
    if (!cfg.ram_bytes)
        cfg.ram_bytes = 128ull << 20;
    if (!cfg.harts)
        cfg.harts = 1;
    if (cfg.harts > VM_MAX_HARTS)
        return fvp_error_new(FVP_ERR_USAGE, "%u harts requested, at most %d supported",
                             cfg.harts, VM_MAX_HARTS);
    if (cfg.ram_bytes % VM_PAGE_SIZE || cfg.ram_bytes < (1ull << 20) ||
        cfg.ram_bytes > (64ull << 30))
        return fvp_error_new(FVP_ERR_USAGE,
                             "guest RAM of %llu bytes: need a multiple of 4 KiB, 1 MiB..64 GiB",
                             (unsigned long long)cfg.ram_bytes);
    Vm *vm = calloc(1, sizeof(*vm));
    if (!vm)
        return fvp_error_new(FVP_ERR_NOMEM, "allocating the VM");
    vm->config = cfg;
    vm->fe = fe_find_by_name("riscv64");
    fvp_assert(vm->fe);
    vm->ram_bytes = cfg.ram_bytes;
    vm->nharts = cfg.harts;
    pthread_mutex_init(&vm->dev_lock, NULL);
    FvpError *err = NULL;
    void *ram = mmap(NULL, cfg.ram_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (ram == MAP_FAILED) {
        err = fvp_error_errno(errno, "mapping %llu bytes of guest RAM",
                              (unsigned long long)cfg.ram_bytes);
        goto fail;
    }
    vm->ram = ram;
    vm_dev_init(vm);
    for (unsigned i = 0; i < vm->nharts; i++)
        if ((err = vm_hart_create(vm, i, &vm->harts[i])))
            goto fail;
    if (cfg.disk_path && (err = vm_blk_create(vm, cfg.disk_path, &vm->blk)))
        goto fail;
    *out = vm;
    return NULL;
fail:
    vm_destroy(vm);
    return fvp_error_wrap(err, "creating the VM");
}

/* Loads the PT_LOAD segments of an ELF64 RISC-V image by physical address. */
static FvpError *vm_load_elf(Vm *vm, const uint8_t *img, size_t size)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
    if (size < sizeof(*eh) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fvp_error_new(FVP_ERR_FORMAT, "not a little-endian ELF64 file");
    if (eh->e_machine != EM_RISCV)
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "ELF machine %u is not RISC-V",
                             eh->e_machine);
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
        (size - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
        return fvp_error_new(FVP_ERR_FORMAT, "truncated program headers");
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
    unsigned loaded = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
            continue;
        if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
            ph[i].p_filesz > size - ph[i].p_offset)
            return fvp_error_new(FVP_ERR_FORMAT, "segment %u lies outside the file", i);
        uint8_t *dst = vm_phys_ram(vm, ph[i].p_paddr, ph[i].p_memsz);
        if (!dst)
            return fvp_error_new(FVP_ERR_FORMAT,
                                 "segment %u (0x%llx bytes at physical 0x%llx) is outside RAM",
                                 i, (unsigned long long)ph[i].p_memsz,
                                 (unsigned long long)ph[i].p_paddr);
        memcpy(dst, img + ph[i].p_offset, ph[i].p_filesz);
        memset(dst + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
        loaded++;
    }
    if (!loaded)
        return fvp_error_new(FVP_ERR_FORMAT, "no loadable segments");
    vm->entry = eh->e_entry;
    return NULL;
}

static FvpError *vm_read_file(const char *path, uint8_t **out, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fvp_error_errno(errno, "opening %s", path);
    struct stat st;
    FvpError *err = NULL;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) < 0) {
        err = fvp_error_errno(errno, "reading %s", path);
        goto out;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        err = fvp_error_new(FVP_ERR_NOMEM, "reading %s", path);
        goto out;
    }
    size_t done = 0;
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
        if (n <= 0) {
            err = n < 0 ? fvp_error_errno(errno, "reading %s", path)
                        : fvp_error_new(FVP_ERR_IO, "reading %s: file shrank", path);
            free(buf);
            buf = NULL;
            goto out;
        }
        done += (size_t)n;
    }
    *out = buf;
    *len = done;
out:
    close(fd);
    return err;
}

FvpError *vm_load_kernel(Vm *vm, const char *path)
{
    uint8_t *img = NULL;
    size_t size = 0;
    FvpError *err = vm_read_file(path, &img, &size);
    if (err)
        return fvp_error_wrap(err, "loading the kernel");
    if (size >= 4 && !memcmp(img, ELFMAG, SELFMAG)) {
        err = vm_load_elf(vm, img, size);
    } else {
        vm->entry = VM_RAM_BASE;
        err = vm_phys_write(vm, VM_RAM_BASE, img, size);
    }
    free(img);
    if (err)
        return fvp_error_wrap(err, "loading the kernel %s", path);
    uint8_t *fdt;
    size_t fdt_len;
    if ((err = vm_fdt_build(vm, &fdt, &fdt_len)))
        return fvp_error_wrap(err, "building the device tree");
    vm->fdt_addr = (VM_RAM_BASE + vm->ram_bytes - fdt_len) & ~0xfffull;
    err = vm_phys_write(vm, vm->fdt_addr, fdt, fdt_len);
    free(fdt);
    if (err)
        return fvp_error_wrap(err, "placing the device tree");
    for (unsigned i = 0; i < vm->nharts; i++) {
        VmHart *h = vm->harts[i];
        h->state.hdr.pc = vm->entry;
        h->state.x[RV_REG_A0] = i;
        h->state.x[RV_REG_A0 + 1] = vm->fdt_addr;
    }
    return NULL;
}

FvpError *vm_run(Vm *vm, int *exit_status)
{
    unsigned started = 0;
    FvpError *err = NULL;
    for (; started < vm->nharts; started++) {
        int rc = pthread_create(&vm->harts[started]->thread, NULL, vm_hart_main,
                                vm->harts[started]);
        if (rc) {
            err = fvp_error_errno(rc, "starting the thread of hart %u", started);
            vm_request_shutdown(vm, -1);
            break;
        }
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(vm->harts[i]->thread, NULL);
    fflush(vm->uart.out);
    if (!err && vm->error) {
        err = vm->error;
        vm->error = NULL;
    }
    if (err)
        return fvp_error_wrap(err, "running the VM");
    *exit_status = vm->exit_status;
    return NULL;
}

uint64_t vm_guest_insns(const Vm *vm)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < vm->nharts; i++)
        n += vm->harts[i]->cpu.stats.interp_insns + vm->harts[i]->cpu.stats.jit_insns;
    return n;
}

void vm_destroy(Vm *vm)
{
    if (!vm)
        return;
    if (vm->blk)
        vm_blk_destroy(vm->blk);
    for (unsigned i = 0; i < vm->nharts; i++)
        vm_hart_destroy(vm->harts[i]);
    if (vm->ram) {
        vm_dev_fini(vm);
        munmap(vm->ram, vm->ram_bytes);
    }
    fvp_error_free(vm->error);
    pthread_mutex_destroy(&vm->dev_lock);
    free(vm);
}
