/* VM test image: an S-mode kernel on every hart. M-mode delegates to S and acts as a tiny
 * SBI (timer, IPI); S-mode turns on Sv39, pages in a region on demand, takes timer ticks
 * while computing, reads and writes the virtio disk asynchronously (PLIC interrupt), runs
 * AMO and LR/SC counters against the other hart, sends it an IPI and visits U-mode. */
#include "vmlib.h"

#define HARTS_MAX 4
#define PTE_V 1ul
#define PTE_R 2ul
#define PTE_W 4ul
#define PTE_X 8ul
#define PTE_U 16ul
#define PTE_A 64ul
#define PTE_D 128ul
#define DEMAND_VA 0x40000000ul /* 4 KiB pages mapped by the page-fault handler */
#define USER_CODE_VA 0x40002000ul
#define USER_STACK_VA 0x40003000ul
#define VIRTIO_BASE 0x10001000ul /* slot n at VIRTIO_BASE + n * 0x1000, PLIC source 1 + n */
#define QUEUE_SIZE 8
#define SBI_SET_TIMER 0
#define SBI_SEND_IPI 1

extern char m_trap_entry[], s_trap_entry[], user_code[], __stacks_end[];

static unsigned long root_pt[512] __attribute__((aligned(4096)));
static unsigned long mid_pt[512] __attribute__((aligned(4096)));
static unsigned long leaf_pt[512] __attribute__((aligned(4096)));
static unsigned char demand_pages[2][4096] __attribute__((aligned(4096)));
static unsigned char user_stack[4096] __attribute__((aligned(4096)));
static unsigned char s_stack2[8192] __attribute__((aligned(16)));

static volatile int tables_ready, hart1_ready_for_ipi, hart1_done;
static volatile unsigned long ticks, ipis[HARTS_MAX], page_faults, user_a0;
static volatile unsigned long amo_counter, lrsc_counter;
static volatile int disk_done;
static unsigned short disk_submitted;

/* ---- M-mode: delegation and a tiny SBI ------------------------------------------------ */

void m_trap(unsigned long *regs);
void m_trap(unsigned long *regs)
{
    unsigned long cause = csr_read(mcause), hart = csr_read(mhartid);
    if ((long)cause < 0) {
        if ((cause & 0xff) == 7) { /* machine timer -> supervisor timer pending */
            mmio_write64(CLINT_MTIMECMP(hart), ~0ul);
            csr_set(mip, 1ul << 5);
        } else if ((cause & 0xff) == 3) { /* IPI -> supervisor software pending */
            mmio_write32(CLINT_MSIP(hart), 0);
            csr_set(mip, 1ul << 1);
        } else {
            vm_fail("unexpected M interrupt", 30);
        }
        return;
    }
    if (cause != 9) {
        vm_fail("unexpected M exception", 31);
    }
    if (regs[17] == SBI_SET_TIMER) {
        mmio_write64(CLINT_MTIMECMP(hart), regs[10]);
        csr_clear(mip, 1ul << 5);
    } else if (regs[17] == SBI_SEND_IPI) {
        mmio_write32(CLINT_MSIP(regs[10]), 1);
    }
    csr_write(mepc, csr_read(mepc) + 4);
}

static unsigned long sbi_call(unsigned long which, unsigned long arg)
{
    register unsigned long a0 __asm__("a0") = arg;
    register unsigned long a7 __asm__("a7") = which;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    return a0;
}

/* ---- S-mode: virtio block device -------------------------------------------------------- */

struct vq_desc {
    unsigned long addr;
    unsigned len;
    unsigned short flags, next;
};
static struct vq_desc vq_desc[QUEUE_SIZE] __attribute__((aligned(16)));
static struct {
    unsigned short flags, idx, ring[QUEUE_SIZE];
} vq_avail __attribute__((aligned(2)));
static struct {
    unsigned short flags, idx;
    struct {
        unsigned id, len;
    } ring[QUEUE_SIZE];
} vq_used __attribute__((aligned(4)));
static struct {
    unsigned type, reserved;
    unsigned long sector;
} blk_req;
static unsigned char blk_data[2048] __attribute__((aligned(16)));
static volatile unsigned char blk_status;

static unsigned disk_slot;

static void vio_w(unsigned off, unsigned v)
{
    mmio_write32(VIRTIO_BASE + 0x1000ul * disk_slot + off, v);
}
static unsigned vio_r(unsigned off)
{
    return mmio_read32(VIRTIO_BASE + 0x1000ul * disk_slot + off);
}

