/* SPDX-License-Identifier: MIT */
/*
 * Threads of the library (parallel.c): one batch of independent jobs on several threads, the
 * shared machinery of the "many cases at once" calls (ek_checklist_evaluate_cases(),
 * ek_evaluate_cases()); and a group of threads that live as long as a call which feeds them
 * itself (ek_evaluate_stream(): started once per stream, not once per batch).
 */
#ifndef EK_PARALLEL_INTERNAL_H
#define EK_PARALLEL_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#define EK__THREADS_MAX 64

/* Job @i of a batch: returns its status (EK_OK or an error set with ek__error()). */
typedef int (*ek__job_fn)(void *arg, size_t i);

/*
 * Run jobs 0 … @count-1 with up to @threads threads (0 or 1: the calling
 * thread only; at most 64 and @count; fewer when a thread cannot start),
 * each job once.  @statuses (optional, @count entries) receives each job's
 * status.  Returns EK_OK, or the status of the failed job with the lowest
 * index, whose error then becomes the calling thread's last error; EK_ENOMEM
 * when no mutex can be made.
 */
int ek__parallel_for(size_t count, unsigned int threads, ek__job_fn fn, void *arg, int *statuses);

/* The body of thread @t (1 … count-1) of a group. */
typedef void (*ek__thread_fn)(void *arg, unsigned int t);

typedef struct ek__thread_group {
    ek__thread_fn fn;
    void *arg;
    int lang;                     /* the starting thread's language, for every thread */
    unsigned int started;         /* threads running: 1 … started */
    struct ek__thread_start {     /* each thread's argument */
        struct ek__thread_group *g;
        unsigned int t;
    } start[EK__THREADS_MAX];
    pthread_t tids[EK__THREADS_MAX];
} ek__thread_group;

/*
 * Start threads 1 … @count-1 of group @g (at most EK__THREADS_MAX - 1), each running
 * @fn(@arg, t) in the calling thread's current language (i18n.h), as the threads of
 * ek__parallel_for() do.  Returns how many started (0 … @count-1: fewer when a thread cannot
 * start; the caller then does their share).  Every group started must be joined with
 * ek__threads_join(), which waits for each @fn to return: the caller makes them return.
 */
unsigned int ek__threads_start(ek__thread_group *g, unsigned int count, ek__thread_fn fn, void *arg);
void ek__threads_join(ek__thread_group *g);

#endif
