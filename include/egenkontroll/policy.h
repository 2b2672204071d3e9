/* SPDX-License-Identifier: MIT */
/**
 * @file policy.h
 * @brief Policy parameters: the numbers the law leaves open.
 *
 * Where the law says "genast" (at once), "snarast" (as soon as possible) or
 * sets no number (visit frequency), the library never hides a constant: each
 * such number is a named policy parameter with a documented default, its
 * legal basis and how certain the default is (V = read in the statute,
 * S = from an authority's secondary text, R = reasoned reading).  The
 * complete list is available at run time through ek_policy_param_at()
 * and in the README.
 *
 * Values are written as text: periods in the ek_period_parse() notation
 * ("1d", "3m", "10wd"), choices as one of their listed words, counts as a
 * decimal integer from 0 to 1000000 ("10").
 *
 * Thread safety: a policy may be read by many threads at once; changing it
 * while another thread reads it is not allowed.
 */
#ifndef EGENKONTROLL_POLICY_H
#define EGENKONTROLL_POLICY_H

#include <egenkontroll/common.h>
#include <egenkontroll/calendar.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A set of policy parameters (opaque). */
typedef struct ek_policy ek_policy;

/** Kinds of parameter value. */
typedef enum ek_policy_type {
    EK_POLICY_PERIOD = 1,  /**< A period such as "1d" or "3m". */
    EK_POLICY_CHOICE = 2,  /**< One word of a fixed list, e.g. "legal" or "nominal". */
    EK_POLICY_COUNT = 3    /**< A whole number 0 … 1000000 (no period), e.g. "10". */
} ek_policy_type;

/** Version of struct ek_policy_param_info understood by this header. */
#define EK_POLICY_PARAM_INFO_VERSION 1

/** Static description of one parameter.  All strings are static. */
typedef struct ek_policy_param_info {
    unsigned int version;        /**< EK_POLICY_PARAM_INFO_VERSION. */
    const char *name;            /**< Parameter name, e.g. "besok_intervall". */
    ek_policy_type type;         /**< Value kind. */
    const char *default_value;   /**< Default, as text. */
    const char *choices;         /**< For choices: the words separated by '|'; else NULL. */
    const char *description;     /**< What it means, in Swedish: the msgid; see ek_policy_param_at(). */
    const char *basis;           /**< Legal basis of the duty it parameterises. */
    const char *certainty;       /**< "V", "S" or "R" for the default (see DOMAIN §1). */
} ek_policy_param_info;

/** Values of the "bedom_mot" choice: which end judges "on time". */
typedef enum ek_judge_on {
    EK_JUDGE_LEGAL = 0,    /**< The legal end, after the 1930:173 2 § roll-over (default). */
    EK_JUDGE_NOMINAL = 1   /**< The nominal end (strict policy). */
} ek_judge_on;

/**
 * Create a policy holding every default.
 * @param[out] out receives the policy; owned; free with ek_policy_free().
 *                 Untouched on failure.
 * @return EK_OK, EK_EINVAL (@p out NULL), EK_ENOMEM.  Thread-safe.
 */
EK_API int ek_policy_new(ek_policy **out);

/**
 * Free a policy made by ek_policy_new() (never the one borrowed from
 * ek_context_policy()).  Not while another thread uses it.
 * @param policy  the policy, or NULL (no-op).
 */
EK_API void ek_policy_free(ek_policy *policy);

/**
 * Copy every value of @p src into @p dst.
 * @param dst  the policy to overwrite; no other thread may use it meanwhile.
 * @param src  the policy to copy from; may be read by other threads meanwhile.
 * @return EK_OK, EK_EINVAL (NULL).
 */
EK_API int ek_policy_copy(ek_policy *dst, const ek_policy *src);

/**
 * Restore every default.
 * @param policy  the policy; no other thread may use it meanwhile.
 * @return EK_OK, EK_EINVAL (NULL).
 */
EK_API int ek_policy_reset(ek_policy *policy);

/**
 * Set parameter @p name from text.  On failure the policy is unchanged.
 * @param policy  the policy; no other thread may use it meanwhile.
 * @param name    parameter name, e.g. "besok_intervall"; borrowed for the call.
 * @param value   the value as text (a period, or one of the choices);
 *                parsed, not kept.
 * @return EK_OK; EK_ENOTFOUND (unknown name); EK_EPARSE (a value that is
 * not a period or not one of the choices, named in the last error);
 * EK_EINVAL (NULL).
 */
EK_API int ek_policy_set(ek_policy *policy, const char *name, const char *value);

/**
 * Write parameter @p name's current value as text into @p buf.
 * @param policy    the policy.
 * @param name      parameter name; borrowed for the call.
 * @param[out] buf  caller's buffer of @p size bytes; receives the value and a NUL.
 * @param size      size of @p buf.
 * @return EK_OK, EK_ENOTFOUND (unknown name), EK_EINVAL (NULL),
 *         EK_ELIMIT (buffer too small; 32 bytes always suffice).
 *         Thread-safe against other readers of @p policy.
 */
EK_API int ek_policy_get(const ek_policy *policy, const char *name, char *buf, size_t size);

/**
 * The value of period parameter @p name.
 * @param policy    the policy.
 * @param name      parameter name; borrowed for the call.
 * @param[out] out  receives the period; untouched on failure.
 * @return EK_OK, EK_ENOTFOUND (unknown name), EK_EINVAL (NULL, or the
 *         parameter is not a period).  Thread-safe against other readers.
 */
EK_API int ek_policy_get_period(const ek_policy *policy, const char *name, ek_period *out);

/**
 * The value of count parameter @p name (e.g. "minsta_underlag").
 * @param policy    the policy.
 * @param name      parameter name; borrowed for the call.
 * @param[out] out  receives the count; untouched on failure.
 * @return EK_OK, EK_ENOTFOUND (unknown name), EK_EINVAL (NULL, or the
 *         parameter is not a count).  Thread-safe against other readers.
 */
EK_API int ek_policy_get_count(const ek_policy *policy, const char *name, long *out);

/**
 * Which end judges "on time" (parameter "bedom_mot").
 * @param policy  the policy, or NULL.
 * @return the setting; EK_JUDGE_LEGAL for NULL.  Thread-safe against other
 *         readers.
 */
EK_API ek_judge_on ek_policy_judge_on(const ek_policy *policy);

/**
 * Number of parameters this library version knows.
 * @return the count.  Thread-safe.
 */
EK_API size_t ek_policy_param_count(void);

/**
 * Static description of one parameter.
 *
 * The struct is one static table entry shared by every thread, so its
 * strings never change with the language: @c description is always the
 * Swedish text, which is also its msgid in the library's gettext domain
 * "egenkontroll" (po/en.po translates it).  For the text in the user's
 * language, translate it at the point of display with
 * `dgettext("egenkontroll", info->description)` (the tool's
 * `egenkontroll policy` does); the library binds that domain to its
 * catalogues the first time it translates a message of its own, so an
 * application that translates before any library call should bind it
 * itself with bindtextdomain("egenkontroll", …) (the localedir it was
 * installed with).
 * @param index     0 … ek_policy_param_count() - 1.
 * @param[out] out  receives the description; borrowed, static (valid for
 *                  the life of the process).
 * @return EK_OK, EK_ERANGE (index too large), EK_EINVAL (@p out NULL).
 *         Thread-safe.
 */
EK_API int ek_policy_param_at(size_t index, const ek_policy_param_info **out);

#ifdef __cplusplus
}
#endif

#endif /* EGENKONTROLL_POLICY_H */
