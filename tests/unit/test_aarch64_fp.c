/* AArch64 scalar floating point through the interpreter: results, FPSR flags and NZCV per
 * case, recorded from qemu-aarch64 running the same instructions on the same inputs
 * (every rounding mode, NaN propagation, signed zeros, saturating conversions). */
#include "tests/unit/test_aarch64_harness.h"

/* One recorded case per line. */
/* clang-format off */
static const A64VecCase fp_cases[] = {
    {{0x1e622820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbff8000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x4008cccccccccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7fefffffffffffffull, 0x0000000000000000ull}, 0x14, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e622820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0xbff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd d0, d1, d2 */
    {{0x1e623820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x400c000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc007333333333333ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0xbfb999999999999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43e0000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e623820}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x4007333333333333ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsub d0, d1, d2 */
    {{0x1e620820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fd3333333333334ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e620820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fd0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul d0, d1, d2 */
    {{0x1e621820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0xbfd9999999999999ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fa1111111111111ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x400000, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000009ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc3f0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e621820}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0x403dffffffffffffull, 0x0000000000000000ull}, 0x10, 0x0}, /* fdiv d0, d1, d2 */
    {{0x1e624820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x4008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e624820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax d0, d1, d2 */
    {{0x1e625820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e625820}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin d0, d1, d2 */
    {{0x1e626820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x4008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e626820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm d0, d1, d2 */
    {{0x1e627820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e627820}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm d0, d1, d2 */
    {{0x1e628820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x4004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfd3333333333334ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff0000000000000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1e628820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfd0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul d0, d1, d2 */
    {{0x1f420420}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0xbff8000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x3fd999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x7fefffffffffffffull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x43d0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f420420}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x400a666666666666ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmadd d0, d1, d2, d1 */
    {{0x1f428820}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x400599999999999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff0000000000000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f428820}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe8000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub d0, d1, d2, d2 */
    {{0x1f620420}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff8000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfd999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff0000000000000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000001ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc3d0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f620420}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0xc00a666666666666ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fnmadd d0, d1, d2, d1 */
    {{0x1f618440}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc00c000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x3fc999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7fefffffffffffffull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0xfff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1f618440}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x3fe8000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub d0, d2, d1, d1 */
    {{0x1e61c020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fd43d136248490full, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x5fe7dddf6b095ff1ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x1e60000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x41e6a09e667f3bcdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt d0, d1 */
    {{0x1e61c020}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x3ffbb67ae8584caaull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt d0, d1 */
    {{0x1e60c020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e60c020}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs d0, d1 */
    {{0x1e614020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0xbff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfb999999999999aull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x400000, {0xffe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0x8000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0xbff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc3e0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e614020}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0xc008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg d0, d1 */
    {{0x1e644020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* frintn d0, d1 */
    {{0x1e644020}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn d0, d1 */
    {{0x1e664020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43e0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e664020}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x4008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta d0, d1 */
    {{0x1e674020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* frintx d0, d1 */
    {{0x1e674020}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* frintx d0, d1 */
    {{0x1e67c020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x8000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43e0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e67c020}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x4008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti d0, d1 */
    {{0x1e654020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* frintm d0, d1 */
    {{0x1e654020}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm d0, d1 */
    {{0x1e624020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000003dccccccull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x14, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000005f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt s0, d1 */
    {{0x1e624020}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt s0, d1 */
    {{0x1e622020}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp d1, d2 */
    {{0x1e622020}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmp d1, d2 */
    {{0x1e622020}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp d1, d2 */
    {{0x1e622020}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp d1, d2 */
    {{0x1e622020}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x3}, /* fcmp d1, d2 */
    {{0x1e622020}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmp d1, d2 */
    {{0x1e622020}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp d1, d2 */
    {{0x1e622030}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe d1, d2 */
    {{0x1e622030}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe d1, d2 */
    {{0x1e602028}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x800000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x3}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmp d1, #0.0 */
    {{0x1e602028}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmp d1, #0.0 */
    {{0x1e621423}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp d1, d2, #3, ne */
    {{0x1e621423}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp d1, d2, #3, ne */
    {{0x1e620c20}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x4008000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fe1ccf385ebc8a0ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xc004000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8000000000123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x1e620c20}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel d0, d1, d2, eq */
    {{0x9e780029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x400000, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x9e780029, 0x9e670120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000003ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, d1; fmov d0, x9 */
    {{0x1e790029, 0x1e270120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x1e790029, 0x1e270120}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzu w9, d1; fmov s0, w9 */
    {{0x9e600029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x9e600029, 0x9e670120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000003ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtns x9, d1; fmov d0, x9 */
    {{0x1e650029, 0x1e270120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x1e650029, 0x1e270120}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtau w9, d1; fmov s0, w9 */
    {{0x9e700029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x9e700029, 0x9e670120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000003ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtms x9, d1; fmov d0, x9 */
    {{0x1e680029, 0x1e270120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x1e680029, 0x1e270120}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtps w9, d1; fmov s0, w9 */
    {{0x9e660049, 0x9e620120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0xc3cffe0000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x43d0020000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x43dff8733ce17af2ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x43cfdccccccccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x43cff80000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x43dffc0000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0xc3d0080000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660049, 0x9e620120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x43cfdccccccccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43cff80000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43cfdccccccccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x43dff8733ce17af2ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43dffc0000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43dffe0000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x43dffc0000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x9e660029, 0x9e630120}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x43e7fc0000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d1; ucvtf d0, x9 */
    {{0x1e260029, 0x1e230120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f19999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f05ebc9ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x9e660049, 0x9e220120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000de7ff000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000005e801000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000005effc399ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000005effe000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x00000000de7ff000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, {0x7ff8000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000005efff000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x9e660049, 0x9e220120}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x00000000de804000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov x9, d2; scvtf s0, x9 */
    {{0x1e58e029, 0x1e270120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0xc004000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000100ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000019ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, {0x7fe1ccf385ebc8a0ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x1ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x8000000000000000ull, 0xdeadbeefcafef00dull}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x3ff0000000000000ull, 0xdeadbeefcafef00dull}, {0x7ff0000000000123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000100ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x43e0000000000000ull, 0xdeadbeefcafef00dull}, {0xbfe0000000000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e58e029, 0x1e270120}, {0x4008000000000000ull, 0xdeadbeefcafef00dull}, {0x3fb999999999999aull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000300ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs w9, d1, #8; fmov s0, w9 */
    {{0x1e222820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bfc00000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040466666ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e222820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040466666ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fadd s0, s1, s2 */
    {{0x1e223820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000040600000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x00000000c039999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e223820}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsub s0, s1, s2 */
    {{0x1e220820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003e99999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ce800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e220820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003e99999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmul s0, s1, s2 */
    {{0x1e221820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000becccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003d088889ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e221820}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fdiv s0, s1, s2 */
    {{0x1e224820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e224820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmax s0, s1, s2 */
    {{0x1e225820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e225820}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bf000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmin s0, s1, s2 */
    {{0x1e226820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e226820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmaxnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e227820}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x00000000bf000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fminnm s0, s1, s2 */
    {{0x1e228820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000be99999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000080000000ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1e228820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000be99999aull, 0x0000000000000000ull}, 0x10, 0x0}, /* fnmul s0, s1, s2 */
    {{0x1f020420}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bfc00000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003ecccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f020420}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000be800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmadd s0, s1, s2, s1 */
    {{0x1f028820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x00000000402cccccull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000004e7fffffull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f028820}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x400000, {0x00000000be4ccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmsub s0, s1, s2, s2 */
    {{0x1f220420}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003fc00000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000becccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f220420}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003e800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmadd s0, s1, s2, s1 */
    {{0x1f218440}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000c0600000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003e4ccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x14, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000080000001ull, 0x0000000000000000ull}, 0x18, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000cf400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1f218440}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000c02ccccdull, 0x0000000000000000ull}, 0x10, 0x0}, /* fnmsub s0, s2, s1, s1 */
    {{0x1e21c020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000003ea1e89bull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000005f7fffffull, 0x0000000000000000ull}, 0x10, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fsqrt s0, s1 */
    {{0x1e21c020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fsqrt s0, s1 */
    {{0x1e20c020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003dcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e20c020}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fabs s0, s1 */
    {{0x1e214020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bf800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bdcccccdull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ff800123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e214020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fneg s0, s1 */
    {{0x1e244020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x800000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e244020}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintn s0, s1 */
    {{0x1e264020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* frinta s0, s1 */
    {{0x1e264020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000bf800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinta s0, s1 */
    {{0x1e274020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e274020}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintx s0, s1 */
    {{0x1e27c020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x1, 0x0}, /* frinti s0, s1 */
    {{0x1e27c020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frinti s0, s1 */
    {{0x1e254020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e254020}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* frintm s0, s1 */
    {{0x1e222020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x3}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmp s1, s2 */
    {{0x1e222020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmp s1, s2 */
    {{0x1e222030}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x400000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x400000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe s1, s2 */
    {{0x1e222030}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x400000, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmpe s1, s2 */
    {{0x1e202028}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x3}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fcmp s1, #0.0 */
    {{0x1e202028}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fcmp s1, #0.0 */
    {{0x1e221423}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x6}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x8}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x1, 0x3}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp s1, s2, #3, ne */
    {{0x1e221423}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x5555555555555555ull, 0x5555555555555555ull}, 0x0, 0x2}, /* fccmp s1, s2, #3, ne */
    {{0x1e220c20}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x800000, {0x0000000040400000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0xc00000, {0x000000007f7fffffull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x00000000c0200000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x400000, {0x000000007fc00123ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e220c20}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x00000000bf000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcsel s0, s1, s2, eq */
    {{0x1e260029, 0x1e230120}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e7e0000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e773333ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004eff0000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x000000003f800000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004f000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e7e0000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e9e0000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e260029, 0x1e230120}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0x0, {0x000000004e808000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fmov w9, s1; ucvtf s0, w9 */
    {{0x1e22c020}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x3fb99999a0000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x47efffffe0000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8002460000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x7ff8002460000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvt d0, s1 */
    {{0x1e22c020}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0xbfe0000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvt d0, s1 */
    {{0x9e380029, 0x9e670120}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x800000, {0x7fffffffffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef0100000001ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef0180000000ull, 0xdeadbeefcafef00dull}, {0x3f800000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000000000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0x7f800123ull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000001ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef014f000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x400000, {0x0000000080000000ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x9e380029, 0x9e670120}, {0xabcdef0140400000ull, 0xdeadbeefcafef00dull}, {0x3dcccccdull, 0xdeadbeefcafef00dull}, 0xc00000, {0x0000000000000003ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzs x9, s1; fmov d0, x9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef013f800000ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef013dcccccdull, 0xdeadbeefcafef00dull}, {0x40400000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000003ull, 0x0000000000000000ull}, 0x0, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef017f7fffffull, 0xdeadbeefcafef00dull}, {0x7f7fffffull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef017f800000ull, 0xdeadbeefcafef00dull}, {0x7f800000ull, 0xdeadbeefcafef00dull}, 0x0, {0x00000000ffffffffull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef017fc00123ull, 0xdeadbeefcafef00dull}, {0xc0200000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef017f800123ull, 0xdeadbeefcafef00dull}, {0x7fc00123ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x1, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
    {{0x1e390049, 0x1e270120}, {0xabcdef01bf000000ull, 0xdeadbeefcafef00dull}, {0xbf000000ull, 0xdeadbeefcafef00dull}, 0x0, {0x0000000000000000ull, 0x0000000000000000ull}, 0x10, 0x0}, /* fcvtzu w9, s2; fmov s0, w9 */
};
/* clang-format on */

Test(aarch64_fp, qemu_recorded_cases)
{
    size_t n = sizeof fp_cases / sizeof fp_cases[0];
    unsigned failures = a64t_run_vec_cases(fp_cases, n);
    cr_assert_eq(failures, 0, "%u of %zu cases differ from qemu", failures, n);
}
