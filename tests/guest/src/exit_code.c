/* Guest test: exit statuses through exit(), return from main and _exit(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: exit_code {exit|return|_exit} STATUS\n");
        return 2;
    }
    int status = atoi(argv[2]);
    printf("leaving with %s(%d)\n", argv[1], status);
    if (!strcmp(argv[1], "exit"))
        exit(status);
    if (!strcmp(argv[1], "_exit")) {
        fflush(stdout);
        _exit(status);
    }
    return status;
}
