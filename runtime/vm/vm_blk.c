/* System VM virtio-mmio block device (virtio 1.x, split virtqueue) served by an I/O thread. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 *   hart: QueueNotify --signal--> I/O thread: for each new avail entry
 *                                   walk descriptors (header | data... | status)
 *                                   pread/pwrite the host file
 *                                   used ring += (head, bytes written)
 *                                   InterruptStatus |= 1, PLIC source 1 + slot raised
 *   hart: PLIC claim -> driver reads used ring -> InterruptACK lowers the line
 *
 * The vCPU never waits for the file: it keeps running while the thread works.
 */
enum {
    BLK_QUEUE_MAX = 256,
    BLK_SECTOR = 512,
    BLK_T_IN = 0,
    BLK_T_OUT = 1,
    BLK_T_FLUSH = 4,
    BLK_T_GET_ID = 8,
    BLK_S_OK = 0,
    BLK_S_IOERR = 1,
    BLK_S_UNSUPP = 2,
    DESC_F_NEXT = 1,
    DESC_F_WRITE = 2,
};
#define BLK_FEATURES ((1ull << 32) | (1ull << 9)) /* VIRTIO_F_VERSION_1, VIRTIO_BLK_F_FLUSH */

typedef struct VmBlk {
    Vm *vm;
    int fd;
    uint64_t sectors;
    pthread_t thread;
    pthread_mutex_t lock; /* registers and the queue */
    pthread_cond_t cond;
    bool stop, notified, thread_started;
    uint32_t dev_features_sel, drv_features_sel, status, int_status, queue_num, queue_ready;
    uint64_t drv_features, desc, avail, used;
    uint16_t last_avail;
    uint64_t requests, bytes; /* statistics */
} VmBlk;

typedef struct VringDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} VringDesc;

static void *blk_guest(VmBlk *b, uint64_t paddr, uint64_t len)
{
    return vm_phys_ram(b->vm, paddr, len);
}

/* Performs one request whose chain starts at head; returns bytes written to guest memory. */
static uint32_t blk_request(VmBlk *b, uint16_t head)
{
    VringDesc *table = blk_guest(b, b->desc, (uint64_t)b->queue_num * sizeof(VringDesc));
    if (!table)
        return 0;
    VringDesc chain[BLK_QUEUE_MAX];
    unsigned n = 0;
    for (uint16_t i = head; n < b->queue_num; i = table[i].next) {
        if (i >= b->queue_num)
            return 0;
        chain[n++] = table[i];
        if (!(table[i].flags & DESC_F_NEXT))
            break;
    }
    if (n < 2 || chain[0].len < 16 || chain[n - 1].len < 1)
        return 0;
    uint8_t *hdr = blk_guest(b, chain[0].addr, 16);
    uint8_t *status = blk_guest(b, chain[n - 1].addr, 1);
    if (!hdr || !status)
        return 0;
    uint32_t type;
    uint64_t sector;
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    uint8_t st = BLK_S_OK;
    uint32_t written = 1;
    uint64_t off = sector * BLK_SECTOR;
    for (unsigned k = 1; k + 1 < n && st == BLK_S_OK; k++) {
        uint8_t *data = blk_guest(b, chain[k].addr, chain[k].len);
        uint32_t len = chain[k].len;
        if (!data) {
            st = BLK_S_IOERR;
        } else if (type == BLK_T_IN || type == BLK_T_OUT) {
            if (off + len > b->sectors * BLK_SECTOR) {
                st = BLK_S_IOERR;
                break;
            }
            ssize_t r = type == BLK_T_IN ? pread(b->fd, data, len, (off_t)off)
                                         : pwrite(b->fd, data, len, (off_t)off);
            if (r != (ssize_t)len)
                st = BLK_S_IOERR;
            if (type == BLK_T_IN)
                written += len;
            off += len;
            b->bytes += len;
        } else if (type == BLK_T_GET_ID) {
            static const char id[20] = "fvp-virtio-blk";
            memcpy(data, id, FVP_MIN(len, (uint32_t)sizeof(id)));
            written += FVP_MIN(len, (uint32_t)sizeof(id));
        }
    }
    if (type == BLK_T_FLUSH && fdatasync(b->fd) < 0)
        st = BLK_S_IOERR;
    else if (type != BLK_T_IN && type != BLK_T_OUT && type != BLK_T_FLUSH && type != BLK_T_GET_ID)
        st = BLK_S_UNSUPP;
    *status = st;
    b->requests++;
    return written;
}

