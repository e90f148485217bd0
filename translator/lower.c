/* IR region -> one LLVM function: skeleton, state slot cache, guest memory, control, exits. */
#include "translator/lower_internal.h"
#include "translator/region_shape.h"
#include "translator/translator.h"

#include <inttypes.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/DebugInfo.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "runtime/vm/vm_tlb.h"

/*
 *   entry:   state/mem_base/mem_limit <- cpu; slots <- state; br b0
 *   b<k>:    stats += (1 block, INSN count); lowered insns of block k
 *            goto/exit_if to a region block's pc -> br b<j> (loops stay inside)
 *            other exits and faults (one per memory access): br exit with the RtExit
 *            values as phi incomings
 *   exit:    header.pc = next_pc, written slots -> state, stats; a JUMP to a pc in the
 *            thread's jump cache tail-calls that region (chaining, emit_chain)
 *   ret:     fill RtExit from the phis; ret void
 */

/* ---- Types, constants, metadata -------------------------------------------------------- */

LLVMTypeRef tr_vec_type(TrLower *l, IRLane lane)
{
    switch (lane) {
    case IR_LANE_I8X16: return LLVMVectorType(l->t_i8, 16);
    case IR_LANE_I16X8: return LLVMVectorType(l->t_i16, 8);
    case IR_LANE_I32X4: return LLVMVectorType(l->t_i32, 4);
    case IR_LANE_F32X4: return LLVMVectorType(l->t_f32, 4);
    case IR_LANE_F64X2: return LLVMVectorType(l->t_f64, 2);
    case IR_LANE_I64X2:
    default: return LLVMVectorType(l->t_i64, 2);
    }
}

LLVMTypeRef tr_type(TrLower *l, IRType t, IRLane lane)
{
    switch (t) {
    case IR_I1: return l->t_i1;
    case IR_I8: return l->t_i8;
    case IR_I16: return l->t_i16;
    case IR_I32: return l->t_i32;
    case IR_I64: return l->t_i64;
    case IR_I128: return l->t_i128;
    case IR_F32: return l->t_f32;
    case IR_F64: return l->t_f64;
    case IR_V128: return tr_vec_type(l, lane);
    default: return l->t_void;
    }
}

IRLane tr_insn_lane(TrLower *l, const IRInsn *in)
{
    if (in->type != IR_V128 || in->lane != IR_LANE_NONE || in->nargs == 0)
        return (IRLane)in->lane;
    IRLane src = (IRLane)l->blk->insns[in->args[0]].lane;
    if (in->op == IR_FCVT_F2I || in->op == IR_FCVT_I2F) { /* same element width */
        bool wide = src == IR_LANE_I64X2 || src == IR_LANE_F64X2;
        if (in->op == IR_FCVT_F2I)
            return wide ? IR_LANE_I64X2 : IR_LANE_I32X4;
        return wide ? IR_LANE_F64X2 : IR_LANE_F32X4;
    }
    return src;
}

LLVMValueRef tr_const_int(LLVMTypeRef t, uint64_t v)
{
    return LLVMConstInt(t, v, 0);
}

LLVMValueRef tr_splat(TrLower *l, LLVMTypeRef t, uint64_t v)
{
    if (LLVMGetTypeKind(t) != LLVMVectorTypeKind)
        return LLVMConstInt(t, v, 0);
    unsigned n = LLVMGetVectorSize(t);
    LLVMValueRef elems[16];
    LLVMValueRef e = LLVMConstInt(LLVMGetElementType(t), v, 0);
    for (unsigned k = 0; k < n; k++)
        elems[k] = e;
    (void)l;
    return LLVMConstVector(elems, n);
}

LLVMValueRef tr_fail(TrLower *l, const IRInsn *insn, const char *why, LLVMTypeRef t)
{
    if (!l->err) {
        l->err = fvp_error_new(FVP_ERR_UNSUPPORTED, "block 0x%" PRIx64 ": %s.%s: %s",
                               l->blk ? l->blk->pc : 0, ir_op_info[insn->op].name,
                               ir_type_name((IRType)insn->type), why);
    }
    return t && LLVMGetTypeKind(t) != LLVMVoidTypeKind ? LLVMGetUndef(t) : NULL;
}

LLVMValueRef tr_arg_raw(TrLower *l, const IRInsn *insn, unsigned i)
{
    uint32_t id = insn->args[i];
    LLVMValueRef v = id < l->blk->count ? l->vals[id] : NULL;
    if (!v)
        return tr_fail(l, insn, "operand has no value", l->t_i64);
    return v;
}

LLVMValueRef tr_arg(TrLower *l, const IRInsn *insn, unsigned i, LLVMTypeRef want)
{
    LLVMValueRef v = tr_arg_raw(l, insn, i);
    LLVMTypeRef have = LLVMTypeOf(v);
    if (have == want)
        return v;
    if (have == l->t_i1 || want == l->t_i1)
        return tr_fail(l, insn, "operand type mismatch", want);
    return LLVMBuildBitCast(l->b, v, want, "");
}

LLVMValueRef tr_intrinsic(TrLower *l, const char *name, LLVMTypeRef *overload,
                          unsigned n_overload, LLVMValueRef *args, unsigned nargs)
{
    unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
    fvp_assert(id != 0);
    LLVMValueRef fn = LLVMGetIntrinsicDeclaration(l->mod, id, overload, n_overload);
    LLVMTypeRef fty = LLVMIntrinsicGetType(l->ctx, id, overload, n_overload);
    return LLVMBuildCall2(l->b, fty, fn, args, nargs, "");
}

static LLVMMetadataRef md_string(TrLower *l, const char *s)
{
    return LLVMMDStringInContext2(l->ctx, s, strlen(s));
}

static void init_metadata(TrLower *l)
{
    static const char *const names[TR_ALIAS_COUNT] = {"fvp.cpu", "fvp.state", "fvp.guest",
                                                      "fvp.exit"};
    l->md_tbaa = LLVMGetMDKindIDInContext(l->ctx, "tbaa", 4);
    l->md_scope = LLVMGetMDKindIDInContext(l->ctx, "alias.scope", 11);
    l->md_noalias = LLVMGetMDKindIDInContext(l->ctx, "noalias", 7);
    LLVMMetadataRef root_ops[] = {md_string(l, "fvp tbaa")};
    LLVMMetadataRef root = LLVMMDNodeInContext2(l->ctx, root_ops, 1);
    LLVMMetadataRef zero = LLVMValueAsMetadata(LLVMConstInt(l->t_i64, 0, 0));
    LLVMMetadataRef domain_ops[] = {md_string(l, "fvp.domain")};
    LLVMMetadataRef domain = LLVMMDNodeInContext2(l->ctx, domain_ops, 1);
    LLVMMetadataRef scopes[TR_ALIAS_COUNT];
    for (int c = 0; c < TR_ALIAS_COUNT; c++) {
        LLVMMetadataRef type_ops[] = {md_string(l, names[c]), root, zero};
        LLVMMetadataRef type = LLVMMDNodeInContext2(l->ctx, type_ops, 3);
        LLVMMetadataRef tag_ops[] = {type, type, zero};
        l->tbaa_tag[c] = LLVMMDNodeInContext2(l->ctx, tag_ops, 3);
        LLVMMetadataRef scope_ops[] = {md_string(l, names[c]), domain};
        scopes[c] = LLVMMDNodeInContext2(l->ctx, scope_ops, 2);
    }
    for (int c = 0; c < TR_ALIAS_COUNT; c++) {
        LLVMMetadataRef own[] = {scopes[c]};
        LLVMMetadataRef others[TR_ALIAS_COUNT - 1];
        unsigned n = 0;
        for (int o = 0; o < TR_ALIAS_COUNT; o++)
            if (o != c)
                others[n++] = scopes[o];
        l->scope_list[c] = LLVMMetadataAsValue(l->ctx, LLVMMDNodeInContext2(l->ctx, own, 1));
        l->noalias_list[c] =
            LLVMMetadataAsValue(l->ctx, LLVMMDNodeInContext2(l->ctx, others, n));
    }
}

void tr_set_alias(TrLower *l, LLVMValueRef mem_insn, TrAliasClass cls)
{
    LLVMSetMetadata(mem_insn, l->md_tbaa, LLVMMetadataAsValue(l->ctx, l->tbaa_tag[cls]));
    LLVMSetMetadata(mem_insn, l->md_scope, l->scope_list[cls]);
    LLVMSetMetadata(mem_insn, l->md_noalias, l->noalias_list[cls]);
}

/* ---- Raw field access ------------------------------------------------------------------ */

static LLVMValueRef byte_gep(TrLower *l, LLVMValueRef base, LLVMValueRef offset)
{
    return LLVMBuildInBoundsGEP2(l->b, l->t_i8, base, &offset, 1, "");
}

static LLVMValueRef field_load(TrLower *l, LLVMValueRef base, uint64_t offset, LLVMTypeRef t,
                               TrAliasClass cls)
{
    LLVMValueRef p = byte_gep(l, base, tr_const_int(l->t_i64, offset));
    LLVMValueRef v = LLVMBuildLoad2(l->b, t, p, "");
    LLVMSetAlignment(v, 1);
    tr_set_alias(l, v, cls);
    return v;
}

static LLVMValueRef field_store(TrLower *l, LLVMValueRef base, uint64_t offset, LLVMValueRef v,
                                TrAliasClass cls)
{
    LLVMValueRef p = byte_gep(l, base, tr_const_int(l->t_i64, offset));
    LLVMValueRef s = LLVMBuildStore(l->b, v, p);
    LLVMSetAlignment(s, 1);
    tr_set_alias(l, s, cls);
    return s;
}

/* ---- State slots ----------------------------------------------------------------------- */

static unsigned type_bytes(IRType t)
{
    return t == IR_I1 ? 1 : ir_type_bits(t) / 8;
}

