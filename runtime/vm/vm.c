/* System VM lifecycle: create the machine, load firmware and kernel images, run, tear down. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
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
    h->cpu.state = vm->arch == VM_ARCH_AARCH64 ? (void *)&h->a64 : (void *)&h->state;
    h->cpu.mem_base = NULL;
    h->cpu.mem_limit = 0;
    h->state.hdr.fp_round = IR_RM_RNE;
    h->state.reserve_addr = RV_NO_RESERVATION;
    h->priv = vm->arch == VM_ARCH_AARCH64 ? VM_PRIV_S : VM_PRIV_M;
    h->mstatus = VM_MSTATUS_FS; /* FP usable from reset (it is never switched off here) */
    h->stimecmp = UINT64_MAX;
    if (vm->config.compiler) /* compiled loops leave when the hart is kicked */
        h->cpu.exit_request = &h->wake_flag;
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
    vm->arch = cfg.arch;
    vm->fe = fe_find_by_name(cfg.arch == VM_ARCH_AARCH64 ? "aarch64" : "riscv64");
    fvp_assert(vm->fe);
    vm->ram_base = cfg.arch == VM_ARCH_AARCH64 ? VM_A64_RAM_BASE : VM_RAM_BASE;
    vm->ram_bytes = cfg.ram_bytes;
    vm->nharts = cfg.harts;
    pthread_mutex_init(&vm->dev_lock, NULL);
    pthread_mutex_init(&vm->timer_lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC); /* the clock of mtime */
    pthread_cond_init(&vm->timer_cond, &attr);
    pthread_condattr_destroy(&attr);
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

static unsigned vm_elf_machine(VmArch arch)
{
    return arch == VM_ARCH_AARCH64 ? EM_AARCH64 : EM_RISCV;
}

/* Loads the PT_LOAD segments of an ELF64 image for the machine by physical address;
 * *entry = e_entry, *low = the lowest physical address loaded. */
static FvpError *vm_load_elf(Vm *vm, const uint8_t *img, size_t size, uint64_t *entry,
                             uint64_t *low)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
    if (size < sizeof(*eh) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fvp_error_new(FVP_ERR_FORMAT, "not a little-endian ELF64 file");
    if (eh->e_machine != vm_elf_machine(vm->arch))
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "ELF machine %u is not %s", eh->e_machine,
                             vm->arch == VM_ARCH_AARCH64 ? "AArch64" : "RISC-V");
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
        (size - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
        return fvp_error_new(FVP_ERR_FORMAT, "truncated program headers");
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
    unsigned loaded = 0;
    *low = UINT64_MAX;
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
        *low = FVP_MIN(*low, (uint64_t)ph[i].p_paddr);
        loaded++;
    }
    if (!loaded)
        return fvp_error_new(FVP_ERR_FORMAT, "no loadable segments");
    *entry = eh->e_entry;
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

FvpError *vm_probe_arch(const char *path, VmArch *arch, bool *is_elf)
{
    uint8_t *img = NULL;
    size_t size = 0;
    FvpError *err = vm_read_file(path, &img, &size);
    if (err)
        return err;
    *is_elf = size >= sizeof(Elf64_Ehdr) && !memcmp(img, ELFMAG, SELFMAG);
    if (*is_elf) {
        unsigned machine = ((const Elf64_Ehdr *)img)->e_machine;
        if (machine == EM_RISCV)
            *arch = VM_ARCH_RISCV64;
        else if (machine == EM_AARCH64)
            *arch = VM_ARCH_AARCH64;
        else
            err = fvp_error_new(FVP_ERR_UNSUPPORTED,
                                "%s: ELF machine %u has no system VM (RISC-V or AArch64)", path,
                                machine);
    }
    free(img);
    return err;
}

/* OpenSBI's struct fw_dynamic_info (version 2), which QEMU hands to -bios firmware in a2. */
typedef struct VmFwDynamicInfo {
    uint64_t magic, version, next_addr, next_mode, options, boot_hart;
} VmFwDynamicInfo;
#define VM_FW_DYNAMIC_MAGIC 0x4942534full
#define VM_FW_NEXT_MODE_S 1ull

