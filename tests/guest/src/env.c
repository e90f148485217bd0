/* Guest test: the environment (the GUEST_* entries the harness sets) and getenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(void)
{
    int n = 0;
    for (char **e = environ; *e; e++) {
        if (!strncmp(*e, "GUEST_", 6))
            printf("env: [%s]\n", *e);
        n++;
    }
    printf("environ has entries: %s\n", n > 0 ? "yes" : "no");
    const char *g = getenv("GUEST_GREETING");
    printf("getenv(GUEST_GREETING): %s\n", g ? g : "(null)");
    const char *missing = getenv("GUEST_NOT_SET");
    printf("getenv(GUEST_NOT_SET): %s\n", missing ? missing : "(null)");
    setenv("GUEST_NEW", "set by the guest", 1);
    printf("after setenv: %s\n", getenv("GUEST_NEW"));
    return 0;
}