/* Storage type of a state access: i1 is kept as a byte (0 or 1). */
static LLVMTypeRef storage_type(TrLower *l, IRType t, IRLane lane)
{
    return t == IR_I1 ? l->t_i8 : tr_type(l, t, lane);
}

static void slot_note(TrLower *l, size_t *cap, uint32_t offset, IRType t, IRLane lane,
                      bool written)
{
    uint32_t size = type_bytes(t);
    for (size_t k = 0; k < l->nslots; k++) {
        TrSlot *s = &l->slots[k];
        if (s->offset == offset && s->size == size) {
            s->written |= written;
            return;
        }
    }
    FVP_GROW(l->slots, *cap, l->nslots + 1);
    l->slots[l->nslots++] = (TrSlot){.offset = offset,
                                     .size = size,
                                     .type = storage_type(l, t, lane),
                                     .ptr = NULL,
                                     .written = written};
}

static bool slots_overlap(const TrSlot *a, const TrSlot *b)
{
    return a->offset < b->offset + b->size && b->offset < a->offset + a->size;
}

/* Finds every state field the region touches and gives non-overlapping ones an alloca. */
static void slots_plan(TrLower *l)
{
    size_t cap = 0;
    slot_note(l, &cap, offsetof(IRStateHeader, pc), IR_I64, IR_LANE_NONE, true);
    for (size_t bi = 0; bi < l->nblocks; bi++) {
        const IRBlock *blk = l->blocks[bi];
        for (size_t i = 0; i < blk->count; i++) {
            const IRInsn *in = &blk->insns[i];
            if (in->op == IR_GET)
                slot_note(l, &cap, (uint32_t)in->imm, (IRType)in->type, (IRLane)in->lane,
                          false);
            else if (in->op == IR_PUT)
                slot_note(l, &cap, (uint32_t)in->imm,
                          (IRType)blk->insns[in->args[0]].type,
                          (IRLane)blk->insns[in->args[0]].lane, true);
            if (ir_op_info[in->op].flags & IRF_FP) {
                slot_note(l, &cap, offsetof(IRStateHeader, fp_flags), IR_I32, IR_LANE_NONE,
                          true);
                if (in->rm == IR_RM_DYN)
                    slot_note(l, &cap, offsetof(IRStateHeader, fp_round), IR_I32,
                              IR_LANE_NONE, false);
            }
        }
    }
    for (size_t k = 0; k < l->nslots; k++) {
        bool alone = true;
        for (size_t o = 0; o < l->nslots && alone; o++)
            alone = o == k || !slots_overlap(&l->slots[k], &l->slots[o]);
        if (alone)
            l->slots[k].ptr = LLVMBuildAlloca(l->b, l->slots[k].type, "");
    }
}

static TrSlot *slot_find(TrLower *l, uint32_t offset, uint32_t size)
{
    for (size_t k = 0; k < l->nslots; k++)
        if (l->slots[k].offset == offset && l->slots[k].size == size)
            return &l->slots[k];
    return NULL;
}

/* Converts between a value and the storage type of the same size. */
static LLVMValueRef view_as(TrLower *l, LLVMValueRef v, LLVMTypeRef t)
{
    LLVMTypeRef have = LLVMTypeOf(v);
    if (have == t)
        return v;
    if (t == l->t_i1)
        return LLVMBuildTrunc(l->b, v, t, "");
    if (have == l->t_i1)
        return LLVMBuildZExt(l->b, v, t, "");
    return LLVMBuildBitCast(l->b, v, t, "");
}

static uint32_t llvm_type_bytes(TrLower *l, LLVMTypeRef t)
{
    if (t == l->t_i1)
        return 1;
    switch (LLVMGetTypeKind(t)) {
    case LLVMFloatTypeKind: return 4;
    case LLVMDoubleTypeKind: return 8;
    case LLVMIntegerTypeKind: return LLVMGetIntTypeWidth(t) / 8;
    case LLVMVectorTypeKind: return 16;
    default: return 0;
    }
}

LLVMValueRef tr_state_read(TrLower *l, uint32_t offset, LLVMTypeRef t)
{
    uint32_t size = llvm_type_bytes(l, t);
    TrSlot *s = slot_find(l, offset, size);
    if (s && s->ptr)
        return view_as(l, LLVMBuildLoad2(l->b, s->type, s->ptr, ""), t);
    LLVMTypeRef st = t == l->t_i1 ? l->t_i8 : t;
    return view_as(l, field_load(l, l->state, offset, st, TR_ALIAS_STATE), t);
}

void tr_state_write(TrLower *l, uint32_t offset, LLVMValueRef v)
{
    LLVMTypeRef t = LLVMTypeOf(v);
    uint32_t size = llvm_type_bytes(l, t);
    TrSlot *s = slot_find(l, offset, size);
    if (s && s->ptr) {
        LLVMBuildStore(l->b, view_as(l, v, s->type), s->ptr);
        s->dirty = true;
        return;
    }
    field_store(l, l->state, offset, t == l->t_i1 ? view_as(l, v, l->t_i8) : v, TR_ALIAS_STATE);
}

void tr_slots_flush(TrLower *l)
{
    for (size_t k = 0; k < l->nslots; k++) {
        TrSlot *s = &l->slots[k];
        if (s->ptr && s->written)
            field_store(l, l->state, s->offset, LLVMBuildLoad2(l->b, s->type, s->ptr, ""),
                        TR_ALIAS_STATE);
    }
}

void tr_slots_reload(TrLower *l)
{
    for (size_t k = 0; k < l->nslots; k++) {
        TrSlot *s = &l->slots[k];
        s->dirty = false;
        if (s->ptr)
            LLVMBuildStore(l->b, field_load(l, l->state, s->offset, s->type, TR_ALIAS_STATE),
                           s->ptr);
    }
}

static LLVMBasicBlockRef new_bb(TrLower *l, const char *name)
{
    return LLVMAppendBasicBlockInContext(l->ctx, l->fn, name);
}

/* The regions' calling convention: LLVM's CallingConv::PreserveNone (the C API's
 * LLVMCallConv has no name for it). Regions chain by musttail calls, so none saves the
 * callee-saved registers a C function must; rt_compiled_run (runtime/compiled_run.c) does,
 * once per entry from the dispatcher. */
enum { TR_REGION_CALL_CONV = 21 };

/* ---- Exits ----------------------------------------------------------------------------- */

typedef struct TrExitInfo {
    RtExitKind kind;
    LLVMValueRef next_pc; /* i64 */
    uint8_t jump_kind, trap_kind, is_write;
    uint64_t pc, detail;
    LLVMValueRef fault_addr; /* i64 or NULL */
} TrExitInfo;

static void exit_store(TrLower *l, size_t offset, LLVMValueRef v)
{
    field_store(l, l->exit, offset, v, TR_ALIAS_EXIT);
}

/* Execution counters live in two allocas (SSA in loops) and reach cpu->stats only at the
 * region's exit and before helper calls (stats_publish). A host SIGSEGV that leaves the
 * region by siglongjmp loses the counts of that region run. */
static void count_add(TrLower *l, LLVMValueRef counter, uint64_t n)
{
    if (!n || !l->counts)
        return;
    LLVMValueRef old = LLVMBuildLoad2(l->b, l->t_i64, counter, "");
    LLVMBuildStore(l->b, LLVMBuildAdd(l->b, old, tr_const_int(l->t_i64, n), ""), counter);
}

/* Guest instructions are counted like the interpreter counts them (each INSN marker
 * passed), committed to the counter at exits, on in-region branches and before helper
 * calls. */
static void insns_commit(TrLower *l)
{
    count_add(l, l->count_insns, l->pending_insns);
}

/* cpu->stats.jit_insns/jit_blocks += the local counters, which restart at zero. */
static void stats_publish(TrLower *l)
{
    if (!l->counts)
        return;
    static const size_t offsets[2] = {offsetof(RtCpu, stats.jit_insns),
                                      offsetof(RtCpu, stats.jit_blocks)};
    LLVMValueRef counters[2] = {l->count_insns, l->count_blocks};
    for (int k = 0; k < 2; k++) {
        LLVMValueRef old = field_load(l, l->cpu, offsets[k], l->t_i64, TR_ALIAS_CPU);
        LLVMSetAlignment(old, 8);
        LLVMValueRef add = LLVMBuildLoad2(l->b, l->t_i64, counters[k], "");
        LLVMValueRef s = field_store(l, l->cpu, offsets[k], LLVMBuildAdd(l->b, old, add, ""),
                                     TR_ALIAS_CPU);
        LLVMSetAlignment(s, 8);
        LLVMBuildStore(l->b, tr_const_int(l->t_i64, 0), counters[k]);
    }
}

/* Every exit of the region reaches one exit block whose phis (kind, trap_kind, jump_kind,
 * is_write: i8; next_pc, fault_addr, pc, detail: i64) receive the exit's values; it sets
 * IRStateHeader.pc = next_pc, stores the state back, then chains or fills *exit
 * (exit_block_finish). One shared block keeps the function small (a region has an exit per
 * memory access). */
enum { EXIT_KIND, EXIT_TRAP_KIND, EXIT_JUMP_KIND, EXIT_IS_WRITE, EXIT_NEXT_PC, EXIT_FAULT_ADDR,
       EXIT_PC, EXIT_DETAIL, EXIT_NFIELDS };

static const size_t exit_field_offsets[EXIT_NFIELDS] = {
    offsetof(RtExit, kind),     offsetof(RtExit, trap_kind),  offsetof(RtExit, jump_kind),
    offsetof(RtExit, is_write), offsetof(RtExit, next_pc),    offsetof(RtExit, fault_addr),
    offsetof(RtExit, pc),       offsetof(RtExit, detail)};

