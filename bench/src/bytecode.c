/* Benchmark: a small stack-machine bytecode interpreter (switch dispatch) running a sieve,
 * an iterative Fibonacci and a multiply-accumulate loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum VmOp {
    OP_PUSH,  /* push imm */
    OP_LOAD,  /* push var[imm] */
    OP_STORE, /* var[imm] = pop */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_AND,
    OP_XOR,
    OP_SHR,
    OP_LT,     /* push (a < b) */
    OP_JMP,    /* pc = imm */
    OP_JZ,     /* if pop == 0: pc = imm */
    OP_MLOAD,  /* push mem[pop] */
    OP_MSTORE, /* v = pop, a = pop: mem[a] = v */
    OP_HALT,
} VmOp;

typedef struct VmInsn {
    uint8_t op;
    int32_t imm;
} VmInsn;

enum { VM_VARS = 16, VM_MEM = 2048, VM_STACK = 64 };

typedef struct Vm {
    int64_t var[VM_VARS];
    int64_t mem[VM_MEM];
    int64_t stack[VM_STACK];
    uint64_t steps;
} Vm;

/* Runs code from pc 0 until OP_HALT; returns 0, or -1 on a malformed program. */
static int vm_run(Vm *vm, const VmInsn *code, int ncode)
{
    int pc = 0, sp = 0;
    int64_t *st = vm->stack;
    for (;;) {
        if (pc < 0 || pc >= ncode || sp < 0 || sp > VM_STACK - 2)
            return -1;
        VmInsn in = code[pc++];
        vm->steps++;
        switch ((VmOp)in.op) {
        case OP_PUSH:
            st[sp++] = in.imm;
            break;
        case OP_LOAD:
            st[sp++] = vm->var[in.imm & (VM_VARS - 1)];
            break;
        case OP_STORE:
            vm->var[in.imm & (VM_VARS - 1)] = st[--sp];
            break;
        case OP_ADD:
            sp--;
            st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] + (uint64_t)st[sp]);
            break;
        case OP_SUB:
            sp--;
            st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] - (uint64_t)st[sp]);
            break;
        case OP_MUL:
            sp--;
            st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] * (uint64_t)st[sp]);
            break;
        case OP_AND:
            sp--;
            st[sp - 1] &= st[sp];
            break;
        case OP_XOR:
            sp--;
            st[sp - 1] ^= st[sp];
            break;
        case OP_SHR:
            sp--;
            st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] >> (st[sp] & 63));
            break;
        case OP_LT:
            sp--;
            st[sp - 1] = st[sp - 1] < st[sp];
            break;
        case OP_JMP:
            pc = in.imm;
            break;
        case OP_JZ:
            if (st[--sp] == 0)
                pc = in.imm;
            break;
        case OP_MLOAD:
            st[sp - 1] = vm->mem[(uint64_t)st[sp - 1] % VM_MEM];
            break;
        case OP_MSTORE:
            sp -= 2;
            vm->mem[(uint64_t)st[sp] % VM_MEM] = st[sp + 1];
            break;
        case OP_HALT:
            return 0;
        default:
            return -1;
        }
    }
}

/* Variables: 0 = n, 1 = i, 2 = j, 3 = count, 4 = a, 5 = b, 6 = t, 7 = acc.
 * The comment at the end of each row is the index of its first instruction. */
/* clang-format off */
static const VmInsn program[] = {
    /* sieve: for i in 2..n: mem[i] = 1 */
    {OP_PUSH, 2}, {OP_STORE, 1},                                          /* 0 */
    {OP_LOAD, 1}, {OP_LOAD, 0}, {OP_LT, 0}, {OP_JZ, 14},                  /* 2 */
    {OP_LOAD, 1}, {OP_PUSH, 1}, {OP_MSTORE, 0},                           /* 6 */
    {OP_LOAD, 1}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 1}, {OP_JMP, 2},  /* 9 */
    /* for i in 2..n: if mem[i]: count++; for j = 2i; j < n; j += i: mem[j] = 0 */
    {OP_PUSH, 2}, {OP_STORE, 1},                                          /* 14 */
    {OP_LOAD, 1}, {OP_LOAD, 0}, {OP_LT, 0}, {OP_JZ, 51},                  /* 16 */
    {OP_LOAD, 1}, {OP_MLOAD, 0}, {OP_JZ, 46},                             /* 20 */
    {OP_LOAD, 3}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 3},               /* 23 */
    {OP_LOAD, 1}, {OP_LOAD, 1}, {OP_ADD, 0}, {OP_STORE, 2},               /* 27 */
    {OP_LOAD, 2}, {OP_LOAD, 0}, {OP_LT, 0}, {OP_JZ, 46},                  /* 31 */
    {OP_LOAD, 2}, {OP_PUSH, 0}, {OP_MSTORE, 0},                           /* 35 */
    {OP_LOAD, 2}, {OP_LOAD, 1}, {OP_ADD, 0}, {OP_STORE, 2}, {OP_JMP, 31}, /* 38 */
    {OP_JMP, 46}, {OP_JMP, 46}, {OP_JMP, 46},                             /* 43: padding */
    {OP_LOAD, 1}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 1}, {OP_JMP, 16}, /* 46 */
    /* fibonacci mod 2^64 and a multiply-accumulate: for i in 0..n*4 */
    {OP_PUSH, 0}, {OP_STORE, 1}, {OP_PUSH, 0}, {OP_STORE, 4},             /* 51 */
    {OP_PUSH, 1}, {OP_STORE, 5},                                          /* 55 */
    {OP_LOAD, 1}, {OP_LOAD, 0}, {OP_PUSH, 4}, {OP_MUL, 0}, {OP_LT, 0},    /* 57 */
    {OP_JZ, 88},                                                          /* 62 */
    {OP_LOAD, 4}, {OP_LOAD, 5}, {OP_ADD, 0}, {OP_STORE, 6},               /* 63 */
    {OP_LOAD, 5}, {OP_STORE, 4}, {OP_LOAD, 6}, {OP_STORE, 5},             /* 67 */
    {OP_LOAD, 7}, {OP_LOAD, 6}, {OP_PUSH, 40503}, {OP_MUL, 0},            /* 71 */
    {OP_LOAD, 1}, {OP_PUSH, 3}, {OP_SHR, 0}, {OP_XOR, 0}, {OP_ADD, 0},    /* 75 */
    {OP_STORE, 7},                                                        /* 80 */
    {OP_LOAD, 1}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 1}, {OP_JMP, 57}, /* 81 */
    {OP_JMP, 88}, {OP_JMP, 88},                                           /* 86: padding */
    {OP_HALT, 0},                                                         /* 88 */
};
/* clang-format on */

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: bytecode SIZE (SIZE >= 1)\n");
        return 2;
    }
    static Vm vm;
    uint64_t sum = 0;
    int ncode = (int)(sizeof(program) / sizeof(program[0]));
    for (long round = 0; round < size * 2; round++) {
        for (int v = 0; v < VM_VARS; v++)
            vm.var[v] = 0;
        vm.var[0] = VM_MEM - (round % 64);
        if (vm_run(&vm, program, ncode) != 0) {
            printf("bytecode size=%ld bad program at round %ld\n", size, round);
            return 1;
        }
        sum = sum * 1099511628211ull + (uint64_t)vm.var[3] + (uint64_t)vm.var[5] +
              (uint64_t)vm.var[7];
    }
    printf("bytecode size=%ld primes=%lld steps=%llu checksum=%016llx\n", size,
           (long long)vm.var[3], (unsigned long long)vm.steps, (unsigned long long)sum);
    return 0;
}
