package org.vlmeval.journal;

import org.vlmeval.endpoints.ErrorKind;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JournalRuleTest {

    static final Question Q =
            new Question("q1", "run", null, null, Instant.EPOCH, "?", null, "{}", "f:1", false);

    static CallResult answer() {
        return new CallResult(Q, "ep", "m", "4", "stop", null, null, 10, 5, 1, 0.01, 1);
    }

    static CallResult error(String kind) {
        return new CallResult(Q, "ep", "m", null, null, kind, "boom", 10, null, null, null, 1);
    }

    @Test
    void answersAreJournalled() {
        assertThat(JournalRule.journalled(answer())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void onlyErrorsThatWouldRepeatAreJournalled(ErrorKind kind) {
        Set<ErrorKind> repeatable =
                Set.of(ErrorKind.CLIENT_ERROR, ErrorKind.BAD_RESPONSE, ErrorKind.IMAGE_ERROR);

        assertThat(JournalRule.journalled(error(kind.jsonName())))
                .as(kind.jsonName())
                .isEqualTo(repeatable.contains(kind));
    }

    @Test
    void unknownKindsAndReusedOutcomesAreNotJournalled() {
        assertThat(JournalRule.journalled(error("something_new"))).isFalse();
        CallResult reused = JournalEntry.of(answer()).reusedFor(Q, "ep");
        assertThat(reused.reused()).isTrue();
        assertThat(JournalRule.journalled(reused)).isFalse();
    }

    @Test
    void aReusedOutcomeCarriesTheOriginalCallsFacts() {
        CallResult reused = JournalEntry.of(answer()).reusedFor(Q, "ep");

        assertThat(reused).usingRecursiveComparison().ignoringFields("reused").isEqualTo(answer());
    }
}