static void exit_block_begin(TrLower *l)
{
    LLVMPositionBuilderAtEnd(l->b, l->exit_bb);
    for (int f = 0; f < EXIT_NFIELDS; f++)
        l->exit_phis[f] = LLVMBuildPhi(l->b, f < EXIT_NEXT_PC ? l->t_i8 : l->t_i64, "");
}

/* *rq != 0 (an i1): the dispatcher asks compiled code to return (RtCpu.exit_request; rq
 * is that pointer, or &cpu->no_exit_request when it is NULL). A relaxed atomic load:
 * another thread sets it. Runtime-owned, in the cpu alias class (so tr_pc_table_finish
 * knows it is no guest access). */
static LLVMValueRef exit_requested(TrLower *l, LLVMValueRef rq)
{
    LLVMValueRef req = LLVMBuildLoad2(l->b, l->t_i32, rq, "");
    LLVMSetOrdering(req, LLVMAtomicOrderingMonotonic);
    LLVMSetAlignment(req, 4);
    tr_set_alias(l, req, TR_ALIAS_CPU);
    return LLVMBuildICmp(l->b, LLVMIntNE, req, tr_const_int(l->t_i32, 0), "");
}

/* Chaining: a JUMP exit whose target is in the thread's jump cache tail-calls the target's
 * compiled code (same signature, so the frame is reused) unless the dispatcher asked for
 * control. Builder at the end of the flush (state, stats and MXCSR already restored);
 * continues in `ret` otherwise.
 *
 *   jc = cpu->jump_cache; rq = cpu->exit_request (&cpu->no_exit_request when NULL)
 *   kind == JUMP && detail == 0 && jc --> *rq == 0 --> rt_jump_slot(jc, next_pc)->pc == next_pc
 *        --> musttail fn(cpu, exit)             (each failed test: ret) */
static void emit_chain(TrLower *l, LLVMBasicBlockRef ret)
{
    LLVMValueRef next = l->exit_phis[EXIT_NEXT_PC];
    LLVMValueRef jc = field_load(l, l->cpu, offsetof(RtCpu, jump_cache), l->t_ptr, TR_ALIAS_CPU);
    LLVMValueRef rq = l->exit_request;
    LLVMValueRef go = LLVMBuildICmp(l->b, LLVMIntEQ, l->exit_phis[EXIT_KIND],
                                    tr_const_int(l->t_i8, RT_EXIT_JUMP), "");
    /* a tier-up request must reach the dispatcher */
    go = LLVMBuildAnd(l->b, go,
                      LLVMBuildICmp(l->b, LLVMIntEQ, l->exit_phis[EXIT_DETAIL],
                                    tr_const_int(l->t_i64, 0), ""),
                      "");
    go = LLVMBuildAnd(l->b, go, LLVMBuildIsNotNull(l->b, jc, ""), "");
    LLVMBasicBlockRef probe = new_bb(l, "chain_probe"), look = new_bb(l, "chain_lookup"),
                      call = new_bb(l, "chain");
    LLVMBuildCondBr(l->b, go, probe, ret);

    LLVMPositionBuilderAtEnd(l->b, probe);
    LLVMBuildCondBr(l->b, exit_requested(l, rq), ret, look);

    LLVMPositionBuilderAtEnd(l->b, look);
    LLVMValueRef idx = LLVMBuildAnd(l->b, LLVMBuildLShr(l->b, next, tr_const_int(l->t_i64, 1), ""),
                                    tr_const_int(l->t_i64, RT_JUMP_SLOTS - 1), "");
    LLVMValueRef slot = byte_gep(
        l, jc, LLVMBuildMul(l->b, idx, tr_const_int(l->t_i64, sizeof(RtJumpSlot)), ""));
    LLVMValueRef slot_pc = field_load(l, slot, offsetof(RtJumpSlot, pc), l->t_i64, TR_ALIAS_CPU);
    LLVMBuildCondBr(l->b, LLVMBuildICmp(l->b, LLVMIntEQ, slot_pc, next, ""), call, ret);

    LLVMPositionBuilderAtEnd(l->b, call);
    LLVMValueRef fn = field_load(l, slot, offsetof(RtJumpSlot, fn), l->t_ptr, TR_ALIAS_CPU);
    LLVMValueRef args[2] = {l->cpu, l->exit};
    LLVMValueRef c = LLVMBuildCall2(l->b, LLVMGlobalGetValueType(l->fn), fn, args, 2, "");
    LLVMSetTailCallKind(c, LLVMTailCallKindMustTail);
    LLVMSetInstructionCallConv(c, TR_REGION_CALL_CONV);
    LLVMBuildRetVoid(l->b);
}

/*   exit:  header.pc = next_pc; restore MXCSR; written slots -> state; publish stats
 *          [chain]
 *   ret:   fill RtExit from the phis; ret void */
static void exit_block_finish(TrLower *l)
{
    LLVMPositionBuilderAtEnd(l->b, l->exit_bb);
    tr_state_write(l, offsetof(IRStateHeader, pc), l->exit_phis[EXIT_NEXT_PC]);
    tr_fp_region_exit(l);
    tr_slots_flush(l);
    stats_publish(l);
    LLVMBasicBlockRef ret = new_bb(l, "ret");
    if (l->chain)
        emit_chain(l, ret);
    else
        LLVMBuildBr(l->b, ret);
    LLVMPositionBuilderAtEnd(l->b, ret);
    for (int f = 0; f < EXIT_NFIELDS; f++)
        exit_store(l, exit_field_offsets[f], l->exit_phis[f]);
    LLVMBuildRetVoid(l->b);
}

/* Leaves through the exit block with *e (fields an exit kind does not use are zero, as
 * the interpreter leaves them). Leaves the builder in no block. */
static void emit_exit(TrLower *l, const TrExitInfo *e)
{
    insns_commit(l);
    LLVMValueRef v[EXIT_NFIELDS] = {
        tr_const_int(l->t_i8, e->kind),
        tr_const_int(l->t_i8, e->trap_kind),
        tr_const_int(l->t_i8, e->jump_kind),
        tr_const_int(l->t_i8, e->is_write),
        e->next_pc,
        e->fault_addr ? e->fault_addr : tr_const_int(l->t_i64, 0),
        tr_const_int(l->t_i64, e->pc),
        tr_const_int(l->t_i64, e->detail)};
    LLVMBasicBlockRef from = LLVMGetInsertBlock(l->b);
    for (int f = 0; f < EXIT_NFIELDS; f++)
        LLVMAddIncoming(l->exit_phis[f], &v[f], &from, 1);
    LLVMBuildBr(l->b, l->exit_bb);
}

/* A guest memory fault in user mode without TR_LOWER_PRECISE_FAULTS branches to one shared
 * block that fills *exit (kind, pc, fault address, direction) and returns, without the
 * guest registers. They are of no use there: the runtime ends the guest with SIGSEGV, as
 * it does after a host fault inside compiled code, whose state is no more exact (a guest
 * with its own SIGSEGV or SIGBUS handler gets precise regions,
 * rt_process_need_precise_faults). Not going through the exit block means the registers'
 * current values need not be kept alive to every access: about 10-15% on loops with
 * several accesses (docs/translator.md). The block (built by fault_block_finish) restores
 * the host MXCSR (the guest's FP flags are dropped with its registers) and publishes the
 * counters, as any exit does. */
static void emit_fault_exit_light(TrLower *l, LLVMValueRef addr, bool is_write)
{
    insns_commit(l);
    LLVMBasicBlockRef from = LLVMGetInsertBlock(l->b);
    if (!l->fault_bb) {
        l->fault_bb = new_bb(l, "fault_exit");
        LLVMPositionBuilderAtEnd(l->b, l->fault_bb);
        l->fault_phis[0] = LLVMBuildPhi(l->b, l->t_i64, "fault_pc");
        l->fault_phis[1] = LLVMBuildPhi(l->b, l->t_i64, "fault_addr");
        l->fault_phis[2] = LLVMBuildPhi(l->b, l->t_i8, "fault_write");
        LLVMPositionBuilderAtEnd(l->b, from);
    }
    LLVMValueRef v[3] = {tr_const_int(l->t_i64, l->insn_pc), addr,
                         tr_const_int(l->t_i8, is_write)};
    for (int k = 0; k < 3; k++)
        LLVMAddIncoming(l->fault_phis[k], &v[k], &from, 1);
    LLVMBuildBr(l->b, l->fault_bb);
}

static void fault_block_finish(TrLower *l)
{
    if (!l->fault_bb)
        return;
    LLVMPositionBuilderAtEnd(l->b, l->fault_bb);
    tr_fp_region_abandon(l);
    stats_publish(l);
    LLVMValueRef v[EXIT_NFIELDS] = {
        [EXIT_KIND] = tr_const_int(l->t_i8, RT_EXIT_FAULT),
        [EXIT_TRAP_KIND] = tr_const_int(l->t_i8, 0),
        [EXIT_JUMP_KIND] = tr_const_int(l->t_i8, 0),
        [EXIT_IS_WRITE] = l->fault_phis[2],
        [EXIT_NEXT_PC] = l->fault_phis[0],
        [EXIT_FAULT_ADDR] = l->fault_phis[1],
        [EXIT_PC] = l->fault_phis[0],
        [EXIT_DETAIL] = tr_const_int(l->t_i64, 0)};
    for (int f = 0; f < EXIT_NFIELDS; f++)
        exit_store(l, exit_field_offsets[f], v[f]);
    LLVMBuildRetVoid(l->b);
}

void tr_trap_if_unlikely(TrLower *l, LLVMValueRef cond, IRTrapKind kind)
{
    LLVMBasicBlockRef trap = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "trap");
    LLVMBasicBlockRef cont = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "no_trap");
    tr_cond_br_unlikely(l, cond, trap, cont);
    LLVMPositionBuilderAtEnd(l->b, trap);
    TrExitInfo e = {.kind = RT_EXIT_TRAP,
                    .trap_kind = (uint8_t)kind,
                    .pc = l->insn_pc,
                    .next_pc = tr_const_int(l->t_i64, l->insn_pc)};
    emit_exit(l, &e);
    LLVMPositionBuilderAtEnd(l->b, cont);
}

