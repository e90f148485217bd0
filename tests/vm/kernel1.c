/* The kernel test image for one hart. */
#define KERNEL_HARTS 1
#include "kernel.c"
