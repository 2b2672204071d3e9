/* SPDX-License-Identifier: MIT */
/* egenkontroll review: the reviewer's worksheet for a sample — one self-contained offline HTML page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <egenkontroll/egenkontroll.h>

#include "commands.h"
#include "review_out.h" /* declarations only: also without libxlsxwriter (ek_tool_review_word) */

static void usage(FILE *f)
{
    fputs(_("usage: egenkontroll review --as-of DATE -o FILE [OPTIONS] FILE...\n\n"
            "Writes the reviewer's worksheet: one self-contained HTML page that works offline from a\n"
            "file (no network).  For each case of the sample: its timeline (events and dates), what the\n"
            "library already judged and why, and a form for each judgement item still open (pass, fail,\n"
            "not applicable, comment).  The page saves the answers as an egenkontroll/granskning-1 file\n"
            "and loads such a file back; check, report and python3 -m egenkontroll.html read it with\n"
            "--answers.\n\n"
            "  --as-of DATE         judge as of DATE (YYYY-MM-DD; required)\n"
            "  -o, --output FILE    the page to write (required)\n"
            "  --format html|xlsx   html (default; xlsx when FILE ends in .xlsx): the page; xlsx: the\n"
            "                       same worksheet as an Excel workbook, a row per open judgement item\n"
            "                       with the result as a dropdown list; read back with\n"
            "                       python3 -m egenkontroll.review --from-xlsx FILE -o answers.jsonl\n"
            "  --sample N           a reproducible random sample of N cases per unit and period (as\n"
            "                       check --sample: the same seed and options draw the same cases)\n"
            "  --seed S             sample seed (unsigned integer; default 1)\n"
            "  --sample-period P    year (default), half, quarter, month or all\n"
            "  --unit U             only the cases of unit U\n"
            "  --from DATE          only cases whose first event falls in [from, to]\n"
            "  --to DATE\n"
            "  --checklist FILE     egenkontroll/checklist-1; default: built-in\n"
            "  --delegation FILE    egenkontroll/delegation-1 for item C1\n"
            "  --policy FILE        egenkontroll/policy-1 parameters\n"
            "  --answers FILE       answers given before (egenkontroll/granskning-1; may be repeated):\n"
            "                       the page starts with their forms filled in\n"
            "  --reviewer WHO       the reviewer's role written into the answers (default\n"
            "                       kvalitetscontroller; never a name)\n\n"
            "The page is in Swedish; --lang en gives it in English.\n\n"
            "Exit status: 0 every input accepted; 3 some case or answer was rejected (the page holds the\n"
            "others); 2 bad command line; 4 could not run.\n"),
          f);
}

/* ---- output --------------------------------------------------------------------------------- */

/* JSON text inside <script type="application/json">: every '<' written as \u003c, so that no
 * "</script>" or "<!--" can end or change the element (the text is JSON: '<' occurs only in strings). */
static void put_json_in_script(FILE *out, const char *json)
{
    for (const char *p = json; *p; p++) {
        if (*p == '<')
            fputs("\\u003c", out);
        else
            fputc(*p, out);
    }
}