/* Serves every available request (lock held). Returns whether any completed. */
static bool blk_serve(VmBlk *b)
{
    if (!b->queue_ready || !b->queue_num)
        return false;
    uint16_t *avail = blk_guest(b, b->avail, 4 + 2ull * b->queue_num);
    uint8_t *used = blk_guest(b, b->used, 4 + 8ull * b->queue_num);
    if (!avail || !used)
        return false;
    bool any = false;
    for (;;) {
        uint16_t avail_idx = __atomic_load_n(&avail[1], __ATOMIC_ACQUIRE);
        if (b->last_avail == avail_idx)
            break;
        uint16_t head = avail[2 + b->last_avail % b->queue_num];
        uint32_t len = blk_request(b, head);
        uint16_t used_idx;
        memcpy(&used_idx, used + 2, 2);
        uint8_t *elem = used + 4 + 8 * (used_idx % b->queue_num);
        uint32_t id = head;
        memcpy(elem, &id, 4);
        memcpy(elem + 4, &len, 4);
        __atomic_store_n((uint16_t *)(used + 2), (uint16_t)(used_idx + 1), __ATOMIC_RELEASE);
        b->last_avail++;
        any = true;
    }
    return any;
}

/* The disk sits in transport 0: PLIC source 1 (RISC-V) or GIC SPI 16 = INTID 48 (AArch64). */
static void blk_set_irq(VmBlk *b, bool level)
{
    if (b->vm->arch == VM_ARCH_AARCH64)
        vm_gic_set_line(b->vm, VM_A64_VIRTIO_INTID + 0, level);
    else
        vm_plic_set_irq(b->vm, VM_VIRTIO_IRQ + 0, level);
}

static void *blk_thread(void *arg)
{
    VmBlk *b = arg;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (!b->notified && !b->stop)
            pthread_cond_wait(&b->cond, &b->lock);
        b->notified = false;
        bool done = blk_serve(b);
        if (done)
            b->int_status |= 1;
        bool stop = b->stop;
        pthread_mutex_unlock(&b->lock);
        if (done)
            blk_set_irq(b, true);
        if (stop)
            return NULL;
        pthread_mutex_lock(&b->lock);
    }
}

FvpError *vm_blk_create(Vm *vm, const char *path, VmBlk **out)
{
    VmBlk *b = calloc(1, sizeof(*b));
    if (!b)
        return fvp_error_new(FVP_ERR_NOMEM, "allocating the block device");
    b->vm = vm;
    b->fd = open(path, O_RDWR | O_CLOEXEC);
    if (b->fd < 0) {
        FvpError *err = fvp_error_errno(errno, "opening the disk image %s", path);
        free(b);
        return err;
    }
    struct stat st;
    if (fstat(b->fd, &st) < 0) {
        FvpError *err = fvp_error_errno(errno, "reading the size of %s", path);
        close(b->fd);
        free(b);
        return err;
    }
    b->sectors = (uint64_t)st.st_size / BLK_SECTOR;
    pthread_mutex_init(&b->lock, NULL);
    pthread_cond_init(&b->cond, NULL);
    int rc = pthread_create(&b->thread, NULL, blk_thread, b);
    if (rc) {
        vm_blk_destroy(b);
        return fvp_error_errno(rc, "starting the block device's I/O thread");
    }
    b->thread_started = true;
    *out = b;
    return NULL;
}

