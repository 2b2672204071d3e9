/* SPDX-License-Identifier: MIT */
/*
 * One batch of independent jobs on several threads (parallel.c): the shared
 * machinery of the library's "many cases at once" calls (ek_checklist_evaluate_cases();
 * ek_evaluate_cases() has the same loop and can move onto it).
 */
#ifndef EK_PARALLEL_INTERNAL_H
#define EK_PARALLEL_INTERNAL_H

#include <stddef.h>

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

#endif
