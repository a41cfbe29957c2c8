package org.vlmeval.scoring.hallucination;

import java.util.Map;
import java.util.Set;

/**
 * The word lists the detector's rules test, by name from {@code cues/en-words.txt}, and the Chinese
 * cue table of {@code cues/zh-cues.txt} (formats: the files' headers and docs/rules.md).
 */
final class Words {

    private Words() {}

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
    /** Report verbs that take an object when a person does them ("a man reading a book"). */
    static final Set<String> OBJECT_READING = WORDS.get("object-reading");

    /** Pronouns that stand for a person (a reader: "she is reading a book"). */
    static final Set<String> PERSON_PRONOUNS = WORDS.get("person-pronouns");

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

    /** Names that before "of" are a drinking glass ("a glass of water", "glasses of milk"). */
    static final Set<String> DRINKING_GLASSES = WORDS.get("drinking-glasses");

    /** Drinks served in a wine glass ("a glass of red wine"); any other "glass of" is a cup. */
    static final Set<String> STEMWARE_DRINKS = WORDS.get("stemware-drinks");

    /** Determiners that leave a name in a question open ("is there a dog?"): not presupposed. */
    static final Set<String> INDEFINITE_DETERMINERS = WORDS.get("indefinite-determiners");

    static final Set<String> HYPHEN_MODIFIERS = WORDS.get("hyphen-modifiers");

    /** The Chinese cue table of {@code cues/zh-cues.txt}: cue → kind. */
    static final Map<String, Token.Cue> CHINESE_CUES = CueLists.chinese();
}
