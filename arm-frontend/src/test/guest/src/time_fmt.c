/* time formatting with a fixed time_t: gmtime/localtime (TZ=UTC), strftime, asctime/ctime, mktime, timegm, strptime; clocks only checked for sanity. */
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/times.h>
int main(void) {
    time_t t = 1234567890;
    struct tm *g = gmtime(&t);
    char buf[200];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %U %w %y %Z %%", g);
    puts(buf);
    struct tm *l = localtime(&t);
    strftime(buf, sizeof buf, "%c | %x | %X | %z %Z", l);
    puts(buf);
    printf("%s", asctime(g));
    printf("%s", ctime(&t));
    struct tm tm = {0}; tm.tm_year = 100; tm.tm_mon = 1; tm.tm_mday = 29; tm.tm_hour = 12;
    time_t m = mktime(&tm); printf("mktime=%ld wday=%d yday=%d\n", (long)m, tm.tm_wday, tm.tm_yday);
    time_t now = time(NULL); printf("now>1e9: %d\n", now > 1000000000);
    struct timeval tv; gettimeofday(&tv, NULL); printf("tv ok %d\n", tv.tv_sec > 1000000000 && tv.tv_usec < 1000000);
    struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts); printf("ts ok %d\n", ts.tv_sec > 1000000000 && ts.tv_nsec < 1000000000);
    clock_gettime(CLOCK_MONOTONIC, &ts); printf("mono ok %d\n", ts.tv_nsec < 1000000000);
    clock_t c = clock(); printf("clock ok %d\n", c >= 0);
    struct tms tb; clock_t tk = times(&tb); printf("times ok %d\n", tk != (clock_t)-1);
    printf("difftime %.1f\n", difftime(t + 3600, t));
    struct tm p = {0}; char *e = strptime("2021-07-04 10:20:30", "%Y-%m-%d %H:%M:%S", &p);
    printf("strptime %d %d %d %d %d %d rest=%d\n", p.tm_year, p.tm_mon, p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec, e ? *e : -1);
    printf("timegm %ld\n", (long)timegm(&p));
    struct timespec sl = {0, 1000000}; printf("nanosleep %d\n", nanosleep(&sl, NULL));
    return 0;
}
