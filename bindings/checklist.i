/* checklist.h: (being written) */
