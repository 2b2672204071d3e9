/* rules.h: (being written) */
