/* FvpError: host-side failure chains that keep their cause. */
#include "common/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct FvpError {
    FvpErrorKind kind;
    int errnum;
    FvpError *cause;
    char *message;
};

static FvpError nomem_error = {FVP_ERR_NOMEM, ENOMEM, NULL, "out of memory"};

static FvpError *error_vnew(FvpErrorKind kind, int errnum, FvpError *cause, const char *fmt,
                            va_list ap)
{
    FvpError *err = calloc(1, sizeof(*err));
    char *msg = NULL;
    if (!err || vasprintf(&msg, fmt, ap) < 0) {
        free(err);
        /* The shared static error cannot hold a cause: report the allocation failure
         * and free the chain below it. */
        fvp_error_free(cause);
        return &nomem_error;
    }
    err->kind = kind;
    err->errnum = errnum;
    err->cause = cause;
    err->message = msg;
    return err;
}

FvpError *fvp_error_new(FvpErrorKind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FvpError *err = error_vnew(kind, 0, NULL, fmt, ap);
    va_end(ap);
    return err;
}

FvpError *fvp_error_errno(int errnum, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FvpError *ctx = error_vnew(FVP_ERR_IO, errnum, NULL, fmt, ap);
    va_end(ap);
    if (ctx == &nomem_error)
        return ctx;
    char *full = NULL;
    if (asprintf(&full, "%s: %s", ctx->message, strerror(errnum)) < 0) {
        fvp_error_free(ctx);
        return &nomem_error;
    }
    free(ctx->message);
    ctx->message = full;
    return ctx;
}

FvpError *fvp_error_wrap(FvpError *cause, const char *fmt, ...)
{
    if (!cause)
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    FvpError *err = error_vnew(FVP_ERR_GENERIC, 0, cause, fmt, ap);
    va_end(ap);
    return err;
}

void fvp_error_free(FvpError *err)
{
    while (err && err != &nomem_error) {
        FvpError *cause = err->cause;
        free(err->message);
        free(err);
        err = cause;
    }
}

static const FvpError *error_root(const FvpError *err)
{
    while (err && err->cause)
        err = err->cause;
    return err;
}

FvpErrorKind fvp_error_kind(const FvpError *err)
{
    const FvpError *root = error_root(err);
    return root ? root->kind : FVP_ERR_GENERIC;
}

int fvp_error_errnum(const FvpError *err)
{
    const FvpError *root = error_root(err);
    return root ? root->errnum : 0;
}

const char *fvp_error_message(const FvpError *err)
{
    return err ? err->message : "";
}

const FvpError *fvp_error_cause(const FvpError *err)
{
    return err ? err->cause : NULL;
}

size_t fvp_error_format(const FvpError *err, char *buf, size_t size)
{
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    for (const FvpError *e = err; e; e = e->cause) {
        int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "%s%s",
                         e == err ? "" : ": ", e->message);
        if (n > 0)
            len += (size_t)n;
    }
    return len;
}

void fvp_error_print(const FvpError *err, const char *prefix, FILE *f)
{
    if (prefix && *prefix)
        fprintf(f, "%s: ", prefix);
    for (const FvpError *e = err; e; e = e->cause)
        fprintf(f, "%s%s", e == err ? "" : ": ", e->message);
    fputc('\n', f);
}

void fvp_error_print_chain(const FvpError *err, FILE *f)
{
    int depth = 0;
    for (const FvpError *e = err; e; e = e->cause, depth++)
        fprintf(f, "%*s%s%s\n", depth * 2, "", depth ? "caused by: " : "", e->message);
}
