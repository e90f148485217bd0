/* Interpreter lane-structure ops (splat, extract, shuffle, widen, narrow, reduce) and atomics. */
#include <string.h>

#include "common/common.h"
#include "runtime/interp_internal.h"

typedef unsigned __int128 U128;
typedef __int128 S128;

static U128 vec_lane_read(const IRValue *v, unsigned w, unsigned i)
{
    switch (w) {
    case 8: return v->u8[i];
    case 16: return v->u16[i];
    case 32: return v->u32[i];
    default: return v->u64[i];
    }
}

static void vec_lane_write(IRValue *v, unsigned w, unsigned i, U128 x)
{
    switch (w) {
    case 8: v->u8[i] = (uint8_t)x; break;
    case 16: v->u16[i] = (uint16_t)x; break;
    case 32: v->u32[i] = (uint32_t)x; break;
    default: v->u64[i] = (uint64_t)x; break;
    }
}

static S128 vec_sext(U128 x, unsigned w)
{
    unsigned s = 128 - w;
    return (S128)(x << s) >> s;
}

/* One lane of VNARROW: x (sw bits wide) to w bits. */
static U128 vec_narrow(unsigned kind, U128 x, unsigned w)
{
    U128 umax = ((U128)1 << w) - 1;
    S128 smax = (S128)(umax >> 1), smin = -smax - 1;
    S128 s = vec_sext(x, 2 * w);
    switch (kind) {
    case IR_NARROW_SSAT: return (U128)(s > smax ? smax : s < smin ? smin : s) & umax;
    case IR_NARROW_USAT: return x > umax ? umax : x;
    case IR_NARROW_SUSAT: return s < 0 ? 0 : (U128)s > umax ? umax : (U128)s;
    default: return x & umax;
    }
}

void interp_eval_vector(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b)
{
    IRValue r;
    memset(&r, 0, sizeof r);
    IRLane lane = (IRLane)(in->lane ? in->lane : in->alane);
    unsigned w = ir_lane_bits(lane), n = ir_lane_count(lane);
    switch (in->op) {
    case IR_VSPLAT: {
        U128 x = interp_value_read(a, ir_type_bits((IRType)in->atype));
        for (unsigned i = 0; i < n; i++)
            vec_lane_write(&r, w, i, x);
        break;
    }
    case IR_VEXTRACT: { /* the element size is the result's */
        unsigned ew = ir_type_bits((IRType)in->type);
        d->u64[0] = (uint64_t)vec_lane_read(a, ew, (unsigned)(in->imm % (128 / ew)));
        return;
    }
    case IR_VINSERT: {
        unsigned ew = ir_type_bits((IRType)in->btype);
        r = *a;
        vec_lane_write(&r, ew, (unsigned)(in->imm % (128 / ew)), b->u64[0]);
        break;
    }
    case IR_VSHUFFLE:
        for (unsigned i = 0; i < 16; i++) {
            unsigned sel = (unsigned)((i < 8 ? in->imm >> (8 * i) : in->imm2 >> (8 * (i - 8))) & 0xff);
            r.u8[i] = sel < 16 ? a->u8[sel] : sel < 32 ? b->u8[sel - 16] : 0;
        }
        break;
    case IR_VTBL:
        for (unsigned i = 0; i < 16; i++)
            r.u8[i] = b->u8[i] < 16 ? a->u8[b->u8[i]] : 0;
        break;
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI: {
        fvp_assert(w >= 16 && !ir_lane_is_float(lane));
        unsigned base = in->op == IR_VWIDEN_HI ? n : 0;
        for (unsigned i = 0; i < n; i++) {
            U128 x = vec_lane_read(a, w / 2, base + i);
            if (!(in->cond & IR_CVT_UNSIGNED))
                x = (U128)vec_sext(x, w / 2);
            vec_lane_write(&r, w, i, x);
        }
        break;
    }
    case IR_VNARROW:
        fvp_assert(w <= 32 && !ir_lane_is_float(lane));
        for (unsigned i = 0; i < n; i++) {
            const IRValue *src = i < n / 2 ? a : b;
            vec_lane_write(&r, w, i, vec_narrow(in->cond, vec_lane_read(src, 2 * w, i % (n / 2)), w));
        }
        break;
    case IR_VREDUCE: { /* at lane width; the result is zero-extended */
        U128 acc = vec_lane_read(a, w, 0);
        for (unsigned i = 1; i < n; i++)
            acc = interp_int_compute(in->cond, 0, w, w, acc, vec_lane_read(a, w, i), 0);
        d->u64[0] = (uint64_t)acc;
        return;
    }
    case IR_VMOVMSK: {
        uint64_t m = 0;
        for (unsigned i = 0; i < n; i++)
            m |= (uint64_t)((vec_lane_read(a, w, i) >> (w - 1)) & 1) << i;
        d->u64[0] = m;
        return;
    }
    default: fvp_assert(!"interp: not a vector structure op");
    }
    *d = r;
}

