/* Guest test: clocks behave sanely (monotonic, sleep lasts, realtime plausible); prints no values. */
#include <stdint.h>
#include <sys/time.h>
#include <time.h>

#include "guest_util.h"

static int64_t ns_of(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void)
{
    GuestChecks c = {0};
    struct timespec a, b, r, res;
    guest_check_u64(&c, "clock_gettime monotonic ok", (uint64_t)clock_gettime(CLOCK_MONOTONIC, &a), 0);
    int64_t prev = ns_of(a);
    int backwards = 0;
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (ns_of(b) < prev)
            backwards++;
        prev = ns_of(b);
    }
    guest_check_u64(&c, "monotonic never goes backwards", (uint64_t)backwards, 0);
    struct timespec nap = {0, 20 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &a);
    guest_check_u64(&c, "nanosleep ok", (uint64_t)nanosleep(&nap, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    guest_check_u64(&c, "slept at least 20ms", (uint64_t)(ns_of(b) - ns_of(a) >= 20000000), 1);
    guest_check_u64(&c, "slept under 10s", (uint64_t)(ns_of(b) - ns_of(a) < 10000000000LL), 1);
    guest_check_u64(&c, "clock_gettime realtime ok", (uint64_t)clock_gettime(CLOCK_REALTIME, &r), 0);
    guest_check_u64(&c, "realtime after 2020", (uint64_t)(r.tv_sec > 1577836800), 1);
    guest_check_u64(&c, "nsec in range", (uint64_t)(r.tv_nsec >= 0 && r.tv_nsec < 1000000000), 1);
    time_t t = time(NULL);
    guest_check_u64(&c, "time() near realtime", (uint64_t)(t >= r.tv_sec - 5 && t <= r.tv_sec + 5), 1);
    struct timeval tv;
    guest_check_u64(&c, "gettimeofday ok", (uint64_t)gettimeofday(&tv, NULL), 0);
    guest_check_u64(&c, "gettimeofday near realtime",
                    (uint64_t)(tv.tv_sec >= r.tv_sec - 5 && tv.tv_sec <= r.tv_sec + 5), 1);
    guest_check_u64(&c, "clock_getres ok", (uint64_t)clock_getres(CLOCK_MONOTONIC, &res), 0);
    guest_check_u64(&c, "resolution at most 1ms",
                    (uint64_t)(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000), 1);
    struct timespec cpu1, cpu2;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
    volatile uint64_t spin = 0;
    for (int i = 0; i < 200000; i++)
        spin += (uint64_t)i;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu2);
    guest_check_u64(&c, "process cpu time does not go backwards",
                    (uint64_t)(ns_of(cpu2) >= ns_of(cpu1)), 1);
    struct tm tm;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tm);
    printf("gmtime(1700000000): %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d\n",
           tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
           tm.tm_wday, tm.tm_yday);
    return guest_checks_exit(&c);
}
