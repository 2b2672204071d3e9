/* SPDX-License-Identifier: MIT */
/**
 * @file case.h
 * @brief (being written)
 */
#ifndef EGENKONTROLL_CASE_H
#define EGENKONTROLL_CASE_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
