/* HTIF test image that fails with status 5 (tohost = 5 << 1 | 1). */
#define HTIF_EXIT_CODE 5ul
#include "htif.c"
