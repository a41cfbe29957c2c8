package org.vlmeval.judges;

import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.endpoints.config.PromptLanguage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge prompt, read from the resource {@code org/vlmeval/judges/<task>.<version>.<lang>.txt}.
 * Its {@link #id()} ({@code grade.v1.en}) goes with every judgement, so that judgements made with
 * different prompts are never mixed up: a prompt is changed by adding a new version, never by
 * editing one in use.
 *
 * @param id {@code <task>.<version>.<lang>}
 * @param template the text, with {@code {{question}}} and {@code {{answer}}} placeholders
 */
public record JudgePrompt(String id, String template) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(question|answer)}}");
    private static final Map<String, JudgePrompt> LOADED = new ConcurrentHashMap<>();

    /**
     * @param language {@code EN} or {@code ZH}; {@code AUTO} is resolved per question first
     * @throws IllegalArgumentException when no such prompt resource exists
     */
    public static JudgePrompt load(JudgeTask task, String version, PromptLanguage language) {
        if (language == PromptLanguage.AUTO) {
            throw new IllegalArgumentException("resolve auto to en or zh first");
        }
        String id = task.yamlName() + "." + version + "." + language.yamlName();
        return LOADED.computeIfAbsent(id, JudgePrompt::read);
    }

    private static JudgePrompt read(String id) {
        String resource = "/org/vlmeval/judges/" + id + ".txt";
        try (InputStream in = JudgePrompt.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no judge prompt " + resource.substring(1));
            }
            return new JudgePrompt(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The language for a question: Chinese when it has a Han character, under {@code auto}. */
    public static PromptLanguage languageFor(PromptLanguage configured, String question) {
        if (configured != PromptLanguage.AUTO) {
            return configured;
        }
        return question != null
                        && question.codePoints()
                                .anyMatch(
                                        c ->
                                                Character.UnicodeScript.of(c)
                                                        == Character.UnicodeScript.HAN)
                ? PromptLanguage.ZH
                : PromptLanguage.EN;
    }

    /**
     * The prompt with the placeholders replaced in one pass, so that a placeholder written inside
     * an answer stays literal text.
     */
    public String render(String question, String answer) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = m.group(1).equals("question") ? question : answer;
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }
}
