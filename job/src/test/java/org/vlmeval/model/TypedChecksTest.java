package org.vlmeval.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed checks only ever say "valid" where the JSON Schema validator agrees: every valid
 * example and every one-field mutation of it (removed, or replaced by each of a set of awkward
 * values) is run through both.
 */
class TypedChecksTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Schemas VALIDATOR = Schemas.validatorOnly();

    private static final String[] REQUESTS = {
        "{\"id\":\"a\",\"question\":\"q?\"}",
        "{\"id\":\"a\",\"ts\":\"2026-01-01T00:00:00Z\",\"run\":\"r\",\"category\":\"c\","
                + "\"lang\":\"zh-Hans\",\"question\":\"q?\",\"objects\":[\"cat\"],"
                + "\"objects_vocabulary\":\"coco80\","
                + "\"models\":[\"m1\",\"m2\"],\"repeats\":3,"
                + "\"reference\":{\"type\":\"numeric\",\"value\":3,\"tolerance\":0.5}}",
        "{\"id\":\"a\",\"ts\":1767225600000,\"question\":\"q\",\"image\":{\"url\":\"https://x/y.png\"},"
                + "\"reference\":{\"type\":\"exact\",\"answers\":[\"a\",\"\"]}}",
        "{\"id\":\"a\",\"question\":\"q\",\"image\":{\"data\":\"iVBO\",\"mime\":\"image/png\"},"
                + "\"reference\":{\"type\":\"vqa\",\"answers\":[\"a\"]}}",
        "{\"id\":\"a\",\"question\":\"q\",\"image\":{\"path\":\"coco/1.png\"},"
                + "\"reference\":{\"type\":\"anls\",\"answers\":[\"a\"],\"threshold\":0.5}}",
        "{\"id\":\"a\",\"question\":\"q\","
                + "\"reference\":{\"type\":\"choice\",\"answer\":\"B\",\"options\":{\"A\":\"x\",\"B\":\"y\"}}}",
        "{\"id\":\"a\",\"question\":\"q\",\"reference\":{\"type\":\"set\",\"items\":[\"a\",\"b\"]}}",
        "{\"id\":\"a\",\"question\":\"q\",\"reference\":{\"type\":\"table\",\"csv\":\"a,b\"}}",
        "{\"id\":\"a\",\"question\":\"q\",\"reference\":{\"type\":\"regex\",\"pattern\":\"^a$\"}}",
    };

    private static final String RESPONSE =
            "\"model\":\"m\",\"response\":{\"text\":\"t\",\"finish_reason\":\"stop\","
                    + "\"latency_ms\":800,\"input_tokens\":9,\"output_tokens\":1,\"sample\":2}";

    /** Values every field is replaced with in turn. */
    private static List<JsonNode> awkwardValues() {
        List<JsonNode> values = new ArrayList<>();
        for (String s :
                new String[] {
                    "",
                    "*",
                    "x",
                    "A",
                    "A\n",
                    "en",
                    "en\n",
                    "e",
                    "english",
                    "en-",
                    "en-abcdefghi",
                    "http://x",
                    "HTTPS://x",
                    "ftp://x",
                    "\u212Attps://x",
                    "image/png",
                    "image/",
                    "image/PNG",
                    "image/png\n",
                    "numeric",
                    "choice",
                    "set",
                    "\ud83d\ude00",
                    "2026-01-01T00:00:00Z",
                    "a".repeat(513),
                    "b".repeat(201),
                    "coco80",
                    "open",
                    "a-b_c",
                    "-a",
                    "_a",
                    "Coco80",
                    "a.b",
                    "../x",
                    "c".repeat(64),
                    "c".repeat(65)
                }) {
            values.add(F.textNode(s));
        }
        values.add(F.nullNode());
        values.add(F.booleanNode(true));
        for (long n :
                new long[] {-1, 0, 1, 2, 19, 20, 21, Integer.MAX_VALUE + 1L, Long.MAX_VALUE}) {
            values.add(F.numberNode(n)); // a LongNode
            if (n == (int) n) {
                values.add(F.numberNode((int) n)); // an IntNode, as small numbers parse
            }
        }
        values.add(F.numberNode(-0.0));
        values.add(F.numberNode(0.5));
        values.add(F.numberNode(1.5));
        values.add(F.numberNode(2.0));
        values.add(F.numberNode(Double.NaN));
        values.add(F.numberNode(new BigInteger("99999999999999999999999")));
        values.add(F.numberNode(new BigDecimal("-1E-400")));
        values.add(F.arrayNode());
        values.add(F.arrayNode().add("a").add("a"));
        values.add(F.arrayNode().add("a").add(""));
        values.add(F.arrayNode().add(1));
        values.add(F.objectNode());
        values.add(F.objectNode().put("A", "x"));
        values.add(F.objectNode().put("A", "x").put("B", ""));
        values.add(F.objectNode().put("A", "x").put("BB", "y"));
        values.add(F.objectNode().put("url", "http://x").put("data", "d"));
        values.add(F.objectNode().put("data", "d"));
        values.add(F.objectNode().put("type", "numeric"));
        return values;
    }

    @Test
    void everyValidExampleTakesTheShortcut() throws Exception {
        for (String request : REQUESTS) {
            ObjectNode node = JsonCodec.readObject(request);
            assertThat(TypedChecks.evalRequest(node)).as(request).isTrue();
            VALIDATOR.validateEvalRequest(node);
            ObjectNode recorded =
                    JsonCodec.readObject(
                            request.substring(0, request.length() - 1) + "," + RESPONSE + "}");
            assertThat(TypedChecks.recordedResponse(recorded)).as(recorded.toString()).isTrue();
            VALIDATOR.validateRecordedResponse(recorded);
        }
    }

    @Test
    void leavesFieldsItDoesNotKnowToTheValidator() throws Exception {
        ObjectNode request = JsonCodec.readObject("{\"id\":\"a\",\"question\":\"q\",\"x\":1}");
        VALIDATOR.validateEvalRequest(request);
        assertThat(TypedChecks.evalRequest(request)).isFalse();
        ObjectNode recorded =
                JsonCodec.readObject(
                        "{\"id\":\"a\",\"question\":\"q\","
                                + "\"model\":\"m\",\"response\":{\"text\":\"t\",\"x\":1}}");
        VALIDATOR.validateRecordedResponse(recorded);
        assertThat(TypedChecks.recordedResponse(recorded)).isFalse();
    }

    @Test
    void saysValidOnlyWhereTheValidatorAgrees() throws Exception {
        int checked = 0;
        for (String request : REQUESTS) {
            ObjectNode recorded =
                    JsonCodec.readObject(
                            request.substring(0, request.length() - 1) + "," + RESPONSE + "}");
            for (ObjectNode mutant : mutants(recorded)) {
                assertAgrees(mutant, true);
                ObjectNode plain = mutant.deepCopy();
                plain.remove("model");
                plain.remove("response");
                assertAgrees(plain, false);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static void assertAgrees(ObjectNode node, boolean recorded) {
        boolean typed =
                recorded ? TypedChecks.recordedResponse(node) : TypedChecks.evalRequest(node);
        if (!typed) {
            return;
        }
        try {
            if (recorded) {
                VALIDATOR.validateRecordedResponse(node);
            } else {
                VALIDATOR.validateEvalRequest(node);
            }
        } catch (InvalidInputException e) {
            throw new AssertionError("typed checks accept, the schema does not: " + node, e);
        }
    }

    /** The node with each field (at any depth) removed, or replaced by each awkward value. */
    private static List<ObjectNode> mutants(ObjectNode root) {
        List<ObjectNode> out = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        collect(root, "", pointers);
        for (String pointer : pointers) {
            int slash = pointer.lastIndexOf('/');
            String parent = pointer.substring(0, slash);
            String name = pointer.substring(slash + 1);
            ObjectNode removed = root.deepCopy();
            JsonNode p = removed.at(parent);
            if (p instanceof ObjectNode o) {
                o.remove(name);
            } else if (p instanceof ArrayNode a) {
                a.remove(Integer.parseInt(name));
            }
            out.add(removed);
            for (JsonNode value : awkwardValues()) {
                ObjectNode copy = root.deepCopy();
                JsonNode q = copy.at(parent);
                if (q instanceof ObjectNode o) {
                    o.set(name, value);
                } else if (q instanceof ArrayNode a) {
                    a.set(Integer.parseInt(name), value);
                }
                out.add(copy);
            }
        }
        for (String extra :
                new String[] {"/image", "/reference/tolerance", "/reference/threshold"}) {
            for (JsonNode value : awkwardValues()) {
                ObjectNode copy = root.deepCopy();
                JsonNode q = copy.at(extra.substring(0, extra.lastIndexOf('/')));
                if (q instanceof ObjectNode o) {
                    o.set(extra.substring(extra.lastIndexOf('/') + 1), value);
                    out.add(copy);
                }
            }
        }
        return out;
    }

    private static void collect(JsonNode node, String at, List<String> pointers) {
        if (node.isObject()) {
            node.fieldNames()
                    .forEachRemaining(
                            name -> {
                                pointers.add(at + "/" + name);
                                collect(node.get(name), at + "/" + name, pointers);
                            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.add(at + "/" + i);
                collect(node.get(i), at + "/" + i, pointers);
            }
        }
    }
}
