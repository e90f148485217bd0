/* Plain-ABI wrappers of runtime/fp.h for calls from generated code. */
#include "translator/fp_helpers.h"

#include "runtime/fp.h"

/* __int128 arguments are passed in a register pair only if both registers are free; the
 * wrapper takes the halves as two uint64_t so the JIT's call needs no i128 ABI rules. */
uint64_t tr_fp_convert_from_int(uint32_t to, uint32_t bits, uint32_t is_signed, uint32_t rm,
                                uint32_t nan, uint64_t lo, uint64_t hi, uint32_t *flags)
{
    unsigned __int128 v = ((unsigned __int128)hi << 64) | lo;
    return fp_convert_from_int((IRType)to, bits, is_signed != 0, rm, nan, v, flags);
}
