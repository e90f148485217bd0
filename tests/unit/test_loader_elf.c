/* The ELF loader: hostile images are refused with a precise one-line error; good ones load. */
#include <criterion/criterion.h>
#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#include "runtime/loader.h"

#define SPACE RT_GUEST_SPACE_SIZE

/* A small RISC-V executable built in memory: one R-X segment holding the headers and code,
 * one RW segment with 16 data bytes and a bss. */
typedef struct Image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[3];
    uint8_t code[64];
    uint8_t data[16];
} Image;

enum { CODE_OFF = offsetof(Image, code), DATA_OFF = offsetof(Image, data) };

static Image make_image(void)
{
    Image im;
    memset(&im, 0, sizeof im);
    memcpy(im.eh.e_ident, ELFMAG, SELFMAG);
    im.eh.e_ident[EI_CLASS] = ELFCLASS64;
    im.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    im.eh.e_ident[EI_VERSION] = EV_CURRENT;
    im.eh.e_type = ET_EXEC;
    im.eh.e_machine = EM_RISCV;
    im.eh.e_version = EV_CURRENT;
    im.eh.e_entry = 0x10000 + CODE_OFF;
    im.eh.e_phoff = offsetof(Image, ph);
    im.eh.e_ehsize = sizeof(Elf64_Ehdr);
    im.eh.e_phentsize = sizeof(Elf64_Phdr);
    im.eh.e_phnum = 2;
    im.ph[0] = (Elf64_Phdr){.p_type = PT_LOAD,
                            .p_flags = PF_R | PF_X,
                            .p_offset = 0,
                            .p_vaddr = 0x10000,
                            .p_paddr = 0x10000,
                            .p_filesz = DATA_OFF,
                            .p_memsz = DATA_OFF,
                            .p_align = 0x1000};
    im.ph[1] = (Elf64_Phdr){.p_type = PT_LOAD,
                            .p_flags = PF_R | PF_W,
                            .p_offset = DATA_OFF,
                            .p_vaddr = 0x20000 + DATA_OFF,
                            .p_filesz = 16,
                            .p_memsz = 0x3000,
                            .p_align = 0x1000};
    for (int i = 0; i < 64; i++)
        im.code[i] = (uint8_t)(0x13 + i);
    memcpy(im.data, "sixteen bytes!!", 16);
    return im;
}

static RtMem mem;

static void setup(void)
{
    cr_assert_null(rt_mem_init(&mem, SPACE));
}

static void teardown(void)
{
    rt_mem_destroy(&mem);
}

/* Loads and returns the formatted error ("" when it loaded). */
static const char *load(const void *data, size_t size, RtImage *img)
{
    static char msg[512];
    FvpError *err = rt_elf_load_image(&mem, "prog", data, size, img);
    msg[0] = '\0';
    if (err)
        fvp_error_format(err, msg, sizeof msg);
    fvp_error_free(err);
    return msg;
}

TestSuite(loader_elf, .init = setup, .fini = teardown);

Test(loader_elf, valid_static_executable_loads)
{
    Image im = make_image();
    RtImage img;
    cr_assert_str_empty(load(&im, sizeof im, &img));
    cr_assert_str_eq(img.fe->name, "riscv64");
    cr_assert_eq(img.entry, 0x10000 + CODE_OFF);
    cr_assert_eq(img.load_bias, 0);
    cr_assert_eq(img.phdr_addr, 0x10000 + offsetof(Image, ph), "headers inside the text segment");
    cr_assert_eq(img.phnum, 2);
    cr_assert_eq(img.lo, 0x10000);
    cr_assert_eq(img.hi, 0x20000 + DATA_OFF + 0x3000);
    cr_assert_eq(memcmp(mem.base + 0x10000 + CODE_OFF, im.code, 64), 0);
    cr_assert_eq(memcmp(mem.base + 0x20000 + DATA_OFF, "sixteen bytes!!", 16), 0);
    cr_assert_eq(mem.base[0x20000 + DATA_OFF + 16], 0, "bss is zero");
    cr_assert_eq(rt_mem_find(&mem, 0x10000)->prot, PROT_READ | PROT_EXEC);
    cr_assert_eq(rt_mem_find(&mem, 0x21000)->prot, PROT_READ | PROT_WRITE);
    cr_assert_eq(mem.brk_start, rt_page_up(img.hi));
    cr_assert_null(rt_mem_find(&mem, 0x18000), "the gap stays unmapped");
    rt_image_free(&img);
}

Test(loader_elf, static_pie_loads_at_the_pie_base)
{
    Image im = make_image();
    im.eh.e_type = ET_DYN;
    im.ph[0].p_vaddr = 0;
    im.ph[1].p_vaddr = 0x10000 + DATA_OFF;
    im.eh.e_entry = CODE_OFF;
    RtImage img;
    cr_assert_str_empty(load(&im, sizeof im, &img));
    cr_assert(img.is_pie);
    cr_assert_eq(img.load_bias, RT_PIE_BASE);
    cr_assert_eq(img.entry, RT_PIE_BASE + CODE_OFF);
    cr_assert_eq(memcmp(mem.base + RT_PIE_BASE + 0x10000 + DATA_OFF, im.data, 16), 0);
    rt_image_free(&img);
}

