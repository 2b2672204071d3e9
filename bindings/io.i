/* io.h: (being written) */
