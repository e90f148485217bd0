/* One-time LLVM set-up shared by the JIT, AOT code generation and host disassembly. */
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <pthread.h>

#include "translator/translator.h"

static void setup_once(void)
{
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    LLVMInitializeNativeDisassembler();
    /* LLVM 19's DAG combiner merges adjacent stores of constants (four guest stores of
     * immediates in a row, as in glibc's printf set-up) into one vector store and then
     * fails to copy their !pcsections (the pc table's marks, lower.c) to its new nodes:
     * SelectionDAG::copyExtraInfo prints "warning: incomplete propagation of
     * SelectionDAG::NodeExtraInfo" to fd 2, which is the guest's stderr. LLVM options are
     * global, so merging is off for every compile; the A/B in docs/translator.md ("Which
     * guest instruction faulted") found no difference beyond the noise. */
    static const char *const args[] = {"fvp", "-combiner-store-merging=0"};
    LLVMParseCommandLineOptions(2, args, NULL);
}

void tr_llvm_setup(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, setup_once);
}
