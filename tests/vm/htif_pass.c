/* HTIF test image that passes (tohost = 1). */
#define HTIF_EXIT_CODE 0ul
#include "htif.c"
