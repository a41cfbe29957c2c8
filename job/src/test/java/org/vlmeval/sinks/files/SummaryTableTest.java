package org.vlmeval.sinks.files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    /**
     * RunSummaryTest's rows. Wilson 95% bounds: 1 of 2 gives [9.5%, 90.5%], 1 of 1 [20.7%, 100%].
     * Latencies of a: 50, 100, 200, 300, 30000 ms; of b: 80, 400 ms.
     */
    @Test
    void rendersModelsAndCategories() {
        assertThat(SummaryTable.render(RunSummary.of(RunSummaryTest.ROWS)))
                .isEqualTo(
                        """
                        Run r1

                        model  requests  answered  errors    accuracy [95% CI]  refusal rate  halluc. rate  stability  p50 ms  p95 ms  tokens in/out  cost
                        -----  --------  --------  ------  -------------------  ------------  ------------  ---------  ------  ------  -------------  ----
                        a             5         3       2     50.0% [9.5–90.5]         33.3%         50.0%          —     200   30000          30/12  0.03
                        b             2         1       1  100.0% [20.7–100.0]          0.0%             —          —      80     400            3/1     —

                        Accuracy by category
                        category                 a             b
                        -------------  -----------  ------------
                        chart          50.0% (1/2)  100.0% (1/1)
                        uncategorized            —             —
                        """);
    }
}
