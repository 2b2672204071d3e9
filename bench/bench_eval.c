/* SPDX-License-Identifier: MIT */
/*
 * bench_eval: throughput of deadline evaluation (issue 9).  Not a test:
 * timings never go into the test suite.
 *
 *   bench_eval [--as-of DATE] [--repeat N] [--limit N] MODE FILE [OUT]
 *
 * MODE
 *   inmem  read FILE (case-1 JSON Lines) into memory once (one ek_case per
 *          case), then time ek_evaluate_case() over all cases with one
 *          reused ek_evaluation, --repeat times (best and median reported):
 *          cases/s and obligations/s.  Also counts the library's allocations
 *          (through ek_set_allocator()) in the first pass (warm-up) and in
 *          the second pass: the second must be ~0 per case.
 *   e2e    stream FILE -> ek_case_reader -> ek_evaluate_case ->
 *          ek_evaluation_write_json -> OUT (default /dev/null): exactly the
 *          output of `egenkontroll evaluate --format json` (rejected lines
 *          give {"id", "error"} records).  MB/s of input, cases/s, CPU
 *          time, peak RSS (getrusage ru_maxrss), and allocations per case
 *          through the library's hook (jansson's own allocations go to libc
 *          and are not counted).
 *   read   stream FILE through ek_case_reader only (the parsing share of e2e).
 *   stages e2e with the CPU time of each stage (read / evaluate / write) measured
 *          separately (CLOCK_THREAD_CPUTIME_ID; adds clock calls per case).
 *   par    a prototype of multi-core end to end, to measure whether it pays
 *          (--threads N): the main thread reads raw lines in batches and
 *          writes results in input order; N workers parse each line
 *          (ek_case_read_json), evaluate and serialise it.  Same output as
 *          e2e for every evaluated case, and for every line that cannot be
 *          read (the error record's place counts the file's lines, as
 *          e2e's does); duplicate case ids are not checked (the real
 *          command would check them in order in the writer).
 *
 * Output: one line "key=value ..." per measurement on standard output, for
 * bench/run_scale.sh; progress and errors on standard error.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <egenkontroll/egenkontroll.h>

/* ---- counting allocator ------------------------------------------------ */

static unsigned long long n_malloc, n_realloc, n_free;

#define BUMP(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)

static void *cnt_malloc(size_t size, void *user)
{
    (void)user;
    BUMP(n_malloc);
    return malloc(size);
}

static void *cnt_realloc(void *ptr, size_t size, void *user)
{
    (void)user;
    BUMP(n_realloc);
    return realloc(ptr, size);
}

static void cnt_free(void *ptr, void *user)
{
    (void)user;
    if (ptr != NULL)
        BUMP(n_free);
    free(ptr);
}

static unsigned long long allocs(void) { return n_malloc + n_realloc; }

/* ---- clocks ------------------------------------------------------------ */

