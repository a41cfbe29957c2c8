package org.vlmeval.judges;

import org.vlmeval.endpoints.config.JudgeTask;

import java.util.List;
import java.util.Objects;

/**
 * One objects list as it is kept between runs of the job: in checkpoints (the {@code
 * judge-objects-<name>} operator's state) and in the store's {@code judged_objects} table.
 *
 * @param imageKey SHA-256 (hex) of the image bytes
 * @param judge the judge's name
 * @param promptVersion the prompt it was asked with
 * @param objects the objects the judge saw
 * @param rationale the judge's remark, empty when none
 * @param requestId the request whose answer paid for the list
 */
public record CachedObjects(
        String imageKey,
        String judge,
        String promptVersion,
        List<String> objects,
        String rationale,
        String requestId) {

    public CachedObjects {
        Objects.requireNonNull(imageKey, "imageKey");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(promptVersion, "promptVersion");
        objects = List.copyOf(objects);
        rationale = rationale == null ? "" : rationale;
        Objects.requireNonNull(requestId, "requestId");
    }

    public static CachedObjects of(ObjectsCache.Key key, Judgement j) {
        return new CachedObjects(
                key.imageKey(),
                key.judge(),
                key.promptVersion(),
                j.objects(),
                j.rationale(),
                j.requestId());
    }

    public ObjectsCache.Key key() {
        return new ObjectsCache.Key(imageKey, judge, promptVersion);
    }

    /** The judgement as its paying request got it (no usage: that was counted when it was paid). */
    public Judgement judgement() {
        return Judgement.result(
                new Judgement.Subject(
                        judge, JudgeTask.OBJECTS, requestId, null, imageKey, promptVersion),
                null,
                objects,
                rationale,
                Judgement.Usage.NONE,
                false);
    }
}
