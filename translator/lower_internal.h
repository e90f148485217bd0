/* Shared state of the IR -> LLVM IR lowering (lower.c drives, lower_*.c lower op groups). */
#ifndef FVP_TRANSLATOR_LOWER_INTERNAL_H
#define FVP_TRANSLATOR_LOWER_INTERNAL_H

#include <llvm-c/Core.h>
#include <stdbool.h>

#include "common/error.h"
#include "ir/ir.h"
#include "runtime/cpu.h"

/*
 * One cached guest-state slot: the bytes [offset, offset + size) of the state struct, held
 * in an alloca for the whole region (SROA/mem2reg turn it into SSA values). Slots whose
 * byte ranges overlap another slot's differently are not cached: their GET/PUT go straight
 * to memory.
 *
 *   entry:  slot.alloca <- load state[offset]           (every cached slot)
 *   exits:  state[offset] <- slot.alloca                (every slot the region writes)
 *   helper: store written slots, call, reload all slots (unless the helper is pure)
 */
typedef struct TrSlot {
    uint32_t offset;
    uint32_t size;     /* bytes */
    LLVMTypeRef type;  /* storage type: the LLVM type of the first access */
    LLVMValueRef ptr;  /* alloca, or NULL if uncached */
    bool written;      /* some PUT (or FP flag update) targets it */
    bool dirty;        /* lowering time: may differ from the state (precise faults) */
} TrSlot;

/* Alias classes: each gets its own TBAA type and alias scope. */
typedef enum TrAliasClass {
    TR_ALIAS_CPU = 0, /* RtCpu fields (mem_base, cur_pc, stats) */
    TR_ALIAS_STATE,   /* the guest state struct */
    TR_ALIAS_GUEST,   /* guest memory */
    TR_ALIAS_EXIT,    /* the RtExit record */
    TR_ALIAS_COUNT
} TrAliasClass;

typedef struct TrLower {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMBuilderRef b;
    LLVMValueRef fn;
    const IRBlock *const *blocks;
    size_t nblocks;
    LLVMBasicBlockRef *block_bbs; /* entry basic block of each IR block */
    uint8_t *goto_reg_target;     /* per block: a case of the in-region GOTO_REG switches
                                     of the kinds it is flagged for (tr_goto_reg_stays) */
    uint32_t *scc;                /* per block: tr_region_sccs (which edges poll) */

    LLVMValueRef cpu, exit;       /* function parameters */
    LLVMValueRef state;           /* cpu->state, loaded at entry */
    LLVMValueRef mem_base, mem_limit;
    LLVMValueRef exit_request;    /* cpu->exit_request, loaded at entry when chaining */
    LLVMBasicBlockRef exit_bb;    /* stores slots back, chains or fills RtExit, returns */
    LLVMValueRef exit_phis[8];    /* one per RtExit field (lower.c's EXIT_* order) */
    LLVMBasicBlockRef fault_bb;   /* user mode's light fault exit (NULL until needed) */
    LLVMValueRef fault_phis[3];   /* its pc, fault address, is_write */

    TrSlot *slots;
    size_t nslots;
    bool precise_faults;    /* TR_LOWER_PRECISE_FAULTS */
    bool symbolic_helpers;  /* TR_LOWER_SYMBOLIC_HELPERS */
    bool user_mode;         /* TR_LOWER_USER_MODE: no soft-MMU path in guest accesses */
    bool chain;             /* not TR_LOWER_NO_CHAIN: jump exits use cpu->jump_cache */
    bool goto_reg_stays;    /* not TR_LOWER_GOTO_REG_EXITS: GOTO_REG to a region block
                               in goto_reg_target branches to it */
    bool counts;            /* not TR_LOWER_NO_COUNTS: update cpu->stats.jit_insns/blocks */
    bool fp_guard;          /* TR_LOWER_FP_GUARD applies: fp_round is 0 (tested at entry) */
    bool pc_table;          /* TR_LOWER_PC_TABLE, in effect (user mode, not precise) */
    LLVMMetadataRef di_scope; /* pc_table: the function's DISubprogram (access locations) */
    uint32_t *tier_up_counter; /* TrLowerExtra */
    uint32_t tier_up_count;

    /* Per IR block being lowered. */
    const IRBlock *blk;
    LLVMValueRef *vals;      /* value of each instruction, NULL for void ones */
    uint64_t insn_pc;        /* pc of the current guest instruction (last INSN marker) */
    bool cur_pc_stored;      /* cpu->cur_pc == insn_pc already in this block */
    uint64_t pending_insns;  /* INSN markers passed but not yet added to stats.jit_insns */
    uint64_t cur_pc_value;

    /* Types. */
    LLVMTypeRef t_void, t_i1, t_i8, t_i16, t_i32, t_i64, t_i128, t_f32, t_f64, t_ptr;
    unsigned md_tbaa, md_scope, md_noalias;
    LLVMMetadataRef tbaa_tag[TR_ALIAS_COUNT];
    LLVMValueRef scope_list[TR_ALIAS_COUNT], noalias_list[TR_ALIAS_COUNT];

    LLVMValueRef count_insns, count_blocks; /* i64 allocas: executed since last publish */
    LLVMValueRef fp_flags_tmp;  /* i32 alloca: flags word of runtime/fp.h calls */
    LLVMValueRef mxcsr_tmp;     /* i32 alloca for stmxcsr/ldmxcsr, NULL if no native FP */
    LLVMValueRef mxcsr_saved;   /* i32 alloca: MXCSR at region entry */

    FvpError *err; /* first lowering failure (op not lowerable) */
} TrLower;