static size_t region_index(const TrLower *l, uint64_t pc)
{
    return tr_region_index(l->blocks, l->nblocks, pc);
}

/* The region block whose entry is pc, or NULL. */
static LLVMBasicBlockRef region_target(TrLower *l, uint64_t pc)
{
    size_t k = region_index(l, pc);
    return k < l->nblocks ? l->block_bbs[k] : NULL;
}

LLVMValueRef tr_cond_br_unlikely(TrLower *l, LLVMValueRef cond, LLVMBasicBlockRef rare,
                                 LLVMBasicBlockRef usual)
{
    LLVMValueRef br = LLVMBuildCondBr(l->b, cond, rare, usual);
    LLVMMetadataRef w[3] = {md_string(l, "branch_weights"),
                            LLVMValueAsMetadata(tr_const_int(l->t_i32, 1)),
                            LLVMValueAsMetadata(tr_const_int(l->t_i32, 1 << 20))};
    LLVMSetMetadata(br, LLVMGetMDKindIDInContext(l->ctx, "prof", 4),
                    LLVMMetadataAsValue(l->ctx, LLVMMDNodeInContext2(l->ctx, w, 3)));
    return br;
}

/* ---- Guest memory ---------------------------------------------------------------------- */

static void store_cur_pc(TrLower *l)
{
    if (l->pc_table || (l->cur_pc_stored && l->cur_pc_value == l->insn_pc))
        return;
    LLVMValueRef s = field_store(l, l->cpu, offsetof(RtCpu, cur_pc),
                                 tr_const_int(l->t_i64, l->insn_pc), TR_ALIAS_CPU);
    LLVMSetVolatile(s, 1);
    l->cur_pc_stored = true;
    l->cur_pc_value = l->insn_pc;
}

/* TR_LOWER_PC_TABLE: the access names its guest instruction in the host pc table instead
 * of a cur_pc store before it (3 stores per matmul iteration; hash, memops and vecloops
 * 8-23% faster without them). !pcsections carries the pc to code generation, but passes
 * that make a new access from old ones (LICM's promoted stores, GVN's PRE loads, merged
 * loads) drop it; they keep (or merge) debug locations, so the pc rides along as one too
 * and tr_pc_table_finish puts it back. Line = (pc >> 15) + 1 and column = (pc & 0x7fff) +
 * 1 (columns have 16 bits): a merge of different accesses gets line 0, or column 0 when
 * they share a line. */
static void set_pc_sections(LLVMContextRef ctx, LLVMValueRef access, uint64_t pc)
{
    /* runtime/engine.h: {"fvp_pcmap", {i32 mark, i64 pc}}; code generation emits the host
     * pcs of the access, then these constants. */
    LLVMMetadataRef aux[2] = {
        LLVMValueAsMetadata(
            LLVMConstInt(LLVMInt32TypeInContext(ctx), (uint32_t)RT_PC_TABLE_MARK, 0)),
        LLVMValueAsMetadata(LLVMConstInt(LLVMInt64TypeInContext(ctx), pc, 0))};
    LLVMMetadataRef ops[2] = {
        LLVMMDStringInContext2(ctx, RT_PC_TABLE_SECTION, sizeof RT_PC_TABLE_SECTION - 1),
        LLVMMDNodeInContext2(ctx, aux, 2)};
    LLVMSetMetadata(access, LLVMGetMDKindIDInContext(ctx, "pcsections", 10),
                    LLVMMetadataAsValue(ctx, LLVMMDNodeInContext2(ctx, ops, 2)));
}

#define PC_LOC_MAX (UINT64_C(1) << 47) /* pcs a debug location can carry */

static void mark_access(TrLower *l, LLVMValueRef access)
{
    if (!l->pc_table)
        return;
    set_pc_sections(l->ctx, access, l->insn_pc);
    if (l->insn_pc < PC_LOC_MAX)
        LLVMInstructionSetDebugLoc(
            access, LLVMDIBuilderCreateDebugLocation(l->ctx, (unsigned)(l->insn_pc >> 15) + 1,
                                                     (unsigned)(l->insn_pc & 0x7fff) + 1,
                                                     l->di_scope, NULL));
}

/* pc_table: a compile unit and subprogram for the access locations (mark_access). */
static void di_begin(TrLower *l, const char *name)
{
    LLVMDIBuilderRef dib = LLVMCreateDIBuilder(l->mod);
    LLVMMetadataRef file = LLVMDIBuilderCreateFile(dib, "guest", 5, "", 0);
    LLVMDIBuilderCreateCompileUnit(dib, LLVMDWARFSourceLanguageC, file, "fvp", 3, 1, "", 0, 0,
                                   "", 0, LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0);
    LLVMMetadataRef type = LLVMDIBuilderCreateSubroutineType(dib, file, NULL, 0, LLVMDIFlagZero);
    l->di_scope = LLVMDIBuilderCreateFunction(dib, file, name, strlen(name), name, strlen(name),
                                              file, 0, type, 0, 1, 0, LLVMDIFlagZero, 1);
    LLVMSetSubprogram(l->fn, l->di_scope);
    LLVMDIBuilderFinalize(dib);
    LLVMDisposeDIBuilder(dib);
    LLVMAddModuleFlag(l->mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                      LLVMValueAsMetadata(LLVMConstInt(l->t_i32, LLVMDebugMetadataVersion(), 0)));
}

/* Whether an !alias.scope list (as a value) holds the guest scope {"fvp.guest", domain}. */
static bool scope_is_guest(LLVMValueRef list)
{
    unsigned n = LLVMGetMDNodeNumOperands(list);
    LLVMValueRef ops[TR_ALIAS_COUNT];
    if (n > FVP_ARRAY_LEN(ops))
        return true; /* not a list lower.c made: assume the worst */
    LLVMGetMDNodeOperands(list, ops);
    for (unsigned k = 0; k < n; k++) {
        unsigned nops = ops[k] ? LLVMGetMDNodeNumOperands(ops[k]) : 0;
        if (nops < 1 || nops > 2)
            return true;
        LLVMValueRef name[2];
        LLVMGetMDNodeOperands(ops[k], name);
        unsigned len = 0;
        const char *s = name[0] ? LLVMGetMDString(name[0], &len) : NULL;
        if (!s || (len == 9 && !memcmp(s, "fvp.guest", 9)))
            return true;
    }
    return false;
}

/* A guest access whose !pcsections a pass dropped: its pc from its debug location, or
 * false (none, or a merge of different accesses). */
static bool pc_from_location(LLVMValueRef access, uint64_t *pc)
{
    LLVMMetadataRef loc = LLVMInstructionGetDebugLoc(access);
    if (!loc || LLVMGetMetadataKind(loc) != LLVMDILocationMetadataKind)
        return false;
    unsigned line = LLVMDILocationGetLine(loc), col = LLVMDILocationGetColumn(loc);
    if (!line || !col)
        return false;
    *pc = (uint64_t)(line - 1) << 15 | (col - 1);
    return true;
}

size_t tr_pc_table_finish(LLVMModuleRef mod)
{
    LLVMContextRef ctx = LLVMGetModuleContext(mod);
    unsigned k_pcs = LLVMGetMDKindIDInContext(ctx, "pcsections", 10);
    unsigned k_scope = LLVMGetMDKindIDInContext(ctx, "alias.scope", 11);
    size_t n = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in;
                 in = LLVMGetNextInstruction(in)) {
                switch (LLVMGetInstructionOpcode(in)) {
                case LLVMLoad:
                case LLVMStore:
                case LLVMAtomicRMW:
                case LLVMAtomicCmpXchg: {
                    if (LLVMGetMetadata(in, k_pcs))
                        break;
                    LLVMValueRef ptr =
                        LLVMGetOperand(in, LLVMGetInstructionOpcode(in) == LLVMStore);
                    if (LLVMIsAAllocaInst(ptr))
                        break;
                    /* Guest accesses are the only ones in the guest scope (init_metadata);
                     * no scope at all may be one whose scope a pass dropped. */
                    LLVMValueRef scope = LLVMGetMetadata(in, k_scope);
                    if (scope && !scope_is_guest(scope))
                        break;
                    uint64_t pc;
                    if (pc_from_location(in, &pc))
                        set_pc_sections(ctx, in, pc);
                    else
                        n++;
                    break;
                }
                case LLVMCall: {
                    /* Memory intrinsics and libc's memcpy family a pass may have formed
                     * from guest accesses (helpers never touch guest memory). */
                    LLVMValueRef callee = LLVMGetCalledValue(in);
                    size_t len = 0;
                    const char *name =
                        callee && LLVMIsAFunction(callee) ? LLVMGetValueName2(callee, &len) : "";
                    n += !strncmp(name, "llvm.mem", 8) || !strncmp(name, "llvm.masked.", 12) ||
                         !strcmp(name, "memcpy") || !strcmp(name, "memset") ||
                         !strcmp(name, "memmove");
                    break;
                }
                default:
                    break;
                }
            }
    LLVMStripModuleDebugInfo(mod); /* the locations were only carriers */
    return n;
}

/* Precise faults: the state in memory must be exact when the access below raises a host
 * SIGSEGV, which LLVM cannot see, so the stores are volatile (never removed or merged).
 * Only slots written since the last sync in this block are stored; at a block's start every
 * written slot counts as dirty (it may come from a loop's previous iteration). */
