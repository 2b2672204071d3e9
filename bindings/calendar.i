/* calendar.h: (being written) */
