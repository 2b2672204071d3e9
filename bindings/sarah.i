/* sarah.h: (being written) */