static void sync_dirty_slots(TrLower *l)
{
    if (!l->precise_faults)
        return;
    for (size_t k = 0; k < l->nslots; k++) {
        TrSlot *s = &l->slots[k];
        if (!s->ptr || !s->dirty || s->offset == offsetof(IRStateHeader, pc))
            continue;
        LLVMValueRef v = LLVMBuildLoad2(l->b, s->type, s->ptr, "");
        LLVMSetVolatile(field_store(l, l->state, s->offset, v, TR_ALIAS_STATE), 1);
        s->dirty = false;
    }
}

/* User mode: the base x of an address `add x, off` whose access stays within the guard
 * after the window (0 <= off, off + size <= RT_MEM_GUARD), else NULL. Testing x alone is
 * exact (runtime/cpu.h) and lets LLVM merge the tests of accesses on one base (a struct's
 * fields, a stack frame, neighbouring array elements) and hoist an invariant one. */
static LLVMValueRef guard_covered_base(TrLower *l, LLVMValueRef addr, unsigned size)
{
    LLVMValueRef add = LLVMIsAInstruction(addr);
    if (!l->user_mode || !add || LLVMGetInstructionOpcode(add) != LLVMAdd)
        return NULL;
    LLVMValueRef off = LLVMGetOperand(add, 1);
    if (!LLVMIsAConstantInt(off))
        return NULL;
    long long k = LLVMConstIntGetSExtValue(off);
    return k >= 0 && k + size <= RT_MEM_GUARD ? LLVMGetOperand(add, 0) : NULL;
}

LLVMValueRef tr_guest_ptr(TrLower *l, LLVMValueRef addr, unsigned size, bool is_write)
{
    /* rt_mem_access, inline: the flat window test of rt_mem_host (addr > limit - size ||
     * size > limit), else, if cpu->tlb is set (system VM), rt_tlb_translate out of line;
     * NULL from it is a fault. User mode pays one compare and branch, on the address's
     * base register when the guard after the window covers the offset (guard_covered_base:
     * base >= limit); TR_LOWER_USER_MODE drops the TLB path (a failed window test is a
     * fault). The TLB's way-0 hit (one compare, one add) is inline; other ways and misses
     * call rt_tlb_translate.
     *
     *   check --ok--> mem (phi: mem_base + addr | translated)
     *     \--bad--> slow: tlb == NULL? --yes--> fault
     *                  \--no--> way 0 hit? --yes--> mem (addr + addend)
     *                             \--no--> translate: p = rt_tlb_translate(...); p ? mem : fault
     */
    store_cur_pc(l);
    sync_dirty_slots(l);
    LLVMValueRef sz = tr_const_int(l->t_i64, size);
    LLVMValueRef base = guard_covered_base(l, addr, size);
    LLVMValueRef bad =
        base ? LLVMBuildICmp(l->b, LLVMIntUGE, base, l->mem_limit, "")
             : LLVMBuildICmp(l->b, LLVMIntUGT, addr, LLVMBuildSub(l->b, l->mem_limit, sz, ""), "");
    /* A user-mode window is never smaller than an access (rt_mem_init reserves at least
     * 1 MiB), so limit - size cannot wrap; a VM CPU's limit is 0. */
    if (!l->user_mode)
        bad = LLVMBuildOr(l->b, bad, LLVMBuildICmp(l->b, LLVMIntUGT, sz, l->mem_limit, ""), "");
    LLVMValueRef flat = byte_gep(l, l->mem_base, addr);
    LLVMBasicBlockRef check = LLVMGetInsertBlock(l->b);
    LLVMBasicBlockRef slow = new_bb(l, l->user_mode ? "fault" : "mem_slow");
    LLVMBasicBlockRef ok = new_bb(l, "mem");
    tr_cond_br_unlikely(l, bad, slow, ok);
    LLVMPositionBuilderAtEnd(l->b, slow);

    LLVMValueRef translated = NULL;
    LLVMBasicBlockRef translate = NULL;
    LLVMValueRef hit_ptr = NULL;
    LLVMBasicBlockRef hit = NULL;
    if (!l->user_mode) {
        LLVMBasicBlockRef way0 = new_bb(l, "tlb_way0");
        translate = new_bb(l, "tlb");
        hit = new_bb(l, "tlb_hit");
        LLVMBasicBlockRef fault = new_bb(l, "fault");
        LLVMValueRef tlb = field_load(l, l->cpu, offsetof(RtCpu, tlb), l->t_ptr, TR_ALIAS_CPU);
        LLVMBuildCondBr(l->b, LLVMBuildIsNull(l->b, tlb, ""), fault, way0);

        /* vm_tlb_lookup's way-0 hit, inline: set = arr[access] + ((addr >> 12) & set_mask)
         * * ways; hit if set->tag == page(addr) and the access stays in the page; then
         * host = addr + set->addend. Anything else: rt_tlb_translate out of line. */
        LLVMPositionBuilderAtEnd(l->b, way0);
        RtAccess acc = is_write ? RT_ACCESS_WRITE : RT_ACCESS_READ;
        LLVMValueRef arr = field_load(l, tlb, offsetof(RtTlb, arr) + acc * sizeof(void *),
                                      l->t_ptr, TR_ALIAS_CPU);
        LLVMValueRef set_mask =
            field_load(l, tlb, offsetof(RtTlb, set_mask), l->t_i64, TR_ALIAS_CPU);
        LLVMValueRef ways = LLVMBuildZExt(
            l->b, field_load(l, tlb, offsetof(RtTlb, ways), l->t_i32, TR_ALIAS_CPU), l->t_i64, "");
        LLVMValueRef set_index = LLVMBuildAnd(
            l->b, LLVMBuildLShr(l->b, addr, tr_const_int(l->t_i64, 12), ""), set_mask, "");
        LLVMValueRef entry_off = LLVMBuildMul(
            l->b, LLVMBuildMul(l->b, set_index, ways, ""),
            tr_const_int(l->t_i64, sizeof(RtTlbEntry)), "");
        LLVMValueRef entry = byte_gep(l, arr, entry_off);
        LLVMValueRef tag = field_load(l, entry, offsetof(RtTlbEntry, tag), l->t_i64, TR_ALIAS_CPU);
        LLVMValueRef in_page = LLVMBuildICmp(
            l->b, LLVMIntULE,
            LLVMBuildAdd(l->b, LLVMBuildAnd(l->b, addr, tr_const_int(l->t_i64, VM_PAGE_SIZE - 1), ""),
                         sz, ""),
            tr_const_int(l->t_i64, VM_PAGE_SIZE), "");
        LLVMValueRef same_page = LLVMBuildICmp(
            l->b, LLVMIntEQ, tag, LLVMBuildAnd(l->b, addr, tr_const_int(l->t_i64, VM_PAGE_MASK), ""),
            "");
        LLVMBuildCondBr(l->b, LLVMBuildAnd(l->b, same_page, in_page, ""), hit, translate);

        LLVMPositionBuilderAtEnd(l->b, hit);
        LLVMValueRef addend =
            field_load(l, entry, offsetof(RtTlbEntry, addend), l->t_i64, TR_ALIAS_CPU);
        hit_ptr = LLVMBuildIntToPtr(l->b, LLVMBuildAdd(l->b, addr, addend, ""), l->t_ptr, "");
        LLVMBuildBr(l->b, ok);

        LLVMPositionBuilderAtEnd(l->b, translate);
        tr_slots_flush(l); /* the page walk may read guest state */
        LLVMTypeRef params[] = {l->t_ptr, l->t_i64, l->t_i64, l->t_i32};
        LLVMTypeRef fty = LLVMFunctionType(l->t_ptr, params, 4, 0);
        LLVMValueRef fn =
            tr_callee(l, "rt_tlb_translate", (void (*)(void))rt_tlb_translate, fty);
        LLVMValueRef args[] = {
            l->cpu, addr, sz, tr_const_int(l->t_i32, is_write ? RT_ACCESS_WRITE : RT_ACCESS_READ)};
        translated = LLVMBuildCall2(l->b, fty, fn, args, 4, "");
        LLVMBuildCondBr(l->b, LLVMBuildIsNull(l->b, translated, ""), fault, ok);
        LLVMPositionBuilderAtEnd(l->b, fault);
    }
    if (l->user_mode && !l->precise_faults) {
        emit_fault_exit_light(l, addr, is_write);
    } else {
        TrExitInfo e = {.kind = RT_EXIT_FAULT,
                        .next_pc = tr_const_int(l->t_i64, l->insn_pc),
                        .is_write = is_write,
                        .pc = l->insn_pc,
                        .fault_addr = addr};
        emit_exit(l, &e);
    }

    LLVMPositionBuilderAtEnd(l->b, ok);
    if (l->user_mode)
        return flat;
    LLVMValueRef ptr = LLVMBuildPhi(l->b, l->t_ptr, "");
    LLVMValueRef vals[3] = {flat, translated, hit_ptr};
    LLVMBasicBlockRef bbs[3] = {check, translate, hit};
    LLVMAddIncoming(ptr, vals, bbs, 3);
    return ptr;
}

LLVMValueRef tr_callee(TrLower *l, const char *sym, void (*addr)(void), LLVMTypeRef fty)
{
    if (!l->symbolic_helpers || !sym)
        return LLVMConstIntToPtr(tr_const_int(l->t_i64, (uint64_t)(uintptr_t)addr), l->t_ptr);
    LLVMValueRef f = LLVMGetNamedFunction(l->mod, sym);
    return f ? f : LLVMAddFunction(l->mod, sym, fty);
}

static void lower_load(TrLower *l, uint32_t i, const IRInsn *in)
{
    LLVMTypeRef t = tr_type(l, (IRType)in->type, (IRLane)in->lane);
    if (t == l->t_i1) {
        l->vals[i] = tr_fail(l, in, "i1 memory access", t);
        return;
    }
    LLVMValueRef p = tr_guest_ptr(l, tr_arg(l, in, 0, l->t_i64), llvm_type_bytes(l, t), false);
    LLVMValueRef v = LLVMBuildLoad2(l->b, t, p, "");
    LLVMSetAlignment(v, 1);
    tr_set_alias(l, v, TR_ALIAS_GUEST);
    mark_access(l, v);
    l->vals[i] = v;
}

