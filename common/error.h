/* FvpError: host-side failure chains that keep their cause. */
#ifndef FVP_COMMON_ERROR_H
#define FVP_COMMON_ERROR_H

#include <stdio.h>

/*
 * An error is a message plus the error that caused it:
 *
 *   "loading prog" -> "reading program headers" -> "truncated file at offset 0x40"
 *
 * fvp_error_wrap() adds context on top of a cause and takes ownership of it, so a failure
 * travels up the call stack as one chain that is printed once and freed once.
 * The kind of the innermost error decides the tool's exit status.
 *
 * Out of memory never loses the chain: if an error cannot be allocated, a static
 * "out of memory" error is returned instead (freeing it is a no-op).
 */

typedef enum FvpErrorKind {
    FVP_ERR_GENERIC = 0, /* anything else */
    FVP_ERR_IO,          /* a host file or system call failed (errno is kept) */
    FVP_ERR_FORMAT,      /* malformed input: not an ELF, truncated, bad IR text */
    FVP_ERR_UNSUPPORTED, /* valid input FVP does not handle (wrong machine, ...) */
    FVP_ERR_USAGE,       /* bad command line or option */
    FVP_ERR_NOMEM,       /* out of host memory */
    FVP_ERR_INTERNAL,    /* LLVM or another library reported a failure */
} FvpErrorKind;

typedef struct FvpError FvpError;

/* New error without a cause. Caller owns the result. */
FvpError *fvp_error_new(FvpErrorKind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* New FVP_ERR_IO error whose message ends with strerror(errnum). */
FvpError *fvp_error_errno(int errnum, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Adds context above `cause`, taking ownership of it. A NULL cause returns NULL, so
 * `return fvp_error_wrap(f(), "doing x")` is correct whether f() failed or not. */
FvpError *fvp_error_wrap(FvpError *cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Frees the whole chain. NULL is fine. */
void fvp_error_free(FvpError *err);

/* Kind of the innermost (root) cause; FVP_ERR_GENERIC for NULL. */
FvpErrorKind fvp_error_kind(const FvpError *err);
/* errno of the innermost cause if it was an FVP_ERR_IO error, else 0. */
int fvp_error_errnum(const FvpError *err);
/* Message of this level only (borrowed). */
const char *fvp_error_message(const FvpError *err);
/* The next level down, or NULL (borrowed). */
const FvpError *fvp_error_cause(const FvpError *err);

/* Writes the chain as one line, "outer: inner: root", into buf (always NUL-terminated).
 * Returns the length the full text needs, like snprintf. */
size_t fvp_error_format(const FvpError *err, char *buf, size_t size);
/* Prints "prefix: outer: inner: root\n" to f. */
void fvp_error_print(const FvpError *err, const char *prefix, FILE *f);
/* Prints one line per level, outermost first, each cause indented under its context. */
void fvp_error_print_chain(const FvpError *err, FILE *f);

#endif
