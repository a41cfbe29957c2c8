package org.vlmeval.kafka;

import org.vlmeval.options.Check;

import java.util.regex.Pattern;

/** The topic options of the Kafka source, sinks and journal: names Kafka accepts. */
public final class TopicNames {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicNames() {}

    /** A topic name Kafka accepts (checked here, so a typo fails at load, not at the broker). */
    public static String check(String field, String value) {
        String t = Check.nonBlank(field, value);
        Check.that(
                TOPIC.matcher(t).matches() && !t.equals(".") && !t.equals(".."),
                field,
                "\""
                        + t
                        + "\" is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)");
        return t;
    }
}
