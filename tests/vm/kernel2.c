/* The kernel test image for two harts (IPI, counters shared across harts). */
#define KERNEL_HARTS 2
#include "kernel.c"
