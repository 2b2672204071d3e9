/* SPDX-License-Identifier: MIT */
/*
 * sqlite_cases: read cases from a case system's own database and list the
 * statutory deadlines that are overdue — through the C API, without JSON.
 *
 *   sqlite_cases [DB [AS_OF]]   e.g.  sqlite_cases arenden.db 2025-12-31
 *   sqlite_cases --schema       print the schema this example reads
 *
 * pkg-config: sqlite3
 *
 * This is the shape of a vendor's integration: the case system keeps its
 * cases in its own tables (below, a small schema: one row per case, one per
 * event, one per event attribute); the integration builds one ek_case per
 * case with ek_case_new()/ek_case_reset(), evaluates it with
 * ek_evaluate_case() into one reusable ek_evaluation, and prints each
 * overdue obligation:
 *
 *   CASE-ID <TAB> RULE <TAB> SEQUENCE <TAB> JUDGED END <TAB> LEGAL BASIS
 *
 * A case the library refuses (say, an impossible date in the database) is
 * reported on stderr with its case id, event and field; the other cases are
 * still evaluated, and the exit status is 1.  Without DB the example builds
 * a small synthetic database in memory, so it runs anywhere.
 *
 * Attribute values: the column `kind` says what the case system stored
 * ('text', 'bool' as 0/1, or 'json' for anything the library keeps
 * verbatim).  A text attribute the library lists as a date
 * (ek_event_attr_spec()) is parsed with ek_date_parse(), as the JSON reader
 * does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include <egenkontroll/egenkontroll.h>

static const char SCHEMA[] =
    "CREATE TABLE cases (\n"
    "  id         TEXT PRIMARY KEY,   -- the case id (never a name or personnummer)\n"
    "  unit       TEXT NOT NULL,      -- the unit that handles it\n"
    "  birth_date TEXT                -- the child's birth date (YYYY-MM-DD) or NULL\n"
    ");\n"
    "CREATE TABLE events (\n"
    "  case_id  TEXT NOT NULL REFERENCES cases(id),\n"
    "  seq      INTEGER NOT NULL,     -- order of the events within the case\n"
    "  type     TEXT NOT NULL,        -- an event type of egenkontroll/case-1\n"
    "  date     TEXT NOT NULL,        -- YYYY-MM-DD\n"
    "  event_id TEXT,                 -- the event's own id (e.g. a report of concern)\n"
    "  ref      TEXT,                 -- the id of the event it answers\n"
    "  PRIMARY KEY (case_id, seq)\n"
    ");\n"
    "CREATE TABLE event_attributes (\n"
    "  case_id TEXT NOT NULL,\n"
    "  seq     INTEGER NOT NULL,      -- the event (events.seq)\n"
    "  key     TEXT NOT NULL,         -- e.g. beslutsfattare, barnets_asikt\n"
    "  kind    TEXT NOT NULL CHECK (kind IN ('text', 'bool', 'json')),\n"
    "  value   NOT NULL,              -- text, 0/1, or JSON text\n"
    "  PRIMARY KEY (case_id, seq, key),\n"
    "  FOREIGN KEY (case_id, seq) REFERENCES events(case_id, seq)\n"
    ");\n";

/* Two synthetic cases for a run without a database: one investigation that
 * ran past four months, one handled in time. */
static const char DEMO[] =
    "INSERT INTO cases VALUES ('DEMO-1', 'Barn och unga', '2015-03-01'),"
    "                         ('DEMO-2', 'Barn och unga', NULL);"
    "INSERT INTO events VALUES ('DEMO-1', 1, 'anmalan_mottagen', '2025-01-07', 'r1', NULL),"
    "  ('DEMO-1', 2, 'skyddsbedomning', '2025-01-07', NULL, 'r1'),"
    "  ('DEMO-1', 3, 'beslut_inleda_utredning', '2025-01-15', NULL, 'r1'),"
    "  ('DEMO-1', 4, 'utredning_inledd', '2025-01-15', NULL, NULL),"
    "  ('DEMO-2', 1, 'anmalan_mottagen', '2025-09-01', 'r1', NULL),"
    "  ('DEMO-2', 2, 'skyddsbedomning', '2025-09-01', NULL, 'r1'),"
    "  ('DEMO-2', 3, 'beslut_inte_inleda_utredning', '2025-09-10', NULL, 'r1');"
    "INSERT INTO event_attributes VALUES"
    "  ('DEMO-1', 1, 'anmalare', 'text', 'skola'),"
    "  ('DEMO-1', 1, 'avser_vald', 'bool', 0),"
    "  ('DEMO-1', 3, 'beslutsfattare', 'text', 'enhetschef'),"
    "  ('DEMO-2', 1, 'anmalare', 'text', 'polis'),"
    "  ('DEMO-2', 1, 'avser_vald', 'bool', 0),"
    "  ('DEMO-2', 3, 'beslutsfattare', 'text', 'enhetschef'),"
    "  ('DEMO-2', 3, 'motivering', 'bool', 1);";

