/* The ELF loader: validates a guest executable with libelf and copies it into guest memory. */
#include "runtime/loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"

typedef unsigned long long ull;

static const char *machine_name(uint16_t machine)
{
    switch (machine) {
    case EM_X86_64:
        return "x86-64";
    case EM_386:
        return "i386";
    case EM_AARCH64:
        return "AArch64";
    case EM_ARM:
        return "32-bit ARM";
    case EM_RISCV:
        return "RISC-V";
    case EM_PPC64:
        return "PowerPC64";
    case EM_PPC:
        return "PowerPC";
    case EM_S390:
        return "s390";
    case EM_MIPS:
        return "MIPS";
    case EM_SPARCV9:
        return "SPARC V9";
    case EM_LOONGARCH:
        return "LoongArch";
    default:
        return NULL;
    }
}

static FvpError *unsupported_machine(uint16_t machine)
{
    char have[128] = "";
    size_t n = 0;
    for (const Frontend *const *f = fe_all; *f; f++)
        n += (size_t)snprintf(have + n, n < sizeof have ? sizeof have - n : 0, "%s%s",
                              n ? ", " : "", (*f)->name);
    const char *name = machine_name(machine);
    if (name)
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "%s ELF (e_machine %u) is not supported by frontends %s", name,
                             machine, have);
    return fvp_error_new(FVP_ERR_UNSUPPORTED, "ELF machine %u is not supported by frontends %s",
                         machine, have);
}

static uint32_t segment_prot(uint32_t p_flags)
{
    return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
           (p_flags & PF_X ? PROT_EXEC : 0);
}

/* A PT_LOAD segment after validation, with the load bias applied. */
typedef struct Segment {
    unsigned index; /* program header index, for messages */
    uint64_t vaddr, memsz, offset, filesz;
    uint32_t prot;
} Segment;

static int segment_cmp(const void *a, const void *b)
{
    const Segment *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/* Checks the ELF header; fills *fe. */
static FvpError *check_header(const char *data, size_t size, const GElf_Ehdr *eh,
                              const Frontend **fe)
{
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "ELF type %u is not an executable (need ET_EXEC or ET_DYN)",
                             eh->e_type);
    *fe = fe_find_by_elf_machine(eh->e_machine);
    if (!*fe)
        return unsupported_machine(eh->e_machine);
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return fvp_error_new(FVP_ERR_FORMAT, "program header size %u is wrong (ELF64 needs %zu)",
                             eh->e_phentsize, sizeof(Elf64_Phdr));
    if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM)
        return fvp_error_new(FVP_ERR_FORMAT, "no program headers (e_phnum %u)", eh->e_phnum);
    if (eh->e_phnum > RT_MAX_PHNUM)
        return fvp_error_new(FVP_ERR_FORMAT, "%u program headers are more than the %u allowed",
                             eh->e_phnum, RT_MAX_PHNUM);
    uint64_t table = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (eh->e_phoff > size || table > size - eh->e_phoff)
        return fvp_error_new(FVP_ERR_FORMAT,
                             "program header table at offset 0x%llx (%u x %zu bytes) extends "
                             "past the end of the file (0x%zx bytes)",
                             (ull)eh->e_phoff, eh->e_phnum, sizeof(Elf64_Phdr), size);
    (void)data;
    return NULL;
}

/* Validates one PT_LOAD (before the bias is known). */
static FvpError *check_load(const RtMem *m, size_t size, unsigned i, const GElf_Phdr *ph)
{
    if (ph->p_filesz > ph->p_memsz)
        return fvp_error_new(FVP_ERR_FORMAT,
                             "program header %u: file size 0x%llx is larger than memory size "
                             "0x%llx",
                             i, (ull)ph->p_filesz, (ull)ph->p_memsz);
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return fvp_error_new(FVP_ERR_FORMAT,
                             "program header %u: segment data at file offset 0x%llx (0x%llx "
                             "bytes) extends past the end of the file (0x%zx bytes)",
                             i, (ull)ph->p_offset, (ull)ph->p_filesz, size);
    if (ph->p_align == 0 || (ph->p_align & (ph->p_align - 1)))
        return fvp_error_new(FVP_ERR_FORMAT,
                             "program header %u: alignment 0x%llx is not a power of two", i,
                             (ull)ph->p_align);
    if (ph->p_memsz > m->limit)
        return fvp_error_new(FVP_ERR_FORMAT,
                             "program header %u: memory size 0x%llx is larger than the guest "
                             "address space (0x%llx bytes)",
                             i, (ull)ph->p_memsz, (ull)m->limit);
    return NULL;
}

