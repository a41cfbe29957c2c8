package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.numeric.ExtractedNumber;
import org.vlmeval.scoring.numeric.NumberExtractor;

import java.util.Optional;

/**
 * A numeric answer: the final number the response states (see {@link NumberExtractor} for how it is
 * chosen) must lie within {@code tolerance} of {@code value}.
 */
public record NumericReference(double value, double tolerance) implements Reference {

    public NumericReference {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be a finite number");
        }
        if (!(tolerance >= 0.0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be zero or positive");
        }
    }

    @Override
    public String type() {
        return "numeric";
    }

    @Override
    public String reading(String response, String question) {
        return NumberExtractor.extractAnswer(response, question)
                .map(NumericReference::reading)
                .orElseGet(() -> Reference.super.reading(response, question));
    }

    private static String reading(ExtractedNumber n) {
        return "number:" + Explain.number(n.value());
    }

    @Override
    public AnswerMatch match(String response, String question) {
        Optional<ExtractedNumber> found = NumberExtractor.extractAnswer(response, question);
        String expected =
                Explain.number(value) + (tolerance > 0 ? " ±" + Explain.number(tolerance) : "");
        if (found.isEmpty()) {
            return AnswerMatch.of(false, "numeric: no number found, expected " + expected);
        }
        ExtractedNumber n = found.get();
        // Absorb binary rounding of decimals such as 0.1 + 0.2 without widening real tolerances.
        double slack = 1e-9 * Math.max(1.0, Math.abs(value));
        boolean correct = Math.abs(n.value() - value) <= tolerance + slack;
        return AnswerMatch.of(
                        correct,
                        "numeric: read "
                                + Explain.number(n.value())
                                + " from '"
                                + Explain.clip(n.surface())
                                + "' ("
                                + n.rule()
                                + "), expected "
                                + expected)
                .withReading(reading(n));
    }
}
