package org.vlmeval.judges;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.ModelFamily;

/**
 * Whether a judge may judge an answer of a given endpoint: models rate their own outputs, and those
 * of their own family, higher than others do (self-preference), so by default they don't. Also for
 * objects lists: an answer of the judge's own family should not be checked for hallucinations
 * against that judge's list, since a family tends to see the same things that are not there.
 */
public final class SelfJudgingRule {

    private final JudgeConfig judge;
    private final EndpointConfig judgeEndpoint;

    public SelfJudgingRule(JudgeConfig judge, EndpointConfig judgeEndpoint) {
        this.judge = judge;
        this.judgeEndpoint = judgeEndpoint;
    }

    /**
     * @param answerEndpoint the endpoint that answered
     * @param answerFamily its family; null when unknown (then only the endpoint name is compared)
     */
    public boolean allows(String answerEndpoint, ModelFamily answerFamily) {
        boolean ownEndpoint = judgeEndpoint.name().equals(answerEndpoint);
        boolean ownFamily =
                answerFamily != null && judgeEndpoint.family().sameFamilyAs(answerFamily);
        return switch (judge.selfJudging()) {
            case ALLOW -> true;
            case FORBID_ENDPOINT -> !ownEndpoint;
            case FORBID -> !ownEndpoint && !ownFamily;
        };
    }
}
