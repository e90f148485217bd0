/* Bare-metal helpers of the AArch64 VM test images: PL011 output, PSCI calls, sysregs. */
#ifndef FVP_TESTS_VM_AARCH64_A64LIB_H
#define FVP_TESTS_VM_AARCH64_A64LIB_H

#include <stdint.h>

#define PL011_BASE 0x09000000ul
#define PSCI_VERSION 0x84000000ul
#define PSCI_FEATURES 0x8400000aul
#define PSCI_SYSTEM_OFF 0x84000008ul
#define PSCI_SYSTEM_RESET 0x84000009ul
/* x1 of SYSTEM_OFF carrying an exit status in x2 (FVP's convention; QEMU ignores both). */
#define FVP_EXIT_MAGIC 0x46565045ul

#define sysreg_read(name)                                                                          \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("mrs %0, " #name : "=r"(v_));                                             \
        v_;                                                                                        \
    })
#define sysreg_write(name, v) __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(v)))

/* Exception frame built by start.S: x0..x18 and x30. */
typedef struct A64Frame {
    uint64_t x[19];
    uint64_t lr;
    uint64_t pad[12];
} A64Frame;

void a64_putc(char c);
void a64_puts(const char *s);
void a64_put_dec(uint64_t v);
void a64_put_hex(uint64_t v);
/* A PSCI call through HVC (the conduit QEMU's virt board advertises). */
uint64_t a64_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
/* Prints "exit N" and powers off through PSCI SYSTEM_OFF (status N for FVP). */
__attribute__((noreturn)) void a64_exit(unsigned code);
__attribute__((noreturn)) void a64_fail(const char *msg, unsigned code);

/* Each image defines these; dtb is x0 at entry. */
void a64_test_main(uint64_t dtb);
void a64_sync_handler(A64Frame *f);
/* IRQ handler; the default (weak) one fails the test. */
void a64_irq_handler(A64Frame *f);
/* Secondary CPUs: start.S's entry for PSCI CPU_ON (context = stack top) calls this
 * (images that start CPUs define it; the default fails). */
void a64_secondary_entry(void);
void a64_secondary_main(void);

#endif