static void lower_store(TrLower *l, const IRInsn *in)
{
    LLVMValueRef v = tr_arg_raw(l, in, 1);
    LLVMTypeRef t = LLVMTypeOf(v);
    if (t == l->t_i1) {
        tr_fail(l, in, "i1 memory access", NULL);
        return;
    }
    LLVMValueRef p = tr_guest_ptr(l, tr_arg(l, in, 0, l->t_i64), llvm_type_bytes(l, t), true);
    LLVMValueRef s = LLVMBuildStore(l->b, v, p);
    LLVMSetAlignment(s, 1);
    tr_set_alias(l, s, TR_ALIAS_GUEST);
    mark_access(l, s);
}

static void lower_atomic(TrLower *l, uint32_t i, const IRInsn *in)
{
    LLVMTypeRef t = tr_type(l, (IRType)in->type, IR_LANE_NONE);
    unsigned size = llvm_type_bytes(l, t);
    LLVMValueRef p = tr_guest_ptr(l, tr_arg(l, in, 0, l->t_i64), size, true);
    LLVMValueRef r;
    if (in->op == IR_CAS) {
        r = LLVMBuildAtomicCmpXchg(l->b, p, tr_arg(l, in, 1, t), tr_arg(l, in, 2, t),
                                   LLVMAtomicOrderingSequentiallyConsistent,
                                   LLVMAtomicOrderingSequentiallyConsistent, 0);
        LLVMSetAlignment(r, size);
        mark_access(l, r);
        r = LLVMBuildExtractValue(l->b, r, 0, "");
    } else {
        static const LLVMAtomicRMWBinOp ops[IR_RMW_COUNT] = {
            [IR_RMW_XCHG] = LLVMAtomicRMWBinOpXchg, [IR_RMW_ADD] = LLVMAtomicRMWBinOpAdd,
            [IR_RMW_AND] = LLVMAtomicRMWBinOpAnd,   [IR_RMW_OR] = LLVMAtomicRMWBinOpOr,
            [IR_RMW_XOR] = LLVMAtomicRMWBinOpXor,   [IR_RMW_SMIN] = LLVMAtomicRMWBinOpMin,
            [IR_RMW_SMAX] = LLVMAtomicRMWBinOpMax,  [IR_RMW_UMIN] = LLVMAtomicRMWBinOpUMin,
            [IR_RMW_UMAX] = LLVMAtomicRMWBinOpUMax,
        };
        if (in->cond >= IR_RMW_COUNT) {
            l->vals[i] = tr_fail(l, in, "bad rmw op", t);
            return;
        }
        r = LLVMBuildAtomicRMW(l->b, ops[in->cond], p, tr_arg(l, in, 1, t),
                               LLVMAtomicOrderingSequentiallyConsistent, 0);
        LLVMSetAlignment(r, size);
        mark_access(l, r);
    }
    l->vals[i] = r;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static void lower_helper(TrLower *l, uint32_t i, const IRInsn *in)
{
    if (in->imm >= IR_HELPER_COUNT) {
        l->vals[i] = tr_fail(l, in, "unknown helper", l->t_i64);
        return;
    }
    const IRHelperInfo *hi = &ir_helper_info[in->imm];
    bool pure = hi->flags & IRH_PURE;
    LLVMValueRef args[4] = {l->cpu, tr_const_int(l->t_i64, 0), tr_const_int(l->t_i64, 0),
                            tr_const_int(l->t_i64, 0)};
    for (unsigned k = 0; k < in->nargs && k < 3; k++)
        args[k + 1] = tr_arg(l, in, k, l->t_i64);
    if (!pure) {
        tr_fp_fold_flags(l);
        tr_slots_flush(l);
        insns_commit(l);
        l->pending_insns = 0;
        stats_publish(l);
    }
    LLVMTypeRef params[] = {l->t_ptr, l->t_i64, l->t_i64, l->t_i64};
    LLVMTypeRef fty = LLVMFunctionType(l->t_i64, params, 4, 0);
    LLVMValueRef fn;
    if (l->symbolic_helpers) { /* rt_helper_fns[imm], read from the linked runtime's table */
        LLVMValueRef table = LLVMGetNamedGlobal(l->mod, "rt_helper_fns");
        if (!table) {
            table = LLVMAddGlobal(l->mod, LLVMArrayType(l->t_ptr, IR_HELPER_COUNT),
                                  "rt_helper_fns");
            LLVMSetGlobalConstant(table, 1);
        }
        LLVMValueRef idx[2] = {tr_const_int(l->t_i64, 0), tr_const_int(l->t_i64, in->imm)};
        LLVMValueRef slot = LLVMBuildInBoundsGEP2(
            l->b, LLVMArrayType(l->t_ptr, IR_HELPER_COUNT), table, idx, 2, "");
        fn = LLVMBuildLoad2(l->b, l->t_ptr, slot, "");
    } else {
        fn = tr_callee(l, NULL, (void (*)(void))rt_helper_fns[in->imm], fty);
    }
    LLVMValueRef r = LLVMBuildCall2(l->b, fty, fn, args, 4, "");
    if (!pure)
        tr_slots_reload(l);
    LLVMTypeRef t = tr_type(l, (IRType)in->type, IR_LANE_NONE);
    if (in->type == IR_VOID)
        l->vals[i] = NULL;
    else if (t != l->t_i64)
        l->vals[i] = LLVMGetIntTypeWidth(t) < 64 ? LLVMBuildTrunc(l->b, r, t, "")
                                                  : LLVMBuildZExt(l->b, r, t, "");
    else
        l->vals[i] = r;
}

/* ---- Blocks ------------------------------------------------------------------------------ */

static LLVMValueRef lower_const(TrLower *l, const IRInsn *in)
{
    switch (in->type) {
    case IR_F32:
        return LLVMConstBitCast(tr_const_int(l->t_i32, in->imm & 0xffffffffu), l->t_f32);
    case IR_F64:
        return LLVMConstBitCast(tr_const_int(l->t_i64, in->imm), l->t_f64);
    case IR_I128: {
        uint64_t words[2] = {in->imm, in->imm2};
        return LLVMConstIntOfArbitraryPrecision(l->t_i128, 2, words);
    }
    case IR_V128: {
        LLVMValueRef w[2] = {tr_const_int(l->t_i64, in->imm), tr_const_int(l->t_i64, in->imm2)};
        LLVMValueRef v = LLVMConstVector(w, 2);
        LLVMTypeRef t = tr_vec_type(l, (IRLane)in->lane);
        return t == LLVMTypeOf(v) ? v : LLVMBuildBitCast(l->b, v, t, "");
    }
    default:
        return tr_const_int(tr_type(l, (IRType)in->type, IR_LANE_NONE), in->imm);
    }
}

static bool touches_fp_flags(TrLower *l, uint32_t offset, IRType t)
{
    TrSlot flags = {.offset = offsetof(IRStateHeader, fp_flags), .size = 4};
    TrSlot access = {.offset = offset, .size = type_bytes(t)};
    return l->mxcsr_tmp && slots_overlap(&flags, &access);
}

/* An access of all four bytes of fp_flags. */
static bool covers_fp_flags(uint32_t offset, IRType t)
{
    uint32_t flags = offsetof(IRStateHeader, fp_flags);
    return offset <= flags && offset + type_bytes(t) >= flags + 4;
}

/* Tier-up counting (TrLowerExtra): *counter += 1; at tier_up_count leave for pc with
 * RT_JUMP_DETAIL_TIER_UP. Continues in a new block. */
static void count_tier_up(TrLower *l, uint64_t pc, uint8_t jump_kind)
{
    if (!l->tier_up_counter)
        return;
    LLVMValueRef ctr = LLVMConstIntToPtr(
        tr_const_int(l->t_i64, (uint64_t)(uintptr_t)l->tier_up_counter), l->t_ptr);
    LLVMValueRef old = LLVMBuildLoad2(l->b, l->t_i32, ctr, "");
    tr_set_alias(l, old, TR_ALIAS_CPU);
    LLVMValueRef now = LLVMBuildAdd(l->b, old, tr_const_int(l->t_i32, 1), "");
    tr_set_alias(l, LLVMBuildStore(l->b, now, ctr), TR_ALIAS_CPU);
    LLVMBasicBlockRef up = new_bb(l, "tier_up"), stay = new_bb(l, "counted");
    tr_cond_br_unlikely(
        l, LLVMBuildICmp(l->b, LLVMIntEQ, now, tr_const_int(l->t_i32, l->tier_up_count), ""), up,
        stay);
    LLVMPositionBuilderAtEnd(l->b, up);
    TrExitInfo e = {.kind = RT_EXIT_JUMP,
                    .jump_kind = jump_kind,
                    .next_pc = tr_const_int(l->t_i64, pc),
                    .pc = l->blocks[0]->pc,
                    .detail = RT_JUMP_DETAIL_TIER_UP};
    emit_exit(l, &e);
    LLVMPositionBuilderAtEnd(l->b, stay);
}

/* TR_LOWER_FP_GUARD applies to the region: some FP operation reads the FP mode (rm = dyn,
 * or AArch64's run-time FPCR) and no PUT writes any byte of it (RISC-V csrw frm/fcsr,
 * AArch64 MSR FPCR: such regions keep the per-operation test). Helpers never write it;
 * sigreturn does, but a syscall leaves the region. User mode only: the system VM's
 * dispatcher does not take declines. */
static bool fp_guard_applies(const TrLower *l)
{
    const TrSlot mode = {.offset = offsetof(IRStateHeader, fp_round), .size = 4};
    bool reads = false;
    for (size_t bi = 0; bi < l->nblocks; bi++) {
        const IRBlock *blk = l->blocks[bi];
        for (size_t i = 0; i < blk->count; i++) {
            const IRInsn *in = &blk->insns[i];
            if (in->op == IR_PUT) {
                TrSlot put = {.offset = (uint32_t)in->imm,
                              .size = type_bytes((IRType)blk->insns[in->args[0]].type)};
                if (slots_overlap(&mode, &put))
                    return false;
            } else if ((ir_op_info[in->op].flags & IRF_FP) &&
                       (in->rm == IR_RM_DYN || in->nan == IR_NAN_ARM_FPCR)) {
                reads = true;
            }
        }
    }
    return reads;
}

/* TR_LOWER_FP_GUARD's test at entry: under a mode other than 0, tail-call `fallback` (before
 * anything, MXCSR included, was changed), or without one leave for the entry pc (the
 * state's, which is also right for AOT's switch block) having run nothing. */
static void fp_guard_enter(TrLower *l, const char *fallback)
{
    LLVMValueRef mode = tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32);
    LLVMBasicBlockRef decline = new_bb(l, "fp_mode_decline"), go = new_bb(l, "fp_mode_ok");
    tr_cond_br_unlikely(l, LLVMBuildICmp(l->b, LLVMIntNE, mode, tr_const_int(l->t_i32, 0), ""),
                        decline, go);
    LLVMPositionBuilderAtEnd(l->b, decline);
    if (fallback) {
        LLVMTypeRef fty = LLVMGlobalGetValueType(l->fn);
        LLVMValueRef fn = LLVMGetNamedFunction(l->mod, fallback);
        if (!fn) {
            fn = LLVMAddFunction(l->mod, fallback, fty);
            LLVMSetFunctionCallConv(fn, TR_REGION_CALL_CONV);
        }
        LLVMValueRef args[2] = {l->cpu, l->exit};
        LLVMValueRef c = LLVMBuildCall2(l->b, fty, fn, args, 2, "");
        LLVMSetTailCallKind(c, LLVMTailCallKindMustTail);
        LLVMSetInstructionCallConv(c, TR_REGION_CALL_CONV);
        LLVMBuildRetVoid(l->b);
        LLVMPositionBuilderAtEnd(l->b, go);
        return;
    }
    TrExitInfo e = {.kind = RT_EXIT_JUMP,
                    .jump_kind = IR_JUMP_PLAIN,
                    .next_pc = tr_state_read(l, offsetof(IRStateHeader, pc), l->t_i64),
                    .pc = l->blocks[0]->pc,
                    .detail = RT_JUMP_DETAIL_FP_MODE};
    emit_exit(l, &e);
    LLVMPositionBuilderAtEnd(l->b, go);
}

