/* Guest test: abort() raises SIGABRT; stdout written before it must still appear. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
