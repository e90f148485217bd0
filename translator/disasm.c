/* Host code disassembly for dumps (LLVMCreateDisasm, x86-64). */
#include "translator/translator.h"

#include <errno.h>
#include <inttypes.h>
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

FvpError *tr_disasm_host(const void *code, size_t size, uint64_t addr, char **out)
{
    tr_llvm_setup();
    LLVMDisasmContextRef dc = LLVMCreateDisasm("x86_64-unknown-linux-gnu", NULL, 0, NULL, NULL);
    if (!dc)
        return fvp_error_new(FVP_ERR_INTERNAL, "LLVMCreateDisasm failed for x86-64");
    LLVMSetDisasmOptions(dc, LLVMDisassembler_Option_PrintImmHex);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        LLVMDisasmDispose(dc);
        return fvp_error_errno(errno, "open_memstream");
    }
    const uint8_t *p = code;
    size_t off = 0;
    while (off < size) {
        char line[256];
        size_t n = LLVMDisasmInstruction(dc, (uint8_t *)p + off, size - off, addr + off, line,
                                         sizeof line);
        if (n == 0) {
            fprintf(f, "%12" PRIx64 ":\t.byte 0x%02x\n", addr + off, p[off]);
            n = 1;
        } else {
            fprintf(f, "%12" PRIx64 ":%s\n", addr + off, line);
        }
        off += n;
    }
    fclose(f);
    LLVMDisasmDispose(dc);
    *out = text;
    return NULL;
}
