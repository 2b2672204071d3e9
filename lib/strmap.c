/* SPDX-License-Identifier: MIT */
/* A hash index over the caller's entries (strmap_internal.h). */
#include <egenkontroll/common.h>

#include "internal.h"
#include "strmap_internal.h"

uint64_t ek__hash_str(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    h ^= 0xff; /* separator: ("ab", "c") and ("a", "bc") differ */
    h *= 0x100000001b3ull;
    return h;
}

int ek__strmap_find(const ek__strmap *m, uint64_t hash, ek__strmap_eq eq, const void *ctx, size_t *out)
{
    if (m->cap == 0)
        return 0;
    for (size_t i = (size_t)hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const ek__strmap_slot *s = &m->slots[i];
        if (s->index1 == 0)
            return 0;
        if (s->hash == hash && eq(ctx, s->index1 - 1)) {
            *out = s->index1 - 1;
            return 1;
        }
    }
}

static void put(ek__strmap_slot *slots, size_t cap, uint64_t hash, size_t index1)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i].index1 != 0)
        i = (i + 1) & (cap - 1);
    slots[i].hash = hash;
    slots[i].index1 = index1;
}

int ek__strmap_add(ek__strmap *m, uint64_t hash, size_t index)
{
    if ((m->n + 1) * 2 > m->cap) { /* load at most 1/2 */
        size_t cap = m->cap ? m->cap * 2 : 16;
        ek__strmap_slot *slots = ek__calloc(cap, sizeof *slots);
        if (!slots)
            return ek__oom();
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].index1 != 0)
                put(slots, cap, m->slots[i].hash, m->slots[i].index1);
        ek__free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    put(m->slots, m->cap, hash, index + 1);
    m->n++;
    return EK_OK;
}

void ek__strmap_free(ek__strmap *m)
{
    ek__free(m->slots);
    m->slots = NULL;
    m->cap = m->n = 0;
}