/* What a failed library call said, with the place in the database. */
static void report(const char *case_id, long seq, const char *field, const char *what)
{
    const ek_error *e = ek_error_last();
    if (seq > 0)
        fprintf(stderr, "sqlite_cases: case %s, event %ld, %s: %s: %s\n", case_id, seq, field, what, e->message);
    else
        fprintf(stderr, "sqlite_cases: case %s, %s: %s: %s\n", case_id, field, what, e->message);
}

static const char *text_col(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
}

/*
 * Fill @c with the case @p id from the database.  Events come in seq order;
 * attributes too, so both are walked together (no lookup per attribute).
 * Returns 0, or -1 after reporting what the library refused.
 */
static int load_case(sqlite3_stmt *events, sqlite3_stmt *attrs, const char *id, const char *unit,
                     const char *birth, ek_case *c)
{
    if (ek_case_reset(c, id) != EK_OK || ek_case_set_unit(c, unit) != EK_OK) {
        report(id, 0, "id/unit", "rejected");
        return -1;
    }
    if (birth != NULL) {
        ek_date bd;
        if (ek_date_parse(birth, &bd) != EK_OK || ek_case_set_birth_date(c, bd) != EK_OK) {
            report(id, 0, "birth_date", "rejected");
            return -1;
        }
    }
    sqlite3_reset(events);
    sqlite3_reset(attrs);
    sqlite3_bind_text(events, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(attrs, 1, id, -1, SQLITE_TRANSIENT);

    int have_attr = sqlite3_step(attrs) == SQLITE_ROW;
    while (sqlite3_step(events) == SQLITE_ROW) {
        long seq = (long)sqlite3_column_int64(events, 0);
        const char *type = text_col(events, 1);
        ek_date day;
        size_t idx;
        if (ek_date_parse(text_col(events, 2), &day) != EK_OK) {
            report(id, seq, "date", "not a date");
            return -1;
        }
        if (ek_case_add_event(c, type, day, &idx) != EK_OK) {
            report(id, seq, "type", "rejected");
            return -1;
        }
        if (sqlite3_column_type(events, 3) != SQLITE_NULL && ek_case_event_set_id(c, idx, text_col(events, 3)) != EK_OK) {
            report(id, seq, "event_id", "rejected");
            return -1;
        }
        if (sqlite3_column_type(events, 4) != SQLITE_NULL && ek_case_event_set_ref(c, idx, text_col(events, 4)) != EK_OK) {
            report(id, seq, "ref", "rejected");
            return -1;
        }
        /* Attributes of earlier seq numbers belong to no event: skip them. */
        while (have_attr && sqlite3_column_int64(attrs, 0) < seq)
            have_attr = sqlite3_step(attrs) == SQLITE_ROW;
        for (; have_attr && sqlite3_column_int64(attrs, 0) == seq; have_attr = sqlite3_step(attrs) == SQLITE_ROW) {
            const char *key = text_col(attrs, 1), *kind = text_col(attrs, 2);
            int rc;
            ek_attr_kind listed;
            if (strcmp(kind, "bool") == 0) {
                rc = ek_case_event_set_bool(c, idx, key, sqlite3_column_int(attrs, 3) != 0);
            } else if (strcmp(kind, "json") == 0) {
                rc = ek_case_event_set_raw(c, idx, key, text_col(attrs, 3));
            } else if (ek_event_attr_spec(ek_event_type_from_name(type), key, &listed, NULL, NULL) == EK_OK &&
                       listed == EK_ATTR_DATE) {
                ek_date d;
                rc = ek_date_parse(text_col(attrs, 3), &d);
                if (rc == EK_OK)
                    rc = ek_case_event_set_date(c, idx, key, d);
            } else {
                rc = ek_case_event_set_string(c, idx, key, text_col(attrs, 3));
            }
            if (rc != EK_OK) {
                report(id, seq, key, "rejected");
                return -1;
            }
        }
    }
    /* The checks the JSON reader makes on a whole case (required attributes, order of refs …). */
    if (ek_case_validate(c) != EK_OK) {
        report(id, 0, "events", "invalid case");
        return -1;
    }
    return 0;
}

static void print_overdue(const ek_evaluation *ev)
{
    for (size_t k = 0; k < ek_evaluation_count(ev); k++) {
        const ek_obligation *o = ek_evaluation_at(ev, k);
        if (o->status != EK_OBL_OVERDUE)
            continue;
        char judged[EK_DATE_BUFSIZE];
        ek_date_format(o->judged, judged, sizeof judged);
        printf("%s\t%s\t%u\t%s\t%s\n", ek_evaluation_case_id(ev), o->rule_name, o->sequence, judged, o->basis);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--schema") == 0) {
        fputs(SCHEMA, stdout);
        return 0;
    }
    const char *path = argc > 1 ? argv[1] : NULL;
    ek_date as_of;
    if (ek_date_parse(argc > 2 ? argv[2] : "2025-12-31", &as_of) != EK_OK) {
        fprintf(stderr, "sqlite_cases: AS_OF: %s\n", ek_error_last()->message);
        return 2;
    }

    sqlite3 *db = NULL;
    int rc = path ? sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL)
                  : sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK && path == NULL) {
        rc = sqlite3_exec(db, SCHEMA, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, DEMO, NULL, NULL, NULL);
    }
    sqlite3_stmt *cases = NULL, *events = NULL, *attrs = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT id, unit, birth_date FROM cases ORDER BY id", -1, &cases, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "SELECT seq, type, date, event_id, ref FROM events WHERE case_id = ?1 ORDER BY seq",
                                -1, &events, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "SELECT seq, key, kind, value FROM event_attributes WHERE case_id = ?1 "
                                "ORDER BY seq, rowid",
                                -1, &attrs, NULL);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "sqlite_cases: %s: %s\n", path ? path : ":memory:", db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_finalize(cases);
        sqlite3_finalize(events);
        sqlite3_finalize(attrs);
        sqlite3_close(db);
        return 2;
    }

    /* One context (calendar, policy), one case and one evaluation, reused for every case. */
    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_evaluation *ev = NULL;
    if (ek_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_evaluation_new(&ev) != EK_OK) {
        fprintf(stderr, "sqlite_cases: %s\n", ek_error_last()->message);
        rc = 2;
        goto done;
    }
    const ek_rulebook *rb = ek_rulebook_builtin();
    size_t evaluated = 0, refused = 0;
    while ((rc = sqlite3_step(cases)) == SQLITE_ROW) {
        const char *id = text_col(cases, 0);
        const char *birth = sqlite3_column_type(cases, 2) == SQLITE_NULL ? NULL : text_col(cases, 2);
        if (load_case(events, attrs, id, text_col(cases, 1), birth, c) != 0) {
            refused++;
            continue;
        }
        if (ek_evaluate_case(ctx, rb, c, as_of, ev) != EK_OK) {
            report(id, 0, "evaluation", "failed");
            refused++;
            continue;
        }
        print_overdue(ev);
        evaluated++;
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "sqlite_cases: %s: %s\n", path ? path : ":memory:", sqlite3_errmsg(db));
        rc = 2;
    } else {
        fprintf(stderr, "sqlite_cases: %zu cases evaluated, %zu refused\n", evaluated, refused);
        rc = refused ? 1 : 0;
    }
done:
    ek_evaluation_free(ev);
    ek_case_free(c);
    ek_context_free(ctx);
    sqlite3_finalize(cases);
    sqlite3_finalize(events);
    sqlite3_finalize(attrs);
    sqlite3_close(db);
    return rc;
}
