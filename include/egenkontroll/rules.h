/* SPDX-License-Identifier: MIT */
/**
 * @file rules.h
 * @brief (being written)
 */
#ifndef EGENKONTROLL_RULES_H
#define EGENKONTROLL_RULES_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