/* ---- Atomics ------------------------------------------------------------------------------- */

/* Compare-and-swap of 16 bytes: cmpxchg16b when aligned; a plain read-compare-write
 * otherwise (x86 cannot do a misaligned 16-byte atomic; documented in docs/interp.md). */
static U128 atomic_cas16(void *p, U128 expected, U128 desired)
{
    if (((uintptr_t)p & 15) == 0) {
        uint64_t lo = (uint64_t)expected, hi = (uint64_t)(expected >> 64);
        __asm__ volatile("lock cmpxchg16b %0"
                         : "+m"(*(U128 *)p), "+a"(lo), "+d"(hi)
                         : "b"((uint64_t)desired), "c"((uint64_t)(desired >> 64))
                         : "memory", "cc");
        return lo | (U128)hi << 64;
    }
    U128 old;
    memcpy(&old, p, 16);
    if (old == expected)
        memcpy(p, &desired, 16);
    return old;
}

static U128 atomic_cas(void *p, unsigned size, U128 expected, U128 desired)
{
    switch (size) {
#define ATOMIC_CAS_CASE(n, T)                                                                      \
    case n: {                                                                                      \
        T e = (T)expected;                                                                         \
        __atomic_compare_exchange_n((T *)p, &e, (T)desired, false, __ATOMIC_SEQ_CST,               \
                                    __ATOMIC_SEQ_CST);                                             \
        return e;                                                                                  \
    }
        ATOMIC_CAS_CASE(1, uint8_t)
        ATOMIC_CAS_CASE(2, uint16_t)
        ATOMIC_CAS_CASE(4, uint32_t)
        ATOMIC_CAS_CASE(8, uint64_t)
#undef ATOMIC_CAS_CASE
    default: return atomic_cas16(p, expected, desired);
    }
}

static U128 atomic_read(const void *p, unsigned size)
{
    switch (size) {
    case 1: return __atomic_load_n((const uint8_t *)p, __ATOMIC_RELAXED);
    case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
    case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
    case 8: return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
    default: {
        U128 v;
        memcpy(&v, p, 16);
        return v;
    }
    }
}

bool interp_eval_atomic(RtCpu *cpu, const InterpInsn *in, IRValue *d, const IRValue *a,
                        const IRValue *b, const IRValue *c, uint64_t *fault_addr)
{
    uint64_t addr = a->u64[0];
    void *p = rt_mem_access(cpu, addr, in->size, RT_ACCESS_WRITE);
    if (!p) {
        *fault_addr = addr;
        return false;
    }
    unsigned w = in->size * 8;
    U128 v = interp_value_read(b, w);
    if (in->op == IR_CAS) {
        interp_value_write(d, w, atomic_cas(p, in->size, v, interp_value_read(c, w)));
        return true;
    }
    /* RMW: one CAS loop for every operation and width, sequentially consistent. */
    U128 old = atomic_read(p, in->size);
    for (;;) {
        U128 next;
        switch (in->cond) {
        case IR_RMW_XCHG: next = v; break;
        case IR_RMW_ADD: next = interp_int_compute(IR_ADD, 0, w, w, old, v, 0); break;
        case IR_RMW_AND: next = old & v; break;
        case IR_RMW_OR: next = old | v; break;
        case IR_RMW_XOR: next = old ^ v; break;
        case IR_RMW_SMIN: next = interp_int_compute(IR_SMIN, 0, w, w, old, v, 0); break;
        case IR_RMW_SMAX: next = interp_int_compute(IR_SMAX, 0, w, w, old, v, 0); break;
        case IR_RMW_UMIN: next = old < v ? old : v; break;
        default: next = old > v ? old : v; break; /* UMAX */
        }
        U128 seen = atomic_cas(p, in->size, old, next);
        if (seen == old)
            break;
        old = seen;
    }
    interp_value_write(d, w, old);
    return true;
}
