/* Guest test: integer arithmetic, division edge cases (no C undefined behaviour), 128-bit products. */
#include <limits.h>
#include <stdint.h>

#include "guest_util.h"

static const int64_t values[] = {
    0, 1, -1, 2, -2, 3, -7, 7, 10, -10, 0x7fffffff, -0x80000000LL, 0xffffffffLL,
    0x123456789abcdefLL, INT64_MAX, INT64_MIN, INT64_MIN + 1, 0x5555555555555555LL,
    -0x5555555555555556LL, 1000000007, 65536, 255,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

/* Each operation's results over all value pairs, folded into one hash per operation. */
typedef enum Op {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM, OP_DIVU, OP_REMU, OP_SHL, OP_SHR, OP_SAR,
    OP_ADDW, OP_MULW, OP_DIVW, OP_REMW, OP_DIVUW, OP_REMUW, OP_SLLW, OP_SRAW, OP_SRLW,
    OP_MULH, OP_MULHU, OP_MULHSU, OP_DIV128, OP_SLT, OP_SLTU, OP_ADD_OVF, OP_MUL_OVF,
    OP_COUNT
} Op;
static const char *const op_names[OP_COUNT] = {
    "add", "sub", "mul", "div", "rem", "divu", "remu", "shl", "shr", "sar",
    "addw", "mulw", "divw", "remw", "divuw", "remuw", "sllw", "sraw", "srlw",
    "mulh", "mulhu", "mulhsu", "div128", "slt", "sltu", "add_overflow", "mul_overflow",
};

/* One operation on one pair; *defined is cleared where C leaves the result undefined. */
static uint64_t apply(Op op, int64_t a, int64_t b, int *defined)
{
    uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
    int32_t a32 = (int32_t)a, b32 = (int32_t)b;
    uint32_t ua32 = (uint32_t)a, ub32 = (uint32_t)b;
    *defined = 1;
    switch (op) {
    case OP_ADD: return ua + ub;
    case OP_SUB: return ua - ub;
    case OP_MUL: return ua * ub;
    case OP_DIV:
        if (b == 0 || (a == INT64_MIN && b == -1)) break;
        return (uint64_t)(a / b);
    case OP_REM:
        if (b == 0 || (a == INT64_MIN && b == -1)) break;
        return (uint64_t)(a % b);
    case OP_DIVU: if (!ub) break; return ua / ub;
    case OP_REMU: if (!ub) break; return ua % ub;
    case OP_SHL: return ua << (ub & 63);
    case OP_SHR: return ua >> (ub & 63);
    case OP_SAR: return (uint64_t)(a >> (ub & 63));
    case OP_ADDW: return (uint64_t)(int64_t)(int32_t)(ua32 + ub32);
    case OP_MULW: return (uint64_t)(int64_t)(int32_t)(ua32 * ub32);
    case OP_DIVW:
        if (b32 == 0 || (a32 == INT32_MIN && b32 == -1)) break;
        return (uint64_t)(int64_t)(a32 / b32);
    case OP_REMW:
        if (b32 == 0 || (a32 == INT32_MIN && b32 == -1)) break;
        return (uint64_t)(int64_t)(a32 % b32);
    case OP_DIVUW: if (!ub32) break; return (uint64_t)(int64_t)(int32_t)(ua32 / ub32);
    case OP_REMUW: if (!ub32) break; return (uint64_t)(int64_t)(int32_t)(ua32 % ub32);
    case OP_SLLW: return (uint64_t)(int64_t)(int32_t)(ua32 << (ub & 31));
    case OP_SRAW: return (uint64_t)(int64_t)(a32 >> (ub & 31));
    case OP_SRLW: return (uint64_t)(int64_t)(int32_t)(ua32 >> (ub & 31));
    case OP_MULH: return (uint64_t)(((__int128)a * (__int128)b) >> 64);
    case OP_MULHU: return (uint64_t)(((unsigned __int128)ua * ub) >> 64);
    case OP_MULHSU: return (uint64_t)(((__int128)a * (__int128)(unsigned __int128)ub) >> 64);
    case OP_DIV128: {
        unsigned __int128 n = ((unsigned __int128)ua << 64) | (ub ^ 0x9e3779b97f4a7c15ULL);
        if (!ub) break;
        unsigned __int128 q = n / ub, r = n % ub;
        return (uint64_t)q ^ (uint64_t)(q >> 64) ^ (uint64_t)r;
    }
    case OP_SLT: return a < b;
    case OP_SLTU: return ua < ub;
    case OP_ADD_OVF: {
        int64_t r;
        return (uint64_t)__builtin_add_overflow(a, b, &r) << 1 | (uint64_t)(r & 1);
    }
    case OP_MUL_OVF: {
        int64_t r;
        return (uint64_t)__builtin_mul_overflow(a, b, &r) << 1 | (uint64_t)(r & 1);
    }
    case OP_COUNT: break;
    }
    *defined = 0;
    return 0;
}

int main(void)
{
    GuestChecks c = {0};
    for (int op = 0; op < OP_COUNT; op++) {
        uint64_t h = GUEST_HASH_INIT;
        int n = 0;
        for (size_t i = 0; i < NVALUES; i++) {
            for (size_t j = 0; j < NVALUES; j++) {
                /* volatile: keep the compiler from folding the table at build time */
                volatile int64_t a = values[i], b = values[j];
                int defined;
                uint64_t r = apply((Op)op, a, b, &defined);
                if (defined) {
                    h = guest_hash_bytes(h, &r, sizeof r);
                    n++;
                }
            }
        }
        printf("%-12s %3d pairs hash 0x%016llx\n", op_names[op], n, (unsigned long long)h);
    }

    volatile int64_t m7 = -7, p2 = 2, big = INT64_MAX, umax = -1;
    guest_check_u64(&c, "-7/2", (uint64_t)(m7 / p2), (uint64_t)-3);
    guest_check_u64(&c, "-7%2", (uint64_t)(m7 % p2), (uint64_t)-1);
    guest_check_u64(&c, "7%-2", (uint64_t)(-m7 % -p2), 1);
    guest_check_u64(&c, "umax/2", (uint64_t)umax / (uint64_t)p2, 0x7fffffffffffffffULL);
    guest_check_u64(&c, "mulhu(max,max)",
                    (uint64_t)(((unsigned __int128)(uint64_t)umax * (uint64_t)umax) >> 64),
                    0xfffffffffffffffeULL);
    guest_check_u64(&c, "mulh(max,max)", (uint64_t)(((__int128)big * big) >> 64),
                    0x3fffffffffffffffULL);
    guest_check_u64(&c, "mulh(-1,max)", (uint64_t)(((__int128)umax * big) >> 64),
                    0xffffffffffffffffULL);
    unsigned __int128 p = (unsigned __int128)0x123456789abcdef0ULL * 0xfedcba9876543210ULL;
    volatile unsigned __int128 vp = p;
    guest_check_u64(&c, "u128 product lo", (uint64_t)vp, 0x236d88fe5618cf00ULL);
    guest_check_u64(&c, "u128 product hi", (uint64_t)(vp >> 64), 0x121fa00ad77d7422ULL);
    guest_check_u64(&c, "u128 / 10", (uint64_t)(vp / 10), 0x69f15a7fd568e180ULL);
    guest_check_u64(&c, "u128 % 1000003", (uint64_t)(vp % 1000003), 0x58641);
    int32_t w = (int32_t)(volatile int32_t){INT32_MAX};
    guest_check_u64(&c, "addw wraps", (uint64_t)(int64_t)(int32_t)((uint32_t)w + 1u),
                    0xffffffff80000000ULL);
    return guest_checks_exit(&c);
}
