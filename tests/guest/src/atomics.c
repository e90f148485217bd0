/* Guest test: C11 atomics and __atomic builtins at every width (AMOs, CAS and LR/SC loops on RISC-V). */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdint.h>

#include "guest_util.h"

/* Runs the same read-modify-write sequence on one width; prints every old value. */
#define RMW_SEQUENCE(type, fmt)                                                           \
    do {                                                                                  \
        static type v;                                                                    \
        __atomic_store_n(&v, (type)0x5a, __ATOMIC_SEQ_CST);                               \
        unsigned long long olds[10];                                                      \
        olds[0] = (unsigned long long)__atomic_fetch_add(&v, (type)200, __ATOMIC_SEQ_CST);  \
        olds[1] = (unsigned long long)__atomic_fetch_sub(&v, (type)1000, __ATOMIC_ACQ_REL); \
        olds[2] = (unsigned long long)__atomic_fetch_and(&v, (type)0x0ff0, __ATOMIC_RELAXED); \
        olds[3] = (unsigned long long)__atomic_fetch_or(&v, (type)0x8001, __ATOMIC_ACQUIRE); \
        olds[4] = (unsigned long long)__atomic_fetch_xor(&v, (type)-1, __ATOMIC_RELEASE);  \
        olds[5] = (unsigned long long)__atomic_exchange_n(&v, (type)-3, __ATOMIC_SEQ_CST); \
        olds[6] = (unsigned long long)__atomic_add_fetch(&v, (type)5, __ATOMIC_SEQ_CST);   \
        olds[7] = (unsigned long long)__atomic_nand_fetch(&v, (type)0x70, __ATOMIC_SEQ_CST); \
        type expected = (type)12345;                                                      \
        olds[8] = (unsigned long long)__atomic_compare_exchange_n(                        \
            &v, &expected, (type)1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);               \
        type cur = __atomic_load_n(&v, __ATOMIC_ACQUIRE);                                 \
        olds[9] = (unsigned long long)__atomic_compare_exchange_n(                        \
            &v, &cur, (type)0x77, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);                 \
        printf("%-8s:", #type);                                                          \
        for (int i_ = 0; i_ < 10; i_++)                                                   \
            printf(" " fmt, (type)olds[i_]);                                              \
        printf(" final " fmt " failed-cas-saw " fmt "\n", __atomic_load_n(&v, __ATOMIC_SEQ_CST), \
               expected);                                                                 \
    } while (0)

/* Signed min/max through a CAS loop, as code without native AMO min/max builtins does. */
static int64_t atomic_max_i64(_Atomic int64_t *p, int64_t v)
{
    int64_t old = atomic_load(p);
    while (old < v && !atomic_compare_exchange_weak(p, &old, v))
        ;
    return old;
}

int main(void)
{
    GuestChecks c = {0};
    RMW_SEQUENCE(uint8_t, "%02x");
    RMW_SEQUENCE(int16_t, "%d");
    RMW_SEQUENCE(uint32_t, "%08x");
    RMW_SEQUENCE(int32_t, "%d");
    RMW_SEQUENCE(uint64_t, "%016" PRIx64);

    /* Neighbouring bytes and halves must not be disturbed by sub-word atomics. */
    static union {
        uint64_t whole;
        uint8_t bytes[8];
        uint16_t halves[4];
    } u = {.whole = 0x1122334455667788ULL};
    __atomic_fetch_add(&u.bytes[3], 0xff, __ATOMIC_SEQ_CST);
    __atomic_exchange_n(&u.halves[2], 0xbeef, __ATOMIC_SEQ_CST);
    uint8_t expect_b = 0x11;
    __atomic_compare_exchange_n(&u.bytes[7], &expect_b, 0x99, 0, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    guest_check_u64(&c, "sub-word neighbours", u.whole, 0x9922beef54667788ULL);

    _Atomic int64_t counter = 0;
    _Atomic int64_t maxv = -100;
    for (int i = 0; i < 10000; i++) {
        atomic_fetch_add_explicit(&counter, i, memory_order_relaxed);
        atomic_max_i64(&maxv, (i * 7919) % 10007 - 5000);
    }
    guest_check_u64(&c, "counter", (uint64_t)atomic_load(&counter), 49995000);
    guest_check_u64(&c, "cas max", (uint64_t)atomic_load(&maxv), 5006);
    atomic_flag flag = ATOMIC_FLAG_INIT;
    int first = atomic_flag_test_and_set(&flag);
    int second = atomic_flag_test_and_set(&flag);
    atomic_flag_clear(&flag);
    int third = atomic_flag_test_and_set(&flag);
    guest_check_u64(&c, "atomic_flag sequence", (uint64_t)(first << 2 | second << 1 | third), 2);
    _Atomic uint32_t w = 7;
    uint32_t exp = 8;
    int ok1 = atomic_compare_exchange_strong(&w, &exp, 9);
    int ok2 = atomic_compare_exchange_strong(&w, &exp, 9);
    guest_check_u64(&c, "cas strong fails then succeeds",
                    (uint64_t)(ok1 << 8 | ok2 << 4 | exp), 0x17);
    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_acq_rel);
    guest_check_u64(&c, "lock-free 64", (uint64_t)atomic_is_lock_free(&counter), 1);
    return guest_checks_exit(&c);
}
