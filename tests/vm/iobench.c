/* I/O overlap benchmark image: reads the whole virtio disk in large requests while computing
 * and compares with compute alone and I/O alone (times from mtime, 10 MHz). M-mode, polled
 * completion; tests/vm/bench_io.py runs it and docs/vm.md reports the figures. */
#include "vmlib.h"

#define VIRTIO_BASE 0x10001000ul
#define QUEUE_SIZE 64u
#define MAX_REQS (QUEUE_SIZE / 3) /* header + data + status descriptors each */
#define BUF_BASE 0x82000000ul     /* RAM for the data: up to 64 MiB */
#define BUF_LIMIT (64ul << 20)
#define ROUNDS 5

struct vq_desc {
    unsigned long addr;
    unsigned len;
    unsigned short flags, next;
};
static struct vq_desc vq_desc[QUEUE_SIZE] __attribute__((aligned(16)));
static struct {
    unsigned short flags, idx, ring[QUEUE_SIZE];
} vq_avail __attribute__((aligned(2)));
static volatile struct {
    unsigned short flags, idx;
    struct {
        unsigned id, len;
    } ring[QUEUE_SIZE];
} vq_used __attribute__((aligned(4)));
static struct {
    unsigned type, reserved;
    unsigned long sector;
} reqs[MAX_REQS];
static volatile unsigned char status[MAX_REQS];
static unsigned short submitted;
static unsigned disk_slot;

static void vio_w(unsigned off, unsigned v)
{
    mmio_write32(VIRTIO_BASE + 0x1000ul * disk_slot + off, v);
}
static unsigned vio_r(unsigned off)
{
    return mmio_read32(VIRTIO_BASE + 0x1000ul * disk_slot + off);
}

static unsigned long disk_init(void)
{
    for (disk_slot = 0; disk_slot < 8; disk_slot++)
        if (vio_r(0) == 0x74726976 && vio_r(8) == 2)
            break;
    if (disk_slot == 8 || vio_r(4) != 2)
        vm_fail("no virtio 1.x block device", 40);
    vio_w(0x70, 0);
    vio_w(0x70, 1 | 2);
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
    vio_w(0x70, 1 | 2 | 8 | 4);
    return (unsigned long)vio_r(0x100) | (unsigned long)vio_r(0x104) << 32;
}

/* Queues reads of the whole disk (bytes, at most BUF_LIMIT) in nreq requests; no wait. */
static void read_all_submit(unsigned long bytes, unsigned nreq)
{
    unsigned long chunk = bytes / nreq;
    for (unsigned r = 0; r < nreq; r++) {
        unsigned d = 3 * r;
        reqs[r] = (typeof(reqs[r])){0, 0, r * chunk / 512};
        status[r] = 0xff;
        vq_desc[d] = (struct vq_desc){(unsigned long)&reqs[r], 16, 1, (unsigned short)(d + 1)};
        vq_desc[d + 1] = (struct vq_desc){BUF_BASE + r * chunk, (unsigned)chunk, 1 | 2,
                                          (unsigned short)(d + 2)};
        vq_desc[d + 2] = (struct vq_desc){(unsigned long)&status[r], 1, 2, 0};
        vq_avail.ring[vq_avail.idx % QUEUE_SIZE] = (unsigned short)d;
        __sync_synchronize();
        vq_avail.idx++;
        submitted++;
    }
    __sync_synchronize();
    vio_w(0x50, 0);
}

static void read_all_wait(unsigned nreq)
{
    while (vq_used.idx != submitted)
        __sync_synchronize();
    vio_w(0x64, vio_r(0x60));
    for (unsigned r = 0; r < nreq; r++)
        if (status[r] != 0)
            vm_fail("read failed", 44);
}

/* The computation: an integer hash chain the compiler cannot shorten. */
static unsigned long compute(unsigned long iters)
{
    unsigned long x = 88172645463325252ul;
    for (unsigned long i = 0; i < iters; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

static void check_data(unsigned long bytes)
{
    /* The runner's disk: byte j of sector s is (s * 7 + j) & 0xff. */
    for (unsigned long s = 0; s < bytes / 512; s += 997) {
        volatile unsigned char *p = (volatile unsigned char *)(BUF_BASE + 512 * s);
        for (unsigned j = 0; j < 16; j++)
            if (p[j] != (unsigned char)((s * 7 + j) & 0xff))
                vm_fail("disk data differs", 45);
    }
}

static void report(const char *name, unsigned long ticks)
{
    vm_puts(name);
    vm_put_dec(ticks / 10);
    vm_puts(" us\n");
}

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    (void)fdt;
    if (hartid != 0)
        for (;;)
            __asm__ volatile("wfi");
    unsigned long bytes = disk_init() * 512;
    if (bytes > BUF_LIMIT)
        bytes = BUF_LIMIT;
    unsigned nreq = MAX_REQS;
    while (nreq > 1 && (bytes / nreq) % 512)
        nreq--;
    /* Work of about the same length as the reads, calibrated on warm runs (the first ones
     * pay for the host page cache and for translating the code). */
    unsigned long io_ticks = 0, c_ticks = 0, iters = 200000, sink = 0;
    for (int warm = 0; warm < 2; warm++) {
        unsigned long t0 = mmio_read64(CLINT_MTIME);
        read_all_submit(bytes, nreq);
        read_all_wait(nreq);
        io_ticks = mmio_read64(CLINT_MTIME) - t0;
        t0 = mmio_read64(CLINT_MTIME);
        sink += compute(iters);
        c_ticks = mmio_read64(CLINT_MTIME) - t0 + 1;
    }
    check_data(bytes);
    vm_puts("iobench: data ok\n");
    iters = iters * (io_ticks + 1) / c_ticks + 1000;
    for (int round = 0; round < ROUNDS; round++) {
        unsigned long a = mmio_read64(CLINT_MTIME);
        sink += compute(iters);
        unsigned long b = mmio_read64(CLINT_MTIME);
        read_all_submit(bytes, nreq);
        read_all_wait(nreq);
        unsigned long c = mmio_read64(CLINT_MTIME);
        read_all_submit(bytes, nreq);
        sink += compute(iters);
        unsigned long d = mmio_read64(CLINT_MTIME);
        read_all_wait(nreq);
        unsigned long e = mmio_read64(CLINT_MTIME);
        vm_puts("round ");
        vm_put_dec((unsigned long)round);
        vm_puts("\n");
        report("  compute alone:               ", b - a);
        report("  I/O alone:                   ", c - b);
        report("  compute with I/O in flight:  ", d - c);
        report("  overlapped total (both):     ", e - c);
    }
    vm_puts("iobench: ");
    vm_put_dec(bytes >> 10);
    vm_puts(" KiB in ");
    vm_put_dec(nreq);
    vm_puts(" requests, checksum ");
    vm_put_dec(sink & 1);
    vm_puts("\niobench: done\n");
    vm_exit(0);
}
