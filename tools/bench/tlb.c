/* bench_tlb: the VM's set-associative TLB against a linear-scan TLB, and bulk guest-RAM
 * copies against byte-wise translated copies. Prints medians of interleaved runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/vm/vm_internal.h"

enum { RUNS = 9, LOOKUPS = 1 << 20 };

/* The baseline: a fully associative TLB searched front to back, round-robin refill. */
typedef struct LinearTlb {
    RtTlbEntry *e;
    unsigned n, next;
} LinearTlb;

static void *linear_lookup(LinearTlb *t, uint64_t addr, uint64_t size)
{
    uint64_t page = addr & VM_PAGE_MASK;
    for (unsigned i = 0; i < t->n; i++)
        if (t->e[i].tag == page && (addr & ~VM_PAGE_MASK) + size <= VM_PAGE_SIZE)
            return (void *)(uintptr_t)(addr + t->e[i].addend);
    return NULL;
}

static void linear_insert(LinearTlb *t, uint64_t addr, uint8_t *host)
{
    uint64_t page = addr & VM_PAGE_MASK;
    t->e[t->next] = (RtTlbEntry){page, (uint64_t)(uintptr_t)host - page};
    t->next = (t->next + 1) % t->n;
}

static double cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return v[n / 2];
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Random 8-byte accesses over `pages` distinct pages (scattered over 1 GiB). */
static uint64_t *make_addresses(unsigned pages, uint64_t seed)
{
    uint64_t *base = malloc(pages * sizeof(uint64_t)), *addr = malloc(LOOKUPS * sizeof(uint64_t));
    for (unsigned i = 0; i < pages; i++)
        base[i] = (xorshift(&seed) % (1u << 18)) << 12;
    for (unsigned i = 0; i < LOOKUPS; i++)
        addr[i] = base[xorshift(&seed) % pages] + (xorshift(&seed) & 0xff8);
    free(base);
    return addr;
}

static uint8_t host_page[4096];
static volatile uint64_t sink;

static double run_assoc(RtTlb *t, const uint64_t *addr, unsigned *misses)
{
    double t0 = cpu_ns();
    uint64_t sum = 0;
    *misses = 0;
    for (unsigned i = 0; i < LOOKUPS; i++) {
        uint8_t *p = vm_tlb_lookup(t, addr[i], 8, RT_ACCESS_READ);
        if (!p) {
            ++*misses;
            vm_tlb_insert(t, RT_ACCESS_READ, addr[i], host_page);
            p = host_page + (addr[i] & 0xfff);
        }
        sum += (uintptr_t)p;
    }
    sink = sum;
    return (cpu_ns() - t0) / LOOKUPS;
}

static double run_linear(LinearTlb *t, const uint64_t *addr, unsigned *misses)
{
    double t0 = cpu_ns();
    uint64_t sum = 0;
    *misses = 0;
    for (unsigned i = 0; i < LOOKUPS; i++) {
        uint8_t *p = linear_lookup(t, addr[i], 8);
        if (!p) {
            ++*misses;
            linear_insert(t, addr[i], host_page);
            p = host_page + (addr[i] & 0xfff);
        }
        sum += (uintptr_t)p;
    }
    sink = sum;
    return (cpu_ns() - t0) / LOOKUPS;
}

static void bench_lookup(void)
{
    static const unsigned sizes[] = {64, 256, 1024};
    printf("TLB lookup, ns per 8-byte access (median of %d runs, %d accesses each)\n", RUNS,
           LOOKUPS);
    printf("%8s %12s %14s %10s %12s %10s %8s\n", "entries", "working set", "set-assoc/4w",
           "miss %", "linear", "miss %", "ratio");
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        unsigned n = sizes[s], pages = n / 2; /* fits either TLB: mostly hits */
        uint64_t *addr = make_addresses(pages, 0x9e3779b97f4a7c15ull + n);
        RtTlb t;
        FvpError *err = vm_tlb_init(&t, n, 4);
        if (err) {
            fvp_error_print(err, "bench_tlb", stderr);
            exit(1);
        }
        LinearTlb lt = {calloc(n, sizeof(RtTlbEntry)), n, 0};
        for (unsigned i = 0; i < n; i++)
            lt.e[i].tag = VM_TLB_EMPTY;
        double a[RUNS], l[RUNS];
        unsigned am = 0, lm = 0;
        for (int r = 0; r < RUNS; r++) {
            a[r] = run_assoc(&t, addr, &am);
            l[r] = run_linear(&lt, addr, &lm);
        }
        double ma = median(a, RUNS), ml = median(l, RUNS);
        printf("%8u %12u %14.2f %10.2f %12.2f %10.2f %7.1fx\n", n, pages, ma,
               100.0 * am / LOOKUPS, ml, 100.0 * lm / LOOKUPS, ml / ma);
        vm_tlb_fini(&t);
        free(lt.e);
        free(addr);
    }
}

static void bench_bulk(void)
{
    VmConfig cfg = {.ram_bytes = 16ull << 20, .harts = 1, .console_in_fd = -1};
    Vm *vm;
    FvpError *err = vm_create(&cfg, &vm);
    if (err) {
        fvp_error_print(err, "bench_tlb", stderr);
        exit(1);
    }
    VmHart *h = vm->harts[0]; /* M-mode: physical addresses through the TLB */
    enum { LEN = 1 << 20 };
    uint8_t *buf = malloc(LEN);
    memset(buf, 0x5a, LEN);
    double bulk[RUNS], bytes[RUNS], calls[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = cpu_ns();
        err = vm_phys_write(vm, VM_RAM_BASE, buf, LEN);
        bulk[r] = cpu_ns() - t0;
        fvp_error_free(err);
        /* The interpreter's path: the way-0 hit inline in rt_mem_access. */
        t0 = cpu_ns();
        for (uint64_t i = 0; i < LEN; i++) {
            uint8_t *p = rt_mem_access(&h->cpu, VM_RAM_BASE + i, 1, RT_ACCESS_WRITE);
            *p = buf[i];
        }
        bytes[r] = cpu_ns() - t0;
        /* A call per access (what the interpreter did before 2026-11-26). */
        t0 = cpu_ns();
        for (uint64_t i = 0; i < LEN; i++) {
            uint8_t *p = rt_tlb_translate(&h->cpu, VM_RAM_BASE + i, 1, RT_ACCESS_WRITE);
            *p = buf[i];
        }
        calls[r] = cpu_ns() - t0;
    }
    double mb = median(bulk, RUNS), my = median(bytes, RUNS), mc = median(calls, RUNS);
    printf("\nCopy of 1 MiB into guest RAM (median of %d runs)\n", RUNS);
    printf("  bulk vm_phys_write:            %8.1f us  (%.2f GB/s)\n", mb / 1e3, LEN / mb);
    printf("  byte-wise rt_mem_access:       %8.1f us  (%.2f GB/s)\n", my / 1e3, LEN / my);
    printf("  byte-wise rt_tlb_translate:    %8.1f us  (%.2f GB/s)\n", mc / 1e3, LEN / mc);
    printf("  ratio (rt_mem_access / bulk):  %8.1fx\n", my / mb);
    free(buf);
    vm_destroy(vm);
}

int main(void)
{
    bench_lookup();
    bench_bulk();
    return 0;
}
