/* SPDX-License-Identifier: MIT */
/*
 * A hash index over entries the caller keeps in its own array (strmap.c): the
 * map stores (hash, index) pairs with open addressing; equality is the
 * caller's callback, so one entry may be keyed by several strings (FNV-1a
 * over each, ek__hash_str).  Lookups and insertions take constant expected
 * time (the report's units and the aggregate's groups were linear scans:
 * quadratic in the number of units, issue 18).
 */
#ifndef EK_STRMAP_INTERNAL_H
#define EK_STRMAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

typedef struct ek__strmap_slot {
    uint64_t hash;
    size_t index1; /* the caller's index + 1; 0 = empty */
} ek__strmap_slot;

typedef struct ek__strmap {
    ek__strmap_slot *slots;
    size_t cap, n; /* cap: a power of two, or 0 */
} ek__strmap;

#define EK__STRMAP_INIT { NULL, 0, 0 }
#define EK__HASH_SEED 0xcbf29ce484222325ull

/* FNV-1a of @s (NULL reads as "") continuing from @h, then a separator byte. */
uint64_t ek__hash_str(uint64_t h, const char *s);

/* Whether the caller's entry @index equals the key being looked up. */
typedef int (*ek__strmap_eq)(const void *ctx, size_t index);

/* 1 and *out = the index of the entry equal to the key of @hash, or 0 when there is none. */
int ek__strmap_find(const ek__strmap *m, uint64_t hash, ek__strmap_eq eq, const void *ctx, size_t *out);
/* Index entry @index under @hash (not present yet); EK_OK or EK_ENOMEM (the map is unchanged then). */
int ek__strmap_add(ek__strmap *m, uint64_t hash, size_t index);
void ek__strmap_free(ek__strmap *m);

#endif
