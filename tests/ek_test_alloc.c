/* SPDX-License-Identifier: MIT */
/* A counting allocator for allocation-failure tests.  Keeps a header per
 * block so outstanding blocks can be counted (leak check without valgrind). */
#include <stdlib.h>

#include "ek_test.h"

typedef union hdr { size_t size; max_align_t align; } hdr;

static void *t_malloc(size_t size, void *user)
{
    ek_t_alloc *st = user;
    st->count++;
    if (st->fail_at && (st->count == st->fail_at || (st->sticky && st->count > st->fail_at)))
        return NULL;
    hdr *h = malloc(sizeof(hdr) + size);
    if (!h)
        return NULL;
    h->size = size;
    st->live++;
    return h + 1;
}

static void *t_realloc(void *p, size_t size, void *user)
{
    ek_t_alloc *st = user;
    st->count++;
    if (st->fail_at && (st->count == st->fail_at || (st->sticky && st->count > st->fail_at)))
        return NULL;
    hdr *h = realloc((hdr *)p - 1, sizeof(hdr) + size);
    if (!h)
        return NULL;
    h->size = size;
    return h + 1;
}

static void t_free(void *p, void *user)
{
    ek_t_alloc *st = user;
    if (!p)
        return;
    st->live--;
    free((hdr *)p - 1);
}

void ek_t_alloc_install(ek_t_alloc *state)
{
    ek_allocator a = { EK_ALLOCATOR_VERSION, t_malloc, t_realloc, t_free, state };
    ck_assert_int_eq(ek_set_allocator(&a), EK_OK);
}

void ek_t_alloc_uninstall(void)
{
    ck_assert_int_eq(ek_set_allocator(NULL), EK_OK);
}
