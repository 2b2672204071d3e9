/* SPDX-License-Identifier: MIT */
/* Threads of the library: one batch of independent jobs, a group of threads (parallel_internal.h). */
#include <pthread.h>
#include <string.h>

#include <egenkontroll/common.h>

#include "i18n.h"
#include "internal.h"
#include "parallel_internal.h"

typedef struct pool {
    ek__job_fn fn;
    void *arg;
    int *statuses;
    size_t count;
    pthread_mutex_t lock;
    size_t next;
    int first_rc;
    size_t first_index;
    ek_error first_error;
    int lang; /* the calling thread's language (i18n.h), for every worker */
} pool;

static void *pool_worker(void *p_)
{
    pool *p = p_;
    EK__LANG_SCOPE(p->lang);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->count)
            break;
        int rc = p->fn(p->arg, i);
        if (p->statuses)
            p->statuses[i] = rc;
        if (rc != EK_OK) {
            pthread_mutex_lock(&p->lock);
            if (p->first_rc == EK_OK || i < p->first_index) {
                p->first_rc = rc;
                p->first_index = i;
                p->first_error = *ek_error_last();
            }
            pthread_mutex_unlock(&p->lock);
        }
    }
    return NULL;
}

int ek__parallel_for(size_t count, unsigned int threads, ek__job_fn fn, void *arg, int *statuses)
{
    pool p;
    memset(&p, 0, sizeof p);
    p.fn = fn;
    p.arg = arg;
    p.statuses = statuses;
    p.count = count;
    p.first_rc = EK_OK;
    p.lang = ek__lang_current();
    if (pthread_mutex_init(&p.lock, NULL) != 0)
        return ek__error(EK_ENOMEM, "cannot create a mutex");
    if (threads > 64)
        threads = 64;
    if (threads > count)
        threads = (unsigned)count;
    pthread_t tids[64];
    unsigned started = 0;
    for (unsigned t = 1; t < threads; t++) {
        if (pthread_create(&tids[started], NULL, pool_worker, &p) != 0)
            break; /* fewer threads: the calling thread does the rest */
        started++;
    }
    pool_worker(&p);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&p.lock);
    if (p.first_rc != EK_OK) {
        *ek__error_slot() = p.first_error;
        return p.first_rc;
    }
    return EK_OK;
}

/* ---- a group of threads that live as long as the call that feeds them ---- */

static void *group_thread(void *p_)
{
    const struct ek__thread_start *st = p_;
    EK__LANG_SCOPE(st->g->lang);
    st->g->fn(st->g->arg, st->t);
    return NULL;
}

unsigned int ek__threads_start(ek__thread_group *g, unsigned int count, ek__thread_fn fn, void *arg)
{
    g->fn = fn;
    g->arg = arg;
    g->lang = ek__lang_current();
    g->started = 0;
    if (count > EK__THREADS_MAX)
        count = EK__THREADS_MAX;
    for (unsigned int t = 1; t < count; t++) {
        g->start[t].g = g;
        g->start[t].t = t;
        if (pthread_create(&g->tids[t], NULL, group_thread, &g->start[t]) != 0)
            break; /* fewer threads: the caller does the rest */
        g->started = t;
    }
    return g->started;
}

void ek__threads_join(ek__thread_group *g)
{
    for (unsigned int t = 1; t <= g->started; t++)
        pthread_join(g->tids[t], NULL);
    g->started = 0;
}