static void put_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '<')
            fputs("\\u003c", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static const char CSS[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5em auto;max-width:1100px;"
    "color:#1b1b1b;line-height:1.45;padding:0 1em}"
    "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:0 0 .4em}h3{font-size:1em;margin:.8em 0 .3em}"
    ".meta{color:#444;font-size:.92em}"
    ".bar{position:sticky;top:0;background:#f4f7fa;border:1px solid #c9d3dc;border-radius:6px;padding:.6em .8em;"
    "display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:center;z-index:2}"
    ".bar label{font-weight:600}button{font:inherit;padding:.35em .9em;border:1px solid #1f5f8b;background:#1f5f8b;"
    "color:#fff;border-radius:4px;cursor:pointer}button:focus,input:focus,textarea:focus{outline:3px solid #e0a100;"
    "outline-offset:1px}"
    "section.case{border:1px solid #c9d3dc;border-radius:6px;margin:1.2em 0;padding:.8em 1em}"
    "ol.timeline{margin:.2em 0;padding-left:1.4em;font-size:.92em}ol.timeline time{font-variant-numeric:tabular-nums;"
    "font-weight:600;margin-right:.5em}.attrs{color:#555}"
    "table.res{border-collapse:collapse;font-size:.88em;width:100%}table.res th,table.res td{border-bottom:1px solid "
    "#e1e6eb;padding:.25em .4em;text-align:left;vertical-align:top}table.res th{background:#f4f7fa}table.res td:nth-child(2){white-space:nowrap}"
    ".r-pass{color:#1e6b2d}.r-fail{color:#a4161a;font-weight:600}.r-notchecked{color:#8a5a00}"
    "fieldset{border:1px solid #c9d3dc;border-radius:6px;margin:.6em 0;padding:.5em .8em}legend{font-weight:600;"
    "padding:0 .3em}fieldset label{margin-right:1.2em}textarea{width:100%;min-height:2.6em;font:inherit}"
    "fieldset.done{background:#f3faf4}.status{font-weight:600}.none{color:#555;font-style:italic}"
    "@media print{.bar{position:static}button,input[type=file]{display:none}}";

/* The page's script: renders the data, keeps the answers, saves and loads granskning-1 files. */
static const char *const JS[] = {
    "(function(){'use strict';\n",
    "var D=JSON.parse(document.getElementById('ek-data').textContent),T=D.t;\n",
    "function el(n,a,k){var e=document.createElement(n);if(a)for(var x in a){if(x==='text')e.textContent=a[x];"
    "else e.setAttribute(x,a[x]);}(k||[]).forEach(function(c){if(c)e.appendChild(c);});return e;}\n",
    "var main=document.getElementById('cases'),forms=[];\n",
    "D.cases.forEach(function(k,ci){var c=k.case,r=k.result;\n",
    " var s=el('section',{'class':'case','id':'case-'+ci,'aria-labelledby':'h-'+ci});\n",
    " s.appendChild(el('h2',{id:'h-'+ci,text:c.id+(c.unit?' \\u2013 '+c.unit:'')}));\n",
    " s.appendChild(el('h3',{text:T.timeline}));var ol=el('ol',{'class':'timeline'});\n",
    " (c.events||[]).slice().map(function(e,i){return [e,i];}).sort(function(a,b){return a[0].date<b[0].date?-1:"
    "a[0].date>b[0].date?1:a[1]-b[1];}).forEach(function(p){var e=p[0],at=[];for(var key in e){if(['type','date',"
    "'id','ref'].indexOf(key)<0)at.push(key+': '+JSON.stringify(e[key]));}\n",
    "  ol.appendChild(el('li',null,[el('time',{datetime:e.date,text:e.date}),document.createTextNode(e.type),"
    "at.length?el('span',{'class':'attrs',text:' ('+at.join(', ')+')'}):null]));});\n",
    " if(!(c.events||[]).length)ol.appendChild(el('li',{text:T.noevents}));s.appendChild(ol);\n",
    " s.appendChild(el('h3',{text:T.judged}));var tb=el('table',{'class':'res'});\n",
    " tb.appendChild(el('tr',null,[el('th',{scope:'col',text:T.item}),el('th',{scope:'col',text:T.result}),"
    "el('th',{scope:'col',text:T.why})]));\n",
    " r.results.forEach(function(x){if(x.result==='notapplicable')return;var it=D.items[x.item]||{};"
    "tb.appendChild(el('tr',null,[el('td',{text:x.item+' '+(it.title||'')}),el('td',{'class':'r-'+x.result,"
    "text:T.results[x.result]||x.result}),el('td',{text:x.message+(x.basis?' ['+x.basis+']':'')})]));});\n",
    " s.appendChild(tb);\n",
    " s.appendChild(el('h3',{text:T.open}));\n",
    " if(!k.open.length)s.appendChild(el('p',{'class':'none',text:T.noopen}));\n",
    " k.open.forEach(function(item,ii){var it=D.items[item]||{},base='q-'+ci+'-'+ii,fs=el('fieldset',{id:base});\n",
    "  fs.appendChild(el('legend',{text:item+' '+(it.title||'')}));\n",
    "  if(it.description)fs.appendChild(el('p',{'class':'meta',text:it.description}));\n",
    "  ['pass','fail','notapplicable'].forEach(function(v){var id=base+'-'+v;fs.appendChild(el('input',{type:'radio',"
    "name:base,id:id,value:v}));fs.appendChild(el('label',{'for':id,text:T.choices[v]}));});\n",
    "  var tid=base+'-comment';fs.appendChild(el('div',null,[el('label',{'for':tid,text:T.comment}),"
    "el('textarea',{id:tid,name:tid})]));\n",
    "  fs.addEventListener('change',function(){fs.className=pick(fs)?'done':'';count();});\n",
    "  forms.push({id:c.id,item:item,fs:fs,base:base});s.appendChild(fs);});\n",
    " main.appendChild(s);});\n",
    "function pick(fs){var x=fs.querySelector('input[type=radio]:checked');return x?x.value:null;}\n",
    "var status=document.getElementById('status');\n",
    "function count(){var n=forms.filter(function(f){return pick(f.fs);}).length;status.textContent=T.progress"
    ".replace('%1',n).replace('%2',forms.length);}\n",
    "function lines(){var who=document.getElementById('reviewer').value.trim(),day=document.getElementById('day')"
    ".value;return forms.filter(function(f){return pick(f.fs);}).map(function(f){return JSON.stringify({format:"
    "'egenkontroll/granskning-1',id:f.id,item:f.item,result:pick(f.fs),comment:document.getElementById(f.base+"
    "'-comment').value,reviewer:who,date:day,checklist:D.checklist.id,version:D.checklist.version});});}\n",
    "document.getElementById('save').addEventListener('click',function(){var l=lines();var b=new Blob([l.join('\\n')+"
    "(l.length?'\\n':'')],{type:'application/x-ndjson'});var a=el('a',{href:URL.createObjectURL(b),download:"
    "'granskning-'+D.as_of+'.jsonl'});document.body.appendChild(a);a.click();setTimeout(function(){URL."
    "revokeObjectURL(a.href);a.remove();},1000);status.textContent=T.saved.replace('%1',l.length);});\n",
    "function fill(text){var n=0,bad=0;text.split(/\\r?\\n/).forEach(function(line){if(!line.trim())return;var o;"
    "try{o=JSON.parse(line);}catch(e){bad++;return;}var f=forms.filter(function(f){return f.id===o.id&&f.item===o.item;"
    "})[0];if(!f||['pass','fail','notapplicable'].indexOf(o.result)<0){bad++;return;}document.getElementById(f.base+"
    "'-'+o.result).checked=true;document.getElementById(f.base+'-comment').value=o.comment||'';f.fs.className='done';"
    "n++;});count();status.textContent=T.loaded.replace('%1',n).replace('%2',bad);}\n",
    "document.getElementById('load').addEventListener('change',function(ev){var f=ev.target.files[0];if(!f)return;"
    "var rd=new FileReader();rd.onload=function(){fill(String(rd.result));};rd.readAsText(f,'utf-8');});\n",
    "if(D.prefill)fill(D.prefill);count();\n",
    "})();\n", NULL };

/* ---- the command ------------------------------------------------------------------------- */

typedef struct ropts {
    const char *as_of, *output, *sample, *seed, *period, *unit, *from, *to, *checklist, *delegation, *policy;
    const char *format;
    const char *reviewer;
    ek_tool_list answers;
} ropts;

/* The library's result as a word of the worksheet (the HTML page and the xlsx workbook). */
const char *ek_tool_review_word(ek_result r)
{
    switch (r) {
    case EK_RESULT_PASS: return _("uppfylld");
    case EK_RESULT_FAIL: return _("brist");
    case EK_RESULT_ERROR: return _("fel i data");
    case EK_RESULT_UNKNOWN: return _("oklart");
    case EK_RESULT_NOTCHECKED: return _("ej bedömd");
    case EK_RESULT_INFORMATIONAL: return _("för kännedom");
    case EK_RESULT_NOTSELECTED: return _("ej vald");
    case EK_RESULT_FIXED: return _("åtgärdad");
    case EK_RESULT_NOTAPPLICABLE: return _("ej aktuell");
    default: return ek_result_name(r);
    }
}

/* The labels of the page, in the language of the run (Swedish msgids, po/en.po translates). */
static void put_labels(FILE *out)
{
    static const struct { const char *key, *text; } labels[] = {
        { "timeline", N_("Händelser") },
        { "noevents", N_("Inga händelser registrerade.") },
        { "judged", N_("Vad biblioteket redan bedömt") },
        { "item", N_("Punkt") },
        { "result", N_("Resultat") },
        { "why", N_("Varför") },
        { "open", N_("Att bedöma") },
        { "noopen", N_("Inga bedömningspunkter är öppna i detta ärende.") },
        { "comment", N_("Kommentar") },
        { "progress", N_("%1 av %2 bedömningar gjorda") },
        { "saved", N_("%1 svar sparade i filen.") },
        { "loaded", N_("%1 svar inlästa, %2 rader kunde inte användas.") },
    };
    fputs("{", out);
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        put_json_string(out, labels[i].key);
        fputs(": ", out);
        put_json_string(out, _(labels[i].text));
        fputs(", ", out);
    }
    fputs("\"choices\": {\"pass\": ", out);
    put_json_string(out, _("Uppfylld"));
    fputs(", \"fail\": ", out);
    put_json_string(out, _("Inte uppfylld"));
    fputs(", \"notapplicable\": ", out);
    put_json_string(out, _("Ej aktuell"));
    fputs("}, \"results\": {", out);
    static const ek_result results[] = { EK_RESULT_PASS, EK_RESULT_FAIL, EK_RESULT_ERROR,
                                         EK_RESULT_UNKNOWN, EK_RESULT_NOTCHECKED, EK_RESULT_INFORMATIONAL,
                                         EK_RESULT_NOTSELECTED, EK_RESULT_FIXED, EK_RESULT_NOTAPPLICABLE };
    for (size_t i = 0; i < sizeof results / sizeof results[0]; i++) {
        if (i)
            fputs(", ", out);
        put_json_string(out, ek_result_name(results[i]));
        fputs(": ", out);
        put_json_string(out, ek_tool_review_word(results[i]));
    }
    fputs("}}", out);
}

static int review_main(int argc, char **argv, ropts *o);

int ek_cmd_review(int argc, char **argv)
{
    ropts o;
    memset(&o, 0, sizeof o);
    o.period = "year";
    o.reviewer = "kvalitetscontroller";
    o.answers.v = calloc((size_t)argc + 1, sizeof *o.answers.v);
    if (!o.answers.v) {
        ek_tool_error("review: out of memory");
        return EK_EXIT_FAILURE;
    }
    int st = review_main(argc, argv, &o);
    free((void *)o.answers.v);
    return st;
}

static int review_main(int argc, char **argv, ropts *op)
{
    ropts o = *op;
    int first_file = argc;
    const ek_tool_opt options[] = {
        EK_TOOL_VALUE("--as-of", &o.as_of),          EK_TOOL_VALUE("--output", &o.output),
        EK_TOOL_VALUE("-o", &o.output),               EK_TOOL_VALUE("--sample-period", &o.period),
        EK_TOOL_VALUE("--sample", &o.sample),         EK_TOOL_VALUE("--seed", &o.seed),
        EK_TOOL_VALUE("--unit", &o.unit),             EK_TOOL_VALUE("--from", &o.from),
        EK_TOOL_VALUE("--to", &o.to),                 EK_TOOL_VALUE("--checklist", &o.checklist),
        EK_TOOL_VALUE("--delegation", &o.delegation), EK_TOOL_VALUE("--policy", &o.policy),
        EK_TOOL_VALUE("--reviewer", &o.reviewer),     EK_TOOL_VALUE("--format", &o.format),
        EK_TOOL_LIST("--answers", &o.answers),
    };
    int r = ek_tool_options_first("review", argc, argv, options, sizeof options / sizeof options[0], &first_file);
    if (r == EK_TOOL_HELP)
        usage(stdout);
    if (r != EK_EXIT_OK)
        return r == EK_TOOL_HELP ? EK_EXIT_OK : r;
    if (!o.as_of) {
        ek_tool_error("review: --as-of is required (the worksheet judges as of that day)");
        return EK_EXIT_USAGE;
    }
    if (!o.output) {
        ek_tool_error("review: -o FILE is required");
        return EK_EXIT_USAGE;
    }
    size_t olen = strlen(o.output);
    if (!o.format)
        o.format = olen >= 5 && strcmp(o.output + olen - 5, ".xlsx") == 0 ? "xlsx" : "html";
    int xlsx = strcmp(o.format, "xlsx") == 0;
    if (!xlsx && strcmp(o.format, "html") != 0) {
        ek_tool_error("review: --format must be html or xlsx, not \"%s\"", o.format);
        return EK_EXIT_USAGE;
    }
#ifndef EK_HAVE_XLSX
    if (xlsx) {
        ek_tool_error("review: --format xlsx is not available: this egenkontroll was built without libxlsxwriter");
        return EK_EXIT_USAGE;
    }
#endif
    if (first_file >= argc) {
        ek_tool_error("review: no input files");
        return EK_EXIT_USAGE;
    }
    for (int i = first_file; i < argc; i++)
        if (strcmp(argv[i], "-") == 0) {
            ek_tool_error("review: the files are read twice and cannot be standard input");
            return EK_EXIT_USAGE;
        }
    ek_date as_of, from = EK_DATE_NONE, to = EK_DATE_NONE;
    if (ek_date_parse(o.as_of, &as_of) != EK_OK || (o.from && ek_date_parse(o.from, &from) != EK_OK) ||
        (o.to && ek_date_parse(o.to, &to) != EK_OK)) {
        ek_tool_error("review: %s", EK_TOOL_LAST_ERROR());
        return EK_EXIT_USAGE;
    }
    if (from != EK_DATE_NONE && to != EK_DATE_NONE && from > to) {
        ek_tool_error("review: --from %s is after --to %s", o.from, o.to);
        return EK_EXIT_USAGE;
    }
    uint64_t sample_n = 0, seed = 1;
    if (o.sample && (ek_tool_parse_u64(o.sample, &sample_n) != 0 || sample_n == 0)) {
        ek_tool_error("review: --sample must be a positive whole number, not \"%s\"", o.sample);
        return EK_EXIT_USAGE;
    }
    if (o.seed && (!o.sample || ek_tool_parse_u64(o.seed, &seed) != 0)) {
        ek_tool_error("review: --seed needs --sample and an unsigned whole number");
        return EK_EXIT_USAGE;
    }
    if (!ek_tool_sample_period_ok(o.period)) {
        ek_tool_error("review: --sample-period must be year, half, quarter, month or all, not \"%s\"", o.period);
        return EK_EXIT_USAGE;
    }

    ek_context *ctx = NULL;
    ek_case *c = NULL;
    ek_checklist *cl = NULL;
    ek_delegation *del = NULL;
    ek_checklist_result *res = NULL;
    ek_answers *answers = NULL;
    ek_tool_sample ss;
    memset(&ss, 0, sizeof ss);
    FILE *out = NULL;
#ifdef EK_HAVE_XLSX
    ek_tool_review_xlsx *xw = NULL;
#endif
    size_t notes_printed = 0, shown = 0, read_ok = 0, nopen = 0;
    int status = ek_tool_answers_load("review", o.answers.v, o.answers.n, &answers);
    if (status == EK_EXIT_USAGE || status == EK_EXIT_FAILURE)
        goto done;
    if (ek_tool_context_new(&ctx) != EK_OK || ek_case_new(&c, "-") != EK_OK || ek_checklist_result_new(&res) != EK_OK) {
        ek_tool_error("review: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_FAILURE;
        goto done;
    }
    if (o.policy && ek_policy_load_json(ek_context_policy(ctx), o.policy) != EK_OK) {
        ek_tool_error("review: --policy: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if ((o.checklist ? ek_checklist_load_json(&cl, o.checklist) : ek_checklist_new_builtin(&cl)) != EK_OK) {
        ek_tool_error("review: --checklist: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (o.delegation && ek_delegation_load_json(&del, o.delegation) != EK_OK) {
        ek_tool_error("review: --delegation: %s", EK_TOOL_LAST_ERROR());
        status = EK_EXIT_USAGE;
        goto done;
    }
    if (o.sample && ek_tool_sample_draw(&ss, argv + first_file, argc - first_file, o.period, (size_t)sample_n, seed,
                                        o.unit, from, to) != EK_OK) {
        ek_tool_error("review: sampling: out of memory");
        status = EK_EXIT_FAILURE;
        goto done;
    }
#ifdef EK_HAVE_XLSX
    if (xlsx && ek_tool_review_xlsx_open(&xw, o.output, cl, as_of, o.reviewer) != 0) {
        ek_tool_error("review: cannot write \"%s\"", o.output);
        status = EK_EXIT_FAILURE;
        goto done;
    }
#endif
    /* The HTML page goes to @out; the workbook (xlsx) is written by review_xlsx.c, and @out is then
     * /dev/null's stand-in: NULL, with every HTML write below skipped. */
    out = xlsx ? NULL : fopen(o.output, "w");
    if (!xlsx && !out) {
        ek_tool_error("review: cannot write \"%s\"", o.output);
        status = EK_EXIT_FAILURE;
        goto done;
    }
    char b1[EK_DATE_BUFSIZE];
    if (out) {
    /* TRANSLATORS: the language code of the worksheet page (the html lang attribute): "sv" or "en". */
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            _("sv"));
    fprintf(out, _("Granskning per %s"), ek_tool_date_str(as_of, b1));
    fprintf(out, "</title>\n<style>%s</style></head>\n<body>\n<header><h1>", CSS);
    fprintf(out, _("Granskning per %s"), ek_tool_date_str(as_of, b1));
    fputs("</h1>\n<p class=\"meta\" id=\"meta\"></p>\n", out);
    fputs("<div class=\"bar\" role=\"group\" aria-label=\"", out);
    fputs(_("Svar"), out);
    fputs("\">\n<label for=\"reviewer\">", out);
    fputs(_("Granskare (roll, aldrig namn)"), out);
    fputs("</label> <input id=\"reviewer\" autocomplete=\"off\" value=\"", out);
    for (const char *p = o.reviewer; *p; p++) {
        if (*p == '"')
            fputs("&quot;", out);
        else if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else
            fputc(*p, out);
    }
    fprintf(out, "\">\n<label for=\"day\">%s</label> <input id=\"day\" type=\"date\" value=\"%s\">\n", _("Datum"),
            ek_tool_date_str(as_of, b1));
    fprintf(out, "<button type=\"button\" id=\"save\">%s</button>\n", _("Spara svaren (granskning-1)"));
    fprintf(out, "<label for=\"load\">%s</label> <input type=\"file\" id=\"load\" accept=\".jsonl,.json,text/plain\">\n",
            _("Läs in sparade svar"));
    fputs("<span class=\"status\" id=\"status\" role=\"status\" aria-live=\"polite\"></span>\n</div></header>\n"
          "<main id=\"cases\"></main>\n<script type=\"application/json\" id=\"ek-data\">{\"as_of\": ",
          out);
    put_json_string(out, ek_tool_date_str(as_of, b1));
    fputs(", \"checklist\": {\"id\": ", out);
    put_json_string(out, ek_checklist_id(cl));
    fputs(", \"version\": ", out);
    put_json_string(out, ek_checklist_version(cl));
    fputs("},\n\"t\": ", out);
    put_labels(out);
    fputs(",\n\"items\": {", out);
    for (size_t i = 0; i < ek_checklist_item_count(cl); i++) {
        ek_item_info info = EK_ITEM_INFO_INIT;
        if (ek_checklist_item(cl, i, &info) != EK_OK)
            continue;
        fprintf(out, "%s", i ? ", " : "");
        put_json_string(out, info.id);
        fputs(": {\"title\": ", out);
        put_json_string(out, info.title);
        fputs(", \"kind\": ", out);
        put_json_string(out, ek_item_kind_name(info.kind));
        fputs(", \"description\": ", out);
        put_json_string(out, info.description);
        fputs("}", out);
    }
    fputs("},\n\"cases\": [", out);
    }

    size_t ordinal = 0;
    for (int f = first_file; f < argc && status != EK_EXIT_FAILURE; f++) {
        ek_case_reader *rd = NULL;
        if (ek_case_reader_open(&rd, argv[f]) != EK_OK) {
            ek_tool_error("review: %s", EK_TOOL_LAST_ERROR());
            status = EK_EXIT_INPUT;
            continue;
        }
        for (;;) {
            int rc = ek_case_reader_next(rd, c);
            if (rc == 0)
                break;
            if (rc < 0) {
                if (rc == EK_ENOMEM) {
                    status = EK_EXIT_FAILURE;
                    break;
                }
                ek_tool_error("review: %s", EK_TOOL_LAST_ERROR());
                status = EK_EXIT_INPUT;
                if (rc == EK_EIO)
                    break;
                continue;
            }
            size_t me = ordinal++;
            read_ok++;
            if (answers && ek_answers_visit(answers, c, NULL) != EK_OK) {
                status = EK_EXIT_FAILURE;
                break;
            }
            if (o.sample ? !ek_tool_sample_has(&ss, me, c) : !ek_tool_case_wanted(c, o.unit, from, to))
                continue;
            /* Without the answer set: its answers fill in the forms (prefill) instead of closing them. */
            rc = ek_checklist_evaluate(ctx, cl, c, del, as_of, res);
            if (rc == EK_OK && !out) {
#ifdef EK_HAVE_XLSX
                nopen += ek_tool_review_xlsx_add(xw, c, res, answers);
#endif
                shown++;
                continue;
            }
            char *cj = NULL, *rj = NULL;
            if (rc != EK_OK || ek_case_write_json(c, &cj) != EK_OK || ek_checklist_result_write_json(res, &rj) != EK_OK) {
                ek_tool_error("review: %s", EK_TOOL_LAST_ERROR());
                status = rc == EK_ENOMEM ? EK_EXIT_FAILURE : EK_EXIT_INPUT;
                ek_free(cj);
                continue;
            }
            fputs(shown ? ",\n" : "\n", out);
            fputs("{\"case\": ", out);
            put_json_in_script(out, cj);
            fputs(", \"result\": ", out);
            put_json_in_script(out, rj);
            ek_free(cj);
            ek_free(rj);
            /* Open: judgement items (J, C/J) the library could not judge (notchecked). */
            fputs(", \"open\": [", out);
            int firstopen = 1;
            for (size_t k = 0; k < ek_checklist_result_count(res); k++) {
                ek_item_result ir = EK_ITEM_RESULT_INIT;
                ek_item_info info = EK_ITEM_INFO_INIT;
                if (ek_checklist_result_item(res, k, &ir) != EK_OK ||
                    ek_checklist_item(cl, ir.item_index, &info) != EK_OK)
                    continue;
                if ((info.kind == EK_ITEM_JUDGEMENT || info.kind == EK_ITEM_PRESENCE_JUDGEMENT) &&
                    ir.result == EK_RESULT_NOTCHECKED) {
                    fputs(firstopen ? "" : ", ", out);
                    put_json_string(out, ir.item);
                    firstopen = 0;
                    nopen++;
                }
            }
            fputs("]}", out);
            shown++;
        }
        ek_case_reader_free(rd);
    }
    char meta[512];
    if (o.sample)
        snprintf(meta, sizeof meta, _("%zu ärenden i urvalet (högst %llu per enhet och period \"%s\", frö %llu) av %zu; checklista %s %s."),
                 shown, (unsigned long long)sample_n, o.period, (unsigned long long)seed, ss.population,
                 ek_checklist_id(cl), ek_checklist_version(cl));
    else
        snprintf(meta, sizeof meta, _("%zu ärenden av %zu lästa; checklista %s %s."), shown, read_ok,
                 ek_checklist_id(cl), ek_checklist_version(cl));
#ifdef EK_HAVE_XLSX
    if (xw) {
        int wrc = ek_tool_review_xlsx_close(xw, meta);
        xw = NULL;
        if (wrc != 0) {
            ek_tool_error("review: cannot write \"%s\"", o.output);
            status = EK_EXIT_FAILURE;
            goto done;
        }
    }
#endif
    if (out) {
    fputs("],\n\"prefill\": ", out);
    if (answers) {
        char *text = NULL;
        if (ek_answers_write_json(answers, &text) == EK_OK)
            put_json_string(out, text);
        else
            fputs("null", out);
        ek_free(text);
    } else
        fputs("null", out);
    fputs(",\n\"meta\": ", out);
    put_json_string(out, meta);
    fputs("}</script>\n<script>document.getElementById('meta').textContent="
          "JSON.parse(document.getElementById('ek-data').textContent).meta;</script>\n<script>",
          out);
    for (size_t k = 0; JS[k]; k++)
        fputs(JS[k], out);
    fputs("</script>\n</body></html>\n", out);
    }
    printf(_("%s: %zu ärenden, %zu bedömningar att göra\n"), o.output, shown, nopen);
    if (answers && status != EK_EXIT_FAILURE) {
        if (ek_answers_check(answers, cl, NULL) != EK_OK)
            status = EK_EXIT_FAILURE;
        else {
            int st = ek_tool_answers_notes("review", answers, &notes_printed);
            if (st > status)
                status = st;
        }
    }
done:
#ifdef EK_HAVE_XLSX
    ek_tool_review_xlsx_close(xw, "");
#endif
    if (out && (fclose(out) != 0) && status != EK_EXIT_FAILURE) {
        ek_tool_error("review: cannot write \"%s\"", o.output);
        status = EK_EXIT_FAILURE;
    }
    ek_tool_sample_free(&ss);
    ek_answers_free(answers);
    ek_checklist_result_free(res);
    ek_delegation_free(del);
    ek_checklist_free(cl);
    ek_case_free(c);
    ek_context_free(ctx);
    return status;
}