static void disk_init(void)
{
    /* fvp puts the disk in slot 0, QEMU in the last one: look at all eight. */
    for (disk_slot = 0; disk_slot < 8; disk_slot++)
        if (vio_r(0) == 0x74726976 && vio_r(8) == 2)
            break;
    if (disk_slot == 8 || vio_r(4) != 2)
        vm_fail("no virtio 1.x block device", 40);
    vio_w(0x70, 0);
    vio_w(0x70, 1 | 2); /* ACKNOWLEDGE | DRIVER */
    vio_w(0x14, 1);
    if (!(vio_r(0x10) & 1))
        vm_fail("device lacks VIRTIO_F_VERSION_1", 41);
    vio_w(0x24, 1);
    vio_w(0x20, 1); /* VERSION_1 only */
    vio_w(0x24, 0);
    vio_w(0x20, 0);
    vio_w(0x70, 1 | 2 | 8);
    if (!(vio_r(0x70) & 8))
        vm_fail("FEATURES_OK refused", 42);
    vio_w(0x30, 0);
    if (vio_r(0x34) < QUEUE_SIZE)
        vm_fail("queue too small", 43);
    vio_w(0x38, QUEUE_SIZE);
    vio_w(0x80, (unsigned)(unsigned long)vq_desc);
    vio_w(0x84, (unsigned)((unsigned long)vq_desc >> 32));
    vio_w(0x90, (unsigned)(unsigned long)&vq_avail);
    vio_w(0x94, (unsigned)((unsigned long)&vq_avail >> 32));
    vio_w(0xa0, (unsigned)(unsigned long)&vq_used);
    vio_w(0xa4, (unsigned)((unsigned long)&vq_used >> 32));
    vio_w(0x44, 1);
    vio_w(0x70, 1 | 2 | 8 | 4); /* DRIVER_OK */
    /* PLIC: the slot's source to this hart's S context (1), priority 1. */
    mmio_write32(PLIC_BASE + 4 * (1 + disk_slot), 1);
    mmio_write32(PLIC_BASE + 0x2000 + 0x80 * 1, 1u << (1 + disk_slot));
    mmio_write32(PLIC_BASE + 0x200000 + 0x1000 * 1, 0);
}

/* Queues one request (type 0 read, 1 write, 4 flush) of len bytes; completion is async. */
static void disk_submit(unsigned type, unsigned long sector, unsigned len)
{
    blk_req.type = type;
    blk_req.reserved = 0;
    blk_req.sector = sector;
    blk_status = 0xff;
    disk_done = 0;
    vq_desc[0] = (struct vq_desc){(unsigned long)&blk_req, 16, 1, 1};
    unsigned short st = 1;
    if (len) {
        vq_desc[1] = (struct vq_desc){(unsigned long)blk_data, len, (unsigned short)(1 | (type == 0 ? 2 : 0)), 2};
        st = 2;
    } else {
        vq_desc[0].next = 1;
    }
    vq_desc[st] = (struct vq_desc){(unsigned long)&blk_status, 1, 2, 0};
    vq_avail.ring[vq_avail.idx % QUEUE_SIZE] = 0;
    __sync_synchronize();
    vq_avail.idx++;
    disk_submitted++;
    __sync_synchronize();
    vio_w(0x50, 0);
}

static void disk_interrupt(void)
{
    unsigned st = vio_r(0x60);
    vio_w(0x64, st);
    __sync_synchronize();
    if (vq_used.idx == disk_submitted)
        disk_done = 1;
}

/* ---- S-mode: traps ----------------------------------------------------------------------- */

static void s_after_user(void);

