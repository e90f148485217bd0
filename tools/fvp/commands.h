/* The fvp command's subcommands and its documented exit statuses. */
#ifndef FVP_TOOLS_COMMANDS_H
#define FVP_TOOLS_COMMANDS_H

/*
 * Exit status of the fvp command:
 *   0..123      the guest's own exit status (fvp run)
 *   125         FVP could not do what was asked: bad usage, unreadable or malformed
 *               input, unsupported guest, host failure. One line on stderr says why.
 *   128 + N     the guest was killed by signal N (a message names signal, pc and address).
 */
enum {
    FVP_EXIT_TOOL_ERROR = 125,
    FVP_EXIT_SIGNAL_BASE = 128,
};

int cmd_run(int argc, char **argv); /* fvp run [options] PROG [ARGS...] */
int cmd_ir(int argc, char **argv);  /* fvp ir {print|verify|run} FILE.ir ... */
int cmd_aot(int argc, char **argv); /* fvp aot PROG -o OUT ... (native executable) */
int cmd_vm(int argc, char **argv);  /* fvp vm --kernel IMAGE ... (system VM) */

#endif
