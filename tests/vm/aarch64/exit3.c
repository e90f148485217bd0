/* AArch64 VM test image: a failing guest reports status 3 through PSCI SYSTEM_OFF. */
#include "a64lib.h"

void a64_sync_handler(A64Frame *f)
{
    (void)f;
    a64_exit(91);
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    a64_puts("failing on purpose\n");
    a64_exit(3);
}
