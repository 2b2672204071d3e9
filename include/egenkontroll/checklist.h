/* SPDX-License-Identifier: MIT */
/**
 * @file checklist.h
 * @brief (being written)
 */
#ifndef EGENKONTROLL_CHECKLIST_H
#define EGENKONTROLL_CHECKLIST_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
