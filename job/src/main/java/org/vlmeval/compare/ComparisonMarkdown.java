package org.vlmeval.compare;

import java.util.List;

/**
 * {@code vlm-eval compare --markdown FILE}: a summary to post on a pull request. The verdict first,
 * then the overall rows and every significant category row (what a reviewer acts on), and the full
 * table folded away.
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {}

    public static String render(Comparison c) {
        StringBuilder md = new StringBuilder();
        md.append("### vlm-eval compare\n\n");
        md.append("Baseline `")
                .append(c.baseline())
                .append("`, candidate `")
                .append(c.candidate())
                .append("`.\n\n");
        md.append(c.regressions().isEmpty() ? "**No regression.** " : "**Regression.** ")
                .append(ComparisonText.verdict(c).replace("\n  ", "\n- "))
                .append("\n\n");
        List<ComparisonRow> headline =
                c.rows().stream()
                        .filter(
                                r ->
                                        r.category().equals(RunComparison.ALL_CATEGORIES)
                                                || r.significant(c.alpha()))
                        .toList();
        table(md, c, headline);
        md.append("\n<details><summary>All ").append(c.rows().size()).append(" rows</summary>\n\n");
        table(md, c, c.rows());
        md.append("\n</details>\n\n");
        md.append("Paired rows: exact McNemar test and Newcombe's interval on the events both runs")
                .append(" answered; unpaired rows: score test and Newcombe's hybrid interval;")
                .append(" p-values corrected by Holm. See docs/compare.md.\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Comparison c, List<ComparisonRow> rows) {
        md.append("| model | category | rate | baseline | candidate | delta pts [")
                .append(ComparisonText.confidence(c))
                .append(" CI] | test | p (Holm) | |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | --- | ---: | --- |\n");
        for (ComparisonRow r : rows) {
            md.append("| ")
                    .append(cell(r.endpoint()))
                    .append(" | ")
                    .append(cell(r.category()))
                    .append(" | ")
                    .append(r.measure().label())
                    .append(" | ")
                    .append(
                            ComparisonFigures.rate(
                                    r.baselineRate(), r.baselineSuccesses(), r.baselineEvents()))
                    .append(" | ")
                    .append(
                            ComparisonFigures.rate(
                                    r.candidateRate(), r.candidateSuccesses(), r.candidateEvents()))
                    .append(" | ")
                    .append(ComparisonFigures.delta(r.difference()))
                    .append(" | ")
                    .append(ComparisonFigures.test(r))
                    .append(" | ")
                    .append(ComparisonFigures.p(r.holmP()))
                    .append(" | ")
                    .append(
                            r.regression()
                                    ? "**REGRESSION**"
                                    : ComparisonFigures.verdict(r, c.alpha()))
                    .append(" |\n");
        }
    }

    /** Table cells cannot hold a pipe or a line break. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
