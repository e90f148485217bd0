/* Guest test: control flow shapes translators find hard: jump tables, indirect calls, deep recursion, setjmp/longjmp, varargs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>

#include "guest_util.h"

/* A dense switch (compiled to a jump table) inside a loop: a tiny stack machine. */
static int64_t run_program(const uint8_t *code, size_t n, int64_t x)
{
    int64_t stack[32];
    int sp = 0;
    stack[sp++] = x;
    for (size_t pc = 0; pc < n; pc++) {
        switch (code[pc]) {
        case 0: stack[sp] = stack[sp - 1]; sp++; break;          /* dup */
        case 1: sp--; stack[sp - 1] += stack[sp]; break;           /* add */
        case 2: sp--; stack[sp - 1] *= stack[sp]; break;           /* mul */
        case 3: stack[sp - 1] = -stack[sp - 1]; break;             /* neg */
        case 4: stack[sp++] = code[++pc]; break;                   /* push imm */
        case 5: sp--; stack[sp - 1] -= stack[sp]; break;           /* sub */
        case 6: stack[sp - 1] ^= 0x5555; break;                    /* xor */
        case 7: stack[sp - 1] >>= 1; break;                        /* shr */
        case 8: if (stack[sp - 1] & 1) pc++; break;                /* skip if odd */
        case 9: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        default: return -1;
        }
    }
    return stack[sp - 1];
}

typedef uint64_t (*UnaryFn)(uint64_t);
static uint64_t f_square(uint64_t x) { return x * x; }
static uint64_t f_triple(uint64_t x) { return 3 * x + 1; }
static uint64_t f_halve(uint64_t x) { return x / 2; }
static uint64_t f_rotate(uint64_t x) { return (x << 7) | (x >> 57); }
static uint64_t f_popcount(uint64_t x) { return (uint64_t)__builtin_popcountll(x); }
static UnaryFn const fns[] = {f_square, f_triple, f_halve, f_rotate, f_popcount};

static uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

/* Recursion deep enough to need a large stack (each frame keeps a live array). */
static uint64_t deep(int depth, uint64_t acc)
{
    volatile uint64_t frame[16];
    for (int i = 0; i < 16; i++)
        frame[i] = acc + (uint64_t)i;
    if (depth == 0)
        return frame[15];
    return deep(depth - 1, acc * 31 + frame[depth % 16]) + frame[0];
}

static int mutual_odd(unsigned n);
static int mutual_even(unsigned n) { return n == 0 ? 1 : mutual_odd(n - 1); }
static int mutual_odd(unsigned n) { return n == 0 ? 0 : mutual_even(n - 1); }

static jmp_buf escape;
/* Returns a count so the recursion is a real (non-tail) call chain. */
static int throw_at(int depth, int target)
{
    if (depth < target)
        return throw_at(depth + 1, target) + 1;
    if (depth == target)
        longjmp(escape, depth + 100);
    return 0;
}

static double vsum(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    double total = 0;
    for (int i = 0; i < count; i++) {
        if (i % 2)
            total += va_arg(ap, double);
        else
            total += (double)va_arg(ap, long);
    }
    va_end(ap);
    return total;
}

int main(void)
{
    GuestChecks c = {0};
    static const uint8_t prog[] = {0, 2, 4, 7, 1, 6, 0, 7, 9, 5, 8, 3, 4, 3, 2, 0, 1};
    uint64_t h = GUEST_HASH_INIT;
    for (int64_t x = -50; x < 50; x++) {
        int64_t r = run_program(prog, sizeof prog, x);
        h = guest_hash_bytes(h, &r, sizeof r);
    }
    printf("stack machine hash 0x%016llx\n", (unsigned long long)h);
    uint64_t v = 12345;
    for (int i = 0; i < 1000; i++)
        v = fns[(v + (uint64_t)i) % 5](v) + (uint64_t)i;
    printf("indirect calls: 0x%016llx\n", (unsigned long long)v);
    guest_check_u64(&c, "ackermann(2,3)", ackermann(2, 3), 9);
    guest_check_u64(&c, "ackermann(3,5)", ackermann(3, 5), 253);
    printf("deep recursion: 0x%016llx\n", (unsigned long long)deep(20000, 1));
    guest_check_u64(&c, "mutual recursion", (uint64_t)mutual_even(10001), 0);
    int got = setjmp(escape);
    if (got == 0)
        printf("throw_at returned %d\n", throw_at(0, 500));
    guest_check_u64(&c, "longjmp from depth 500", (uint64_t)got, 600);
    guest_check_u64(&c, "varargs", guest_bits_f64(vsum(6, 1L, 0.5, 2L, 0.25, 3L, 0.125)),
                    guest_bits_f64(6.875));
    /* computed goto */
    static void *const labels[] = {&&op_inc, &&op_dbl, &&op_end};
    static const int ops[] = {0, 1, 0, 1, 1, 0, 2};
    int ip = 0;
    uint64_t acc = 1;
    goto *labels[ops[ip]];
op_inc:
    acc += 1;
    goto *labels[ops[++ip]];
op_dbl:
    acc *= 2;
    goto *labels[ops[++ip]];
op_end:
    guest_check_u64(&c, "computed goto", acc, 21);
    /* a variable-length array sized at run time */
    volatile int n = 1000;
    uint32_t vla[n];
    for (int i = 0; i < n; i++)
        vla[i] = (uint32_t)(i * i);
    guest_check_u64(&c, "vla", vla[n - 1] + vla[n / 2], 998001 + 250000);
    return guest_checks_exit(&c);
}
