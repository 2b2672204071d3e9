/* SPDX-License-Identifier: MIT */
/**
 * @file sarah.h
 * @brief (being written)
 */
#ifndef EGENKONTROLL_SARAH_H
#define EGENKONTROLL_SARAH_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
