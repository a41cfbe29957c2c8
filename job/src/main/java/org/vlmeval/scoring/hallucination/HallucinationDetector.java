package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.vlmeval.scoring.hallucination.Words.DRINKING_GLASSES;
import static org.vlmeval.scoring.hallucination.Words.STEMWARE_DRINKS;

/**
 * CHAIR-style object hallucination: objects asserted present that are not in the image.
 *
 * <p>An answer is scanned once: the folded text is split into English words, clause marks and the
 * longest Chinese name or cue at each Han position; runs of English words are then matched against
 * the vocabulary with a word trie (longest match, so "hot dog" is not "dog" and "cart" is not
 * "car"). A single left-to-right pass then decides which mentions are asserted:
 *
 * <ul>
 *   <li><b>Negation scope</b>: a cue (no, not, n't, never, without, neither, nor, none, nothing,
 *       cannot, lack, absence, "instead of", "rather than"; 没有, 没, 无, 并无, 不是, 并非, 未见, 看不到, 看不见,
 *       找不到, 不存在, 不含, 毫无 …) negates the mentions after it up to the end of the clause. A clause
 *       ends at . ! ? ; : a newline, 。, the Chinese comma ，, the words but, however, although,
 *       though, whereas, while, yet, except, besides, "apart from", "other than", "instead" and 但,
 *       但是, 然而, 不过, 可是, 而是, 却, 只是. An ASCII comma ends it too unless what follows looks like the
 *       next item of a negated list ("no dogs, cats, or birds"). A locative preposition (on, in,
 *       near, under …) ends an English negation, so "there is no dog on the sofa" still asserts the
 *       sofa, except before the verb of a negative subject (nobody, no one, none of): "nobody in
 *       the crowd has an umbrella" negates the umbrella. "No" followed by punctuation is an answer
 *       particle, not a determiner; "not only" negates nothing. "unable to" and "fail(s/ed) to"
 *       negate like "can't" when a verb of perception follows (see, find, spot, notice, detect,
 *       locate …, optionally after an adverb in -ly); so do 未能, 没能, 未找到, 无法找到, 无法发现 ….
 *   <li><b>Negation after the object</b>: a negation followed within three words by a presence word
 *       (visible, present, seen, shown, there, in the image …), or absent / missing, and the
 *       Chinese 不在, 不存在, 不可见, negate the mentions earlier in the clause ("the dog is not visible").
 *       Such a clause restarts at "and" when it already has a verb or "and" does not follow an
 *       object ("a cat sits on the sofa and the dog is not visible" keeps the cat and the sofa;
 *       "the cat and the dog are not visible" negates both).
 *   <li><b>Comparisons</b>: the name right after looks (a bit / more …) like, shaped like,
 *       resembles, similar (in shape) to, reminds (me) of, reminiscent of, akin to, mistaken for,
 *       "in the shape of", and 像, 好像, 长得像, 看起来像, 有点像, 类似, 酷似 … is compared with, not asserted, and
 *       so are names joined to it by and / or / than / a list comma. A clause after "looks like" is
 *       still an assertion: "it looks like there is a dog", "looks like a dog is sleeping"; so is
 *       好像有 / 像有 (an existence verb follows), and a bare 像 opening a clause lists examples ("such
 *       as"). Image words holding 像 (图像, 影像, 摄像头 …) are blocked.
 *   <li><b>Topics</b>: names in a topic phrase at the start of a clause (regarding, concerning,
 *       about — not "about three" —, as for, as to, with regard to, with respect to, speaking of,
 *       when it comes to, in terms of; 关于, 至于, 对于, 说到) that a comma or colon ends, and names in a
 *       verbless fragment that a colon ends ("The kiwi: ..."), are held. They are asserted only if
 *       the next clause takes them up and has no negation or condition: it opens with a pronoun
 *       (it, they, both …; 它, 它们), yes, present / visible, a number above zero, or 有 / 在; or, after
 *       a fragment, it has no finite verb ("Laptop: open on the desk"). A topic phrase that no
 *       comma or colon ends counts as usual.
 *   <li><b>Hypotheticals</b>: if, whether, unless, suppose, imagine, assuming; 如果, 假如, 假设, 若, 要是,
 *       倘若, 是否 make the rest of the clause non-asserting.
 *   <li><b>Questions</b>: a sentence ending in "?" asserts nothing, so an answer that restates the
 *       question ("Is there a dog? No.") does not assert it; its objects count only when the next
 *       sentence starts with yes / yeah / correct / 是的 / 对.
 *   <li><b>Modifiers</b>: names marked {@code ~} in the vocabulary ("orange", "glass", "apple",
 *       "lime" …) are skipped when used as a colour, material or brand: followed by another noun or
 *       a colour word, or after is / are / in / a colour ("an orange umbrella", "the cat is
 *       orange", "lime green"). Any English name glued by a hyphen to shaped, like, colored,
 *       themed, print … ("dog-shaped") is skipped too.
 *   <li><b>Quoted and reported text</b>: text in "…", “…”, 《…》, 「…」, 『…』 or a capitalised *italic*
 *       title asserts nothing; nor does the next name after titled, entitled, named, called, 书名,
 *       标题, 名为. After reads, says, lists, written, "menu shows" and 写着, 印着 … nothing is asserted to
 *       the end of the sentence, or to a comma or "and" that starts a stretch with a verb of its
 *       own. Not after reads / reading done by a person ("a man reading a book" asserts the book).
 *   <li><b>Size comparisons</b>: the name after than (not "more than two"), the second as of "as
 *       big as", "the size / height of", "compared to", 比 / 比起, and between 和 / 跟 / 与 and 差不多 / 一样
 *       (unless a name precedes the connector: 猫和狗一样大 names both) is compared with.
 *   <li><b>Authors</b>: persons named before a verb of depiction (drew, painted, sketched, wrote,
 *       designed, photographed …; 画了, 画的, 写了, 拍的 …) in a clause without another verb made the
 *       picture and are not asserted ("the child drew a house", 孩子画了一只猫头鹰). Not before a colour or
 *       "by" ("a house painted white").
 *   <li><b>像…一样</b>: 像 followed by names and 一样 / 差不多 is a comparison even at a clause start.
 *   <li><b>Classifying possessives</b>: "a chef's knife" / "chef's knife" asserts the knife only;
 *       "the chef's knife" keeps the chef.
 *   <li><b>Examples after a negation</b>: ", such as", ", like", ", e.g.", ", including", "，比如",
 *       "，例如" keep the negated clause open ("no other animals, such as hippos").
 *   <li><b>Drinking glasses</b>: "a glass of water", "glasses of milk" are a cup (COCO's drinking
 *       glass); "a glass of wine" stays a wine glass.
 *   <li><b>Presupposed by the question</b>: with the question given, an asserted object that it
 *       names as given ("What is on the shelf?") is neither hallucinated nor unverifiable ({@link
 *       Presupposition}).
 *   <li><b>Parts</b>: a part (leaf) of a listed whole (tree), per the {@code @part} lines of the
 *       vocabulary, is no hallucination. A Chinese name before a flavour, colour or shape head
 *       (草莓味, 咖啡色, 心形, 图案) names no object.
 * </ul>
 *
 * <p>The word lists and Chinese cues these rules test are data ({@code cues/en-words.txt}, {@code
 * cues/zh-cues.txt}, read by {@link CueLists}); the pass itself is {@link Pass}, with one state
 * component per rule family. The families and their precedence are defined in {@link RuleFamily}
 * and described, with the file formats, in docs/rules.md ("Object hallucination rules").
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HallucinationDetector {

    private static final class BuiltIn {
        static final HallucinationDetector INSTANCE =
                new HallucinationDetector(ObjectVocabulary.builtIn());
    }

    /** The concepts a drinking glass is judged as ("a glass of water" / "a glass of wine"). */
    private static final String CUP = "cup";

    private static final String WINE_GLASS = "wine glass";

    private final ObjectVocabulary vocabulary;
    private final WordTrie englishTrie;
    private final Lexer lexer;

    private HallucinationDetector(ObjectVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.englishTrie = vocabulary.englishTrie();
        Map<String, Object> chinese = new HashMap<>(Words.CHINESE_CUES);
        chinese.putAll(vocabulary.chineseNames());
        this.lexer = new Lexer(CharTrie.of(chinese));
    }

    /** A detector over the built-in vocabulary (one shared instance). */
    public static HallucinationDetector create() {
        return BuiltIn.INSTANCE;
    }

    /** A detector over the given vocabulary. */
    public static HallucinationDetector create(ObjectVocabulary vocabulary) {
        return new HallucinationDetector(Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    /**
     * @param response the answer text, English or Chinese
     * @param objectsPresent the objects truly in the image, in English or Chinese
     */
    public ObjectMentions detect(String response, List<String> objectsPresent) {
        return detect(response, objectsPresent, null);
    }

    /**
     * @param response the answer text, English or Chinese
     * @param objectsPresent the objects truly in the image, in English or Chinese
     * @param closed the closed vocabulary the objects list was annotated over, or null for the open
     *     vocabulary (every mention judged, as {@link #detect(String, List)})
     */
    public ObjectMentions detect(
            String response, List<String> objectsPresent, ClosedVocabulary closed) {
        return detect(response, objectsPresent, closed, null);
    }

    /**
     * As {@link #detect(String, List, ClosedVocabulary)}, with the question the answer replies to.
     * An asserted object that the question presupposes ("What is on <b>the shelf</b>?", 桌子上有什么？) is
     * neither hallucinated nor unverifiable: the answer only takes it up. It stays in {@link
     * ObjectMentions#asserted()} and is listed in {@link ObjectMentions#presupposed()} (see {@link
     * Presupposition} for which objects a question presupposes).
     *
     * @param question the question asked, or null (nothing presupposed)
     */
    public ObjectMentions detect(
            String response,
            List<String> objectsPresent,
            ClosedVocabulary closed,
            String question) {
        if (response == null || response.isEmpty()) {
            return new ObjectMentions(List.of(), List.of());
        }
        List<Token> tokens = matchEnglish(lexer.lex(Lexer.fold(response)));
        Map<String, String> asserted = new Pass(tokens).run();
        if (asserted.isEmpty()) {
            return new ObjectMentions(List.of(), List.of());
        }
        Set<String> presupposed =
                question == null || question.isBlank()
                        ? Set.of()
                        : Presupposition.concepts(matchEnglish(lexer.lex(Lexer.fold(question))));
        Set<String> present = presentKeys(objectsPresent);
        return closed == null
                ? judgeOpen(asserted, present, presupposed)
                : judgeClosed(asserted, present, closed, presupposed);
    }

    /**
     * Why the mentions of an answer that it does not assert are withheld: display name → the first
     * family (in {@link RuleFamily} order) that withheld it. For tests and rule debugging.
     */
    Map<String, RuleFamily> withheld(String response) {
        if (response == null || response.isEmpty()) {
            return Map.of();
        }
        Pass pass = new Pass(matchEnglish(lexer.lex(Lexer.fold(response))), true);
        pass.run();
        return pass.withheld();
    }

    private ObjectMentions judgeOpen(
            Map<String, String> asserted, Set<String> present, Set<String> presupposed) {
        Set<String> listedGroups = new HashSet<>();
        for (String key : present) {
            if (vocabulary.concepts().contains(key)) {
                listedGroups.add(vocabulary.group(key));
            }
        }
        List<String> hallucinated = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        asserted.forEach(
                (concept, display) -> {
                    if (presupposed.contains(concept)) {
                        taken.add(display);
                        return;
                    }
                    boolean judgeable =
                            vocabulary.checkedWithoutItsGroup(concept)
                                    || listedGroups.contains(vocabulary.group(concept));
                    if (judgeable && absent(concept, display, present)) {
                        hallucinated.add(display);
                    }
                });
        return new ObjectMentions(
                new ArrayList<>(asserted.values()), hallucinated, List.of(), taken);
    }

    /**
     * CHAIR semantics: a mention is judged by its class. Outside the vocabulary it is unverifiable;
     * inside, it is hallucinated when neither it (as in the open vocabulary) nor any object of its
     * class is listed. Every class is judged whatever the list holds: the annotation covers them
     * all, so the open vocabulary's when-listed groups do not apply.
     */
    private ObjectMentions judgeClosed(
            Map<String, String> asserted,
            Set<String> present,
            ClosedVocabulary closed,
            Set<String> presupposed) {
        Set<String> presentClasses = new HashSet<>();
        for (String key : present) {
            String cls = closed.classOf(key, key);
            if (cls != null) {
                presentClasses.add(cls);
            }
        }
        List<String> hallucinated = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        asserted.forEach(
                (concept, display) -> {
                    String cls = closed.classOf(concept, display);
                    if (presupposed.contains(concept)) {
                        taken.add(display);
                    } else if (cls == null) {
                        unverifiable.add(display);
                    } else if (!presentClasses.contains(cls) && absent(concept, display, present)) {
                        hallucinated.add(display);
                    }
                });
        return new ObjectMentions(
                new ArrayList<>(asserted.values()), hallucinated, unverifiable, taken);
    }

    /** The mention is not listed: neither its object, nor a whole it is part of, nor its name. */
    private boolean absent(String concept, String display, Set<String> present) {
        return !present.contains(concept)
                && vocabulary.wholes(concept).stream().noneMatch(present::contains)
                && !present.contains(phraseKey(display));
    }

    /** Replaces runs of English words that form a vocabulary name with one MENTION token. */
    private List<Token> matchEnglish(List<Token> raw) {
        List<Token> out = new ArrayList<>(raw.size());
        int i = 0;
        while (i < raw.size()) {
            Token t = raw.get(i);
            if (t.kind == Token.Kind.WORD) {
                WordTrie.Match m = englishTrie.longestMatch(raw, i);
                if (m != null) {
                    if (m.name().isBlocker()) {
                        out.addAll(raw.subList(i, m.end()));
                    } else {
                        VocabularyName name = m.name();
                        if (m.end() == i + 1 && DRINKING_GLASSES.contains(t.text)) {
                            name = glassOf(name, raw, m.end());
                        }
                        out.add(
                                Token.englishMention(
                                        name, raw.get(m.end() - 1).text, t.hyphenBefore));
                    }
                    i = m.end();
                    continue;
                }
            }
            out.add(t);
            i++;
        }
        return out;
    }

    /**
     * "a glass of water", "two glasses of milk": a drinking glass, which the COCO label space calls
     * a cup; "a glass of (red) wine" is a wine glass. Without "of" the name keeps its vocabulary
     * meaning (a bare "glass" is a wine glass, "glasses" are eyeglasses). Only when the vocabulary
     * has the concept; the display stays "glass".
     */
    private VocabularyName glassOf(VocabularyName name, List<Token> raw, int of) {
        if (of >= raw.size() || !raw.get(of).isWord("of")) {
            return name;
        }
        String concept = CUP;
        for (int j = of + 1; j < Math.min(raw.size(), of + 4); j++) {
            Token x = raw.get(j);
            if (x.kind != Token.Kind.WORD) {
                break;
            }
            if (STEMWARE_DRINKS.contains(x.text)) {
                concept = WINE_GLASS;
                break;
            }
        }
        return vocabulary.concepts().contains(concept)
                ? new VocabularyName(concept, "glass", false)
                : name;
    }

    private Set<String> presentKeys(List<String> objectsPresent) {
        Set<String> keys = new HashSet<>();
        if (objectsPresent == null) {
            return keys;
        }
        for (String o : objectsPresent) {
            if (o == null) {
                continue;
            }
            VocabularyName name = vocabulary.lookup(o);
            if (name != null && !name.isBlocker()) {
                keys.add(name.concept());
                continue;
            }
            String k = phraseKey(o);
            if (!k.isEmpty()) {
                keys.add(k);
                keys.add(singular(k));
            }
        }
        return keys;
    }

    /** Folded words joined by spaces (English) or the folded text without spaces (Chinese). */
    private static String phraseKey(String phrase) {
        String f = Lexer.fold(phrase).strip();
        if (Texts.containsHan(f)) {
            return f.replaceAll("\\s+", "");
        }
        List<String> words = Lexer.words(f);
        int from = 0;
        while (from < words.size() - 1 && Set.of("a", "an", "the").contains(words.get(from))) {
            from++;
        }
        return String.join(" ", words.subList(from, words.size()));
    }

    /** A naive singular of the last word of an English key. */
    static String singular(String key) {
        if (key.length() > 4 && key.endsWith("ies")) {
            return key.substring(0, key.length() - 3) + "y";
        }
        if (key.endsWith("ches")
                || key.endsWith("shes")
                || key.endsWith("sses")
                || key.endsWith("xes")
                || key.endsWith("zes")) {
            return key.substring(0, key.length() - 2);
        }
        if (key.length() > 3
                && key.endsWith("s")
                && !key.endsWith("ss")
                && !key.endsWith("us")
                && !key.endsWith("is")) {
            return key.substring(0, key.length() - 1);
        }
        return key;
    }
}