void s_trap(unsigned long *regs);
void s_trap(unsigned long *regs)
{
    unsigned long cause = csr_read(scause), hart = regs[4]; /* tp = hart id */
    if ((long)cause < 0) {
        switch (cause & 0xff) {
        case 5:
            ticks++;
            sbi_call(SBI_SET_TIMER, csr_read(time) + 20000);
            return;
        case 1:
            csr_clear(sip, 1ul << 1);
            ipis[hart]++;
            return;
        case 9: {
            unsigned long claim = PLIC_BASE + 0x200000 + 0x1000 * (2 * hart + 1) + 4;
            unsigned irq = mmio_read32(claim);
            if (irq == 1 + disk_slot)
                disk_interrupt();
            if (irq)
                mmio_write32(claim, irq);
            return;
        }
        default: vm_fail("unexpected S interrupt", 50);
        }
    }
    unsigned long tval = csr_read(stval);
    if ((cause == 13 || cause == 15) && tval >= DEMAND_VA && tval < DEMAND_VA + 8192) {
        unsigned long page = (tval - DEMAND_VA) / 4096;
        leaf_pt[page] = ((unsigned long)demand_pages[page] >> 12 << 10) | PTE_V | PTE_R | PTE_W;
        __asm__ volatile("sfence.vma" ::: "memory");
        page_faults++;
        return; /* retry the access */
    }
    if (cause == 8 && regs[17] == 93) { /* exit from U-mode */
        user_a0 = regs[10];
        csr_set(sstatus, 1ul << 8); /* return to S ... */
        csr_write(sepc, (unsigned long)s_after_user);
        regs[2] = (unsigned long)(s_stack2 + sizeof(s_stack2)); /* ... on a fresh stack */
        return;
    }
    vm_puts("S exception ");
    vm_put_hex(cause);
    vm_puts(" at ");
    vm_put_hex(csr_read(sepc));
    vm_puts(" tval ");
    vm_put_hex(tval);
    vm_puts("\n");
    vm_exit(51);
}

/* ---- S-mode main ------------------------------------------------------------------------- */

static void check(const char *what, int ok)
{
    vm_puts(what);
    vm_puts(ok ? ": ok\n" : ": WRONG\n");
    if (!ok)
        vm_exit(60);
}

static void counters(void)
{
    for (int i = 0; i < 20000; i++) {
        __atomic_fetch_add(&amo_counter, 1, __ATOMIC_RELAXED);
        unsigned long v;
        int failed;
        do {
            __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)"
                             : "=&r"(v), "=&r"(failed)
                             : "r"(&lrsc_counter)
                             : "memory");
        } while (failed);
    }
}