/* ---- lower.c: the region skeleton, state slots, memory, exits ---- */
LLVMTypeRef tr_type(TrLower *l, IRType t, IRLane lane);
LLVMTypeRef tr_vec_type(TrLower *l, IRLane lane);
/* The lane of insn's v128 result; when the IR left it unset, derived from operand 0 as the
 * interpreter does. */
IRLane tr_insn_lane(TrLower *l, const IRInsn *insn);
/* Operand i of insn as an LLVM value of type `want` (bitcast if only the view differs). */
LLVMValueRef tr_arg(TrLower *l, const IRInsn *insn, unsigned i, LLVMTypeRef want);
/* Operand i as its own natural type (v128 values keep the lane type they were made with). */
LLVMValueRef tr_arg_raw(TrLower *l, const IRInsn *insn, unsigned i);
/* Tags a load/store with the alias class's TBAA tag and scopes. */
void tr_set_alias(TrLower *l, LLVMValueRef mem_insn, TrAliasClass cls);
LLVMValueRef tr_intrinsic(TrLower *l, const char *name, LLVMTypeRef *overload, unsigned n_overload,
                          LLVMValueRef *args, unsigned nargs);
LLVMValueRef tr_const_int(LLVMTypeRef t, uint64_t v);
/* A constant with every bit set in every lane / the lane-width mask. */
LLVMValueRef tr_splat(TrLower *l, LLVMTypeRef t, uint64_t v);
/* Conditional branch that is almost never taken (branch weights 1 : 2^20). */
LLVMValueRef tr_cond_br_unlikely(TrLower *l, LLVMValueRef cond, LLVMBasicBlockRef rare,
                                 LLVMBasicBlockRef usual);
/* Leaves the region with RT_EXIT_TRAP (kind, at the current guest instruction, as the
 * interpreter reports it) when cond holds; continues in a new block otherwise. */
void tr_trap_if_unlikely(TrLower *l, LLVMValueRef cond, IRTrapKind kind);
/* Host pointer for a guest access; branches to a fault exit when out of range. */
LLVMValueRef tr_guest_ptr(TrLower *l, LLVMValueRef addr, unsigned size, bool is_write);
/* Reads / writes a state field through the slot cache (offset, LLVM type of the value). */
LLVMValueRef tr_state_read(TrLower *l, uint32_t offset, LLVMTypeRef t);
void tr_state_write(TrLower *l, uint32_t offset, LLVMValueRef v);
/* Stores every written slot to the state (before a call that may read the state). */
void tr_slots_flush(TrLower *l);
/* Reloads every cached slot from the state (after a call that may write it). */
void tr_slots_reload(TrLower *l);
/* The callee for a call to runtime function `sym` (whose address in this process is addr)
 * of type fty: an external declaration of `sym` when the module is linked into another
 * executable (TR_LOWER_SYMBOLIC_HELPERS), else addr as a constant pointer. */
LLVMValueRef tr_callee(TrLower *l, const char *sym, void (*addr)(void), LLVMTypeRef fty);
/* Records the failure of lowering `insn` (first one wins) and returns an undef of type t. */
LLVMValueRef tr_fail(TrLower *l, const IRInsn *insn, const char *why, LLVMTypeRef t);

/* ---- lower_int.c: integer, vector and conversion ops ---- */
/* Returns true if it handled the op (value stored in l->vals[i]). */
bool tr_lower_int_op(TrLower *l, uint32_t i, const IRInsn *insn);
bool tr_lower_vec_op(TrLower *l, uint32_t i, const IRInsn *insn);

/* ---- lower_fp.c: floating point ---- */
bool tr_lower_fp_op(TrLower *l, uint32_t i, const IRInsn *insn);
/* True if some op of the region runs natively under the region-private MXCSR. */
bool tr_fp_region_uses_mxcsr(TrLower *l);
/* Region entry: save the host MXCSR, install the private one (needs mxcsr_tmp). */
void tr_fp_region_enter(TrLower *l);
/* Before the guest can observe fp_flags: fold pending host flags into the slot (and
 * clear them in MXCSR, so a PUT that lowers the flags is not undone later). */
void tr_fp_fold_flags(TrLower *l);
/* Before a PUT that overwrites all of fp_flags (fsflags, msr fpsr): the pending host
 * flags are dropped (clearing MXCSR's flags needs no stmxcsr, which would wait for every
 * FP op in flight). */
void tr_fp_discard_flags(TrLower *l);
/* The guest's fp_flags (a GET of exactly that word): the slot OR the pending host flags,
 * which stay in MXCSR (cheaper: no ldmxcsr). */
LLVMValueRef tr_fp_flags_read(TrLower *l);
/* Region exit (flush block): fold pending host flags, restore the saved MXCSR. */
void tr_fp_region_exit(TrLower *l);
/* An exit that drops the guest state (emit_fault_exit_light): restores the saved MXCSR
 * without folding the pending flags. */
void tr_fp_region_abandon(TrLower *l);

#endif
