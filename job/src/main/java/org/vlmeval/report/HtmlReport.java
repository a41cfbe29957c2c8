package org.vlmeval.report;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.sinks.files.EndpointStats;
import org.vlmeval.sinks.files.JudgeStats;
import org.vlmeval.sinks.files.RunSummary;
import org.vlmeval.sinks.files.SummaryTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.vlmeval.report.Html.esc;
import static org.vlmeval.sinks.files.Figures.NONE;
import static org.vlmeval.sinks.files.Figures.cost;
import static org.vlmeval.sinks.files.Figures.orNone;
import static org.vlmeval.sinks.files.Figures.percent;
import static org.vlmeval.sinks.files.Figures.withInterval;

/**
 * The HTML report of a bounded run: one self-contained file (inline CSS and script, images as
 * {@code data:} URIs, no network) with the run's summary per model, accuracy per category and
 * model, and every case side by side: image, question, reference and each model's answer with its
 * verdict.
 *
 * <p>The numbers are {@link RunSummary}'s, formatted as {@code SummaryTable} prints them. All text
 * is escaped; a Content-Security-Policy allows only the report's own script and style (by hash) and
 * {@code data:} images. The output depends only on the inputs: cases are sorted by category then
 * id, models by name, and nothing reads the clock, so the same run gives a byte-identical file.
 *
 * <p>Filters (model, category, verdict) run in the browser; their state is kept in the URL hash,
 * e.g. {@code report.html#model=qwen2-vl-7b&verdict=wrong,hallucination&category=counting}.
 */
public final class HtmlReport {

    private static final String RESOURCES = "/org/vlmeval/report/";

    /** Verdict classes in the order of the filter. */
    static final List<String> VERDICTS =
            List.of("correct", "wrong", "refusal", "hallucination", "error", "no-reference");

    private HtmlReport() {}