static void enable_sv39(void)
{
    csr_write(satp, (8ul << 60) | ((unsigned long)root_pt >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
}

static void s_main_secondary(unsigned long hart)
{
    while (!tables_ready)
        ;
    enable_sv39();
    csr_write(stvec, (unsigned long)s_trap_entry);
    csr_set(sie, 1ul << 1);
    csr_set(sstatus, 1ul << 1);
    counters();
    hart1_ready_for_ipi = 1;
    while (!ipis[hart])
        __asm__ volatile("wfi");
    hart1_done = 1;
    for (;;)
        __asm__ volatile("wfi");
}

static void s_main(unsigned long hart, unsigned long nharts)
{
    __asm__ volatile("mv tp, %0" ::"r"(hart));
    if (hart != 0)
        s_main_secondary(hart);

    /* Page tables: identity gigapages for devices (0..1G) and RAM (2G..3G), and a 4 KiB
     * region at 1G whose pages are mapped when first touched. */
    root_pt[0] = PTE_V | PTE_R | PTE_W | PTE_A | PTE_D;
    root_pt[2] = (0x80000000ul >> 12 << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
    root_pt[1] = ((unsigned long)mid_pt >> 12 << 10) | PTE_V;
    mid_pt[0] = ((unsigned long)leaf_pt >> 12 << 10) | PTE_V;
    leaf_pt[2] = ((unsigned long)user_code >> 12 << 10) | PTE_V | PTE_R | PTE_X | PTE_U;
    leaf_pt[3] = ((unsigned long)user_stack >> 12 << 10) | PTE_V | PTE_R | PTE_W | PTE_U;
    __sync_synchronize();
    tables_ready = 1;
    enable_sv39();
    csr_write(stvec, (unsigned long)s_trap_entry);
    vm_puts("S-mode with Sv39 on hart 0\n");

    /* Demand paging: two faults, then the data is there; A and D set by the walker. */
    volatile unsigned long *p0 = (unsigned long *)DEMAND_VA;
    volatile unsigned long *p1 = (unsigned long *)(DEMAND_VA + 4096);
    p0[3] = 0x1234;
    unsigned long r = p1[5];
    check("demand paging: two page faults", page_faults == 2);
    check("demand paging: data through the new mappings",
          p0[3] == 0x1234 && r == 0 && ((unsigned long *)demand_pages[0])[3] == 0x1234);
    check("PTE accessed and dirty bits set by stores", (leaf_pt[0] & (PTE_A | PTE_D)) == (PTE_A | PTE_D));
    check("PTE accessed but not dirty after loads", (leaf_pt[1] & (PTE_A | PTE_D)) == PTE_A);

    /* Timer ticks while computing. */
    csr_set(sie, (1ul << 5) | (1ul << 9) | (1ul << 1));
    csr_set(sstatus, 1ul << 1);
    sbi_call(SBI_SET_TIMER, csr_read(time) + 20000);
    unsigned long sum = 0;
    for (unsigned long i = 0; ticks < 5; i++)
        sum += i * i;
    check("timer interrupts while computing", ticks >= 5 && sum != 0);

    /* Asynchronous disk read: compute until the completion interrupt. */
    disk_init();
    disk_submit(0, 0, sizeof(blk_data));
    unsigned long spins = 0;
    while (!disk_done)
        spins++;
    int pattern = blk_status == 0;
    for (unsigned s = 0; s < 4; s++)
        for (unsigned j = 0; j < 512; j++)
            pattern &= blk_data[s * 512 + j] == (unsigned char)(s * 7 + j);
    check("disk read by interrupt", pattern);
    static const char sig[16] = "FVP-DISK-WRITE!\n";
    vm_memset(blk_data, 0, 512);
    for (int i = 0; i < 16; i++)
        blk_data[i] = (unsigned char)sig[i];
    disk_submit(1, 1, 512);
    while (!disk_done)
        __asm__ volatile("wfi");
    check("disk write", blk_status == 0);
    disk_submit(4, 0, 0);
    while (!disk_done)
        __asm__ volatile("wfi");
    check("disk flush", blk_status == 0);

    /* Counters shared with the other hart, then an IPI to it. */
    counters();
    if (nharts > 1) {
        while (!hart1_ready_for_ipi)
            ;
        sbi_call(SBI_SEND_IPI, 1);
        while (!hart1_done)
            ;
    }
    check("AMO counter", amo_counter == 20000 * nharts);
    check("LR/SC counter", lrsc_counter == 20000 * nharts);
    if (nharts > 1)
        check("IPI delivered to hart 1", ipis[1] == 1);

    /* U-mode: runs user_code at its own mapping; its ecall ends in s_after_user. */
    /* No interrupts while sepc and SPP are prepared (a trap would overwrite them); sret
     * turns them back on in U-mode through SPIE. */
    csr_clear(sstatus, 1ul << 1);
    csr_set(sstatus, 1ul << 5);
    csr_clear(sstatus, 1ul << 8); /* SPP = U */
    csr_set(sstatus, 1ul << 18);  /* SUM: the trap entry saves registers on the user stack */
    csr_write(sepc, USER_CODE_VA);
    __asm__ volatile("mv sp, %0\n\tsret" ::"r"(USER_STACK_VA + 4096) : "memory");
    for (;;)
        ;
}

static void s_after_user(void)
{
    check("U-mode ecall reached S with a0", user_a0 == 42);
    vm_puts("kernel done\n");
    vm_exit(0);
}

/* ---- Boot (M-mode, every hart) ---------------------------------------------------------- */

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    (void)fdt;
    if (hartid >= KERNEL_HARTS)
        for (;;)
            __asm__ volatile("wfi");
    csr_write(mtvec, (unsigned long)m_trap_entry);
    csr_write(pmpaddr0, ~0ul >> 10); /* S and U may access everything */
    csr_write(pmpcfg0, 0x1f);
    csr_write(medeleg, (1ul << 8) | (1ul << 12) | (1ul << 13) | (1ul << 15));
    csr_write(mideleg, (1ul << 1) | (1ul << 5) | (1ul << 9));
    csr_write(mcounteren, 7);
    mmio_write64(CLINT_MTIMECMP(hartid), ~0ul);
    csr_write(mie, (1ul << 3) | (1ul << 7));
    /* mret to s_main(hart, harts) in S-mode. */
    unsigned long ms = csr_read(mstatus);
    ms = (ms & ~(3ul << 11)) | (1ul << 11);
    csr_write(mstatus, ms);
    csr_write(mepc, (unsigned long)s_main);
    register unsigned long a0 __asm__("a0") = hartid;
    register unsigned long a1 __asm__("a1") = KERNEL_HARTS;
    __asm__ volatile("mret" ::"r"(a0), "r"(a1));
    for (;;)
        ;
}
