package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 *       own.
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
 *   <li><b>Parts</b>: a part (leaf) of a listed whole (tree), per the {@code @part} lines of the
 *       vocabulary, is no hallucination. A Chinese name before a flavour, colour or shape head
 *       (草莓味, 咖啡色, 心形, 图案) names no object.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HallucinationDetector {

    private static final class BuiltIn {
        static final HallucinationDetector INSTANCE =
                new HallucinationDetector(ObjectVocabulary.builtIn());
    }

    /** The word lists of {@code cues/en-words.txt}; each constant below names one of them. */
    private static final CueLists WORDS = CueLists.english();

    static final Set<String> NEGATIONS = WORDS.get("negations");

    static final Set<String> POST_NEGATIONS = WORDS.get("post-negations");

    static final Set<String> PRESENCE = WORDS.get("presence");

    static final Set<String> HYPOTHETICALS = WORDS.get("hypotheticals");

    static final Set<String> BOUNDARIES = WORDS.get("boundaries");

    static final Set<String> LOCATIVES = WORDS.get("locatives");

    /** Common verbs of image descriptions; with words in -ing they mark a clause as complete. */
    static final Set<String> VERBS = WORDS.get("verbs");

    static final Set<String> YES = WORDS.get("yes");

    /** Verbs that report written text: what follows them in the sentence is quoted content. */
    static final Set<String> REPORTS = WORDS.get("reports");

    /** Nouns whose "shows" / "has" / "offers" also reports text ("the menu shows a pizza"). */
    static final Set<String> TEXT_HOLDERS = WORDS.get("text-holders");

    static final Set<String> TEXT_HOLDER_VERBS = WORDS.get("text-holder-verbs");

    /** Words after which the next name is a title or a name, not a thing ("a book titled"). */
    static final Set<String> TITLES = WORDS.get("titles");

    /** Words that after a comma open examples of the clause before ("no animals, such as"). */
    static final Set<String> EXAMPLES = WORDS.get("examples");

    /** Determiners that make a possessor specific ("the chef's knife", not "a chef's knife"). */
    static final Set<String> SPECIFIC_DETERMINERS = WORDS.get("specific-determiners");

    /** Measures of size after which "of" compares ("the size of a horse"). */
    static final Set<String> SIZES = WORDS.get("sizes");

    /** After "unable to" / "fail(ed) to": verbs of perception that make them a negation. */
    static final Set<String> PERCEPTION = WORDS.get("perception");

    static final Set<String> FAIL = WORDS.get("fail");

    /** Forms of "look" that with "like" make a comparison ("looks like a dog"). */
    static final Set<String> LOOK = WORDS.get("look");

    /** Words allowed between "look" and "like" ("looks a bit like", "looks more like"). */
    static final Set<String> LIKE_FILLERS = WORDS.get("like-fillers");

    static final Set<String> RESEMBLE = WORDS.get("resemble");

    /**
     * After a comparison word, these start a clause, not a compared noun ("looks like there is").
     */
    static final Set<String> CLAUSE_STARTS = WORDS.get("clause-starts");

    /** After a compared name, these make it the subject of a clause ("looks like a dog is"). */
    static final Set<String> FINITE = WORDS.get("finite");

    /** Words that first name the topic at the start of a clause ("regarding the kiwi: ..."). */
    /** Verbs whose subject made the picture and is not in it ("the child drew a house"). */
    static final Set<String> DEPICTION_VERBS = WORDS.get("depiction-verbs");

    /** Negative subjects: their negation also covers a locative before the verb. */
    static final Set<String> NEGATIVE_SUBJECTS = WORDS.get("negative-subjects");

    static final Set<String> TOPIC_WORDS = WORDS.get("topic-words");

    /** Words that may precede a topic word at the start of a clause. */
    static final Set<String> CLAUSE_OPENERS = WORDS.get("clause-openers");

    static final Set<String> NUMBER_WORDS = WORDS.get("number-words");

    /** Words that, opening the clause after a topic, take the topic up ("as for the dog, it"). */
    static final Set<String> TOPIC_TAKERS = WORDS.get("topic-takers");

    static final Set<String> NOT_NEGATING_AFTER_NOT = WORDS.get("not-negating-after-not");

    static final Set<String> LIST_FILLERS = WORDS.get("list-fillers");

    static final Set<String> COLOURS = WORDS.get("colours");

    /** Words after which a ~ name is a predicative colour ("is orange", "in orange"). */
    static final Set<String> PREDICATIVE = WORDS.get("predicative");

    /** Words after which a ~ name is still the object ("an orange on the table"). */
    static final Set<String> FOLLOW = WORDS.get("follow");

    static final Set<String> HYPHEN_MODIFIERS = WORDS.get("hyphen-modifiers");

    /** The Chinese cue table of {@code cues/zh-cues.txt}: cue → kind. */
    static final Map<String, Token.Cue> CHINESE_CUES = CueLists.chinese();

    private final ObjectVocabulary vocabulary;
    private final WordTrie englishTrie;
    private final Lexer lexer;

    private HallucinationDetector(ObjectVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.englishTrie = vocabulary.englishTrie();
        Map<String, Object> chinese = new HashMap<>(CHINESE_CUES);
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
        if (response == null || response.isEmpty()) {
            return new ObjectMentions(List.of(), List.of());
        }
        List<Token> tokens = matchEnglish(lexer.lex(Lexer.fold(response)));
        Map<String, String> asserted = new Pass(tokens).run();
        if (asserted.isEmpty()) {
            return new ObjectMentions(List.of(), List.of());
        }
        Set<String> present = presentKeys(objectsPresent);
        return closed == null
                ? judgeOpen(asserted, present)
                : judgeClosed(asserted, present, closed);
    }

    private ObjectMentions judgeOpen(Map<String, String> asserted, Set<String> present) {
        Set<String> listedGroups = new HashSet<>();
        for (String key : present) {
            if (vocabulary.concepts().contains(key)) {
                listedGroups.add(vocabulary.group(key));
            }
        }
        List<String> hallucinated = new ArrayList<>();
        asserted.forEach(
                (concept, display) -> {
                    boolean judgeable =
                            vocabulary.checkedWithoutItsGroup(concept)
                                    || listedGroups.contains(vocabulary.group(concept));
                    if (judgeable && absent(concept, display, present)) {
                        hallucinated.add(display);
                    }
                });
        return new ObjectMentions(new ArrayList<>(asserted.values()), hallucinated);
    }

    /**
     * CHAIR semantics: a mention is judged by its class. Outside the vocabulary it is unverifiable;
     * inside, it is hallucinated when neither it (as in the open vocabulary) nor any object of its
     * class is listed. Every class is judged whatever the list holds: the annotation covers them
     * all, so the open vocabulary's when-listed groups do not apply.
     */
    private ObjectMentions judgeClosed(
            Map<String, String> asserted, Set<String> present, ClosedVocabulary closed) {
        Set<String> presentClasses = new HashSet<>();
        for (String key : present) {
            String cls = closed.classOf(key, key);
            if (cls != null) {
                presentClasses.add(cls);
            }
        }
        List<String> hallucinated = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        asserted.forEach(
                (concept, display) -> {
                    String cls = closed.classOf(concept, display);
                    if (cls == null) {
                        unverifiable.add(display);
                    } else if (!presentClasses.contains(cls) && absent(concept, display, present)) {
                        hallucinated.add(display);
                    }
                });
        return new ObjectMentions(new ArrayList<>(asserted.values()), hallucinated, unverifiable);
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
                        out.add(
                                Token.englishMention(
                                        m.name(), raw.get(m.end() - 1).text, t.hyphenBefore));
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

    /** A mention waiting for the end of its sentence. */
    private static final class Pending {
        final String concept;
        final String display;
        final int index;
        boolean suppressed;

        /** Named only as a topic; asserted only if the next clause takes it up. */
        boolean held;

        Pending(String concept, String display, int index, boolean suppressed) {
            this.concept = concept;
            this.index = index;
            this.display = display;
            this.suppressed = suppressed;
        }
    }

    /** The state of one left-to-right pass over the tokens of one answer. */
    private static final class Pass {
        private final List<Token> t;
        private final Map<String, String> asserted = new LinkedHashMap<>();
        private final List<Pending> sentence = new ArrayList<>();
        private final List<Pending> clause = new ArrayList<>();
        private final List<Pending> carry = new ArrayList<>();
        private boolean neg;

        /** The negation is a negative subject (nobody, no one, none of, 没有人 …). */
        private boolean negSubject;

        private boolean hypo;
        private boolean atSentenceStart = true;

        /** The clause has a verb, so a following "and" starts a new clause, not a list item. */
        private boolean clauseHasVerb;

        /** The clause has a finite verb (is, has, contains, 有 …): it is a full clause. */
        private boolean clauseHasFinite;

        /** A negation or condition occurred somewhere in the clause. */
        private boolean clauseNegOrHypo;

        /** A token other than punctuation has been seen in the clause. */
        private boolean clauseStarted;

        /** The next name is compared with ("looks like a dog", 像狗), not asserted. */
        private boolean compare;

        /** The comparison came from "looks like", which may also introduce a clause. */
        private boolean compareByLike;

        /** Words still allowed before the compared name ("resembles a small dog"). */
        private int compareBudget;

        /** Inside a topic phrase ("regarding the kiwi", 关于猕猴桃) that a comma or colon ends. */
        private boolean topicOpen;

        private final List<Pending> topic = new ArrayList<>();

        /** Topic names held until the next clause shows whether it takes them up. */
        private final List<Pending> unresolved = new ArrayList<>();

        /** The held names come from a verbless fragment before a colon, not a topic word. */
        private boolean unresolvedFragment;

        /** The current clause decides the held names; it opens with a pronoun, yes, a number. */
        private boolean resolving;

        private boolean resolvingTakesUp;

        /** Inside reported text ("the menu lists …", 写着…): nothing is asserted to its end. */
        private boolean reported;

        Pass(List<Token> tokens) {
            this.t = tokens;
        }

        Map<String, String> run() {
            for (int i = 0; i < t.size(); i++) {
                Token tok = t.get(i);
                if (atSentenceStart && tok.kind != Token.Kind.PUNCT) {
                    atSentenceStart = false;
                    if (!carry.isEmpty()) {
                        if (isYes(tok)) {
                            commit(carry);
                        }
                        carry.clear();
                    }
                }
                if (tok.kind != Token.Kind.PUNCT && !clauseStarted) {
                    clauseStarted = true;
                    if (!unresolved.isEmpty() && !resolving) {
                        resolving = true;
                        resolvingTakesUp = takesUpTopic(tok);
                    }
                }
                switch (tok.kind) {
                    case PUNCT -> punct(i);
                    case MENTION -> mention(i);
                    case WORD -> word(i);
                    case CUE -> cue(i);
                }
            }
            endSentence(false);
            return asserted;
        }

        private Token at(int i) {
            return i >= 0 && i < t.size() ? t.get(i) : null;
        }

        private static boolean isWord(Token tok, Set<String> words) {
            return tok != null && tok.kind == Token.Kind.WORD && words.contains(tok.text);
        }

        private static boolean isWord(Token tok, String word) {
            return tok != null && tok.isWord(word);
        }

        private static boolean isYes(Token tok) {
            return isWord(tok, YES) || (tok.kind == Token.Kind.CUE && tok.cue == Token.Cue.YES);
        }

        private void punct(int i) {
            char c = t.get(i).punct;
            if (reported && c != ':' && c != '\u3001' && !reportGoesOn(i)) {
                reported = false;
            }
            if ((c == ',' || c == ':' || c == Lexer.ZH_COMMA)
                    && (neg || hypo)
                    && examplesFollow(i)) {
                return; // "no other animals, such as hippos": the negation goes on
            }
            switch (c) {
                case '.', '!', '\n', '\u3002' -> endSentence(false);
                case '?' -> endSentence(true);
                case ',' -> {
                    if (!((neg || hypo || compare) && listContinues(i))) {
                        closeClause(c);
                    }
                }
                case '\u3001' -> {}
                default -> closeClause(c); // ; : and the Chinese comma
            }
        }

        /**
         * Ends a clause at a comma, colon or semicolon. A topic phrase ended by a comma or colon,
         * or a verbless fragment ended by a colon ("The kiwi: ..."), holds its names until the next
         * clause shows whether it takes them up.
         */
        private void closeClause(char c) {
            List<Pending> held = new ArrayList<>();
            boolean fragment = false;
            if (topicOpen) {
                if (c == ',' || c == ':' || c == Lexer.ZH_COMMA) {
                    held.addAll(topic);
                }
            } else if (c == ':' && !clauseHasVerb && !clauseHasFinite && !clauseNegOrHypo) {
                for (Pending p : clause) {
                    if (!p.suppressed) {
                        held.add(p);
                    }
                }
                fragment = true;
            }
            endClause();
            if (!held.isEmpty()) {
                for (Pending p : held) {
                    p.held = true;
                }
                unresolved.addAll(held);
                unresolvedFragment = fragment;
            }
        }

        /** Does the token opening the clause after a topic refer back to it? */
        private static boolean takesUpTopic(Token tok) {
            if (tok.kind == Token.Kind.CUE) {
                return tok.cue == Token.Cue.PRONOUN
                        || tok.cue == Token.Cue.YES
                        || (tok.cue == Token.Cue.EXIST && tok.text.length() == 1);
            }
            if (tok.kind != Token.Kind.WORD) {
                return false;
            }
            String w = tok.text;
            return TOPIC_TAKERS.contains(w)
                    || (NUMBER_WORDS.contains(w) && !w.equals("few"))
                    || (Character.isDigit(w.charAt(0)) && !w.matches("0+"));
        }

        /** Decides the held topic names at the end of the clause after the topic. */
        private void resolveTopic() {
            boolean takenUp =
                    !clauseNegOrHypo
                            && (resolvingTakesUp || (unresolvedFragment && !clauseHasFinite));
            if (takenUp) {
                for (Pending p : unresolved) {
                    p.held = false;
                    sentence.add(p);
                }
            }
            unresolved.clear();
            resolving = false;
        }

        /** After a comma in a negated or hypothetical clause: does a list of objects go on? */
        private boolean listContinues(int comma) {
            int j = comma + 1;
            while (j < t.size()
                    && (isWord(t.get(j), LIST_FILLERS)
                            || (t.get(j).kind == Token.Kind.CUE
                                    && t.get(j).cue == Token.Cue.CONNECT))) {
                j++;
            }
            Token x = at(j);
            if (x == null) {
                return false;
            }
            if (isWord(x, "or") || isWord(x, "nor")) {
                return true;
            }
            if (x.kind == Token.Kind.MENTION) {
                Token y = at(j + 1);
                return y == null
                        || y.kind == Token.Kind.PUNCT
                        || isWord(y, "or")
                        || isWord(y, "nor")
                        || isWord(y, "and");
            }
            return false;
        }

        private void mention(int i) {
            Token tok = t.get(i);
            if (tok.english && isModifierUse(i)) {
                return;
            }
            boolean compared = false;
            if (compare) {
                Token next = at(i + 1);
                if (compareByLike && isWord(next, FINITE)) {
                    compare = false; // "it looks like a dog is sleeping": a clause, asserted
                } else {
                    compared = true;
                    compare = comparisonGoesOn(i);
                    compareBudget = 3;
                }
            }
            if (tok.english && isClassifyingPossessor(i)) {
                return; // "a chef's knife": a kind of knife, no chef
            }
            Pending p =
                    new Pending(
                            tok.name.concept(),
                            tok.name.display(),
                            i,
                            neg || hypo || compared || reported);
            sentence.add(p);
            clause.add(p);
            if (topicOpen) {
                topic.add(p);
            }
        }

        /** After a compared name: does a list of compared names go on ("like a fox or a dog")? */
        private boolean comparisonGoesOn(int i) {
            Token next = at(i + 1);
            if (next == null) {
                return false;
            }
            if (isWord(next, "or") || isWord(next, "and") || isWord(next, "nor")) {
                return true;
            }
            if (isWord(next, "than")) {
                return true;
            }
            if (next.kind == Token.Kind.CUE && next.cue == Token.Cue.CONNECT) {
                return true;
            }
            return next.kind == Token.Kind.PUNCT
                    && (next.punct == '\u3001' || next.punct == ',' && listContinues(i + 1));
        }

        /** An English name used as a colour, material or brand, or glued to "-shaped" etc. */
        private boolean isModifierUse(int i) {
            Token next = at(i + 1);
            if (next != null
                    && next.kind == Token.Kind.WORD
                    && next.hyphenBefore
                    && HYPHEN_MODIFIERS.contains(next.text)) {
                return true;
            }
            if (!t.get(i).name.modifierProne()) {
                return false;
            }
            Token prev = at(i - 1);
            if (isWord(prev, PREDICATIVE)) {
                return true;
            }
            if ((isWord(prev, "and") || isWord(prev, "or")) && isColour(at(i - 2))) {
                return true;
            }
            if (next == null) {
                return false;
            }
            if (isColour(next)) {
                return true;
            }
            if ((isWord(next, "and") || isWord(next, "or")) && isColour(at(i + 2))) {
                return true;
            }
            if (next.kind == Token.Kind.MENTION && next.english) {
                return true;
            }
            if (next.kind == Token.Kind.WORD) {
                String w = next.text;
                return !FOLLOW.contains(w)
                        && !w.endsWith("ly")
                        && !w.endsWith("ing")
                        && !w.endsWith("ed")
                        && !Character.isDigit(w.charAt(0));
            }
            return false;
        }

        private static boolean isColour(Token tok) {
            if (tok == null) {
                return false;
            }
            if (tok.kind == Token.Kind.WORD) {
                return COLOURS.contains(tok.text);
            }
            return tok.kind == Token.Kind.MENTION
                    && tok.english
                    && tok.name.modifierProne()
                    && COLOURS.contains(tok.text);
        }

        private void word(int i) {
            String w = t.get(i).text;
            Token next = at(i + 1);
            if (compare
                    && (VERBS.contains(w)
                            || BOUNDARIES.contains(w)
                            || FINITE.contains(w)
                            || --compareBudget < 0)) {
                compare = false;
            }
            if (FINITE.contains(w) || w.endsWith("n't")) {
                clauseHasFinite = true;
            }
            if (opensComparison(i)) {
                compare = true;
                compareByLike = w.equals("like");
                compareBudget = 4;
            } else if (TITLES.contains(w)) {
                compare = true; // "a book titled The Whale Road": the title's words, no whale
                compareByLike = false;
                compareBudget = 3;
            }
            if (REPORTS.contains(w)
                    || (TEXT_HOLDER_VERBS.contains(w) && isWord(at(i - 1), TEXT_HOLDERS))) {
                reported = true;
            } else if (reported
                    && (BOUNDARIES.contains(w) || w.equals("and") && !reportGoesOn(i))) {
                reported = false;
            }
            int topicWords = topicCue(i);
            if (topicWords > 0) {
                topicOpen = true;
                topic.clear();
                return;
            }
            if (FAIL.contains(w) && perceptionFollows(i)) {
                neg = true;
                clauseNegOrHypo = true;
                return;
            }
            if (NEGATIONS.contains(w) || w.endsWith("n't")) {
                if (w.equals("no") && (next == null || next.kind == Token.Kind.PUNCT)) {
                    return; // "No." / "No, ..." answers, it does not negate what follows
                }
                if (w.equals("not") && isWord(next, NOT_NEGATING_AFTER_NOT)) {
                    return; // "not only"
                }
                neg = true;
                clauseNegOrHypo = true;
                if (!clauseHasVerb
                        && !clauseHasFinite
                        && (NEGATIVE_SUBJECTS.contains(w)
                                || (w.equals("no") && isWord(next, "one"))
                                || (w.equals("none") && isWord(next, "of")))) {
                    negSubject = true; // "nobody in the crowd has an umbrella"
                }
                if (presenceFollows(i)) {
                    suppressClause();
                }
                return;
            }
            if (POST_NEGATIONS.contains(w)) {
                suppressClause();
            } else if (w.equals("instead")) {
                if (isWord(next, "of")) {
                    neg = true;
                    clauseNegOrHypo = true;
                } else {
                    endClause();
                }
            } else if (w.equals("rather")) {
                if (isWord(next, "than")) {
                    neg = true;
                }
            } else if (w.equals("apart") && isWord(next, "from")
                    || w.equals("other") && isWord(next, "than")) {
                endClause();
            } else if (HYPOTHETICALS.contains(w)) {
                hypo = true;
                clauseNegOrHypo = true;
            } else if (BOUNDARIES.contains(w)) {
                endClause();
            } else if (LOCATIVES.contains(w)) {
                if (!(negSubject && !clauseHasVerb && !clauseHasFinite)) {
                    neg = false; // a locative after the verb of a negative subject ends it
                }
            } else if (DEPICTION_VERBS.contains(w) && !isColour(next) && !isWord(next, "by")) {
                suppressAuthor(i);
                clauseHasVerb = true;
            } else if (w.equals("and")) {
                Token prev = at(i - 1);
                if (clauseHasVerb || prev == null || prev.kind != Token.Kind.MENTION) {
                    if (resolving) {
                        resolveTopic();
                    }
                    clause.clear();
                    clauseHasVerb = false;
                    clauseHasFinite = false;
                    clauseNegOrHypo = false;
                }
            } else if (VERBS.contains(w) || (w.length() > 4 && w.endsWith("ing"))) {
                clauseHasVerb = true;
            }
        }

        /**
         * Reported text goes on past the mark or "and" at i unless the stretch up to the next mark
         * has a verb of its own ("The sign reads Open, and a dog sits below it").
         */
        private boolean reportGoesOn(int i) {
            if (i + 1 >= t.size()) {
                return false;
            }
            Token first = t.get(i);
            if (first.kind == Token.Kind.PUNCT
                    && first.punct != ','
                    && first.punct != Lexer.ZH_COMMA
                    && first.punct != ':') {
                return false; // . ! ? ; newline
            }
            for (int j = i + 1; j < t.size(); j++) {
                Token x = t.get(j);
                if (x.kind == Token.Kind.PUNCT && x.punct != '\u3001') {
                    break;
                }
                if (isWord(x, VERBS) || isWord(x, FINITE) || isWord(x, BOUNDARIES)) {
                    return false;
                }
                if (x.kind == Token.Kind.CUE
                        && (x.cue == Token.Cue.EXIST || x.cue == Token.Cue.BOUNDARY)) {
                    return false;
                }
            }
            return true;
        }

        /** After a mark in a negated clause: do examples of it follow (such as, e.g., 比如)? */
        private boolean examplesFollow(int i) {
            Token x = at(i + 1);
            if (x == null) {
                return false;
            }
            if (x.kind == Token.Kind.CUE) {
                return x.cue == Token.Cue.EXAMPLE
                        || (x.cue == Token.Cue.COMPARE && x.text.equals("像"));
            }
            return isWord(x, EXAMPLES)
                    || (isWord(x, "such") && isWord(at(i + 2), "as"))
                    || (isWord(x, "for") && isWord(at(i + 2), Set.of("example", "instance")));
        }

        /**
         * "a chef's knife", "chef's knife": an indefinite or bare possessor before another name
         * classifies that thing and is not asserted; "the chef's knife" keeps the chef.
         */
        private boolean isClassifyingPossessor(int i) {
            if (!isWord(at(i + 1), "'s")) {
                return false;
            }
            Token owned = at(i + 2);
            if (owned == null || owned.kind != Token.Kind.MENTION) {
                return false;
            }
            return !isWord(at(i - 1), SPECIFIC_DETERMINERS);
        }

        /** "unable to see", "failed to clearly spot": a verb of perception within three words. */
        private boolean perceptionFollows(int i) {
            if (!isWord(at(i + 1), "to")) {
                return false;
            }
            for (int j = i + 2; j <= i + 4 && j < t.size(); j++) {
                Token x = t.get(j);
                if (x.kind != Token.Kind.WORD) {
                    return false;
                }
                if (PERCEPTION.contains(x.text)) {
                    return true;
                }
                if (!x.text.endsWith("ly")) {
                    return false;
                }
            }
            return false;
        }

        /**
         * A comparison starts after this word: looks (a bit) like, shaped like, resembles, similar
         * (in shape) to, reminds (me) of, reminiscent of, akin to, mistaken for, in the shape of.
         * Not when a clause follows ("it looks like there is a dog").
         */
        private boolean opensComparison(int i) {
            String w = t.get(i).text;
            boolean opens = false;
            if (w.equals("like")) {
                int j = i - 1;
                while (j >= i - 4 && isWord(at(j), LIKE_FILLERS)) {
                    j--;
                }
                opens = isWord(at(j), LOOK);
            } else if (RESEMBLE.contains(w)) {
                opens = true;
            } else if (w.equals("than")) {
                // "bigger than a cat"; not "more than two dogs", "rather than", "other than"
                Token n1 = at(i + 1);
                opens =
                        !isWord(at(i - 1), Set.of("rather", "other"))
                                && !(n1 != null
                                        && n1.kind == Token.Kind.WORD
                                        && (NUMBER_WORDS.contains(n1.text)
                                                || Character.isDigit(n1.text.charAt(0))
                                                || n1.text.equals("a")
                                                        && isWord(at(i + 2), NUMBER_WORDS)));
            } else if (w.equals("as")) {
                // the second "as" of "as big as", "twice as long as", "the same size as"
                opens =
                        isWord(at(i - 2), "as") && !isWord(at(i - 1), Set.of("well", "soon", "far"))
                                || isWord(at(i - 1), "same")
                                || isWord(at(i - 2), "same");
            } else if (w.equals("to") || w.equals("with")) {
                opens = isWord(at(i - 1), Set.of("compared", "comparable", "relative"));
            } else if (w.equals("similar") || w.startsWith("remind")) {
                for (int j = i + 1; j <= i + 3; j++) {
                    if (isWord(at(j), "to") || isWord(at(j), "of")) {
                        opens = true;
                        break;
                    }
                }
            } else if (w.equals("of")) {
                opens =
                        (isWord(at(i - 1), "shape") || isWord(at(i - 1), "form"))
                                        && isWord(at(i - 2), "the")
                                        && isWord(at(i - 3), "in")
                                || isWord(at(i - 1), SIZES); // "roughly the size of a horse"
            }
            return opens && !isWord(at(i + 1), CLAUSE_STARTS);
        }

        /**
         * The number of words of a topic opener at i (regarding, concerning, about, as for, as to,
         * as regards, with/in regard(s) to, with respect to, speaking of, when it comes to, in
         * terms of) at the start of a clause; 0 if there is none.
         */
        private int topicCue(int i) {
            int j = i - 1;
            while (isWord(at(j), CLAUSE_OPENERS)) {
                j--;
            }
            Token before = at(j);
            boolean clauseStart =
                    before == null
                            || before.kind == Token.Kind.PUNCT
                            || (before.kind == Token.Kind.CUE && before.cue == Token.Cue.BOUNDARY);
            if (!clauseStart) {
                return 0;
            }
            String w = t.get(i).text;
            Token n1 = at(i + 1);
            if (w.equals("about")) {
                boolean amount =
                        n1 != null
                                && n1.kind == Token.Kind.WORD
                                && (NUMBER_WORDS.contains(n1.text)
                                        || Character.isDigit(n1.text.charAt(0))
                                        || ((n1.text.equals("a") || n1.text.equals("an"))
                                                && isWord(at(i + 2), NUMBER_WORDS)));
                return amount ? 0 : 1;
            }
            if (TOPIC_WORDS.contains(w)) {
                return 1;
            }
            if (w.equals("as") && isWord(n1, Set.of("for", "to", "regards"))) {
                return 2;
            }
            if (w.equals("speaking") && isWord(n1, "of")) {
                return 2;
            }
            if ((w.equals("with") || w.equals("in"))
                    && isWord(n1, Set.of("regard", "regards", "respect"))
                    && isWord(at(i + 2), Set.of("to", "of"))) {
                return 3;
            }
            if (w.equals("in") && isWord(n1, "terms") && isWord(at(i + 2), "of")) {
                return 3;
            }
            if (w.equals("when")
                    && isWord(n1, "it")
                    && isWord(at(i + 2), "comes")
                    && isWord(at(i + 3), "to")) {
                return 4;
            }
            return 0;
        }

        /** A presence word within three words after a negation: "is not visible". */
        private boolean presenceFollows(int i) {
            for (int j = i + 1; j <= i + 3 && j < t.size(); j++) {
                Token x = t.get(j);
                if (x.kind == Token.Kind.PUNCT) {
                    return false;
                }
                if (isWord(x, PRESENCE)) {
                    return true;
                }
            }
            return false;
        }

        private void cue(int i) {
            Token.Cue cue = t.get(i).cue;
            switch (cue) {
                case NEG -> {
                    neg = true;
                    clauseNegOrHypo = true;
                }
                case POST_NEG -> {
                    suppressClause();
                    clauseNegOrHypo = true;
                }
                case NEG_BOTH -> {
                    suppressClause();
                    neg = true;
                    clauseNegOrHypo = true;
                }
                case HYPO -> {
                    hypo = true;
                    clauseNegOrHypo = true;
                }
                case BOUNDARY -> endClause();
                case COMPARE -> {
                    Token next = at(i + 1);
                    boolean exists =
                            next != null
                                    && next.kind == Token.Kind.CUE
                                    && next.cue == Token.Cue.EXIST;
                    Token before = at(i - 1);
                    boolean suchAs = // "图中有各种动物，像狗和猫": 像 opening a clause lists examples
                            t.get(i).text.equals("像")
                                    && (before == null || before.kind == Token.Kind.PUNCT);
                    if (suchAs && sameFollows(i)) {
                        suchAs = false; // 像小狗一样大: a comparison, also at a clause start
                    }
                    if (!exists && !suchAs) { // 好像有一只狗 asserts the dog
                        compare = true;
                        compareByLike = false;
                        compareBudget = 4;
                    }
                }
                case TOPIC -> {
                    Token before = at(i - 1);
                    if (before == null
                            || before.kind == Token.Kind.PUNCT
                            || before.cue == Token.Cue.BOUNDARY) {
                        topicOpen = true;
                        topic.clear();
                    }
                }
                case EXIST -> {
                    clauseHasFinite = true;
                    compare = false;
                }
                case REPORT -> reported = true;
                case TITLE -> {
                    compare = true; // 书名《鲸落》, 比长颈鹿矮: the next name is no thing here
                    compareByLike = false;
                    compareBudget = 3;
                }
                case SAME -> suppressEqualComparison(i);
                case AUTHOR -> {
                    suppressAuthor(i);
                    clauseHasVerb = true;
                }
                case CONNECT, YES, PRONOUN, NONE, EXAMPLE -> {}
            }
        }

        /** 一样 / 一般 after the names that follow the comparison cue at i (像小狗一样大). */
        private boolean sameFollows(int i) {
            int j = i + 1;
            while (j < t.size()
                    && (t.get(j).kind == Token.Kind.MENTION
                            || t.get(j).kind == Token.Kind.PUNCT && t.get(j).punct == '\u3001'
                            || t.get(j).kind == Token.Kind.CUE
                                    && t.get(j).cue == Token.Cue.CONNECT)) {
                j++;
            }
            Token x = at(j);
            return j > i + 1 && x != null && x.kind == Token.Kind.CUE && x.cue == Token.Cue.SAME;
        }

        /**
         * 差不多 / 一样 at i ends "和 / 跟 / 与 X 差不多(大)": the names between the connector and it are
         * compared with. Not when a name directly precedes the connector: "猫和狗一样大" says both are
         * there.
         */
        private void suppressEqualComparison(int i) {
            int j = i - 1;
            while (j >= 0
                    && (t.get(j).kind == Token.Kind.MENTION
                            || t.get(j).kind == Token.Kind.PUNCT && t.get(j).punct == '\u3001')) {
                j--;
            }
            Token connector = at(j);
            if (j == i - 1
                    || connector == null
                    || connector.kind != Token.Kind.CUE
                    || connector.cue != Token.Cue.CONNECT
                    || !Set.of("和", "跟", "与").contains(connector.text)) {
                return;
            }
            Token before = at(j - 1);
            if (before != null && before.kind == Token.Kind.MENTION) {
                return;
            }
            for (Pending p : clause) {
                if (p.index > j && p.index < i) {
                    p.suppressed = true;
                }
            }
        }

        /**
         * A verb of depiction at i (drew, painted, photographed, 画了, 拍的): the persons named before
         * it in a clause without another verb made the picture and are not in it.
         */
        private void suppressAuthor(int i) {
            if (clauseHasVerb || clauseHasFinite) {
                return;
            }
            for (Pending p : clause) {
                if (p.index < i && p.concept.equals("person")) {
                    p.suppressed = true;
                }
            }
        }

        private void suppressClause() {
            clauseNegOrHypo = true;
            for (Pending p : clause) {
                p.suppressed = true;
            }
        }

        private void endClause() {
            if (resolving) {
                resolveTopic();
            }
            clauseHasVerb = false;
            clauseHasFinite = false;
            clauseNegOrHypo = false;
            clauseStarted = false;
            compare = false;
            topicOpen = false; // not ended by a comma or colon: its names count as usual
            topic.clear();
            neg = false;
            negSubject = false;
            hypo = false;
            clause.clear();
        }

        private void endSentence(boolean question) {
            endClause();
            if (question) {
                carry.clear();
                for (Pending p : sentence) {
                    if (!p.suppressed && !p.held) {
                        carry.add(p);
                    }
                }
            } else {
                commit(sentence);
            }
            sentence.clear();
            atSentenceStart = true;
            reported = false;
        }

        private void commit(List<Pending> pendings) {
            for (Pending p : pendings) {
                if (!p.suppressed && !p.held) {
                    asserted.putIfAbsent(p.concept, p.display);
                }
            }
        }
    }
}
