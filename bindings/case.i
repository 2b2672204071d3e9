/* case.h: (being written) */
