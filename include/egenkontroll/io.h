/* SPDX-License-Identifier: MIT */
/**
 * @file io.h
 * @brief (being written)
 */
#ifndef EGENKONTROLL_IO_H
#define EGENKONTROLL_IO_H

#include <egenkontroll/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
