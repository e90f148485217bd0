/* Guest test, AArch64 -Ofast: crtfastmath sets FPCR.FZ at startup, so denormal results and inputs flush to zero in scalar and auto-vectorised loops; prints bits and FPSR flags. */
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 64

static uint32_t bits32(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t bits64(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

/* FNV-1a over the 8 bytes of v. */
static uint64_t hash_add(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (8 * i)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t read_fpcr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}

static uint64_t read_and_clear_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    __asm__ volatile("msr fpsr, %0" ::"r"(0ull));
    return v & 0x9f;
}

/* Opaque to the optimiser, so the loops below run on the guest at run time. */
static volatile float vf_scale = 0.5f;
static volatile double vd_scale = 0.5;

__attribute__((noinline)) static void halve_f32(float *x, int n, float s)
{
    for (int i = 0; i < n; i++)
        x[i] = x[i] * s;
}

__attribute__((noinline)) static void halve_f64(double *x, int n, double s)
{
    for (int i = 0; i < n; i++)
        x[i] = x[i] * s;
}

__attribute__((noinline)) static float dot_f32(const float *a, const float *b, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

__attribute__((noinline)) static void add_f32(float *d, const float *a, const float *b, int n)
{
    for (int i = 0; i < n; i++)
        d[i] = a[i] + b[i];
}

int main(void)
{
    printf("fpcr.fz: %d\n", (int)(read_fpcr() >> 24 & 1));
    read_and_clear_fpsr();

    float xf[N];
    double xd[N];
    for (int i = 0; i < N; i++) {
        xf[i] = FLT_MIN * (float)(i + 1) * 4.0f;
        xd[i] = DBL_MIN * (double)(i + 1) * 4.0;
    }
    for (int round = 0; round < 4; round++) {
        halve_f32(xf, N, vf_scale);
        halve_f64(xd, N, vd_scale);
        uint64_t hf = 0xcbf29ce484222325ull, hd = hf;
        int zf = 0, zd = 0;
        for (int i = 0; i < N; i++) {
            hf = hash_add(hf, bits32(xf[i]));
            hd = hash_add(hd, bits64(xd[i]));
            zf += xf[i] == 0;
            zd += xd[i] == 0;
        }
        printf("round %d: f32 hash %016llx zeros %d, f64 hash %016llx zeros %d, fpsr %02llx\n",
               round, (unsigned long long)hf, zf, (unsigned long long)hd, zd,
               (unsigned long long)read_and_clear_fpsr());
    }

    /* denormal inputs made from integers: flushed on input (IDC) */
    float a[N], b[N], d[N];
    for (int i = 0; i < N; i++) {
        uint32_t u = (uint32_t)(i * 977 + 1) & 0x007fffff; /* denormal bit patterns */
        memcpy(&a[i], &u, 4);
        b[i] = (float)(i % 7) - 3.0f;
    }
    printf("dot(denormals): %08x fpsr %02llx\n", bits32(dot_f32(a, b, N)),
           (unsigned long long)read_and_clear_fpsr());
    add_f32(d, a, b, N);
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < N; i++)
        h = hash_add(h, bits32(d[i]));
    printf("add(denormals): hash %016llx fpsr %02llx\n", (unsigned long long)h,
           (unsigned long long)read_and_clear_fpsr());

    volatile float tiny = FLT_MIN;
    volatile double dtiny = DBL_MIN;
    printf("FLT_MIN / 3: %08x\n", bits32(tiny / 3.0f));
    printf("DBL_MIN * 0.75: %016llx\n", (unsigned long long)bits64(dtiny * 0.75));
    printf("(float)(DBL_MIN * 2^900): %08x\n", bits32((float)(dtiny * 0x1p900)));
    printf("fpsr %02llx\n", (unsigned long long)read_and_clear_fpsr());
    return 0;
}