void vm_blk_destroy(VmBlk *b)
{
    if (!b)
        return;
    if (b->thread_started) {
        pthread_mutex_lock(&b->lock);
        b->stop = true;
        b->notified = true; /* serve whatever is still queued before stopping */
        pthread_cond_signal(&b->cond);
        pthread_mutex_unlock(&b->lock);
        pthread_join(b->thread, NULL);
    }
    fdatasync(b->fd);
    close(b->fd);
    pthread_mutex_destroy(&b->lock);
    pthread_cond_destroy(&b->cond);
    free(b);
}

static void blk_reset(VmBlk *b)
{
    b->status = b->int_status = b->queue_num = b->queue_ready = 0;
    b->drv_features = b->desc = b->avail = b->used = 0;
    b->last_avail = 0;
}

bool vm_blk_read(VmBlk *b, uint64_t off, unsigned size, uint64_t *value)
{
    pthread_mutex_lock(&b->lock);
    uint64_t v = 0;
    if (off >= 0x100) {
        uint8_t config[8];
        memcpy(config, &b->sectors, 8); /* capacity, in 512-byte sectors */
        if (off - 0x100 < 8)
            memcpy(&v, config + (off - 0x100), FVP_MIN((uint64_t)size, 8 - (off - 0x100)));
    } else {
        switch (off) {
        case 0x000: v = 0x74726976; break; /* "virt" */
        case 0x004: v = 2; break;
        case 0x008: v = 2; break; /* block device */
        case 0x00c: v = 0x00505646; break; /* "FVP" */
        case 0x010: v = (uint32_t)(BLK_FEATURES >> (32 * (b->dev_features_sel & 1))); break;
        case 0x034: v = BLK_QUEUE_MAX; break;
        case 0x044: v = b->queue_ready; break;
        case 0x060: v = b->int_status; break;
        case 0x070: v = b->status; break;
        case 0x0fc: v = 0; break;
        default: v = 0; break;
        }
    }
    pthread_mutex_unlock(&b->lock);
    *value = v;
    return true;
}

static void blk_set_half(uint64_t *reg, bool high, uint64_t v)
{
    *reg = high ? (*reg & 0xffffffffull) | (v << 32) : (*reg & ~0xffffffffull) | (v & 0xffffffffull);
}

bool vm_blk_write(VmBlk *b, uint64_t off, unsigned size, uint64_t value)
{
    bool lower_irq = false;
    pthread_mutex_lock(&b->lock);
    uint32_t v = (uint32_t)value;
    switch (off) {
    case 0x014: b->dev_features_sel = v; break;
    case 0x020: blk_set_half(&b->drv_features, b->drv_features_sel & 1, v); break;
    case 0x024: b->drv_features_sel = v; break;
    case 0x030: break; /* QueueSel: only queue 0 exists */
    case 0x038: b->queue_num = v <= BLK_QUEUE_MAX && v && !(v & (v - 1)) ? v : 0; break;
    case 0x044: b->queue_ready = v & 1; break;
    case 0x050:
        b->notified = true;
        pthread_cond_signal(&b->cond);
        break;
    case 0x064:
        b->int_status &= ~v;
        lower_irq = b->int_status == 0;
        break;
    case 0x070:
        if (v == 0) {
            blk_reset(b);
            lower_irq = true;
        } else {
            b->status = v;
        }
        break;
    case 0x080: blk_set_half(&b->desc, false, v); break;
    case 0x084: blk_set_half(&b->desc, true, v); break;
    case 0x090: blk_set_half(&b->avail, false, v); break;
    case 0x094: blk_set_half(&b->avail, true, v); break;
    case 0x0a0: blk_set_half(&b->used, false, v); break;
    case 0x0a4: blk_set_half(&b->used, true, v); break;
    default: break;
    }
    pthread_mutex_unlock(&b->lock);
    if (lower_irq)
        blk_set_irq(b, false);
    return true;
}
