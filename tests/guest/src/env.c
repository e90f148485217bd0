/* Guest test: the environment (the GUEST_* entries the harness sets) and getenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    /* Sorted: qemu-user hands the environment over in reverse order, Linux in order. */
    const char *guest_vars[64];
    int n = 0, nguest = 0;
    for (char **e = environ; *e; e++) {
        if (!strncmp(*e, "GUEST_", 6) && nguest < 64)
            guest_vars[nguest++] = *e;
        n++;
    }
    qsort(guest_vars, (size_t)nguest, sizeof guest_vars[0], compare_strings);
    for (int i = 0; i < nguest; i++)
        printf("env: [%s]\n", guest_vars[i]);
    printf("environ has entries: %s\n", n > 0 ? "yes" : "no");
    const char *g = getenv("GUEST_GREETING");
    printf("getenv(GUEST_GREETING): %s\n", g ? g : "(null)");
    const char *missing = getenv("GUEST_NOT_SET");
    printf("getenv(GUEST_NOT_SET): %s\n", missing ? missing : "(null)");
    setenv("GUEST_NEW", "set by the guest", 1);
    printf("after setenv: %s\n", getenv("GUEST_NEW"));
    return 0;
}
