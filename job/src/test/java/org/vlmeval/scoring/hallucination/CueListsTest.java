package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CueListsTest {

    @Test
    void listsSpanLinesIncludeOtherListsAndRemoveWords() {
        CueLists lists =
                CueLists.parseLists(
                        "t.txt",
                        "# comment\n"
                                + "a : on, in\n"
                                + "a : within\n\n"
                                + "b : @a, !within, and\n");
        assertEquals(Set.of("on", "in", "within"), lists.get("a"));
        assertEquals(Set.of("on", "in", "and"), lists.get("b"));
    }

    @Test
    void malformedLinesNameFileAndLine() {
        assertMessage("t.txt:2:", () -> CueLists.parseLists("t.txt", "a : x\nb x, y\n"));
        assertMessage("t.txt:1:", () -> CueLists.parseLists("t.txt", "a : x, , y\n"));
        assertMessage("t.txt:1:", () -> CueLists.parseLists("t.txt", "a : @missing\n"));
        assertMessage("t.txt:2:", () -> CueLists.parseLists("t.txt", "a : x\na : !y\n"));
        assertMessage("t.txt:1:", () -> CueLists.parseLists("t.txt", "a : Upper\n"));
        assertMessage("z.txt:1:", () -> CueLists.parseCues("z.txt", "negg : 没有\n"));
        assertMessage("z.txt:2:", () -> CueLists.parseCues("z.txt", "neg : 没有\nyes : 没有\n"));
    }

    @Test
    void cueKindsAreTokenCuesWithDashes() {
        Map<String, Token.Cue> cues = CueLists.parseCues("z.txt", "neg-both : 不存在\npost-neg : 不在");
        assertEquals(Token.Cue.NEG_BOTH, cues.get("不存在"));
        assertEquals(Token.Cue.POST_NEG, cues.get("不在"));
    }

    @Test
    void builtInFilesLoadAndAnUnknownListIsAnError() {
        assertTrue(CueLists.english().get("negations").contains("without"));
        assertEquals(Token.Cue.NEG, CueLists.chinese().get("没有"));
        assertMessage("cues/en-words.txt: no list", () -> CueLists.english().get("nope"));
    }

    private static void assertMessage(String prefix, Runnable r) {
        IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
