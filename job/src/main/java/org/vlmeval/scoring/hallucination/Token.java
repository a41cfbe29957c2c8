package org.vlmeval.scoring.hallucination;

/** A unit of a scanned answer: an English word, a punctuation mark, a Chinese name or cue. */
final class Token {

    enum Kind {
        /** An English (non-Han) word, folded; "'s" is its own word. */
        WORD,
        /** A clause or sentence mark; see {@link Lexer} for the set. */
        PUNCT,
        /** A matched object name (English words joined by the matcher, or a Chinese name). */
        MENTION,
        /** A Chinese cue word (negation, condition, boundary, connector, yes). */
        CUE
    }

    final Kind kind;

    /** The word for WORD, the last word for an English MENTION, the name for a Chinese one. */
    final String text;

    /** The punctuation char for PUNCT. */
    final char punct;

    /** For MENTION: the vocabulary name matched. */
    final VocabularyName name;

    /** For CUE: its kind. */
    final Cue cue;

    /**
     * WORD or English MENTION that follows a hyphen glued to a previous word ("orange-colored").
     */
    final boolean hyphenBefore;

    /** The MENTION is English (its name came from the word trie). */
    final boolean english;

    private Token(
            Kind kind,
            String text,
            char punct,
            VocabularyName name,
            Cue cue,
            boolean hyphenBefore,
            boolean english) {
        this.kind = kind;
        this.text = text;
        this.punct = punct;
        this.name = name;
        this.cue = cue;
        this.hyphenBefore = hyphenBefore;
        this.english = english;
    }

    static Token word(String text, boolean hyphenBefore) {
        return new Token(Kind.WORD, text, '\0', null, null, hyphenBefore, false);
    }

    static Token punct(char c) {
        return new Token(Kind.PUNCT, "", c, null, null, false, false);
    }

    static Token englishMention(VocabularyName name, String lastWord, boolean hyphenBefore) {
        return new Token(Kind.MENTION, lastWord, '\0', name, null, hyphenBefore, true);
    }

    static Token chineseMention(VocabularyName name, String surface) {
        return new Token(Kind.MENTION, surface, '\0', name, null, false, false);
    }

    static Token cue(Cue cue, String surface) {
        return new Token(Kind.CUE, surface, '\0', null, cue, false, false);
    }

    boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WORD -> text;
            case PUNCT -> String.valueOf(punct);
            case MENTION -> "<" + name.display() + ">";
            case CUE -> "[" + cue + ":" + text + "]";
        };
    }

    /** Chinese cue words. */
    enum Cue {
        /** Opens a negation scope (没有, 不是, 看不到). */
        NEG,
        /** Negates the objects named before it in the clause (不在). */
        POST_NEG,
        /** Both (不存在, 不可见). */
        NEG_BOTH,
        /** Opens a hypothetical scope (如果, 是否). */
        HYPO,
        /** Ends a clause (但是, 然而, 而是). */
        BOUNDARY,
        /** Joins an enumeration (和, 及, 或). */
        CONNECT,
        /** An affirmative answer when it starts a sentence (是的, 对). */
        YES,
        /** Opens a comparison: the object named next is compared with, not asserted (像, 类似). */
        COMPARE,
        /** Opens a topic phrase at the start of a clause (关于, 至于, 对于). */
        TOPIC,
        /** A pronoun that takes up a topic (它, 它们). */
        PRONOUN,
        /** A verb of existence or location (有, 在); it cancels a comparison (好像有). */
        EXIST,
        /** Opens reported text: what follows to the end of the sentence is quoted (写着, 印着). */
        REPORT,
        /** Names a title: the object named next is the title's word, not a thing (书名, 标题). */
        TITLE,
        /** The other side of a comparison (比, 比起): the name next is compared with, as TITLE. */
        THAN,
        /** Ends an equal comparison whose compared name follows 和 / 跟 / 与 (差不多, 一样). */
        SAME,
        /** Opens examples that continue the clause before it (比如, 例如). */
        EXAMPLE,
        /** A verb of depiction (画了, 拍的): the person named before it made the picture. */
        AUTHOR,
        /** A word that only blocks a shorter cue inside it (无论 blocks 无, 图像 blocks 像). */
        NONE
    }
}
