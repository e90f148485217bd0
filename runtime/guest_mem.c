/* RtMem: the guest address space reservation, guest mmap/munmap/mprotect/mremap/brk. */
#include "runtime/guest_mem.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "common/common.h"
#include "runtime/cpu.h"

static bool mem_check(const RtMem *m, uint64_t addr, uint64_t len, int prot);
static int64_t mem_munmap(RtMem *m, uint64_t addr, uint64_t len);

static void mem_lock(const RtMem *m)
{
    pthread_mutex_lock((pthread_mutex_t *)&m->lock);
}

static void mem_unlock(const RtMem *m)
{
    pthread_mutex_unlock((pthread_mutex_t *)&m->lock);
}

/* ---- The mapping list (sorted, non-overlapping) ------------------------------------------ */

/* Index of the first mapping whose end is above addr (count if none). */
static size_t maps_lower_bound(const RtMem *m, uint64_t addr)
{
    size_t lo = 0, hi = m->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->maps[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void maps_insert_at(RtMem *m, size_t i, RtMapping nm)
{
    FVP_GROW(m->maps, m->cap, m->count + 1);
    memmove(&m->maps[i + 1], &m->maps[i], (m->count - i) * sizeof(*m->maps));
    m->maps[i] = nm;
    m->count++;
}

static void maps_delete_at(RtMem *m, size_t i)
{
    memmove(&m->maps[i], &m->maps[i + 1], (m->count - i - 1) * sizeof(*m->maps));
    m->count--;
}

static bool maps_mergeable(const RtMapping *a, const RtMapping *b)
{
    return a->end == b->start && a->prot == b->prot && a->kind == b->kind &&
           a->shared == b->shared && a->kind != RT_MAPK_FILE;
}

/* Removes [s, e) from the list, splitting mappings that straddle its ends. */
static void maps_remove_range(RtMem *m, uint64_t s, uint64_t e)
{
    size_t i = maps_lower_bound(m, s);
    while (i < m->count && m->maps[i].start < e) {
        RtMapping *mp = &m->maps[i];
        if (mp->start < s && mp->end > e) {
            RtMapping tail = *mp;
            tail.start = e;
            mp->end = s;
            maps_insert_at(m, i + 1, tail);
            return;
        }
        if (mp->start < s) {
            mp->end = s;
            i++;
        } else if (mp->end > e) {
            mp->start = e;
            return;
        } else {
            maps_delete_at(m, i);
        }
    }
}

/* Inserts a mapping over a range known to be free, merging with equal neighbours. */
static void maps_insert(RtMem *m, RtMapping nm)
{
    size_t i = maps_lower_bound(m, nm.start);
    maps_insert_at(m, i, nm);
    if (i + 1 < m->count && maps_mergeable(&m->maps[i], &m->maps[i + 1])) {
        m->maps[i].end = m->maps[i + 1].end;
        maps_delete_at(m, i + 1);
    }
    if (i > 0 && maps_mergeable(&m->maps[i - 1], &m->maps[i])) {
        m->maps[i - 1].end = m->maps[i].end;
        maps_delete_at(m, i);
    }
}

static bool range_free(const RtMem *m, uint64_t s, uint64_t e)
{
    size_t i = maps_lower_bound(m, s);
    return i == m->count || m->maps[i].start >= e;
}

/* Tells the code cache about executable pages in [s, e) that are about to change. */
static void notify_code_change(RtMem *m, uint64_t s, uint64_t e)
{
    if (!m->on_code_change)
        return;
    for (size_t i = maps_lower_bound(m, s); i < m->count && m->maps[i].start < e; i++)
        if (m->maps[i].prot & PROT_EXEC)
            m->on_code_change(m->code_change_ctx, FVP_MAX(s, m->maps[i].start),
                              FVP_MIN(e, m->maps[i].end));
}

/* Highest free, page-aligned range of len bytes below mmap_top, or 0 if none. */
static uint64_t find_free_top_down(const RtMem *m, uint64_t len)
{
    uint64_t hi = m->mmap_top;
    for (size_t i = m->count; i-- > 0;) {
        const RtMapping *mp = &m->maps[i];
        if (mp->start >= hi)
            continue;
        if (mp->end < hi && hi - mp->end >= len)
            return hi - len;
        hi = mp->start;
    }
    if (hi >= RT_MMAP_MIN_ADDR + len)
        return hi - len;
    return 0;
}

/* ---- Host side ---------------------------------------------------------------------------- */

/* Guest PROT_EXEC needs host read access (the lifter fetches code from there); the host
 * never executes guest pages. */
static int host_prot(int prot)
{
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC)
        p |= PROT_READ;
    return p;
}

/* Returns [s, s+len) to the PROT_NONE reservation. */
static int host_reserve(RtMem *m, uint64_t s, uint64_t len)
{
    void *p = mmap(m->base + s, len, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? -errno : 0;
}

/* Where the reservation should go: RT_MEM_HOST_ROOM below where the system would put the
 * next mapping, so that the host's own later mappings (LLVM's code, the baseline
 * compiler's chunks, thread stacks) stay together in the room above it, next to the
 * libraries. Left to the system, the reservation lands right below the libraries and
 * splits them: LLVM's small code allocations fill the gaps between libraries while the
 * baseline's 1 MiB chunks go below the reservation, too far for the rel32 jumps of direct
 * links (docs/translator.md, "Direct links"). NULL (the system's choice) when the
 * address space does not grow down or has no room; a hint the system cannot honour is
 * ignored by mmap, so this only ever affects placement. */
static void *reservation_hint(uint64_t bytes)
{
    void *probe = mmap(NULL, RT_PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED)
        return NULL;
    munmap(probe, RT_PAGE_SIZE);
    uint64_t top = (uint64_t)(uintptr_t)probe;
    if (top < RT_MEM_HOST_ROOM + bytes + (1ull << 32))
        return NULL; /* bottom-up layout (e.g. ulimit -s unlimited), or a small space */
    uint64_t at = (top - RT_MEM_HOST_ROOM - bytes) & ~((1ull << 21) - 1);
    return (void *)(uintptr_t)at;
}

FvpError *rt_mem_init(RtMem *m, uint64_t size)
{
    memset(m, 0, sizeof(*m));
    if (size < (1u << 20) || size % RT_PAGE_SIZE)
        return fvp_error_new(FVP_ERR_USAGE,
                             "guest address space size 0x%llx is not a page "
                             "multiple of at least 1 MiB",
                             (unsigned long long)size);
    /* + RT_MEM_GUARD: never mapped, for compiled code's base-register tests (cpu.h) */
    void *p = mmap(reservation_hint(size + RT_MEM_GUARD), size + RT_MEM_GUARD, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return fvp_error_errno(errno, "reserving %llu GiB of host address space for the guest",
                               (unsigned long long)(size >> 30));
    m->base = p;
    m->limit = size;
    m->mmap_top = size;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    m->locked_init = true;
    return NULL;
}

void rt_mem_destroy(RtMem *m)
{
    if (m->base)
        munmap(m->base, m->limit + RT_MEM_GUARD);
    if (m->locked_init)
        pthread_mutex_destroy(&m->lock);
    free(m->maps);
    memset(m, 0, sizeof(*m));
}

/* ---- Guest calls -------------------------------------------------------------------------- */

static int64_t mem_map_fixed(RtMem *m, uint64_t addr, uint64_t len, int prot, RtMapKind kind)
{
    if (addr % RT_PAGE_SIZE || len % RT_PAGE_SIZE || len == 0)
        return -EINVAL;
    if (addr < RT_PAGE_SIZE || !rt_mem_in_space(m, addr, len))
        return -ENOMEM;
    notify_code_change(m, addr, addr + len);
    void *p =
        mmap(m->base + addr, len, host_prot(prot), MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    maps_remove_range(m, addr, addr + len);
    maps_insert(m, (RtMapping){addr, addr + len, (uint32_t)prot, (uint8_t)kind, 0});
    return 0;
}

static int64_t mem_mmap(RtMem *m, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                        uint64_t offset)
{
    int type = flags & MAP_SHARED_VALIDATE;
    if (len == 0 || offset % RT_PAGE_SIZE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (len > m->limit)
        return -ENOMEM;
    len = rt_page_up(len);
    bool anon = flags & MAP_ANONYMOUS;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr % RT_PAGE_SIZE)
            return -EINVAL;
        if (addr < RT_PAGE_SIZE || !rt_mem_in_space(m, addr, len))
            return -ENOMEM;
        if (!(flags & MAP_FIXED) && !range_free(m, addr, addr + len))
            return -EEXIST;
    } else {
        uint64_t hint = rt_page_down(addr);
        if (hint >= RT_MMAP_MIN_ADDR && rt_mem_in_space(m, hint, len) &&
            range_free(m, hint, hint + len))
            addr = hint;
        else if (!(addr = find_free_top_down(m, len)))
            return -ENOMEM;
    }

    int host_flags = type | (flags & (MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_STACK));
    if (anon) {
        notify_code_change(m, addr, addr + len);
        void *p = mmap(m->base + addr, len, host_prot(prot), host_flags | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED)
            return -errno;
    } else {
        /* Map the file anywhere first so the kernel validates fd, offset and access
         * without touching the guest's pages, then move it into place atomically. */
        void *tmp = mmap(NULL, len, host_prot(prot), host_flags, fd, (off_t)offset);
        if (tmp == MAP_FAILED)
            return -errno;
        notify_code_change(m, addr, addr + len);
        void *p = mremap(tmp, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, m->base + addr);
        if (p == MAP_FAILED) {
            int err = errno;
            munmap(tmp, len);
            return -err;
        }
    }
    maps_remove_range(m, addr, addr + len);
    maps_insert(m, (RtMapping){addr, addr + len, (uint32_t)prot, anon ? RT_MAPK_ANON : RT_MAPK_FILE,
                               type != MAP_PRIVATE});
    return (int64_t)addr;
}

static int64_t mem_munmap(RtMem *m, uint64_t addr, uint64_t len)
{
    if (addr % RT_PAGE_SIZE || len == 0 || len > m->limit)
        return -EINVAL;
    len = rt_page_up(len);
    if (!rt_mem_in_space(m, addr, len))
        return -EINVAL;
    notify_code_change(m, addr, addr + len);
    int r = host_reserve(m, addr, len);
    if (r)
        return r;
    maps_remove_range(m, addr, addr + len);
    return 0;
}

static int64_t mem_mprotect(RtMem *m, uint64_t addr, uint64_t len, int prot)
{
    if (addr % RT_PAGE_SIZE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (len > m->limit)
        return -ENOMEM;
    len = rt_page_up(len);
    if (!mem_check(m, addr, len, PROT_NONE))
        return -ENOMEM;
    uint64_t end = addr + len;
    if (mprotect(m->base + addr, len, host_prot(prot)))
        return -errno;
    notify_code_change(m, addr, end);
    /* Re-insert each covered piece with the new protection. */
    size_t first = maps_lower_bound(m, addr);
    size_t n = 0;
    while (first + n < m->count && m->maps[first + n].start < end)
        n++;
    RtMapping *pieces = fvp_xmalloc(n * sizeof(*pieces));
    for (size_t i = 0; i < n; i++) {
        pieces[i] = m->maps[first + i];
        pieces[i].start = FVP_MAX(pieces[i].start, addr);
        pieces[i].end = FVP_MIN(pieces[i].end, end);
        pieces[i].prot = (uint32_t)prot;
    }
    maps_remove_range(m, addr, end);
    for (size_t i = 0; i < n; i++)
        maps_insert(m, pieces[i]);
    free(pieces);
    return 0;
}

static int64_t mem_mremap(RtMem *m, uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                          int flags, uint64_t new_addr)
{
    if (old_addr % RT_PAGE_SIZE || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if (new_len == 0 || old_len > m->limit || new_len > m->limit)
        return -EINVAL;
    old_len = rt_page_up(old_len);
    new_len = rt_page_up(new_len);
    const RtMapping *mp = rt_mem_find(m, old_addr);
    if (old_len == 0 || !mp || old_addr + old_len > mp->end)
        return -EFAULT;
    RtMapping moved = *mp;

    if (!(flags & MREMAP_FIXED)) {
        if (new_len <= old_len) {
            if (new_len < old_len)
                mem_munmap(m, old_addr + new_len, old_len - new_len);
            return (int64_t)old_addr;
        }
        uint64_t tail = old_addr + old_len;
        /* Anonymous private memory grows in place by mapping fresh zero pages after it. */
        if (moved.kind != RT_MAPK_FILE && !moved.shared &&
            rt_mem_in_space(m, tail, new_len - old_len) &&
            range_free(m, tail, old_addr + new_len)) {
            void *p = mmap(m->base + tail, new_len - old_len, host_prot((int)moved.prot),
                           MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED)
                return -errno;
            moved.start = tail;
            moved.end = old_addr + new_len;
            maps_insert(m, moved);
            return (int64_t)old_addr;
        }
        if (!(flags & MREMAP_MAYMOVE))
            return -ENOMEM;
        if (!(new_addr = find_free_top_down(m, new_len)))
            return -ENOMEM;
    } else {
        if (new_addr % RT_PAGE_SIZE)
            return -EINVAL;
        if (new_addr < RT_PAGE_SIZE || !rt_mem_in_space(m, new_addr, new_len))
            return -ENOMEM;
        if (new_addr < old_addr + old_len && old_addr < new_addr + new_len)
            return -EINVAL;
        notify_code_change(m, new_addr, new_addr + new_len);
    }
    notify_code_change(m, old_addr, old_addr + old_len);
    /* The host moves the pages over the reservation at new_addr; the hole left at the old
     * place is reserved again at once. */
    void *p = mremap(m->base + old_addr, old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED,
                     m->base + new_addr);
    if (p == MAP_FAILED)
        return -errno;
    host_reserve(m, old_addr, old_len);
    maps_remove_range(m, old_addr, old_addr + old_len);
    maps_remove_range(m, new_addr, new_addr + new_len);
    moved.start = new_addr;
    moved.end = new_addr + new_len;
    maps_insert(m, moved);
    return (int64_t)new_addr;
}

void rt_mem_set_brk(RtMem *m, uint64_t start)
{
    m->brk_start = m->brk_cur = rt_page_up(start);
}

static uint64_t mem_brk(RtMem *m, uint64_t want)
{
    if (want < m->brk_start || !rt_mem_in_space(m, want, 0))
        return m->brk_cur;
    uint64_t old_end = rt_page_up(m->brk_cur), new_end = rt_page_up(want);
    if (new_end > old_end) {
        if (!range_free(m, old_end, new_end) ||
            mem_map_fixed(m, old_end, new_end - old_end, PROT_READ | PROT_WRITE, RT_MAPK_HEAP))
            return m->brk_cur;
    } else if (new_end < old_end) {
        mem_munmap(m, new_end, old_end - new_end);
    }
    m->brk_cur = want;
    return want;
}

/* ---- Queries and checked copies ---------------------------------------------------------- */

const RtMapping *rt_mem_find(const RtMem *m, uint64_t addr)
{
    size_t i = maps_lower_bound(m, addr);
    return i < m->count && m->maps[i].start <= addr ? &m->maps[i] : NULL;
}

static bool mem_check(const RtMem *m, uint64_t addr, uint64_t len, int prot)
{
    if (!rt_mem_in_space(m, addr, len))
        return false;
    uint64_t end = addr + len;
    for (size_t i = maps_lower_bound(m, addr); addr < end; i++) {
        if (i >= m->count || m->maps[i].start > addr ||
            (m->maps[i].prot & (uint32_t)prot) != (uint32_t)prot)
            return false;
        addr = m->maps[i].end;
    }
    return true;
}

static int mem_read(const RtMem *m, uint64_t addr, void *buf, size_t len)
{
    if (!mem_check(m, addr, len, PROT_READ))
        return -EFAULT;
    memcpy(buf, m->base + addr, len);
    return 0;
}

static int mem_write(const RtMem *m, uint64_t addr, const void *buf, size_t len)
{
    if (!mem_check(m, addr, len, PROT_WRITE))
        return -EFAULT;
    memcpy(m->base + addr, buf, len);
    return 0;
}

static int64_t mem_read_string(const RtMem *m, uint64_t addr, char *buf, size_t size)
{
    size_t n = 0;
    while (n < size) {
        const RtMapping *mp = rt_mem_find(m, addr + n);
        if (!mp || !(mp->prot & PROT_READ))
            return -EFAULT;
        size_t chunk = (size_t)FVP_MIN(mp->end - (addr + n), (uint64_t)(size - n));
        const char *src = (const char *)m->base + addr + n;
        const char *nul = memchr(src, 0, chunk);
        size_t take = nul ? (size_t)(nul - src) + 1 : chunk;
        memcpy(buf + n, src, take);
        n += take;
        if (nul)
            return (int64_t)(n - 1);
    }
    return -ENAMETOOLONG;
}

void rt_mem_print_maps(const RtMem *m, FILE *f, const char *image_name)
{
    mem_lock(m);
    for (size_t i = 0; i < m->count; i++) {
        const RtMapping *mp = &m->maps[i];
        const char *name = mp->kind == RT_MAPK_IMAGE   ? image_name
                           : mp->kind == RT_MAPK_STACK ? "[stack]"
                           : mp->kind == RT_MAPK_HEAP  ? "[heap]"
                                                       : "";
        int n = fprintf(f, "%08llx-%08llx %c%c%c%c 00000000 00:00 0", (unsigned long long)mp->start,
                        (unsigned long long)mp->end, mp->prot & PROT_READ ? 'r' : '-',
                        mp->prot & PROT_WRITE ? 'w' : '-', mp->prot & PROT_EXEC ? 'x' : '-',
                        mp->shared ? 's' : 'p');
        if (name && *name)
            fprintf(f, "%*s%s", n < 73 ? 73 - n : 1, "", name);
        fputc('\n', f);
    }
    mem_unlock(m);
}

/* ---- Locked entry points: one recursive mutex serialises guest threads' calls ---------- */

int64_t rt_mem_map_fixed(RtMem *m, uint64_t addr, uint64_t len, int prot, RtMapKind kind)
{
    mem_lock(m);
    int64_t r = mem_map_fixed(m, addr, len, prot, kind);
    mem_unlock(m);
    return r;
}

int64_t rt_mem_mmap(RtMem *m, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                    uint64_t offset)
{
    mem_lock(m);
    int64_t r = mem_mmap(m, addr, len, prot, flags, fd, offset);
    mem_unlock(m);
    return r;
}

int64_t rt_mem_munmap(RtMem *m, uint64_t addr, uint64_t len)
{
    mem_lock(m);
    int64_t r = mem_munmap(m, addr, len);
    mem_unlock(m);
    return r;
}

int64_t rt_mem_mprotect(RtMem *m, uint64_t addr, uint64_t len, int prot)
{
    mem_lock(m);
    int64_t r = mem_mprotect(m, addr, len, prot);
    mem_unlock(m);
    return r;
}

int64_t rt_mem_mremap(RtMem *m, uint64_t old_addr, uint64_t old_len, uint64_t new_len, int flags,
                      uint64_t new_addr)
{
    mem_lock(m);
    int64_t r = mem_mremap(m, old_addr, old_len, new_len, flags, new_addr);
    mem_unlock(m);
    return r;
}

uint64_t rt_mem_brk(RtMem *m, uint64_t want)
{
    mem_lock(m);
    uint64_t r = mem_brk(m, want);
    mem_unlock(m);
    return r;
}

bool rt_mem_check(const RtMem *m, uint64_t addr, uint64_t len, int prot)
{
    mem_lock(m);
    bool r = mem_check(m, addr, len, prot);
    mem_unlock(m);
    return r;
}

int rt_mem_read(const RtMem *m, uint64_t addr, void *buf, size_t len)
{
    mem_lock(m);
    int r = mem_read(m, addr, buf, len);
    mem_unlock(m);
    return r;
}

int rt_mem_write(const RtMem *m, uint64_t addr, const void *buf, size_t len)
{
    mem_lock(m);
    int r = mem_write(m, addr, buf, len);
    mem_unlock(m);
    return r;
}

int64_t rt_mem_read_string(const RtMem *m, uint64_t addr, char *buf, size_t size)
{
    mem_lock(m);
    int64_t r = mem_read_string(m, addr, buf, size);
    mem_unlock(m);
    return r;
}

bool rt_mem_lookup(const RtMem *m, uint64_t addr, RtMapping *out)
{
    mem_lock(m);
    const RtMapping *mp = rt_mem_find(m, addr);
    if (mp)
        *out = *mp;
    mem_unlock(m);
    return mp != NULL;
}

size_t rt_mem_fetch(const RtMem *m, uint64_t addr, void *buf, size_t len)
{
    size_t n = 0;
    mem_lock(m);
    while (n < len) {
        const RtMapping *mp = rt_mem_find(m, addr + n);
        if (!mp || !(mp->prot & PROT_EXEC))
            break;
        size_t chunk = (size_t)FVP_MIN(mp->end - (addr + n), (uint64_t)(len - n));
        memcpy((uint8_t *)buf + n, m->base + addr + n, chunk);
        n += chunk;
    }
    mem_unlock(m);
    return n;
}
