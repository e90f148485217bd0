/* rt_compiled_run: the C entry into compiled code, whose calling convention C cannot call. */
#include "runtime/engine.h"

/*
 * Compiled code uses LLVM's preserve_none convention (runtime/engine.h): on x86-64 its
 * first two arguments are in r12 and r13 and it may clobber every register, including the
 * six the System V ABI has callees preserve. gcc has no such attribute, so this trampoline
 * is assembly:
 *
 *   rt_compiled_run(fn = rdi, cpu = rsi, exit = rdx):
 *     push rbp, rbx, r12..r15; sub 8      (rsp 16-byte aligned again before the call)
 *     r12 = rdi = cpu; r13 = rsi = exit   (both conventions' argument registers)
 *     call *fn                            (the whole musttail chain runs in this call)
 *     add 8; pop r15..r12, rbx, rbp; ret
 *
 * The arguments are in the System V registers too, so a C function can stand in for
 * compiled code that the dispatcher enters (the unit tests' fake compilers); such a
 * function is never chained to, since only LLVM code chains.
 *
 * A host fault in compiled code leaves by siglongjmp to the dispatcher's sigsetjmp, which
 * restores those registers from its own buffer, not from this frame.
 */
__asm__(".pushsection .text\n"
        ".globl rt_compiled_run\n"
        ".type rt_compiled_run, @function\n"
        "rt_compiled_run:\n"
        "    .cfi_startproc\n"
        "    push %rbp\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %rbp, -16\n"
        "    push %rbx\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %rbx, -24\n"
        "    push %r12\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %r12, -32\n"
        "    push %r13\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %r13, -40\n"
        "    push %r14\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %r14, -48\n"
        "    push %r15\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    .cfi_offset %r15, -56\n"
        "    sub $8, %rsp\n"
        "    .cfi_adjust_cfa_offset 8\n"
        "    mov %rdi, %rax\n"
        "    mov %rsi, %r12\n"
        "    mov %rdx, %r13\n"
        "    mov %r12, %rdi\n"
        "    mov %r13, %rsi\n"
        "    call *%rax\n"
        "    add $8, %rsp\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %r15\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %r14\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %r13\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %r12\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %rbx\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    pop %rbp\n"
        "    .cfi_adjust_cfa_offset -8\n"
        "    ret\n"
        "    .cfi_endproc\n"
        ".size rt_compiled_run, . - rt_compiled_run\n"
        ".popsection\n");