Test(loader_elf, segments_sharing_a_page_get_both_protections)
{
    Image im = make_image();
    im.ph[1].p_vaddr = 0x10000 + DATA_OFF; /* data right after the code, same page */
    im.ph[1].p_memsz = 16;
    RtImage img;
    cr_assert_str_empty(load(&im, sizeof im, &img));
    cr_assert_eq(rt_mem_find(&mem, 0x10000)->prot, PROT_READ | PROT_WRITE | PROT_EXEC);
    cr_assert_eq(memcmp(mem.base + 0x10000 + CODE_OFF, im.code, 64), 0);
    rt_image_free(&img);
}

typedef struct BadCase {
    const char *what;
    void (*mutate)(Image *im, size_t *size);
    const char *error; /* the complete one-line message (%s: the frontend list) */
} BadCase;

static void truncate_header(Image *im, size_t *size)
{
    (void)im;
    *size = 40;
}
static void not_elf(Image *im, size_t *size)
{
    (void)size;
    memcpy(im->eh.e_ident, "\177ELG", 4);
}
static void class32(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_ident[EI_CLASS] = ELFCLASS32;
}
static void big_endian(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_ident[EI_DATA] = ELFDATA2MSB;
}
static void x86(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_machine = EM_X86_64;
}
static void unknown_machine(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_machine = 4321;
}
static void relocatable(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_type = ET_REL;
}
static void bad_phentsize(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_phentsize = 32;
}
static void no_phdrs(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_phnum = 0;
}
static void phdrs_past_end(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_phoff = sizeof(Image) - 60;
}
static void load_past_end(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_filesz = 0x2000;
}
static void filesz_gt_memsz(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_memsz = 8;
}
static void huge_memsz(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_memsz = 1ull << 50;
}
static void zero_align(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_align = 0;
}
static void odd_align(Image *im, size_t *size)
{
    (void)size;
    im->ph[0].p_align = 0x1800;
}
static void outside_space(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_vaddr = 1ull << 41;
}
static void page_zero(Image *im, size_t *size)
{
    (void)size;
    im->ph[0].p_vaddr = 0;
    im->eh.e_entry = CODE_OFF;
}
static void overlap(Image *im, size_t *size)
{
    (void)size;
    im->ph[1].p_vaddr = 0x10080;
}
static void entry_outside(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_entry = 0x90000;
}
static void entry_in_data(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_entry = 0x21000;
}
static void no_load(Image *im, size_t *size)
{
    (void)size;
    im->ph[0].p_type = PT_NOTE;
    im->ph[1].p_type = PT_NOTE;
}
static void dynamic(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_phnum = 3;
    memcpy(im->code, "/lib/ld.so", 11);
    im->ph[2] = (Elf64_Phdr){.p_type = PT_INTERP,
                             .p_flags = PF_R,
                             .p_offset = CODE_OFF,
                             .p_vaddr = 0x10000 + CODE_OFF,
                             .p_filesz = 11,
                             .p_memsz = 11,
                             .p_align = 1};
}
static void too_many_phdrs(Image *im, size_t *size)
{
    (void)size;
    im->eh.e_phnum = 2000;
}