/* A branch from block `from` to the region block at pc. An edge that may close a loop
 * (tr_edge_polls) first polls cpu->exit_request, so a loop in compiled code still lets
 * the dispatcher in
 * (signals, invalidation, the end of the process, a VM's interrupts): the poll's exit is
 * an ordinary jump to pc. Until 2026-11-27 the test was the regions' block order (breadth
 * or depth first), which also polled every forward branch to a block listed earlier: at
 * AOT's O0, about a fifth of the code. */
static void branch_in_region(TrLower *l, size_t from, uint64_t pc, uint8_t jump_kind)
{
    size_t to = region_index(l, pc);
    if (l->chain && tr_edge_polls(l->blocks, l->scc, from, to)) {
        LLVMBasicBlockRef leave = new_bb(l, "poll_exit"), stay = new_bb(l, "back_edge");
        tr_cond_br_unlikely(l, exit_requested(l, l->exit_request), leave, stay);
        LLVMPositionBuilderAtEnd(l->b, leave);
        /* A block without guest instructions is synthetic (AOT's switch block, which
         * dispatches on the state's pc): its pc is no guest address, so the dispatcher
         * resumes where that block would have gone, the state's pc. */
        LLVMValueRef resume = l->blocks[to]->guest_insns
                                  ? tr_const_int(l->t_i64, pc)
                                  : tr_state_read(l, offsetof(IRStateHeader, pc), l->t_i64);
        TrExitInfo e = {.kind = RT_EXIT_JUMP, .jump_kind = jump_kind, .next_pc = resume};
        emit_exit(l, &e);
        LLVMPositionBuilderAtEnd(l->b, stay);
        count_tier_up(l, pc, jump_kind);
    }
    insns_commit(l);
    LLVMBuildBr(l->b, l->block_bbs[to]);
}

static void lower_block(TrLower *l, size_t bi)
{
    const IRBlock *blk = l->blocks[bi];
    l->blk = blk;
    l->vals = fvp_xcalloc(blk->count ? blk->count : 1, sizeof(LLVMValueRef));
    l->insn_pc = blk->pc;
    l->cur_pc_stored = false;
    LLVMPositionBuilderAtEnd(l->b, l->block_bbs[bi]);
    l->pending_insns = 0;
    count_add(l, l->count_blocks, 1);
    for (size_t k = 0; k < l->nslots; k++)
        l->slots[k].dirty = l->slots[k].written;

    bool terminated = false;
    for (uint32_t i = 0; i < blk->count && !terminated && !l->err; i++) {
        const IRInsn *in = &blk->insns[i];
        TrExitInfo e = {.kind = RT_EXIT_JUMP};
        switch (in->op) {
        case IR_CONST:
            l->vals[i] = lower_const(l, in);
            break;
        case IR_GET:
            if (in->imm == offsetof(IRStateHeader, fp_flags) && in->type == IR_I32) {
                l->vals[i] = tr_fp_flags_read(l); /* frflags and the like */
                break;
            }
            if (touches_fp_flags(l, (uint32_t)in->imm, (IRType)in->type))
                tr_fp_fold_flags(l);
            l->vals[i] = tr_state_read(l, (uint32_t)in->imm,
                                       tr_type(l, (IRType)in->type, (IRLane)in->lane));
            break;
        case IR_PUT: {
            IRType t = (IRType)blk->insns[in->args[0]].type;
            if (touches_fp_flags(l, (uint32_t)in->imm, t)) {
                if (covers_fp_flags((uint32_t)in->imm, t))
                    tr_fp_discard_flags(l); /* overwritten: the host flags no longer count */
                else
                    tr_fp_fold_flags(l);
            }
            tr_state_write(l, (uint32_t)in->imm, tr_arg_raw(l, in, 0));
            break;
        }
        case IR_INSN:
            l->insn_pc = in->imm;
            l->pending_insns++;
            break;
        case IR_LOAD:
            lower_load(l, i, in);
            break;
        case IR_STORE:
            lower_store(l, in);
            break;
        case IR_CAS:
        case IR_RMW:
            lower_atomic(l, i, in);
            break;
        case IR_FENCE: {
            LLVMAtomicOrdering ord = in->cond == IR_FENCE_ACQUIRE ? LLVMAtomicOrderingAcquire
                                     : in->cond == IR_FENCE_RELEASE
                                         ? LLVMAtomicOrderingRelease
                                         : LLVMAtomicOrderingSequentiallyConsistent;
            LLVMBuildFence(l->b, ord, 0, "");
            break;
        }
        case IR_HELPER:
            lower_helper(l, i, in);
            break;
        case IR_EXIT_IF: {
            LLVMValueRef c = tr_arg(l, in, 0, l->t_i1);
            LLVMBasicBlockRef cont = new_bb(l, "cont");
            LLVMBasicBlockRef target = region_target(l, in->imm);
            if (target) {
                LLVMBasicBlockRef edge = new_bb(l, "loop_edge");
                LLVMBuildCondBr(l->b, c, edge, cont);
                LLVMPositionBuilderAtEnd(l->b, edge);
                branch_in_region(l, bi, in->imm, IR_JUMP_PLAIN);
            } else {
                LLVMBasicBlockRef side = new_bb(l, "side_exit");
                LLVMBuildCondBr(l->b, c, side, cont);
                LLVMPositionBuilderAtEnd(l->b, side);
                e.next_pc = tr_const_int(l->t_i64, in->imm);
                e.jump_kind = IR_JUMP_PLAIN;
                emit_exit(l, &e);
            }
            LLVMPositionBuilderAtEnd(l->b, cont);
            break;
        }
        case IR_GOTO: {
            LLVMBasicBlockRef target = region_target(l, in->imm);
            if (target) {
                branch_in_region(l, bi, in->imm, in->cond);
            } else {
                e.next_pc = tr_const_int(l->t_i64, in->imm);
                e.jump_kind = in->cond;
                emit_exit(l, &e);
            }
            terminated = true;
            break;
        }
        case IR_GOTO_REG:
            e.next_pc = tr_arg(l, in, 0, l->t_i64);
            e.jump_kind = in->cond;
            if (l->goto_reg_stays) { /* a target inside the region stays in it */
                LLVMBasicBlockRef out = new_bb(l, "goto_reg_exit");
                LLVMValueRef sw = LLVMBuildSwitch(l->b, e.next_pc, out, (unsigned)l->nblocks);
                for (size_t k = 0; k < l->nblocks; k++) {
                    if (!tr_goto_reg_stays(l->goto_reg_target, k, in->cond))
                        continue;
                    LLVMBasicBlockRef edge = new_bb(l, "goto_reg_edge");
                    LLVMAddCase(sw, tr_const_int(l->t_i64, l->blocks[k]->pc), edge);
                    LLVMPositionBuilderAtEnd(l->b, edge);
                    branch_in_region(l, bi, l->blocks[k]->pc, in->cond);
                }
                LLVMPositionBuilderAtEnd(l->b, out);
            }
            emit_exit(l, &e);
            terminated = true;
            break;
        case IR_SYSCALL:
            /* The dispatcher passes cpu->cur_pc to the syscall: the pc of the block that
             * made it, as when the interpreter runs it (a chained region did not start
             * from the dispatcher). */
            if (blk->pc != l->insn_pc || !l->cur_pc_stored || l->cur_pc_value != blk->pc) {
                LLVMValueRef st = field_store(l, l->cpu, offsetof(RtCpu, cur_pc),
                                              tr_const_int(l->t_i64, blk->pc), TR_ALIAS_CPU);
                LLVMSetVolatile(st, 1);
            }
            /* fall through */
        case IR_SYNC_CODE:
            e.kind = in->op == IR_SYSCALL ? RT_EXIT_SYSCALL : RT_EXIT_SYNC_CODE;
            e.next_pc = tr_const_int(l->t_i64, in->imm);
            emit_exit(l, &e);
            terminated = true;
            break;
        case IR_TRAP:
            e.kind = RT_EXIT_TRAP;
            e.trap_kind = in->cond;
            e.pc = in->imm;
            e.detail = in->imm2;
            e.next_pc = tr_const_int(l->t_i64, in->imm);
            emit_exit(l, &e);
            terminated = true;
            break;
        default:
            if (!tr_lower_int_op(l, i, in) && !tr_lower_vec_op(l, i, in) &&
                !tr_lower_fp_op(l, i, in))
                tr_fail(l, in, "op not supported by the translator", NULL);
            break;
        }
    }
    if (!terminated && !l->err)
        l->err = fvp_error_new(FVP_ERR_FORMAT, "block 0x%" PRIx64 " has no terminator", blk->pc);
    free(l->vals);
    l->vals = NULL;
}

