/* Guest test: the auxiliary vector and initial process state the loader builds. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "guest_util.h"

static int count_phdrs(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    int *loads = data;
    for (int i = 0; i < info->dlpi_phnum; i++)
        if (info->dlpi_phdr[i].p_type == PT_LOAD)
            (*loads)++;
    return 1; /* the main program only */
}

int main(int argc, char **argv, char **envp)
{
    GuestChecks c = {0};
    printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
    printf("AT_HWCAP 0x%lx\n", getauxval(AT_HWCAP));
    guest_check_u64(&c, "AT_PHENT is an Elf64_Phdr", getauxval(AT_PHENT), sizeof(Elf64_Phdr));
    guest_check_u64(&c, "AT_PHNUM nonzero", getauxval(AT_PHNUM) > 0, 1);
    guest_check_u64(&c, "AT_PHDR set", getauxval(AT_PHDR) != 0, 1);
    guest_check_u64(&c, "AT_ENTRY set", getauxval(AT_ENTRY) != 0, 1);
    guest_check_u64(&c, "AT_UID matches getuid", getauxval(AT_UID), getuid());
    guest_check_u64(&c, "AT_EUID matches geteuid", getauxval(AT_EUID), geteuid());
    guest_check_u64(&c, "AT_GID matches getgid", getauxval(AT_GID), getgid());
    guest_check_u64(&c, "AT_SECURE is 0", getauxval(AT_SECURE), 0);
    const unsigned char *random_bytes = (const unsigned char *)getauxval(AT_RANDOM);
    guest_check_u64(&c, "AT_RANDOM points at 16 bytes", random_bytes != NULL, 1);
    if (random_bytes) {
        int nonzero = 0;
        for (int i = 0; i < 16; i++)
            nonzero |= random_bytes[i];
        guest_check_u64(&c, "AT_RANDOM bytes not all zero", nonzero != 0, 1);
    }
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    guest_check_u64(&c, "AT_EXECFN set", execfn != NULL, 1);
    if (execfn) {
        const char *slash = strrchr(execfn, '/');
        printf("AT_EXECFN ends with: %s\n", slash ? slash + 1 : execfn);
    }
    int loads = 0;
    dl_iterate_phdr(count_phdrs, &loads);
    guest_check_u64(&c, "dl_iterate_phdr sees PT_LOADs", loads >= 1, 1);
    /* the initial stack: argv, then envp right after argv's NULL */
    guest_check_u64(&c, "envp follows argv", envp == argv + argc + 1, 1);
    guest_check_u64(&c, "stack is 16-byte aligned in main",
                    ((uintptr_t)__builtin_frame_address(0) & 15) == 0, 1);
    return guest_checks_exit(&c);
}