FvpError *vm_load_bios(Vm *vm, const char *path)
{
    if (vm->arch != VM_ARCH_RISCV64)
        return fvp_error_new(FVP_ERR_USAGE, "firmware (--bios) is for the RISC-V machine");
    uint8_t *img = NULL;
    size_t size = 0;
    FvpError *err = vm_read_file(path, &img, &size);
    if (err)
        return fvp_error_wrap(err, "loading the firmware");
    uint64_t low;
    if (size >= 4 && !memcmp(img, ELFMAG, SELFMAG)) {
        err = vm_load_elf(vm, img, size, &vm->bios_entry, &low);
    } else {
        vm->bios_entry = VM_RAM_BASE;
        err = vm_phys_write(vm, VM_RAM_BASE, img, size);
    }
    free(img);
    if (err)
        return fvp_error_wrap(err, "loading the firmware %s", path);
    vm->has_bios = true;
    return NULL;
}

/* Places the device tree at fdt_addr (computed by the caller from its size). */
static FvpError *vm_place_fdt(Vm *vm, uint64_t (*where)(const Vm *vm, size_t len, uint64_t low),
                              uint64_t low)
{
    uint8_t *fdt;
    size_t fdt_len;
    FvpError *err = vm_fdt_build(vm, &fdt, &fdt_len);
    if (err)
        return fvp_error_wrap(err, "building the device tree");
    vm->fdt_addr = where(vm, fdt_len, low);
    err = vm->fdt_addr ? vm_phys_write(vm, vm->fdt_addr, fdt, fdt_len) : NULL;
    free(fdt);
    return err ? fvp_error_wrap(err, "placing the device tree") : NULL;
}

/* RISC-V: at the top of RAM; with firmware 2 MiB aligned, as QEMU does, so the firmware
 * can grow the tree in place. */
static uint64_t vm_fdt_where_riscv(const Vm *vm, size_t len, uint64_t low)
{
    (void)low;
    uint64_t top = vm->ram_base + vm->ram_bytes;
    uint64_t align = vm->has_bios && vm->ram_bytes >= (8ull << 20) ? (2ull << 20) : 0x1000;
    return (top - len) & ~(align - 1);
}

/* AArch64 ELF: the start of RAM when it fits below the image (else none, as QEMU). */
static uint64_t vm_fdt_where_a64_elf(const Vm *vm, size_t len, uint64_t low)
{
    return low >= vm->ram_base + len ? vm->ram_base : 0;
}

/* AArch64 raw (Linux boot protocol): RAM + min(RAM / 2, 128 MiB), as QEMU. */
static uint64_t vm_fdt_where_a64_raw(const Vm *vm, size_t len, uint64_t low)
{
    (void)len;
    (void)low;
    return vm->ram_base + FVP_MIN(vm->ram_bytes / 2, 128ull << 20);
}

/* CPU 0 starts at the entry with x0; the others are off until PSCI CPU_ON (as QEMU's
 * virt board with PSCI). */
static void vm_arm_boot(Vm *vm, uint64_t x0)
{
    vm_arm_hart_reset(vm->harts[0], vm->entry, x0);
    for (unsigned i = 1; i < vm->nharts; i++) {
        vm_arm_hart_reset(vm->harts[i], vm->entry, 0);
        vm->harts[i]->arm_off = true;
    }
}

static FvpError *vm_load_kernel_a64(Vm *vm, const uint8_t *img, size_t size)
{
    FvpError *err;
    uint64_t low;
    if (size >= 4 && !memcmp(img, ELFMAG, SELFMAG)) {
        if ((err = vm_load_elf(vm, img, size, &vm->entry, &low)) ||
            (err = vm_place_fdt(vm, vm_fdt_where_a64_elf, low)))
            return err;
        vm_arm_boot(vm, 0);
        return NULL;
    }
    /* An arm64 Linux Image header ("ARM\x64" at 56) gives the load offset at 8. */
    uint64_t offset = 0x80000;
    uint32_t magic;
    if (size >= 64 && (memcpy(&magic, img + 56, 4), magic == 0x644d5241u))
        memcpy(&offset, img + 8, 8);
    vm->entry = vm->ram_base + offset;
    if ((err = vm_phys_write(vm, vm->entry, img, size)) ||
        (err = vm_place_fdt(vm, vm_fdt_where_a64_raw, 0)))
        return err;
    vm_arm_boot(vm, vm->fdt_addr);
    return NULL;
}

