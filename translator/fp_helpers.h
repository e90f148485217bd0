/* Plain-ABI wrappers of runtime/fp.h that generated code calls by address. */
#ifndef FVP_TRANSLATOR_FP_HELPERS_H
#define FVP_TRANSLATOR_FP_HELPERS_H

#include <stdint.h>

/* fp_convert_from_int with the 128-bit integer split into halves (lo, hi). */
uint64_t tr_fp_convert_from_int(uint32_t to, uint32_t bits, uint32_t is_signed, uint32_t rm,
                                uint32_t nan, uint64_t lo, uint64_t hi, uint32_t *flags);

#endif