static FvpError *check_interp(const char *data, size_t size, const GElf_Phdr *ph)
{
    char interp[256] = "?";
    if (ph->p_offset < size && ph->p_filesz <= size - ph->p_offset) {
        size_t n = (size_t)FVP_MIN(ph->p_filesz, (uint64_t)sizeof interp - 1);
        memcpy(interp, data + ph->p_offset, n);
        interp[n] = '\0';
    }
    return fvp_error_new(FVP_ERR_UNSUPPORTED,
                         "dynamically linked programs are not supported yet (interpreter %s); "
                         "link the guest with -static or -static-pie",
                         interp);
}

/* Places the validated segments (sorted, biased) and checks they fit and do not overlap. */
static FvpError *check_placement(const RtMem *m, const Segment *seg, size_t n)
{
    uint64_t stack_low = m->limit - RT_STACK_TOP_GAP - RT_STACK_SIZE - RT_STACK_GUARD;
    for (size_t k = 0; k < n; k++) {
        const Segment *s = &seg[k];
        if (s->vaddr < RT_PAGE_SIZE || s->vaddr > stack_low || s->memsz > stack_low - s->vaddr)
            return fvp_error_new(FVP_ERR_FORMAT,
                                 "program header %u: segment 0x%llx-0x%llx lies outside the "
                                 "guest's program area [0x%x, 0x%llx)",
                                 s->index, (ull)s->vaddr, (ull)(s->vaddr + s->memsz), RT_PAGE_SIZE,
                                 (ull)stack_low);
        if (k > 0 && seg[k - 1].vaddr + seg[k - 1].memsz > s->vaddr)
            return fvp_error_new(FVP_ERR_FORMAT,
                                 "program headers %u and %u: segments 0x%llx-0x%llx and "
                                 "0x%llx-0x%llx overlap",
                                 seg[k - 1].index, s->index, (ull)seg[k - 1].vaddr,
                                 (ull)(seg[k - 1].vaddr + seg[k - 1].memsz), (ull)s->vaddr,
                                 (ull)(s->vaddr + s->memsz));
    }
    return NULL;
}

/* Union of the protections of all segments touching the page at `page` (seg sorted). */
static uint32_t page_prot(const Segment *seg, size_t n, size_t k, uint64_t page)
{
    uint32_t prot = seg[k].prot;
    for (size_t j = k; j-- > 0 && rt_page_up(seg[j].vaddr + seg[j].memsz) > page;)
        prot |= seg[j].prot;
    for (size_t j = k + 1; j < n && rt_page_down(seg[j].vaddr) <= page; j++)
        prot |= seg[j].prot;
    return prot;
}

/* Copies the segments into fresh guest pages, then applies their protections. */
static FvpError *copy_segments(RtMem *m, const char *data, const Segment *seg, size_t n)
{
    uint64_t mapped_end = 0;
    for (size_t k = 0; k < n; k++) {
        const Segment *s = &seg[k];
        if (!s->memsz)
            continue;
        uint64_t start = FVP_MAX(rt_page_down(s->vaddr), mapped_end);
        uint64_t end = rt_page_up(s->vaddr + s->memsz);
        if (start < end) {
            int64_t r =
                rt_mem_map_fixed(m, start, end - start, PROT_READ | PROT_WRITE, RT_MAPK_IMAGE);
            if (r)
                return fvp_error_wrap(
                    fvp_error_errno((int)-r, "mapping 0x%llx-0x%llx", (ull)start, (ull)end),
                    "program header %u", s->index);
            mapped_end = end;
        }
        memcpy(m->base + s->vaddr, data + s->offset, s->filesz);
    }
    for (size_t k = 0; k < n; k++) {
        const Segment *s = &seg[k];
        if (!s->memsz)
            continue;
        uint64_t first = rt_page_down(s->vaddr), last = rt_page_up(s->vaddr + s->memsz);
        int64_t r = rt_mem_mprotect(m, first, last - first, (int)s->prot);
        /* Pages shared with a neighbouring segment get the union of both protections. */
        if (!r)
            r = rt_mem_mprotect(m, first, RT_PAGE_SIZE, (int)page_prot(seg, n, k, first));
        if (!r)
            r = rt_mem_mprotect(m, last - RT_PAGE_SIZE, RT_PAGE_SIZE,
                                (int)page_prot(seg, n, k, last - RT_PAGE_SIZE));
        if (r)
            return fvp_error_wrap(
                fvp_error_errno((int)-r, "protecting 0x%llx-0x%llx", (ull)first, (ull)last),
                "program header %u", s->index);
    }
    return NULL;
}

