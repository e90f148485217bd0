/* Guest test: hello world, argc/argv (as given) and the program name's last component. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *slash = strrchr(argv[0], '/');
    printf("hello, world\n");
    printf("program: %s\n", slash ? slash + 1 : argv[0]);
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
    fprintf(stderr, "hello on stderr\n");
    return 0;
}
