/* fvp: the command-line entry point; dispatches to subcommands. */
#include <stdio.h>
#include <string.h>

#include "tools/fvp/commands.h"

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} Command;

static const Command commands[] = {
    {"run", cmd_run, "run [--engine=interp|jit|auto] [--stats[=json]] PROG [ARGS...]"},
    {"ir", cmd_ir, "ir {print|verify|run} FILE.ir..."},
    {"aot", cmd_aot, "aot PROG -o OUT [--opt=O0|O1|O2|O3] [--stats] (native executable)"},
    {"vm", cmd_vm, "vm --kernel IMAGE [--disk FILE] [--smp N] [--mem SIZE] (system VM)"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: fvp COMMAND ...\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  fvp %s\n", commands[i].usage);
    fprintf(f, "exit status: the guest's, 128+N if it died of signal N, %d on FVP errors\n",
            FVP_EXIT_TOOL_ERROR);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return FVP_EXIT_TOOL_ERROR;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "fvp: unknown command '%s' (try fvp --help)\n", argv[1]);
    return FVP_EXIT_TOOL_ERROR;
}