static double now(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall(void) { return now(CLOCK_MONOTONIC); }
static double cpu(void) { return now(CLOCK_PROCESS_CPUTIME_ID); }
static double tcpu(void) { return now(CLOCK_THREAD_CPUTIME_ID); }

static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;   /* KiB on Linux */
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The display string of @e (ek_error_format(): the place, the message, case id and field), as the
 * command writes it in an error record, into @buf (EK_ERROR_FORMAT_SIZE bytes); NULL on failure. */
static const char *shown(const ek_error *e, char *buf)
{
    return ek_error_format(e, buf, EK_ERROR_FORMAT_SIZE) < 0 ? NULL : buf;
}

static int die(const char *what)
{
    const ek_error *e = ek_error_last();
    char buf[EK_ERROR_FORMAT_SIZE];
    const char *text = shown(e, buf);
    fprintf(stderr, "bench_eval: %s: %s (%s)\n", what, text ? text : e->message, ek_status_name(e->status));
    return 4;
}

/* What ek_case_reader_next()'s result @rc means to the loops below: 1 a case, -1 a rejected line
 * (the thread's last error says why), 0 stop: the end, or a failure that ends the run (out of memory,
 * an I/O error: told on standard error, *@status set to 4). */
static int next_result(int rc, int *status)
{
    if (rc == EK_ENOMEM || rc == EK_EIO) {
        *status = die("read");
        return 0;
    }
    return rc < 0 ? -1 : rc > 0;
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* ---- in memory --------------------------------------------------------- */

static int run_inmem(const char *path, ek_date as_of, int repeat, size_t limit)
{
    ek_case_reader *rd = NULL;
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ek_case **cases = NULL;
    size_t n = 0, cap = 0, rejected = 0;
    int status = 0;
    double t0 = wall();
    if (ek_case_reader_open(&rd, path) != EK_OK)
        return die("open");
    ek_case *c = NULL;
    for (;;) {
        if (limit && n >= limit)
            break;
        if (c == NULL && ek_case_new(&c, "-") != EK_OK) {
            status = die("ek_case_new");
            goto done;
        }
        int next = next_result(ek_case_reader_next(rd, c), &status);
        if (next == 0)
            break;
        if (next < 0) {
            rejected++;
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 1024;
            ek_case **p = realloc(cases, ncap * sizeof *p);
            if (p == NULL) {
                fprintf(stderr, "bench_eval: out of memory\n");
                status = 4;
                goto done;
            }
            cases = p;
            cap = ncap;
        }
        cases[n++] = c;
        c = NULL;
    }
    if (status != 0)
        goto done;
    ek_case_free(c);
    ek_case_reader_free(rd);
    rd = NULL;
    double t_load = wall() - t0;
    fprintf(stderr, "bench_eval: %zu cases in memory (%zu lines rejected) in %.2f s\n", n, rejected, t_load);

    if (ek_context_new(&ctx) != EK_OK || ek_evaluation_new(&ev) != EK_OK) {
        status = die("setup");
        goto done;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    if (repeat < 2)
        repeat = 2;
    double *wt = calloc((size_t)repeat, sizeof *wt), *ct = calloc((size_t)repeat, sizeof *ct);
    if (wt == NULL || ct == NULL) {
        free(wt);
        free(ct);
        status = 4;
        goto done;
    }
    unsigned long long obligations = 0, a_first = 0, a_second = 0, statuses[7] = { 0 };
    for (int r = 0; r < repeat; r++) {
        unsigned long long a0 = allocs(), obl = 0;
        double w0 = wall(), c0 = cpu();
        for (size_t i = 0; i < n; i++) {
            if (ek_evaluate_case(ctx, rb, cases[i], as_of, ev) != EK_OK) {
                status = die("ek_evaluate_case");
                free(wt);
                free(ct);
                goto done;
            }
            obl += ek_evaluation_count(ev);
        }
        wt[r] = wall() - w0;
        ct[r] = cpu() - c0;
        if (r == 0) {
            a_first = allocs() - a0;
            obligations = obl;
            /* Status counts (outside the timed loop). */
            for (size_t i = 0; i < n; i++) {
                ek_evaluate_case(ctx, rb, cases[i], as_of, ev);
                size_t m = ek_evaluation_count(ev);
                for (size_t k = 0; k < m; k++)
                    statuses[ek_evaluation_at(ev, k)->status]++;
            }
        } else if (r == 1) {
            a_second = allocs() - a0;
        }
    }
    double wbest = wt[0], cbest = ct[0];
    for (int r = 1; r < repeat; r++) {
        if (wt[r] < wbest)
            wbest = wt[r];
        if (ct[r] < cbest)
            cbest = ct[r];
    }
    qsort(wt, (size_t)repeat, sizeof *wt, cmp_double);
    double wmed = wt[repeat / 2];
    free(wt);
    free(ct);
    printf("mode=inmem cases=%zu rejected=%zu obligations=%llu repeat=%d best_wall_s=%.4f median_wall_s=%.4f "
           "best_cpu_s=%.4f cases_per_s=%.0f obligations_per_s=%.0f ns_per_case=%.1f "
           "allocs_first_pass=%llu allocs_second_pass=%llu allocs_per_case_second_pass=%.4f "
           "met=%llu late=%llu pending=%llu overdue=%llu notapplicable=%llu error=%llu load_s=%.2f "
           "peak_rss_kib=%ld\n",
           n, rejected, obligations, repeat, wbest, wmed, cbest, n / cbest, obligations / cbest, cbest * 1e9 / n,
           a_first, a_second, n ? (double)a_second / n : 0.0, statuses[1], statuses[2], statuses[3], statuses[4],
           statuses[5], statuses[6], t_load, peak_rss_kib());
done:
    for (size_t i = 0; i < n; i++)
        ek_case_free(cases[i]);
    free(cases);
    ek_case_reader_free(rd);
    ek_evaluation_free(ev);
    ek_context_free(ctx);
    return status;
}

/* ---- streaming --------------------------------------------------------- */

enum { M_E2E, M_READ, M_STAGES };

static int write_rejected(FILE *out)
{
    const ek_error *e = ek_error_last();
    char buf[EK_ERROR_FORMAT_SIZE];
    const char *text = shown(e, buf);
    char *line = NULL;
    if (text == NULL || ek_evaluation_error_write_json(e->record_id[0] ? e->record_id : NULL, text, &line) != EK_OK)
        return -1;
    fputs(line, out);
    fputc('\n', out);
    ek_free(line);
    return 0;
}

static int run_stream(const char *path, const char *out_path, ek_date as_of, int mode)
{
    static char obuf[1 << 20];
    ek_case_reader *rd = NULL;
    ek_context *ctx = NULL;
    ek_evaluation *ev = NULL;
    ek_case *c = NULL;
    FILE *out = NULL;
    int status = 0;
    long long bytes = file_size(path);
    unsigned long long ncases = 0, rejected = 0, obligations = 0, a_after_1k = 0, n_after_1k = 0;
    double t_read = 0, t_eval = 0, t_write = 0;
    char *wbuf = NULL;
    size_t wlen = 0, wcap = 0;

    if (mode != M_READ) {
        out = fopen(out_path ? out_path : "/dev/null", "wb");
        if (out == NULL) {
            perror(out_path);
            return 4;
        }
        setvbuf(out, obuf, _IOFBF, sizeof obuf);
    }
    double w0 = wall(), c0 = cpu();
    if (ek_context_new(&ctx) != EK_OK || ek_evaluation_new(&ev) != EK_OK || ek_case_new(&c, "-") != EK_OK ||
        ek_case_reader_open(&rd, path) != EK_OK) {
        status = die("setup");
        goto done;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    unsigned long long a_mark = 0;
    for (;;) {
        double s0 = mode == M_STAGES ? tcpu() : 0;
        int next = ek_case_reader_next(rd, c);
        if (mode == M_STAGES)
            t_read += tcpu() - s0;
        if ((next = next_result(next, &status)) == 0)
            break;
        if (next < 0) {
            rejected++;
            if (out != NULL && write_rejected(out) != 0) {
                status = die("write");
                goto done;
            }
            continue;
        }
        ncases++;
        if (ncases == 1000)
            a_mark = allocs();
        if (mode == M_READ)
            continue;
        s0 = mode == M_STAGES ? tcpu() : 0;
        if (ek_evaluate_case(ctx, rb, c, as_of, ev) != EK_OK) {
            rejected++;
            if (write_rejected(out) != 0) {
                status = die("write");
                goto done;
            }
            continue;
        }
        obligations += ek_evaluation_count(ev);
        double s1 = mode == M_STAGES ? tcpu() : 0;
        wlen = 0; /* one reused buffer, as egenkontroll evaluate does */
        if (ek_evaluation_append_json(ev, &wbuf, &wlen, &wcap) != EK_OK) {
            status = die("ek_evaluation_append_json");
            goto done;
        }
        wbuf[wlen++] = '\n'; /* room: the text is NUL-terminated */
        fwrite(wbuf, 1, wlen, out);
        if (mode == M_STAGES) {
            double s2 = tcpu();
            t_eval += s1 - s0;
            t_write += s2 - s1;
        }
    }
    if (status != 0)
        goto done;
    if (out != NULL && fflush(out) != 0) {
        perror("write");
        status = 4;
        goto done;
    }
    if (ncases > 1000) {
        a_after_1k = allocs() - a_mark;
        n_after_1k = ncases - 1000;
    }
    {
        double wt = wall() - w0, ct = cpu() - c0;
        const char *name = mode == M_E2E ? "e2e" : mode == M_READ ? "read" : "stages";
        printf("mode=%s cases=%llu rejected=%llu obligations=%llu input_bytes=%lld wall_s=%.3f cpu_s=%.3f "
               "mb_per_s=%.1f cases_per_s=%.0f allocs_per_case_after_1k=%.3f peak_rss_kib=%ld",
               name, ncases, rejected, obligations, bytes, wt, ct, bytes / 1e6 / ct, (ncases + rejected) / ct,
               n_after_1k ? (double)a_after_1k / n_after_1k : 0.0, peak_rss_kib());
        if (mode == M_STAGES)
            printf(" read_s=%.3f eval_s=%.3f write_s=%.3f", t_read, t_eval, t_write);
        putchar('\n');
    }
done:
    ek_free(wbuf);
    if (out != NULL)
        fclose(out);
    ek_case_reader_free(rd);
    ek_case_free(c);
    ek_evaluation_free(ev);
    ek_context_free(ctx);
    return status;
}

/* ---- multi-core prototype ---------------------------------------------- */

#define PAR_BATCH 512

typedef struct slot {
    char *text;          /* the batch's lines, each NUL-terminated */
    size_t len, cap;
    size_t off[PAR_BATCH], lens[PAR_BATCH];
    size_t nlines;
    unsigned long first_line; /* the input line number of the batch's first line */
    char *out;           /* the batch's output lines */
    size_t olen, ocap;
    unsigned long long cases, rejected, obligations;
    int state;           /* 0 free, 1 filled, 2 done */
    int failed;
} slot;

typedef struct par {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    slot *slots;
    size_t nslots;
    unsigned long long next_fill, next_work;
    int eof;
    ek_date as_of;
    const ek_context *ctx;
    const char *path;    /* the input, named in error records */
} par;

static int buf_add(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t nc = *cap ? *cap : 1 << 16;
        while (*len + n + 1 > nc)
            nc *= 2;
        char *p = realloc(*buf, nc);
        if (p == NULL)
            return -1;
        *buf = p;
        *cap = nc;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

static void par_process(par *P, slot *sl, ek_case *c, ek_evaluation *ev)
{
    const ek_rulebook *rb = ek_rulebook_builtin();
    sl->olen = 0;
    sl->cases = sl->rejected = sl->obligations = 0;
    for (size_t i = 0; i < sl->nlines; i++) {
        int read = ek_case_read_json(c, sl->text + sl->off[i], sl->lens[i], P->path);
        int rc = read == EK_OK ? ek_evaluate_case(P->ctx, rb, c, P->as_of, ev) : read;
        if (rc == EK_OK) {
            sl->cases++;
            sl->obligations += ek_evaluation_count(ev);
            rc = ek_evaluation_append_json(ev, &sl->out, &sl->olen, &sl->ocap);
        } else {
            ek_error e = *ek_error_last();
            if (read != EK_OK && e.line > 0)
                e.line += sl->first_line + i - 1; /* the line of the file, not of the text read */
            char buf[EK_ERROR_FORMAT_SIZE];
            const char *text = shown(&e, buf);
            sl->rejected++;
            rc = text == NULL ? EK_EINVAL
                              : ek_evaluation_error_append_json(e.record_id[0] ? e.record_id : NULL, text, &sl->out,
                                                                &sl->olen, &sl->ocap);
        }
        if (rc != EK_OK) {
            sl->failed = 1;
            return;
        }
        sl->out[sl->olen++] = '\n'; /* room: the text is NUL-terminated */
    }
}

static void *par_worker(void *arg)
{
    par *P = arg;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    if (ek_case_new(&c, "-") != EK_OK || ek_evaluation_new(&ev) != EK_OK) {
        ek_case_free(c);
        return NULL;
    }
    pthread_mutex_lock(&P->lock);
    for (;;) {
        while (P->next_work == P->next_fill && !P->eof)
            pthread_cond_wait(&P->cond, &P->lock);
        if (P->next_work == P->next_fill && P->eof)
            break;
        slot *sl = &P->slots[P->next_work++ % P->nslots];
        pthread_mutex_unlock(&P->lock);
        par_process(P, sl, c, ev);
        pthread_mutex_lock(&P->lock);
        sl->state = 2;
        pthread_cond_broadcast(&P->cond);
    }
    pthread_mutex_unlock(&P->lock);
    ek_evaluation_free(ev);
    ek_case_free(c);
    return NULL;
}

static int run_par(const char *path, const char *out_path, ek_date as_of, unsigned threads)
{
    static char obuf[1 << 20];
    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    FILE *in = fopen(path, "rb"), *out = fopen(out_path ? out_path : "/dev/null", "wb");
    if (in == NULL || out == NULL) {
        perror("open");
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return 4;
    }
    setvbuf(out, obuf, _IOFBF, sizeof obuf);
    long long bytes = file_size(path);
    par P;
    memset(&P, 0, sizeof P);
    pthread_mutex_init(&P.lock, NULL);
    pthread_cond_init(&P.cond, NULL);
    P.nslots = 4u * threads;
    P.slots = calloc(P.nslots, sizeof *P.slots);
    P.as_of = as_of;
    P.path = path;
    ek_context *ctx = NULL;
    int status = 0;
    if (P.slots == NULL || ek_context_new(&ctx) != EK_OK) {
        fprintf(stderr, "bench_eval: setup failed\n");
        free(P.slots);
        fclose(in);
        fclose(out);
        return 4;
    }
    P.ctx = ctx;
    double w0 = wall(), c0 = cpu();
    pthread_t tids[64];
    unsigned started = 0;
    for (unsigned t = 0; t < threads; t++)
        if (pthread_create(&tids[started], NULL, par_worker, &P) == 0)
            started++;
    char *line = NULL;
    size_t lcap = 0;
    unsigned long long next_write = 0, cases = 0, rejected = 0, obligations = 0;
    unsigned long lines_read = 0;
    int eof = 0;
    while (!eof || next_write < P.next_fill) {
        /* Fill a free slot if there is one. */
        pthread_mutex_lock(&P.lock);
        int can_fill = !eof && P.next_fill - next_write < P.nslots;
        pthread_mutex_unlock(&P.lock);
        if (can_fill) {
            slot *sl = &P.slots[P.next_fill % P.nslots];
            sl->len = sl->nlines = 0;
            sl->first_line = lines_read + 1;
            while (sl->nlines < PAR_BATCH) {
                ssize_t n = getline(&line, &lcap, in);
                if (n < 0) {
                    eof = 1;
                    break;
                }
                if (n > 0 && line[n - 1] == '\n')
                    n--;
                sl->off[sl->nlines] = sl->len;
                sl->lens[sl->nlines] = (size_t)n;
                if (buf_add(&sl->text, &sl->len, &sl->cap, line, (size_t)n) != 0) {
                    status = 4;
                    eof = 1;
                    break;
                }
                sl->len++;   /* keep the NUL */
                sl->nlines++;
                lines_read++;
            }
            pthread_mutex_lock(&P.lock);
            if (sl->nlines > 0) {
                sl->state = 1;
                P.next_fill++;
            }
            P.eof = eof;
            pthread_cond_broadcast(&P.cond);
            pthread_mutex_unlock(&P.lock);
            continue;
        }
        /* Write the oldest batch once it is done. */
        slot *sl = &P.slots[next_write % P.nslots];
        pthread_mutex_lock(&P.lock);
        while (sl->state != 2)
            pthread_cond_wait(&P.cond, &P.lock);
        pthread_mutex_unlock(&P.lock);
        if (sl->failed)
            status = 4;
        fwrite(sl->out, 1, sl->olen, out);
        cases += sl->cases;
        rejected += sl->rejected;
        obligations += sl->obligations;
        pthread_mutex_lock(&P.lock);
        sl->state = 0;
        next_write++;
        pthread_mutex_unlock(&P.lock);
    }
    pthread_mutex_lock(&P.lock);
    P.eof = 1;
    pthread_cond_broadcast(&P.cond);
    pthread_mutex_unlock(&P.lock);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    fflush(out);
    double wt = wall() - w0, ct = cpu() - c0;
    printf("mode=par threads=%u cases=%llu rejected=%llu obligations=%llu input_bytes=%lld wall_s=%.3f cpu_s=%.3f "
           "mb_per_s_wall=%.1f cases_per_s_wall=%.0f peak_rss_kib=%ld\n",
           started, cases, rejected, obligations, bytes, wt, ct, bytes / 1e6 / wt, (cases + rejected) / wt,
           peak_rss_kib());
    free(line);
    for (size_t i = 0; i < P.nslots; i++) {
        free(P.slots[i].text);
        free(P.slots[i].out);
    }
    free(P.slots);
    ek_context_free(ctx);
    fclose(in);
    fclose(out);
    pthread_mutex_destroy(&P.lock);
    pthread_cond_destroy(&P.cond);
    return status;
}

static void usage(FILE *f)
{
    fputs("usage: bench_eval [--as-of DATE] [--repeat N] [--limit N] [--threads N] inmem|e2e|read|stages|par FILE [OUT]\n", f);
}

int main(int argc, char **argv)
{
    /* Before any other library call (ek_set_allocator()). */
    ek_allocator al = { EK_ALLOCATOR_VERSION, cnt_malloc, cnt_realloc, cnt_free, NULL };
    if (ek_set_allocator(&al) != EK_OK)
        return die("ek_set_allocator");

    const char *as_of_text = "2025-12-31";
    int repeat = 5;
    size_t limit = 0;
    unsigned threads = 2;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        if (strcmp(argv[i], "--as-of") == 0)
            as_of_text = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0)
            repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0)
            threads = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--limit") == 0)
            limit = (size_t)strtoull(argv[++i], NULL, 10);
        else {
            usage(stderr);
            return 2;
        }
    }
    if (argc - i < 2) {
        usage(stderr);
        return 2;
    }
    const char *mode = argv[i], *path = argv[i + 1], *out = argc - i > 2 ? argv[i + 2] : NULL;
    ek_date as_of;
    if (ek_date_parse(as_of_text, &as_of) != EK_OK)
        return die("--as-of");
    if (strcmp(mode, "inmem") == 0)
        return run_inmem(path, as_of, repeat, limit);
    if (strcmp(mode, "e2e") == 0)
        return run_stream(path, out, as_of, M_E2E);
    if (strcmp(mode, "read") == 0)
        return run_stream(path, NULL, as_of, M_READ);
    if (strcmp(mode, "stages") == 0)
        return run_stream(path, out, as_of, M_STAGES);
    if (strcmp(mode, "par") == 0)
        return run_par(path, out, as_of, threads);
    usage(stderr);
    return 2;
}