/* Guest address of the program headers: PT_PHDR, else the PT_LOAD whose file bytes hold
 * them, else 0 (the stack builder then copies them onto the stack). */
static uint64_t find_phdr_addr(const GElf_Ehdr *eh, const GElf_Phdr *ph, uint64_t bias)
{
    uint64_t table = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_PHDR)
            return ph[i].p_vaddr + bias;
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
            eh->e_phoff - ph[i].p_offset + table <= ph[i].p_filesz)
            return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset) + bias;
    return 0;
}

static FvpError *load_elf(RtMem *m, Elf *elf, const char *data, size_t size, RtImage *img)
{
    GElf_Ehdr eh;
    if (!gelf_getehdr(elf, &eh))
        return fvp_error_new(FVP_ERR_FORMAT, "reading the ELF header: %s", elf_errmsg(-1));
    FvpError *err = check_header(data, size, &eh, &img->fe);
    if (err)
        return err;

    GElf_Phdr *ph = fvp_xcalloc(eh.e_phnum, sizeof(*ph));
    Segment *seg = fvp_xcalloc(eh.e_phnum, sizeof(*seg));
    size_t nseg = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        if (!gelf_getphdr(elf, (int)i, &ph[i])) {
            err = fvp_error_new(FVP_ERR_FORMAT, "program header %u: unreadable: %s", i,
                                elf_errmsg(-1));
            goto out;
        }
        if (ph[i].p_type == PT_INTERP) {
            err = check_interp(data, size, &ph[i]);
            goto out;
        }
        if (ph[i].p_type != PT_LOAD)
            continue;
        if ((err = check_load(m, size, i, &ph[i])))
            goto out;
        seg[nseg++] = (Segment){i,
                                ph[i].p_vaddr,
                                ph[i].p_memsz,
                                ph[i].p_offset,
                                ph[i].p_filesz,
                                segment_prot(ph[i].p_flags)};
    }
    if (nseg == 0) {
        err = fvp_error_new(FVP_ERR_FORMAT, "no loadable (PT_LOAD) segments");
        goto out;
    }
    qsort(seg, nseg, sizeof(*seg), segment_cmp);

    uint64_t bias = 0;
    if (eh.e_type == ET_DYN) {
        if (seg[0].vaddr > RT_PIE_BASE) {
            err = fvp_error_new(FVP_ERR_FORMAT,
                                "program header %u: position-independent segment at 0x%llx "
                                "is above the load base 0x%llx",
                                seg[0].index, (ull)seg[0].vaddr, (ull)RT_PIE_BASE);
            goto out;
        }
        bias = RT_PIE_BASE - rt_page_down(seg[0].vaddr);
    }
    for (size_t k = 0; k < nseg; k++)
        seg[k].vaddr += bias;
    if ((err = check_placement(m, seg, nseg)))
        goto out;

    uint64_t entry = eh.e_entry + bias;
    bool entry_ok = false;
    for (size_t k = 0; k < nseg; k++)
        if ((seg[k].prot & PROT_EXEC) && entry >= seg[k].vaddr &&
            entry - seg[k].vaddr < seg[k].memsz)
            entry_ok = true;
    if (!entry_ok) {
        err =
            fvp_error_new(FVP_ERR_FORMAT, "entry point 0x%llx is not inside an executable segment",
                          (ull)eh.e_entry);
        goto out;
    }
    if ((err = copy_segments(m, data, seg, nseg)))
        goto out;

    img->entry = entry;
    img->load_bias = bias;
    img->is_pie = eh.e_type == ET_DYN;
    img->phent = eh.e_phentsize;
    img->phnum = eh.e_phnum;
    img->phdr_addr = find_phdr_addr(&eh, ph, bias);
    img->phdrs = fvp_xmalloc((size_t)eh.e_phnum * sizeof(Elf64_Phdr));
    memcpy(img->phdrs, data + eh.e_phoff, (size_t)eh.e_phnum * sizeof(Elf64_Phdr));
    img->lo = rt_page_down(seg[0].vaddr);
    img->hi = 0;
    for (size_t k = 0; k < nseg; k++)
        img->hi = FVP_MAX(img->hi, seg[k].vaddr + seg[k].memsz);
    rt_mem_set_brk(m, img->hi);
