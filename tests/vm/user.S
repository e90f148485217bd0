/* U-mode code of the kernel test image: its own page, mapped with the U bit at 0x40002000. */
    .section .text.user, "ax"
    .balign 4096
    .globl user_code
user_code:
    li   a0, 42
    li   a7, 93
    ecall
1:  j    1b
    .balign 4096
