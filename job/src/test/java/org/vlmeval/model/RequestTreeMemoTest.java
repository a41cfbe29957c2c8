package org.vlmeval.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-entry memo behind {@link JsonCodec#readRequestTree}: by identity, never by content. */
class RequestTreeMemoTest {

    @Test
    void theSameTextObjectIsParsedOnceAnEqualOneAgain() throws Exception {
        String a = "{\"id\":\"r1\",\"question\":\"How many?\"}";
        String b = new String(a.toCharArray());
        var first = JsonCodec.readRequestTree(a);
        assertThat(JsonCodec.readRequestTree(a)).isSameAs(first);
        var other = JsonCodec.readRequestTree(b);
        assertThat(other).isNotSameAs(first).isEqualTo(first);
        assertThat(JsonCodec.readRequestTree(a)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void invalidTextFailsEveryTimeAndLeavesTheMemoAlone() throws Exception {
        String good = "{\"id\":\"r1\"}";
        var tree = JsonCodec.readRequestTree(good);
        assertThatThrownBy(() -> JsonCodec.readRequestTree("[1]"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JsonCodec.readRequestTree("{"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(JsonCodec.readRequestTree(good)).isSameAs(tree);
    }
}