    /**
     * Writes the report (atomically: a temporary file in the same directory, then a move).
     *
     * @param file the HTML file to write; its directory is created if missing
     * @param answers the run's answer rows (usually one run; several runs get one summary each)
     * @param corpus the replay's input, a JSONL file or a directory of them, read for references,
     *     objects and images; null or unreadable gives a report without them
     * @param note an optional paragraph shown at the top, or null
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, List<AnswerRow> answers, Path corpus, String note) {
        write(file, answers, corpus, note, new java.util.TreeMap<>());
    }

    /** As {@link #write(Path, List, Path, String)}, with what the run's judges did and cost. */
    public static void write(
            Path file,
            List<AnswerRow> answers,
            Path corpus,
            String note,
            SortedMap<String, JudgeStats> judges) {
        String html = render(answers, corpus, note, judges);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Not createTempFile: its owner-only permissions would stay on the report.
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, html, StandardCharsets.UTF_8);
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e, e);
        }
    }

    /** The report as a string; what {@link #write} writes. */
    public static String render(List<AnswerRow> answers, Path corpus, String note) {
        return render(answers, corpus, note, new java.util.TreeMap<>());
    }

    /** The report with a section on the judges when {@code judges} is not empty. */
    public static String render(
            List<AnswerRow> answers,
            Path corpus,
            String note,
            SortedMap<String, JudgeStats> judges) {
        Set<String> ids = new HashSet<>();
        answers.forEach(r -> ids.add(r.requestId()));
        CorpusIndex index = CorpusIndex.read(corpus, ids);
        SortedMap<String, RunSummary> runs = RunSummary.byRun(answers);

        String onerror = resource("onerror.js");
        String script = resource("report.js");
        String css = resource("report.css");

        StringBuilder out = new StringBuilder(64 * 1024);
        head(out, "vlm-eval report — " + String.join(", ", runs.keySet()), css, onerror, script);
        out.append("<body data-ready=\"false\">\n");
        out.append("<pre id=\"report-errors\" hidden></pre>\n");

        header(out, runs, answers, ids.size(), corpus, note);
        for (RunSummary summary : runs.values()) {
            summary(out, summary, runs.size() > 1);
            PairwiseTable.write(
                    out, summary.pairs(), runs.size() > 1 ? " — run " + summary.run() : "");
        }
        if (!judges.isEmpty()) {
            judges(out, judges);
        }
        cases(out, answers, index, runs);

        out.append("<script>").append(script).append("</script>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /**
     * The document up to {@code </head>}: a Content-Security-Policy that allows the stylesheet and
     * the scripts by their hashes (the first script is inlined here, the others are left to the
     * caller to inline at the end of the body) and {@code data:} images, nothing from the network.
     */
    static void head(StringBuilder out, String title, String css, String... scripts) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src data:; style-src '")
                .append(sha256(css))
                .append("'; script-src");
        for (String script : scripts) {
            out.append(" '").append(sha256(script)).append('\'');
        }
        out.append("; base-uri 'none'; form-action 'none'\">\n");
        out.append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.append("<link rel=\"icon\" href=\"data:,\">\n");
        out.append("<title>").append(esc(title)).append("</title>\n");
        if (scripts.length > 0) {
            out.append("<script>").append(scripts[0]).append("</script>\n");
        }
        out.append("<style>").append(css).append("</style>\n");
        out.append("</head>\n");
    }

    private static void header(
            StringBuilder out,
            SortedMap<String, RunSummary> runs,
            List<AnswerRow> answers,
            int requests,
            Path corpus,
            String note) {
        SortedSet<String> endpoints = new TreeSet<>();
        answers.forEach(r -> endpoints.add(r.endpoint()));
        String version = HtmlReport.class.getPackage().getImplementationVersion();
        out.append("<header>\n<h1>vlm-eval report</h1>\n");
        out.append("<p class=\"runs\">")
                .append(runs.size() == 1 ? "Run " : "Runs ")
                .append(
                        runs.isEmpty()
                                ? NONE
                                : String.join(
                                        ", ",
                                        runs.keySet().stream()
                                                .map(r -> "<code>" + esc(r) + "</code>")
                                                .toList()))
                .append("</p>\n");
        out.append("<p class=\"generated\">Generated by vlm-eval ")
                .append(esc(version == null ? "development" : version))
                .append(" from ")
                .append(answers.size())
                .append(" answers to ")
                .append(requests)
                .append(" requests by ")
                .append(endpoints.size())
                .append(endpoints.size() == 1 ? " endpoint" : " endpoints")
                .append(
                        corpus == null
                                ? ""
                                : "; corpus <code>" + esc(corpus.toString()) + "</code>")
                .append(".</p>\n");
        if (note != null && !note.isBlank()) {
            out.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        out.append("</header>\n");
    }

    private static void summary(StringBuilder out, RunSummary s, boolean namedRun) {
        String suffix = namedRun ? " — run " + s.run() : "";
        out.append("<section class=\"summary\" data-run=\"").append(esc(s.run())).append("\">\n");
        out.append("<h2>Summary per model").append(esc(suffix)).append("</h2>\n");
        out.append("<div class=\"scroll\"><table class=\"models\">\n<thead><tr>");
        for (String h :
                List.of(
                        "model",
                        "requests",
                        "answered",
                        "errors",
                        "accuracy [95% CI]",
                        "refusal rate [95% CI]",
                        "halluc. rate [95% CI]",
                        "stability [95% CI]",
                        "majority acc.",
                        "p50 ms",
                        "p95 ms",
                        "tokens in/out",
                        "cost")) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        s.models()
                .forEach(
                        (model, st) -> {
                            out.append("<tr data-model=\"").append(esc(model)).append("\">");
                            out.append("<th scope=\"row\">").append(esc(model)).append("</th>");
                            td(out, Long.toString(st.requests()));
                            td(out, Long.toString(st.answered()));
                            td(out, errors(st));
                            td(
                                    out,
                                    withInterval(st.accuracy(), st.accuracyCi())
                                            + fraction(st.correct(), st.scored()));
                            td(out, withInterval(st.refusalRate(), st.refusalRateCi()));
                            td(out, withInterval(st.hallucinationRate(), st.hallucinationRateCi()));
                            td(
                                    out,
                                    st.samples().repeatedEvents() == 0
                                            ? "—"
                                            : withInterval(
                                                            st.samples().stability(),
                                                            st.samples().stabilityCi())
                                                    + fraction(
                                                            st.samples().stableEvents(),
                                                            st.samples().repeatedEvents()));
                            td(out, percent(st.samples().majorityAccuracy()));
                            td(out, orNone(st.latencyMsP50()));
                            td(out, orNone(st.latencyMsP95()));
                            td(out, st.inputTokens() + "/" + st.outputTokens());
                            td(out, cost(st.cost()));
                            out.append("</tr>\n");
                        });
        out.append("</tbody></table></div>\n");
        if (SummaryTable.judged(s)) {
            judged(out, s, suffix);
        }
        SvgCharts.perModel(out, s);

        out.append("<h2>Accuracy by category").append(esc(suffix)).append("</h2>\n");
        out.append(
                "<div class=\"scroll\"><table class=\"categories\">\n<thead><tr><th>category</th>");
        for (String model : s.models().keySet()) {
            out.append("<th>").append(esc(model)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        s.categories()
                .forEach(
                        (category, byModel) -> {
                            out.append("<tr data-category=\"").append(esc(category)).append("\">");
                            out.append("<th scope=\"row\">").append(esc(category)).append("</th>");
                            for (String model : s.models().keySet()) {
                                EndpointStats st = byModel.get(model);
                                if (st == null || st.accuracy() == null) {
                                    out.append("<td class=\"na\">").append(NONE).append("</td>");
                                } else {
                                    out.append("<td class=\"acc acc-")
                                            .append((int) Math.floor(st.accuracy() * 4.999))
                                            .append("\">")
                                            .append(esc(percent(st.accuracy())))
                                            .append(" <small>(")
                                            .append(st.correct())
                                            .append('/')
                                            .append(st.scored())
                                            .append(")</small></td>");
                                }
                            }
                            out.append("</tr>\n");
                        });
        out.append("</tbody></table></div>\n");
        SvgCharts.perCategory(out, s);
        out.append("</section>\n");
    }

    private record CaseKey(String category, String id, String run) {}

    private static void cases(
            StringBuilder out,
            List<AnswerRow> answers,
            CorpusIndex index,
            SortedMap<String, RunSummary> runs) {
        Comparator<CaseKey> order =
                Comparator.comparing(CaseKey::category)
                        .thenComparing(CaseKey::id)
                        .thenComparing(CaseKey::run);
        Map<String, CaseKey> keys = new HashMap<>();
        SortedMap<CaseKey, SortedMap<String, AnswerRow>> cases = new TreeMap<>(order);
        // A request's category is the smallest one its rows carry (normally they all agree).
        for (AnswerRow r : answers) {
            String k = r.run() + "\u0000" + r.requestId();
            String category = r.category() == null ? RunSummary.UNCATEGORIZED : r.category();
            CaseKey prev = keys.get(k);
            if (prev == null || category.compareTo(prev.category()) < 0) {
                keys.put(k, new CaseKey(category, r.requestId(), r.run()));
            }
        }
        for (AnswerRow r : answers) {
            if (!r.firstSample()) {
                continue; // a case shows each endpoint's first answer, as the rates count it
            }
            CaseKey key = keys.get(r.run() + "\u0000" + r.requestId());
            cases.computeIfAbsent(key, x -> new TreeMap<>()).put(r.endpoint(), r);
        }
        SortedSet<String> models = new TreeSet<>();
        SortedSet<String> categories = new TreeSet<>();
        answers.forEach(r -> models.add(r.endpoint()));
        cases.keySet().forEach(k -> categories.add(k.category()));

        out.append("<section id=\"cases\">\n<h2>Cases</h2>\n");
        filters(out, models, categories);
        out.append("<p class=\"counts\">Showing <span id=\"shown-count\">")
                .append(cases.size())
                .append("</span> of <span id=\"case-count\" data-total=\"")
                .append(cases.size())
                .append("\">")
                .append(cases.size())
                .append("</span> cases, <span id=\"answer-count\">")
                .append(answers.size())
                .append("</span> answers.</p>\n");

        Map<String, CorpusIndex.Preview> previews = new HashMap<>();
        int n = 0;
        for (Map.Entry<CaseKey, SortedMap<String, AnswerRow>> c : cases.entrySet()) {
            n++;
            CaseKey key = c.getKey();
            AnswerRow first = c.getValue().values().iterator().next();
            CorpusIndex.Entry entry = index.get(key.id());
            out.append("<article class=\"case\" id=\"case-")
                    .append(n)
                    .append("\" data-id=\"")
                    .append(esc(key.id()))
                    .append("\" data-category=\"")
                    .append(esc(key.category()))
                    .append("\" data-run=\"")
                    .append(esc(key.run()))
                    .append("\">\n<div class=\"case-head\"><span class=\"category\">")
                    .append(esc(key.category()))
                    .append("</span> <code class=\"rid\">")
                    .append(esc(key.id()))
                    .append("</code>");
            if (first.lang() != null) {
                out.append(" <span class=\"lang\">").append(esc(first.lang())).append("</span>");
            }
            if (runs.size() > 1) {
                out.append(" <span class=\"run\">").append(esc(key.run())).append("</span>");
            }
            out.append("</div>\n<div class=\"case-body\">\n");
            image(out, entry, index, previews, key.id());
            out.append("<div class=\"prompt\">\n<p class=\"question\">")
                    .append(esc(first.question()))
                    .append("</p>\n");
            if (entry == null) {
                out.append("<p class=\"ref missing\">request not found in the corpus</p>\n");
            } else {
                out.append(ReferenceHtml.render(entry.reference())).append('\n');
                if (entry.objects() != null) {
                    out.append("<p class=\"objects\"><span class=\"hint\">objects</span> ");
                    for (String o : entry.objects()) {
                        out.append("<span class=\"chip\">").append(esc(o)).append("</span> ");
                    }
                    out.append("</p>\n");
                }
            }
            out.append("</div>\n<div class=\"answers\">\n");
            for (String model : runs.get(key.run()).models().keySet()) {
                AnswerRow r = c.getValue().get(model);
                if (r == null) {
                    out.append("<div class=\"answer-absent\" data-model=\"")
                            .append(esc(model))
                            .append("\"><span class=\"model\">")
                            .append(esc(model))
                            .append("</span> <span class=\"hint\">not asked</span></div>\n");
                } else {
                    answer(out, r);
                }
            }
            out.append("</div>\n</div>\n</article>\n");
        }
        out.append("</section>\n");
    }

    private static void filters(
            StringBuilder out, SortedSet<String> models, SortedSet<String> categories) {
        out.append("<form id=\"filters\" class=\"filters\">\n");
        out.append("<fieldset><legend>Models</legend>");
        for (String m : models) {
            out.append("<label><input type=\"checkbox\" name=\"model\" value=\"")
                    .append(esc(m))
                    .append("\" checked> ")
                    .append(esc(m))
                    .append("</label> ");
        }
        out.append("</fieldset>\n<fieldset><legend>Category</legend>");
        out.append("<select name=\"category\" id=\"category-filter\">");
        out.append("<option value=\"\">all categories</option>");
        for (String c : categories) {
            out.append("<option value=\"")
                    .append(esc(c))
                    .append("\">")
                    .append(esc(c))
                    .append("</option>");
        }
        out.append("</select></fieldset>\n<fieldset><legend>Verdicts</legend>");
        for (String v : VERDICTS) {
            out.append("<label class=\"badge v-")
                    .append(v)
                    .append("\"><input type=\"checkbox\" name=\"verdict\" value=\"")
                    .append(v)
                    .append("\" checked> ")
                    .append(v.replace('-', ' '))
                    .append("</label> ");
        }
        out.append("</fieldset>\n</form>\n");
    }

    private static void image(
            StringBuilder out,
            CorpusIndex.Entry entry,
            CorpusIndex index,
            Map<String, CorpusIndex.Preview> previews,
            String id) {
        out.append("<figure class=\"thumb\">");
        CorpusIndex.Preview p = entry == null ? null : index.preview(entry, previews);
        if (entry == null) {
            out.append("<div class=\"noimg\">image unavailable</div>");
        } else if (p == null) {
            out.append("<div class=\"noimg\">no image</div>");
        } else if (p.dataUri() != null) {
            out.append("<img src=\"")
                    .append(p.dataUri())
                    .append("\" alt=\"image of ")
                    .append(esc(id))
                    .append("\">");
        } else {
            out.append("<div class=\"noimg\">").append(esc(p.unavailable()));
            if (p.url() != null) {
                out.append("<br><code class=\"url\">").append(esc(p.url())).append("</code>");
            }
            out.append("</div>");
        }
        out.append("</figure>\n");
    }

    private static void answer(StringBuilder out, AnswerRow r) {
        List<String> verdicts = verdicts(r);
        out.append("<div class=\"answer\" data-model=\"")
                .append(esc(r.endpoint()))
                .append("\" data-verdicts=\"")
                .append(String.join(" ", verdicts))
                .append("\">\n<div class=\"answer-head\"><span class=\"model\">")
                .append(esc(r.endpoint()))
                .append("</span>");
        if (!r.model().equals(r.endpoint())) {
            out.append(" <span class=\"served\">").append(esc(r.model())).append("</span>");
        }
        out.append(' ');
        for (String v : verdicts) {
            out.append("<span class=\"badge v-").append(v).append("\">");
            switch (v) {
                case "hallucination" ->
                        out.append("hallucination: ")
                                .append(esc(String.join(", ", r.hallucinatedObjects())));
                case "error" -> out.append("error: ").append(esc(r.errorKind()));
                case "no-reference" -> out.append("no reference");
                default -> out.append(v);
            }
            out.append("</span> ");
        }
        if (r.score() != null && r.score() > 0 && r.score() < 1) {
            out.append("<span class=\"score\">score ")
                    .append(String.format(Locale.ROOT, "%.2f", r.score()))
                    .append("</span>");
        }
        out.append("</div>\n");
        if (r.responseText() != null) {
            out.append("<p class=\"text\">").append(esc(r.responseText())).append("</p>\n");
        }
        if (r.errorMessage() != null) {
            out.append("<p class=\"error-message\">")
                    .append(esc(r.errorMessage()))
                    .append("</p>\n");
        }
        if (r.explanation() != null) {
            out.append("<p class=\"explanation\">").append(esc(r.explanation())).append("</p>\n");
        }
        StringJoiner meta = new StringJoiner(" · ");
        meta.add(r.latencyMs() + " ms");
        if (r.inputTokens() != null || r.outputTokens() != null) {
            meta.add(orNone(r.inputTokens()) + "/" + orNone(r.outputTokens()) + " tokens");
        }
        if (r.cost() != null) {
            meta.add("cost " + cost(r.cost()));
        }
        if (r.finishReason() != null) {
            meta.add("finish " + r.finishReason());
        }
        if (r.attempts() > 1) {
            meta.add(r.attempts() + " attempts");
        }
        out.append("<p class=\"meta\">").append(esc(meta.toString())).append("</p>\n</div>\n");
    }

    /** The verdict classes of an answer, in {@link #VERDICTS} order. */
    static List<String> verdicts(AnswerRow r) {
        List<String> out = new ArrayList<>();
        if (r.errorKind() != null) {
            out.add("error");
            return out;
        }
        if (Boolean.TRUE.equals(r.correct())) {
            out.add("correct");
        } else if (Boolean.FALSE.equals(r.correct())) {
            out.add("wrong");
        }
        if (Boolean.TRUE.equals(r.refusal())) {
            out.add("refusal");
        }
        if (Boolean.TRUE.equals(r.hallucination())) {
            out.add("hallucination");
        }
        if (r.correct() == null) {
            out.add("no-reference");
        }
        return out;
    }

    private static void td(StringBuilder out, String text) {
        out.append("<td>").append(esc(text)).append("</td>");
    }

    private static String errors(EndpointStats s) {
        if (s.errorsByKind().isEmpty()) {
            return Long.toString(s.errors());
        }
        StringJoiner kinds = new StringJoiner(", ", " (", ")");
        s.errorsByKind().forEach((k, v) -> kinds.add(k + ": " + v));
        return s.errors() + kinds.toString();
    }

    /**
     * Judge-based figures in a table of their own, so that a reader never takes a model judge's
     * verdicts for reference-based ones.
     */
    private static void judged(StringBuilder out, RunSummary s, String suffix) {
        out.append("<section class=\"judged\">\n<h2>Judge-graded").append(esc(suffix));
        out.append("</h2>\n<p class=\"note\">Answers without a reference graded by a model judge,")
                .append(" and answers without objects judged against a judge's list of the")
                .append(" image's objects (<code>judges:</code> in the endpoints file).")
                .append(" A judge is a model too: see how far it agrees with labelled answers")
                .append(" (<code>vlm-eval calibrate</code>) before trusting these figures; they")
                .append(" are not in the summary above.</p>\n");
        out.append("<div class=\"scroll\"><table class=\"judged\">\n<thead><tr>");
        for (String h :
                List.of(
                        "model",
                        "judged",
                        "judged accuracy [95% CI]",
                        "judged objects",
                        "judged halluc. rate [95% CI]")) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        s.models()
                .forEach(
                        (model, st) -> {
                            out.append("<tr data-model=\"").append(esc(model)).append("\">");
                            out.append("<th scope=\"row\">").append(esc(model)).append("</th>");
                            td(out, Long.toString(st.judged()));
                            td(
                                    out,
                                    withInterval(st.judgedAccuracy(), st.judgedAccuracyCi())
                                            + fraction(st.judgedCorrect(), st.judged()));
                            td(out, Long.toString(st.judgedWithObjects()));
                            td(
                                    out,
                                    withInterval(
                                                    st.judgedHallucinationRate(),
                                                    st.judgedHallucinationRateCi())
                                            + fraction(
                                                    st.judgedHallucinations(),
                                                    st.judgedWithObjects()));
                            out.append("</tr>\n");
                        });
        out.append("</tbody></table></div>\n</section>\n");
    }

    /** What each judge did and cost: its calls are in no model's tokens or cost. */
    private static void judges(StringBuilder out, SortedMap<String, JudgeStats> judges) {
        out.append("<section class=\"judges\">\n<h2>Judges</h2>\n");
        out.append("<p class=\"note\">Calls the judges made for this run, not counted in any")
                .append(" model's tokens or cost; one judgement per answer looked at")
                .append(" (<code>judgements.jsonl</code>).</p>\n");
        out.append("<div class=\"scroll\"><table class=\"judges\">\n<thead><tr>");
        for (String h :
                List.of(
                        "judge",
                        "judgements",
                        "calls",
                        "reused",
                        "verdicts correct/incorrect/unsure",
                        "lists",
                        "errors",
                        "skipped (budget)",
                        "p50 ms",
                        "tokens in/out",
                        "cost",
                        "prompts")) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        judges.forEach(
                (name, j) -> {
                    out.append("<tr data-judge=\"").append(esc(name)).append("\">");
                    out.append("<th scope=\"row\">").append(esc(name)).append("</th>");
                    td(out, Long.toString(j.judgements()));
                    td(out, Long.toString(j.calls()));
                    td(out, Long.toString(j.reused()));
                    td(out, j.verdictCounts());
                    td(out, Long.toString(j.listed()));
                    td(out, counts(j.errorsByKind()));
                    td(out, counts(j.skippedByReason()));
                    td(out, orNone(j.latencyMsP50()));
                    td(out, j.inputTokens() + "/" + j.outputTokens());
                    td(out, cost(j.cost()));
                    td(out, String.join(" ", j.promptVersions()));
                    out.append("</tr>\n");
                });
        out.append("</tbody></table></div>\n</section>\n");
    }

    private static String counts(SortedMap<String, Long> byKind) {
        if (byKind.isEmpty()) {
            return "0";
        }
        StringJoiner kinds = new StringJoiner(", ");
        byKind.forEach((k, v) -> kinds.add(k + ": " + v));
        return kinds.toString();
    }

    private static String fraction(long hits, long of) {
        return of == 0 ? "" : " (" + hits + "/" + of + ")";
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.toLowerCase(Locale.ROOT).contains("</script")
                    || text.toLowerCase(Locale.ROOT).contains("</style")) {
                throw new IllegalStateException(name + " must not contain a closing tag");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source expression of an inline script or style: {@code sha256-<base64>}. */
    static String sha256(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
