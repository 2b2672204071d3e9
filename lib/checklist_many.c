/* SPDX-License-Identifier: MIT */
/* ek_checklist_evaluate_cases(): the checklist over many cases on several threads (checklist.h). */
#include <pthread.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "internal.h"

typedef struct many {
    const ek_context *ctx;
    const ek_checklist *cl;
    const ek_case *const *cases;
    const ek_delegation *delegation;
    ek_checklist_result *const *out;
    int *statuses;
    size_t count;
    ek_date as_of;
    pthread_mutex_t lock;
    size_t next;
    int first_rc;
    size_t first_index;
    ek_error first_error;
} many;

static void *many_worker(void *arg)
{
    many *m = arg;
    for (;;) {
        pthread_mutex_lock(&m->lock);
        size_t i = m->next++;
        pthread_mutex_unlock(&m->lock);
        if (i >= m->count)
            break;
        int rc = m->cases[i] && m->out[i]
                     ? ek_checklist_evaluate(m->ctx, m->cl, m->cases[i], m->delegation, m->as_of, m->out[i])
                     : ek__error(EK_EINVAL, "ek_checklist_evaluate_cases: case or result %zu is NULL", i);
        if (m->statuses)
            m->statuses[i] = rc;
        if (rc != EK_OK) {
            pthread_mutex_lock(&m->lock);
            if (m->first_rc == EK_OK || i < m->first_index) {
                m->first_rc = rc;
                m->first_index = i;
                m->first_error = *ek_error_last();
            }
            pthread_mutex_unlock(&m->lock);
        }
    }
    return NULL;
}

int ek_checklist_evaluate_cases(const ek_context *ctx, const ek_checklist *cl, const ek_case *const *cases,
                                size_t count, const ek_delegation *delegation, ek_date as_of,
                                ek_checklist_result *const *out, int *statuses, unsigned int threads)
{
    if (ctx == NULL || cl == NULL || (count > 0 && (cases == NULL || out == NULL)))
        return ek__error(EK_EINVAL, "ek_checklist_evaluate_cases: NULL argument");
    many m;
    memset(&m, 0, sizeof m);
    m.ctx = ctx;
    m.cl = cl;
    m.cases = cases;
    m.delegation = delegation;
    m.out = out;
    m.statuses = statuses;
    m.count = count;
    m.as_of = as_of;
    m.first_rc = EK_OK;
    if (pthread_mutex_init(&m.lock, NULL) != 0)
        return ek__error(EK_ENOMEM, "ek_checklist_evaluate_cases: cannot create a mutex");
    if (threads > 64)
        threads = 64;
    if (threads > count)
        threads = (unsigned)count;
    pthread_t tids[64];
    unsigned started = 0;
    for (unsigned t = 1; t < threads; t++) {
        if (pthread_create(&tids[started], NULL, many_worker, &m) != 0)
            break; /* fewer threads: the calling thread does the rest */
        started++;
    }
    many_worker(&m);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&m.lock);
    if (m.first_rc != EK_OK) {
        *ek__error_slot() = m.first_error;
        return m.first_rc;
    }
    return EK_OK;
}