/* ---- Region ------------------------------------------------------------------------------- */

static void init_types(TrLower *l)
{
    l->t_void = LLVMVoidTypeInContext(l->ctx);
    l->t_i1 = LLVMInt1TypeInContext(l->ctx);
    l->t_i8 = LLVMInt8TypeInContext(l->ctx);
    l->t_i16 = LLVMInt16TypeInContext(l->ctx);
    l->t_i32 = LLVMInt32TypeInContext(l->ctx);
    l->t_i64 = LLVMInt64TypeInContext(l->ctx);
    l->t_i128 = LLVMInt128TypeInContext(l->ctx);
    l->t_f32 = LLVMFloatTypeInContext(l->ctx);
    l->t_f64 = LLVMDoubleTypeInContext(l->ctx);
    l->t_ptr = LLVMPointerTypeInContext(l->ctx, 0);
}

static void add_attr(TrLower *l, LLVMValueRef fn, unsigned index, const char *name)
{
    unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
    LLVMAddAttributeAtIndex(fn, index, LLVMCreateEnumAttribute(l->ctx, kind, 0));
}

FvpError *tr_lower_region(struct LLVMOpaqueContext *ctx, const char *triple,
                          const char *data_layout, const IRBlock *const *blocks,
                          size_t nblocks, const char *name, unsigned flags,
                          struct LLVMOpaqueModule **out)
{
    return tr_lower_region_ex(ctx, triple, data_layout, blocks, nblocks, name, flags, NULL, out);
}

FvpError *tr_lower_region_ex(struct LLVMOpaqueContext *ctx, const char *triple,
                             const char *data_layout, const IRBlock *const *blocks,
                             size_t nblocks, const char *name, unsigned flags,
                             const TrLowerExtra *extra, struct LLVMOpaqueModule **out)
{
    if (!nblocks)
        return fvp_error_new(FVP_ERR_FORMAT, "empty region");
    TrLower l = {.ctx = ctx,
                 .blocks = blocks,
                 .nblocks = nblocks,
                 .precise_faults = flags & TR_LOWER_PRECISE_FAULTS,
                 .symbolic_helpers = flags & TR_LOWER_SYMBOLIC_HELPERS,
                 .user_mode = flags & TR_LOWER_USER_MODE,
                 .chain = !(flags & TR_LOWER_NO_CHAIN),
                 .goto_reg_stays = !(flags & TR_LOWER_GOTO_REG_EXITS),
                 .counts = !(flags & TR_LOWER_NO_COUNTS),
                 .pc_table = (flags & TR_LOWER_PC_TABLE) && (flags & TR_LOWER_USER_MODE) &&
                             !(flags & TR_LOWER_PRECISE_FAULTS),
                 .tier_up_counter = extra ? extra->tier_up_counter : NULL,
                 .tier_up_count = extra ? extra->tier_up_count : 0};
    init_types(&l);
    l.mod = LLVMModuleCreateWithNameInContext(name, ctx);
    LLVMSetTarget(l.mod, triple);
    LLVMSetDataLayout(l.mod, data_layout);
    init_metadata(&l);
    l.b = LLVMCreateBuilderInContext(ctx);

    LLVMTypeRef params[] = {l.t_ptr, l.t_ptr};
    l.fn = LLVMAddFunction(l.mod, name, LLVMFunctionType(l.t_void, params, 2, 0));
    l.cpu = LLVMGetParam(l.fn, 0);
    l.exit = LLVMGetParam(l.fn, 1);
    add_attr(&l, l.fn, 1, "noalias");
    add_attr(&l, l.fn, 2, "noalias");
    add_attr(&l, l.fn, LLVMAttributeFunctionIndex, "nounwind");
    LLVMSetFunctionCallConv(l.fn, TR_REGION_CALL_CONV);
    if (l.pc_table)
        di_begin(&l, name);

    LLVMBasicBlockRef entry = new_bb(&l, "entry");
    l.block_bbs = fvp_xcalloc(nblocks, sizeof(*l.block_bbs));
    for (size_t k = 0; k < nblocks; k++) {
        char bb_name[32];
        snprintf(bb_name, sizeof bb_name, "b%" PRIx64, blocks[k]->pc);
        l.block_bbs[k] = new_bb(&l, bb_name);
    }
    if (l.goto_reg_stays)
        l.goto_reg_target = tr_goto_reg_targets(blocks, nblocks);
    l.scc = tr_region_sccs(blocks, nblocks, l.goto_reg_target);
    l.exit_bb = new_bb(&l, "exit");
    exit_block_begin(&l);

    LLVMPositionBuilderAtEnd(l.b, entry);
    l.state = field_load(&l, l.cpu, offsetof(RtCpu, state), l.t_ptr, TR_ALIAS_CPU);
    l.mem_base = field_load(&l, l.cpu, offsetof(RtCpu, mem_base), l.t_ptr, TR_ALIAS_CPU);
    l.mem_limit = field_load(&l, l.cpu, offsetof(RtCpu, mem_limit), l.t_i64, TR_ALIAS_CPU);
    if (l.chain) { /* the dispatcher never changes it while compiled code runs */
        /* NULL (no one asks: the system VM, cosim) polls cpu->no_exit_request instead, so
         * back edges need no NULL test (two instructions per loop iteration; LLVM does
         * not hoist it). A zero LLVM cannot see (an alloca's) would be folded back into
         * the test. */
        LLVMValueRef rq =
            field_load(&l, l.cpu, offsetof(RtCpu, exit_request), l.t_ptr, TR_ALIAS_CPU);
        LLVMValueRef none =
            byte_gep(&l, l.cpu, tr_const_int(l.t_i64, offsetof(RtCpu, no_exit_request)));
        l.exit_request = LLVMBuildSelect(l.b, LLVMBuildIsNull(l.b, rq, ""), none, rq, "");
    }
    slots_plan(&l);
    tr_slots_reload(&l);
    l.fp_flags_tmp = LLVMBuildAlloca(l.b, l.t_i32, "fp_flags_tmp");
    l.count_insns = LLVMBuildAlloca(l.b, l.t_i64, "count_insns");
    l.count_blocks = LLVMBuildAlloca(l.b, l.t_i64, "count_blocks");
    LLVMBuildStore(l.b, tr_const_int(l.t_i64, 0), l.count_insns);
    LLVMBuildStore(l.b, tr_const_int(l.t_i64, 0), l.count_blocks);
    bool mxcsr = tr_fp_region_uses_mxcsr(&l);
    if (mxcsr) {
        l.mxcsr_tmp = LLVMBuildAlloca(l.b, l.t_i32, "mxcsr_tmp");
        l.mxcsr_saved = LLVMBuildAlloca(l.b, l.t_i32, "mxcsr_saved");
        add_attr(&l, l.fn, LLVMAttributeFunctionIndex, "strictfp");
    }
    /* The default-mode guard: a fallback is called before MXCSR changes; a decline exit
     * goes through the exit block, which restores it, so it comes after. */
    l.fp_guard = (flags & TR_LOWER_FP_GUARD) && l.user_mode && fp_guard_applies(&l);
    const char *fallback = extra ? extra->fp_guard_fallback : NULL;
    if (l.fp_guard && fallback)
        fp_guard_enter(&l, fallback);
    if (mxcsr)
        tr_fp_region_enter(&l);
    if (l.fp_guard && !fallback)
        fp_guard_enter(&l, NULL);
    count_tier_up(&l, blocks[0]->pc, IR_JUMP_PLAIN);
    LLVMBuildBr(l.b, l.block_bbs[0]);

    for (size_t k = 0; k < nblocks && !l.err; k++)
        lower_block(&l, k);
    exit_block_finish(&l);
    fault_block_finish(&l);

    FvpError *err = l.err;
    if (!err) {
        char *msg = NULL;
        if (LLVMVerifyModule(l.mod, LLVMReturnStatusAction, &msg)) {
            err = fvp_error_new(FVP_ERR_INTERNAL, "LLVM verifier: %s", msg ? msg : "?");
        }
        LLVMDisposeMessage(msg);
    }
    LLVMDisposeBuilder(l.b);
    free(l.block_bbs);
    free(l.goto_reg_target);
    free(l.scc);
    free(l.slots);
    if (err) {
        LLVMDisposeModule(l.mod);
        return fvp_error_wrap(err, "lowering region 0x%" PRIx64, blocks[0]->pc);
    }
    *out = l.mod;
    return NULL;
}
