package org.vlmeval.judges;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Replies as judge models write them, and what each must give. */
class JudgeReplyParserTest {

    static Stream<Arguments> gradeReplies() {
        return Stream.of(
                Arguments.of(
                        "plain",
                        "{\"verdict\": \"correct\", \"rationale\": \"The label says 20 kcal per"
                                + " piece; 5 x 20 = 100.\"}",
                        JudgeVerdict.CORRECT,
                        "The label says 20 kcal per piece; 5 x 20 = 100."),
                Arguments.of(
                        "fenced json",
                        "```json\n{\n  \"verdict\": \"incorrect\",\n  \"rationale\": \"There are 7"
                                + " kinds of fruit, not 6.\"\n}\n```",
                        JudgeVerdict.INCORRECT,
                        "There are 7 kinds of fruit, not 6."),
                Arguments.of(
                        "fence without language",
                        "```\n{\"verdict\":\"unsure\",\"rationale\":\"The text is too blurry.\"}\n```",
                        JudgeVerdict.UNSURE,
                        "The text is too blurry."),
                Arguments.of(
                        "prose around it",
                        "Let me look at the image carefully. The basket holds apples, bananas,"
                                + " oranges, grapes, lemons, pears and strawberries.\n\nHere is my"
                                + " assessment: {\"verdict\": \"incorrect\", \"rationale\": \"seven"
                                + " kinds are visible\"} I hope this helps!",
                        JudgeVerdict.INCORRECT,
                        "seven kinds are visible"),
                Arguments.of(
                        "single quotes",
                        "{'verdict': 'correct', 'rationale': 'the label gives 100 kcal'}",
                        JudgeVerdict.CORRECT,
                        "the label gives 100 kcal"),
                Arguments.of(
                        "apostrophes in the prose and in a double-quoted rationale",
                        "It's clear from the image: {\"verdict\": \"incorrect\", \"rationale\":"
                                + " \"the model's count is off by one\"}",
                        JudgeVerdict.INCORRECT,
                        "the model's count is off by one"),
                Arguments.of(
                        "unquoted keys and a trailing comma",
                        "{verdict: \"correct\", rationale: \"matches the sign\",}",
                        JudgeVerdict.CORRECT,
                        "matches the sign"),
                Arguments.of(
                        "capitalised key and verdict with a full stop",
                        "{\"Verdict\": \"Incorrect.\", \"Rationale\": \"wrong colour\"}",
                        JudgeVerdict.INCORRECT,
                        "wrong colour"),
                Arguments.of(
                        "no rationale", "{\"verdict\": \"correct\"}", JudgeVerdict.CORRECT, ""),
                Arguments.of(
                        "reason instead of rationale",
                        "{\"verdict\": \"incorrect\", \"reason\": \"the answer refuses\"}",
                        JudgeVerdict.INCORRECT,
                        "the answer refuses"),
                Arguments.of(
                        "the template echoed before the answer",
                        "Format: {\"verdict\": \"correct|incorrect|unsure\"}\nAnswer:"
                                + " {\"verdict\": \"correct\", \"rationale\": \"ok\"}",
                        JudgeVerdict.CORRECT,
                        "ok"),
                Arguments.of(
                        "chinese verdict and rationale",
                        "```json\n{\"verdict\": \"错误\", \"rationale\": \"营养表显示每份含钠15毫克。\"}\n```",
                        JudgeVerdict.INCORRECT,
                        "营养表显示每份含钠15毫克。"),
                Arguments.of(
                        "braces in prose before the JSON",
                        "The answer {as given} is wrong.\n{\"verdict\": \"incorrect\","
                                + " \"rationale\": \"wrong\"}",
                        JudgeVerdict.INCORRECT,
                        "wrong"),
                Arguments.of(
                        "braces inside a string",
                        "{\"verdict\": \"correct\", \"rationale\": \"the CSV {a,b} matches\"}",
                        JudgeVerdict.CORRECT,
                        "the CSV {a,b} matches"),
                Arguments.of(
                        "comment in the JSON",
                        "{\n  // the kcal check\n  \"verdict\": \"correct\"\n}",
                        JudgeVerdict.CORRECT,
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradeReplies")
    void readsTheVerdict(String what, String reply, JudgeVerdict verdict, String rationale)
            throws JudgeReplyException {
        JudgeReplyParser.Grade g = JudgeReplyParser.grade(reply, "stop");
        assertThat(g.verdict()).isEqualTo(verdict);
        assertThat(g.rationale()).isEqualTo(rationale);
    }

    static Stream<Arguments> badGradeReplies() {
        return Stream.of(
                Arguments.of("empty", "", "stop", JudgeErrorKind.NO_JSON),
                Arguments.of(
                        "prose only", "The answer is correct.", "stop", JudgeErrorKind.NO_JSON),
                Arguments.of(
                        "garbage",
                        "<html><body>502 Bad Gateway</body></html>",
                        "stop",
                        JudgeErrorKind.NO_JSON),
                Arguments.of(
                        "cut off",
                        "Let me think step by step. First, the label shows 20 kcal per piece,"
                                + " and {\"verdict\": \"corr",
                        "length",
                        JudgeErrorKind.TRUNCATED),
                Arguments.of(
                        "no verdict key",
                        "{\"score\": 1, \"rationale\": \"fine\"}",
                        "stop",
                        JudgeErrorKind.MISSING_VERDICT),
                Arguments.of(
                        "partial credit is no verdict",
                        "{\"verdict\": \"partially correct\"}",
                        "stop",
                        JudgeErrorKind.UNKNOWN_VERDICT),
                Arguments.of(
                        "the template only",
                        "{\"verdict\": \"correct|incorrect|unsure\", \"rationale\": \"...\"}",
                        "stop",
                        JudgeErrorKind.UNKNOWN_VERDICT),
                Arguments.of(
                        "a number", "{\"verdict\": 1}", "stop", JudgeErrorKind.UNKNOWN_VERDICT),
                Arguments.of(
                        "two different verdicts",
                        "First impression: {\"verdict\": \"correct\"}. On reflection:"
                                + " {\"verdict\": \"incorrect\"}",
                        "stop",
                        JudgeErrorKind.AMBIGUOUS_VERDICT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGradeReplies")
    void neverMakesUpAVerdict(String what, String reply, String finish, JudgeErrorKind kind) {
        assertThatThrownBy(() -> JudgeReplyParser.grade(reply, finish))
                .isInstanceOf(JudgeReplyException.class)
                .satisfies(e -> assertThat(((JudgeReplyException) e).kind()).isEqualTo(kind));
    }

    static Stream<Arguments> objectsReplies() {
        return Stream.of(
                Arguments.of(
                        "plain",
                        "{\"objects\": [\"apple\", \"banana\", \"basket\"]}",
                        List.of("apple", "banana", "basket")),
                Arguments.of(
                        "fenced, with prose",
                        "Sure! Here are the objects I can see:\n```json\n{\"objects\": [\"traffic"
                                + " light\", \"car\", \"bicycle\"]}\n```\nLet me know if you need"
                                + " more.",
                        List.of("traffic light", "car", "bicycle")),
                Arguments.of(
                        "repeats and blanks dropped, names trimmed",
                        "{\"objects\": [\" Apple \", \"apple\", \"\", \"pear\"]}",
                        List.of("Apple", "pear")),
                Arguments.of("a bare list", "[\"dog\", \"sofa\"]", List.of("dog", "sofa")),
                Arguments.of(
                        "entries with names",
                        "{\"objects\": [{\"name\": \"cat\", \"count\": 2}, {\"name\": \"rug\"}]}",
                        List.of("cat", "rug")),
                Arguments.of("nothing visible", "{\"objects\": []}", List.of()),
                Arguments.of(
                        "chinese names", "{\"objects\": [\"苹果\", \"香蕉\"]}", List.of("苹果", "香蕉")),
                Arguments.of(
                        "single quotes",
                        "{'objects': ['menu', 'table']}",
                        List.of("menu", "table")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsReplies")
    void readsTheObjects(String what, String reply, List<String> objects)
            throws JudgeReplyException {
        assertThat(JudgeReplyParser.objects(reply, "stop").objects()).isEqualTo(objects);
    }

    static Stream<Arguments> badObjectsReplies() {
        return Stream.of(
                Arguments.of("prose", "I see a dog and a sofa.", JudgeErrorKind.NO_JSON),
                Arguments.of("no objects key", "{\"items\": 3}", JudgeErrorKind.MISSING_OBJECTS),
                Arguments.of(
                        "not a list", "{\"objects\": \"dog, sofa\"}", JudgeErrorKind.BAD_OBJECTS),
                Arguments.of("numbers", "{\"objects\": [1, 2]}", JudgeErrorKind.BAD_OBJECTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badObjectsReplies")
    void refusesWhatIsNoList(String what, String reply, JudgeErrorKind kind) {
        assertThatThrownBy(() -> JudgeReplyParser.objects(reply, "stop"))
                .isInstanceOf(JudgeReplyException.class)
                .satisfies(e -> assertThat(((JudgeReplyException) e).kind()).isEqualTo(kind));
    }
}