static FvpError *vm_load_kernel_riscv(Vm *vm, const uint8_t *img, size_t size)
{
    FvpError *err = NULL;
    uint64_t low, entry = vm->has_bios ? VM_RAM_BASE + VM_BIOS_PAYLOAD_OFFSET : VM_RAM_BASE;
    if (img && size >= 4 && !memcmp(img, ELFMAG, SELFMAG)) {
        err = vm_load_elf(vm, img, size, &entry, &low);
        if (!err && !vm->has_bios)
            vm_htif_find_symbols(img, size, &vm->htif);
    } else if (img) {
        err = vm_phys_write(vm, entry, img, size);
    }
    if (err || (err = vm_place_fdt(vm, vm_fdt_where_riscv, 0)))
        return err;
    vm->entry = vm->has_bios ? vm->bios_entry : entry;
    uint64_t info_addr = 0;
    if (vm->has_bios) {
        /* QEMU keeps this in its boot ROM; here it sits in the page below the tree. */
        VmFwDynamicInfo info = {VM_FW_DYNAMIC_MAGIC, 2, entry, VM_FW_NEXT_MODE_S, 0, 0};
        info_addr = (vm->fdt_addr & ~0xfffull) - 0x1000;
        if ((err = vm_phys_write(vm, info_addr, &info, sizeof(info))))
            return fvp_error_wrap(err, "placing the firmware's boot information");
    }
    for (unsigned i = 0; i < vm->nharts; i++) {
        VmHart *h = vm->harts[i];
        h->state.hdr.pc = vm->entry;
        h->state.x[RV_REG_A0] = i;
        h->state.x[RV_REG_A0 + 1] = vm->fdt_addr;
        h->state.x[RV_REG_A0 + 2] = info_addr;
    }
    return NULL;
}

FvpError *vm_load_kernel(Vm *vm, const char *path)
{
    uint8_t *img = NULL;
    size_t size = 0;
    FvpError *err = NULL;
    if (!path && (vm->arch != VM_ARCH_RISCV64 || !vm->has_bios))
        return fvp_error_new(FVP_ERR_USAGE, "a kernel image is required without firmware");
    if (path && (err = vm_read_file(path, &img, &size)))
        return fvp_error_wrap(err, "loading the kernel");
    if (vm->arch == VM_ARCH_AARCH64)
        err = vm_load_kernel_a64(vm, img, size);
    else
        err = vm_load_kernel_riscv(vm, img, size);
    free(img);
    if (err)
        return fvp_error_wrap(err, "loading the kernel %s", path ? path : "(none)");
    return NULL;
}

FvpError *vm_run(Vm *vm, int *exit_status)
{
    unsigned started = 0;
    FvpError *err = vm->config.compiler ? vm_timer_start(vm) : NULL;
    if (err)
        return fvp_error_wrap(err, "running the VM");
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
    vm_timer_stop(vm);
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

void vm_print_stats(const Vm *vm, FILE *out)
{
    RtCpuStats c = {0};
    VmHartStats v = {0};
    uint64_t fills = 0;
    for (unsigned i = 0; i < vm->nharts; i++) {
        const VmHart *h = vm->harts[i];
        c.interp_insns += h->cpu.stats.interp_insns;
        c.interp_blocks += h->cpu.stats.interp_blocks;
        c.jit_insns += h->cpu.stats.jit_insns;
        c.jit_blocks += h->cpu.stats.jit_blocks;
        v.blocks_translated += h->stats.blocks_translated;
        v.blocks_compiled += h->stats.blocks_compiled;
        v.flushes += h->stats.flushes;
        v.mmio += h->stats.mmio;
        v.system += h->stats.system;
        v.exceptions += h->stats.exceptions;
        v.interrupts += h->stats.interrupts;
        for (unsigned p = 0; p < 4; p++)
            fills += p == 2 ? 0 : h->mode[p].tlb.misses;
    }
    const struct {
        const char *name;
        uint64_t value;
    } rows[] = {
        {"insns_interp", c.interp_insns},      {"insns_jit", c.jit_insns},
        {"blocks_interp", c.interp_blocks},    {"blocks_jit", c.jit_blocks},
        {"blocks_translated", v.blocks_translated}, {"blocks_compiled", v.blocks_compiled},
        {"flushes", v.flushes},                {"tlb_fills", fills},
        {"mmio_accesses", v.mmio},             {"system_emulated", v.system},
        {"exceptions", v.exceptions},          {"interrupts", v.interrupts},
    };
    for (size_t i = 0; i < FVP_ARRAY_LEN(rows); i++)
        fprintf(out, "fvp vm: %-18s %llu\n", rows[i].name, (unsigned long long)rows[i].value);
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
    pthread_mutex_destroy(&vm->timer_lock);
    pthread_cond_destroy(&vm->timer_cond);
    free(vm);
}
