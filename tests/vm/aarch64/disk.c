/* AArch64 VM test image: the virtio-mmio block device. Finds it among the 32 transports,
 * reads 4 sectors, spinning until the GIC SPI interrupt says they are there, checks the data,
 * writes a signature to sector 1 and flushes (the runner checks the host file). */
#include "a64lib.h"

#define VIRTIO_BASE 0x0a000000ul
#define VIRTIO_STRIDE 0x200ul
#define VIRTIO_SPI_INTID 48u /* transport n: INTID 48 + n */
#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define QUEUE_SIZE 8u

struct vq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};
static struct vq_desc vq_desc[QUEUE_SIZE] __attribute__((aligned(16)));
static struct {
    uint16_t flags, idx, ring[QUEUE_SIZE];
} vq_avail __attribute__((aligned(8)));
static volatile struct {
    uint16_t flags, idx;
    struct {
        uint32_t id, len;
    } ring[QUEUE_SIZE];
} vq_used __attribute__((aligned(8)));
static struct {
    uint32_t type, reserved;
    uint64_t sector;
} req __attribute__((aligned(16)));
static uint8_t buf[2048] __attribute__((aligned(16)));
static volatile uint8_t status __attribute__((aligned(8)));
static uint64_t slot;
static uint16_t submitted;
static volatile unsigned irqs;
static unsigned irqs_wanted; /* set before the notify: the interrupt may come at once */

static void vio_w(unsigned off, uint32_t v)
{
    *(volatile uint32_t *)(VIRTIO_BASE + VIRTIO_STRIDE * slot + off) = v;
}
static uint32_t vio_r(unsigned off)
{
    return *(volatile uint32_t *)(VIRTIO_BASE + VIRTIO_STRIDE * slot + off);
}

void a64_sync_handler(A64Frame *f)
{
    (void)f;
    a64_puts("unexpected synchronous exception\n");
    a64_exit(91);
}

void a64_irq_handler(A64Frame *f)
{
    (void)f;
    uint32_t iar = *(volatile uint32_t *)(GICC + 0x0c);
    if ((iar & 0x3ff) == VIRTIO_SPI_INTID + slot) {
        vio_w(0x64, vio_r(0x60)); /* InterruptACK: the line drops */
        irqs++;
    }
    if ((iar & 0x3ff) != 1023)
        *(volatile uint32_t *)(GICC + 0x10) = iar;
}

static void disk_init(void)
{
    for (slot = 0; slot < 32; slot++)
        if (vio_r(0) == 0x74726976 && vio_r(8) == 2)
            break;
    if (slot == 32 || vio_r(4) != 2)
        a64_fail("no virtio 1.x block device", 40);
    vio_w(0x70, 0);
    vio_w(0x70, 1 | 2);
    vio_w(0x24, 1);
    vio_w(0x20, 1); /* VIRTIO_F_VERSION_1 only */
    vio_w(0x24, 0);
    vio_w(0x20, 0);
    vio_w(0x70, 1 | 2 | 8);
    if (!(vio_r(0x70) & 8))
        a64_fail("FEATURES_OK refused", 42);
    vio_w(0x30, 0);
    if (vio_r(0x34) < QUEUE_SIZE)
        a64_fail("queue too small", 43);
    vio_w(0x38, QUEUE_SIZE);
    vio_w(0x80, (uint32_t)(uint64_t)vq_desc);
    vio_w(0x84, (uint32_t)((uint64_t)vq_desc >> 32));
    vio_w(0x90, (uint32_t)(uint64_t)&vq_avail);
    vio_w(0x94, (uint32_t)((uint64_t)&vq_avail >> 32));
    vio_w(0xa0, (uint32_t)(uint64_t)&vq_used);
    vio_w(0xa4, (uint32_t)((uint64_t)&vq_used >> 32));
    vio_w(0x44, 1);
    vio_w(0x70, 1 | 2 | 8 | 4);
    /* GIC: the transport's SPI, highest priority, all priorities unmasked. */
    unsigned id = VIRTIO_SPI_INTID + (unsigned)slot;
    *(volatile uint32_t *)(GICD + 0x100 + 4 * (id / 32)) = 1u << (id % 32);
    *(volatile uint8_t *)(GICD + 0x400 + id) = 0;
    *(volatile uint8_t *)(GICD + 0x800 + id) = 1; /* target CPU 0 */
    *(volatile uint32_t *)(GICD + 0x000) = 1;
    *(volatile uint32_t *)(GICC + 0x004) = 0xff;
    *(volatile uint32_t *)(GICC + 0x000) = 1;
}

/* Queues a request (0 read, 1 write, 4 flush) of len bytes of buf; returns at once. */
static void disk_submit(uint32_t type, uint64_t sector, uint32_t len)
{
    req.type = type;
    req.reserved = 0;
    req.sector = sector;
    status = 0xff;
    vq_desc[0] = (struct vq_desc){(uint64_t)&req, 16, 1, 1};
    uint16_t st = 1;
    if (len) {
        vq_desc[1] = (struct vq_desc){(uint64_t)buf, len, (uint16_t)(1 | (type == 0 ? 2 : 0)), 2};
        st = 2;
    }
    vq_desc[st] = (struct vq_desc){(uint64_t)&status, 1, 2, 0};
    vq_avail.ring[vq_avail.idx % QUEUE_SIZE] = 0;
    __asm__ volatile("dmb ishst" ::: "memory");
    vq_avail.idx++;
    submitted++;
    irqs_wanted = irqs + 1;
    __asm__ volatile("dsb sy" ::: "memory");
    vio_w(0x50, 0);
}

/* Computes until the completion interrupt; returns the loop count. */
static uint64_t disk_wait(const char *what)
{
    uint64_t spins = 0;
    while (irqs < irqs_wanted || vq_used.idx != submitted)
        spins++;
    if (status != 0)
        a64_fail(what, 44);
    return spins;
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    disk_init();
    a64_puts("virtio-blk found, capacity ");
    a64_put_dec((uint64_t)vio_r(0x100) | (uint64_t)vio_r(0x104) << 32);
    a64_puts(" sectors\n");
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    disk_submit(0, 0, sizeof(buf));
    disk_wait("read"); /* the guest may or may not get to compute: the device is quick */
    for (unsigned i = 0; i < sizeof(buf); i++)
        if (buf[i] != (uint8_t)((i / 512) * 7 + i % 512))
            a64_fail("disk data differs", 45);
    a64_puts("read 4 sectors by interrupt, data ok\n");
    static const char sig[16] = "FVP-DISK-WRITE!\n";
    for (unsigned i = 0; i < 512; i++)
        buf[i] = i < 16 ? (uint8_t)sig[i] : 0;
    disk_submit(1, 1, 512);
    disk_wait("write");
    disk_submit(4, 0, 0);
    disk_wait("flush");
    a64_puts("wrote sector 1 and flushed; interrupts: ");
    a64_put_dec(irqs);
    a64_puts("\n");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    a64_exit(0);
}
