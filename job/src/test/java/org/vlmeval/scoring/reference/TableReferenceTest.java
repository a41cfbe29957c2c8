package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TableReferenceTest {

    private static final TableReference BENCH =
            TableReference.of(
                    "model,MMMU,DocVQA\nLlama 3.2 11B,50.7,88.4\nQwen2-VL 7B,54.1,94.5\n");

    @Test
    void csvInAFencedBlock() {
        AnswerMatch m =
                BENCH.match(
                        "Here it is:\n```csv\nmodel,MMMU,DocVQA\nLlama 3.2 11B,50.7,88.4\nQwen2-VL 7B,54.1,94.5\n```",
                        "");
        assertThat(m.correct()).isTrue();
        assertThat(m.explanation()).isEqualTo("table: 9 of 9 cells match, 0 extra (3x3 read)");
    }

    @Test
    void markdownWithEmphasisCaseAndTrailingZeros() {
        AnswerMatch m =
                BENCH.match(
                        "| Model | MMMU | DocVQA |\n|:---|---:|---:|\n| **Llama 3.2 11B** | 50.70 | 88.4 |\n| qwen2-vl 7b | 54.1 | 94.5 |",
                        "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @Test
    void reorderedRowsAndColumnsStillMatch() {
        AnswerMatch m =
                BENCH.match(
                        "model,DocVQA,MMMU\nQwen2-VL 7B,94.5,54.1\nLlama 3.2 11B,88.4,50.7", "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @Test
    void theRowNameColumnIsFoundByItsHeaderWhenColumnsMove() {
        TableReference fruit = TableReference.of("fruit,count\napple,3\nbanana,2\norange,5\n");
        AnswerMatch m =
                fruit.match(
                        "| Count | Fruit |\n|---|---|\n| 3 | Apple |\n| 2 | Banana |\n| 5 | Orange |",
                        "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @Test
    void aWrongCellIsCountedOnce() {
        AnswerMatch m =
                BENCH.match(
                        "model,MMMU,DocVQA\nLlama 3.2 11B,50.7,88.4\nQwen2-VL 7B,54.1,95.4", "");
        assertThat(m.correct()).isFalse();
        // 8 of 9 match, 1 extra: F1 = 16 / 18
        assertThat(m.score()).isCloseTo(16.0 / 18, within(1e-12));
    }

    @Test
    void thousandsSeparatorsAreIgnoredInNumbers() {
        TableReference t = TableReference.of("item,price\ncar,\"12,500\"\n");
        assertThat(t.match("| item | price |\n|---|---|\n| car | 12500 |", "").correct()).isTrue();
    }

    @Test
    void currencyMarksAreIgnoredInNumberCells() {
        TableReference menu = TableReference.of("dish,price\nnoodles,28\ndumplings,15\n");
        assertThat(menu.match("| 菜品 | 价格 |\n|---|---|", "").correct()).isFalse();
        assertThat(menu.match("dish,price\nnoodles,28元\ndumplings,¥15", "").correct()).isTrue();
        assertThat(menu.match("dish,price\nnoodles,$28.00\ndumplings,15 USD", "").correct())
                .isTrue();
        assertThat(menu.match("dish,price\nnoodles,29元\ndumplings,15", "").correct()).isFalse();
    }

    @Test
    void noTableScoresZero() {
        AnswerMatch m = BENCH.match("Llama is better at MMMU.", "");
        assertThat(m.score()).isZero();
        assertThat(m.explanation()).isEqualTo("table: no table found in the answer");
    }

    @Test
    void anEmptyReferenceIsRejected() {
        assertThatThrownBy(() -> TableReference.of("\n")).hasMessageContaining("csv has no rows");
    }
}