out:
    free(seg);
    free(ph);
    return err;
}

/* The checks libelf cannot phrase well: magic, size, class, byte order. */
static FvpError *check_ident(const unsigned char *d, size_t size)
{
    if (size < SELFMAG || memcmp(d, ELFMAG, SELFMAG) != 0)
        return fvp_error_new(FVP_ERR_FORMAT, "not an ELF file (no \\x7fELF magic at offset 0)");
    if (size < EI_NIDENT)
        return fvp_error_new(FVP_ERR_FORMAT, "truncated ELF identification (%zu bytes)", size);
    if (d[EI_CLASS] != ELFCLASS64)
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "ELF class %u (%s) is not supported: guests are 64-bit programs",
                             d[EI_CLASS], d[EI_CLASS] == ELFCLASS32 ? "32-bit" : "invalid");
    if (d[EI_DATA] != ELFDATA2LSB)
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "ELF data encoding %u is not supported: guests are little-endian",
                             d[EI_DATA]);
    if (size < sizeof(Elf64_Ehdr))
        return fvp_error_new(FVP_ERR_FORMAT,
                             "truncated ELF header: the file has %zu bytes, the header needs %zu",
                             size, sizeof(Elf64_Ehdr));
    return NULL;
}

/* data must stay unchanged and alive during the call; libelf only reads it. */
static FvpError *load_buffer(RtMem *m, char *data, size_t size, RtImage *img)
{
    FvpError *err = check_ident((const unsigned char *)data, size);
    if (err)
        return err;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fvp_error_new(FVP_ERR_INTERNAL, "libelf is too old: %s", elf_errmsg(-1));
    Elf *elf = elf_memory(data, size);
    if (!elf)
        return fvp_error_new(FVP_ERR_FORMAT, "not a readable ELF file: %s", elf_errmsg(-1));
    if (elf_kind(elf) != ELF_K_ELF)
        err = fvp_error_new(FVP_ERR_FORMAT, "not an ELF executable");
    else
        err = load_elf(m, elf, data, size, img);
    elf_end(elf);
    return err;
}

void rt_image_free(RtImage *img)
{
    free(img->phdrs);
    memset(img, 0, sizeof(*img));
}

FvpError *rt_elf_load_image(RtMem *m, const char *name, const void *data, size_t size, RtImage *img)
{
    memset(img, 0, sizeof(*img));
    /* A private copy: libelf takes a mutable buffer. */
    char *copy = fvp_xmalloc(size ? size : 1);
    memcpy(copy, data, size);
    FvpError *err = load_buffer(m, copy, size, img);
    free(copy);
    if (err)
        rt_image_free(img);
    return fvp_error_wrap(err, "loading %s", name);
}

FvpError *rt_elf_load_file(RtMem *m, const char *path, RtImage *img)
{
    memset(img, 0, sizeof(*img));
    FvpError *err = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fvp_error_wrap(fvp_error_errno(errno, "opening"), "loading %s", path);
    struct stat st;
    if (fstat(fd, &st)) {
        err = fvp_error_errno(errno, "reading file status");
    } else if (!S_ISREG(st.st_mode)) {
        err = fvp_error_new(FVP_ERR_FORMAT, "not a regular file");
    } else if (st.st_size == 0) {
        err = fvp_error_new(FVP_ERR_FORMAT, "not an ELF file (empty)");
    } else {
        size_t size = (size_t)st.st_size;
        /* A private writable mapping: libelf may write to it, the file never changes. */
        void *data = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) {
            err = fvp_error_errno(errno, "mapping the file");
        } else {
            err = load_buffer(m, data, size, img);
            munmap(data, size);
        }
    }
    close(fd);
    if (err)
        rt_image_free(img);
    return fvp_error_wrap(err, "loading %s", path);
}