static const BadCase bad_cases[] = {
    {"truncated", truncate_header,
     "loading prog: truncated ELF header: the file has 40 bytes, the header needs 64"},
    {"not elf", not_elf, "loading prog: not an ELF file (no \\x7fELF magic at offset 0)"},
    {"32-bit", class32,
     "loading prog: ELF class 1 (32-bit) is not supported: guests are 64-bit programs"},
    {"big endian", big_endian,
     "loading prog: ELF data encoding 2 is not supported: guests are little-endian"},
    {"x86-64", x86, "loading prog: x86-64 ELF (e_machine 62) is not supported by frontends %s"},
    {"unknown machine", unknown_machine,
     "loading prog: ELF machine 4321 is not supported by frontends %s"},
    {"ET_REL", relocatable,
     "loading prog: ELF type 1 is not an executable (need ET_EXEC or ET_DYN)"},
    {"phentsize", bad_phentsize, "loading prog: program header size 32 is wrong (ELF64 needs 56)"},
    {"no phdrs", no_phdrs, "loading prog: no program headers (e_phnum 0)"},
    {"too many phdrs", too_many_phdrs,
     "loading prog: 2000 program headers are more than the 1024 allowed"},
    {"phdrs past end", phdrs_past_end,
     "loading prog: program header table at offset 0xfc (2 x 56 bytes) extends past the end "
     "of the file (0x138 bytes)"},
    {"load past end", load_past_end,
     "loading prog: program header 1: segment data at file offset 0x128 (0x2000 bytes) extends "
     "past the end of the file (0x138 bytes)"},
    {"filesz > memsz", filesz_gt_memsz,
     "loading prog: program header 1: file size 0x10 is larger than memory size 0x8"},
    {"huge memsz", huge_memsz,
     "loading prog: program header 1: memory size 0x4000000000000 is larger than the guest "
     "address space (0x10000000000 bytes)"},
    {"zero align", zero_align,
     "loading prog: program header 1: alignment 0x0 is not a power of two"},
    {"odd align", odd_align,
     "loading prog: program header 0: alignment 0x1800 is not a power of two"},
    {"outside", outside_space,
     "loading prog: program header 1: segment 0x20000000000-0x20000003000 lies outside the "
     "guest's program area [0x1000, 0xffff6f0000)"},
    {"page zero", page_zero,
     "loading prog: program header 0: segment 0x0-0x128 lies outside the guest's program area "
     "[0x1000, 0xffff6f0000)"},
    {"overlap", overlap,
     "loading prog: program headers 0 and 1: segments 0x10000-0x10128 and 0x10080-0x13080 overlap"},
    {"entry outside", entry_outside,
     "loading prog: entry point 0x90000 is not inside an executable segment"},
    {"entry in data", entry_in_data,
     "loading prog: entry point 0x21000 is not inside an executable segment"},
    {"no PT_LOAD", no_load, "loading prog: no loadable (PT_LOAD) segments"},
    {"PT_INTERP", dynamic,
     "loading prog: dynamically linked programs are not supported yet (interpreter /lib/ld.so); "
     "link the guest with -static or -static-pie"},
};

/* "riscv64, aarch64": the frontends FVP was built with, as the loader names them. */
static const char *frontend_list(void)
{
    static char list[128];
    size_t n = 0;
    list[0] = '\0';
    for (const Frontend *const *f = fe_all; *f; f++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", (*f)->name);
    return list;
}

Test(loader_elf, hostile_images_are_refused_precisely)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        Image im = make_image();
        size_t size = sizeof im;
        bad_cases[i].mutate(&im, &size);
        RtImage img;
        const char *msg = load(&im, size, &img);
        char expect[512];
        snprintf(expect, sizeof expect, bad_cases[i].error, frontend_list());
        cr_expect_str_eq(msg, expect, "case '%s': got '%s'", bad_cases[i].what, msg);
        cr_expect_null(img.phdrs, "case '%s' leaves nothing to free", bad_cases[i].what);
    }
}

Test(loader_elf, missing_and_odd_files)
{
    RtImage img;
    char msg[256];
    FvpError *err = rt_elf_load_file(&mem, "/nonexistent/prog", &img);
    fvp_error_format(err, msg, sizeof msg);
    cr_assert_str_eq(msg, "loading /nonexistent/prog: opening: No such file or directory");
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_IO);
    fvp_error_free(err);
    err = rt_elf_load_file(&mem, "/tmp", &img);
    fvp_error_format(err, msg, sizeof msg);
    cr_assert_str_eq(msg, "loading /tmp: not a regular file");
    fvp_error_free(err);
}

/* Random corruption (fixed seed): every image either loads or is refused with one line;
 * nothing crashes or leaks (run under ASan to see the latter). */
Test(loader_elf, random_corruption_never_crashes)
{
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    unsigned loaded = 0, refused = 0;
    for (int round = 0; round < 3000; round++) {
        Image im = make_image();
        if (round % 3 == 0)
            im.eh.e_phnum = 3; /* let the third header take part */
        uint8_t *bytes = (uint8_t *)&im;
        size_t size = sizeof im;
        int flips = 1 + round % 4;
        for (int i = 0; i < flips; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(seed >> 33) % sizeof im;
            bytes[at] = (uint8_t)(seed >> 13);
        }
        if (round % 7 == 0)
            size = (size_t)(seed >> 40) % (sizeof im + 1);
        /* a fresh address space per round: a loaded image leaves pages behind */
        rt_mem_destroy(&mem);
        cr_assert_null(rt_mem_init(&mem, SPACE));
        RtImage img;
        const char *msg = load(&im, size, &img);
        if (msg[0]) {
            cr_assert(!strncmp(msg, "loading prog: ", 14), "%s", msg);
            cr_assert_null(strchr(msg, '\n'), "one line: %s", msg);
            refused++;
        } else {
            cr_assert(rt_mem_check(&mem, img.entry, 1, PROT_EXEC), "entry 0x%llx executable",
                      (unsigned long long)img.entry);
            rt_image_free(&img);
            loaded++;
        }
    }
    cr_assert_gt(loaded, 0, "some corruptions are harmless");
    cr_assert_gt(refused, 1000, "most are refused (%u)", refused);
}
