/* Bare-metal helpers of the VM test images: UART, test finisher, CSRs, CLINT. */
#ifndef FVP_TESTS_VM_VMLIB_H
#define FVP_TESTS_VM_VMLIB_H

#include <stdint.h>

#define UART_BASE 0x10000000ul
#define TEST_BASE 0x100000ul
#define CLINT_BASE 0x2000000ul
#define CLINT_MSIP(h) (CLINT_BASE + 4ul * (h))
#define CLINT_MTIMECMP(h) (CLINT_BASE + 0x4000ul + 8ul * (h))
#define CLINT_MTIME (CLINT_BASE + 0xbff8ul)
#define PLIC_BASE 0xc000000ul

#define csr_read(name)                                                                             \
    ({                                                                                             \
        unsigned long v_;                                                                          \
        __asm__ volatile("csrr %0, " #name : "=r"(v_));                                            \
        v_;                                                                                        \
    })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"((unsigned long)(v)))
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"((unsigned long)(v)))
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"((unsigned long)(v)))

static inline void mmio_write32(unsigned long a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static inline uint32_t mmio_read32(unsigned long a)
{
    return *(volatile uint32_t *)a;
}
static inline void mmio_write64(unsigned long a, uint64_t v)
{
    *(volatile uint64_t *)a = v;
}
static inline uint64_t mmio_read64(unsigned long a)
{
    return *(volatile uint64_t *)a;
}

void vm_putc(char c);
void vm_puts(const char *s);
void vm_put_dec(unsigned long v);
void vm_put_hex(unsigned long v);
/* Test finisher: 0 = pass (0x5555), else 0x3333 | code << 16. */
__attribute__((noreturn)) void vm_exit(unsigned code);
/* Prints "FAIL: msg" and exits with code. */
__attribute__((noreturn)) void vm_fail(const char *msg, unsigned code);
void *vm_memset(void *d, int c, unsigned long n);

/* Each image defines this; a0 = hart id, a1 = device tree. */
void vm_test_main(unsigned long hartid, unsigned long fdt);

#endif
