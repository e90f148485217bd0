/* FvpError: chains keep every level, format as one line, free completely. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "common/error.h"

Test(error, new_has_kind_and_message)
{
    FvpError *e = fvp_error_new(FVP_ERR_FORMAT, "truncated file at offset 0x%x", 0x40);
    cr_assert_eq(fvp_error_kind(e), FVP_ERR_FORMAT);
    cr_assert_str_eq(fvp_error_message(e), "truncated file at offset 0x40");
    cr_assert_null(fvp_error_cause(e));
    fvp_error_free(e);
}

Test(error, wrap_keeps_the_whole_chain)
{
    FvpError *e = fvp_error_new(FVP_ERR_FORMAT, "truncated file at offset 0x40");
    e = fvp_error_wrap(e, "reading program headers");
    e = fvp_error_wrap(e, "loading %s", "prog");
    char buf[256];
    size_t n = fvp_error_format(e, buf, sizeof buf);
    cr_assert_str_eq(buf, "loading prog: reading program headers: truncated file at offset 0x40");
    cr_assert_eq(n, strlen(buf));
    cr_assert_eq(fvp_error_kind(e), FVP_ERR_FORMAT, "the root cause decides the kind");
    cr_assert_str_eq(fvp_error_message(fvp_error_cause(e)), "reading program headers");
    fvp_error_free(e);
}

Test(error, wrap_of_null_is_null)
{
    cr_assert_null(fvp_error_wrap(NULL, "context"));
}

Test(error, errno_error_names_the_cause)
{
    FvpError *e = fvp_error_wrap(fvp_error_errno(ENOENT, "opening %s", "x"), "loading x");
    char buf[128];
    fvp_error_format(e, buf, sizeof buf);
    cr_assert_str_eq(buf, "loading x: opening x: No such file or directory");
    cr_assert_eq(fvp_error_kind(e), FVP_ERR_IO);
    cr_assert_eq(fvp_error_errnum(e), ENOENT);
    fvp_error_free(e);
}

Test(error, format_truncates_safely_and_reports_full_length)
{
    FvpError *e = fvp_error_wrap(fvp_error_new(FVP_ERR_GENERIC, "inner"), "outer");
    char buf[8];
    size_t n = fvp_error_format(e, buf, sizeof buf);
    cr_assert_eq(n, strlen("outer: inner"));
    cr_assert_str_eq(buf, "outer: ");
    fvp_error_free(e);
}

Test(error, print_chain_one_line_per_level)
{
    FvpError *e = fvp_error_wrap(fvp_error_new(FVP_ERR_IO, "root"), "top");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fvp_error_print_chain(e, f);
    fclose(f);
    cr_assert_str_eq(text, "top\n  caused by: root\n");
    free(text);
    fvp_error_free(e);
}
