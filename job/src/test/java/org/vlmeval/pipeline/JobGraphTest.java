package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.testing.BytesSource;
import org.vlmeval.testing.CollectingSink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph {@link VlmEvalJob#build} makes (no cluster: the stream graph only): deduplication is
 * keyed, after the routing that is chained to the source and before the calls.
 */
class JobGraphTest {

    /** The name of the sink the graphs' answers go to. */
    static final String ANSWERS_OUT = "answers-out";

    static StreamGraph graph(PipelineOptions options) {
        return graph(options, false);
    }

    static StreamGraph graph(PipelineOptions options, boolean labels) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(30_000);
        new VlmEvalJob(
                        BytesSource.of(List.of(), options.parser(), Fixtures.T0),
                        labels
                                ? BytesSource.of(
                                        List.of(), options.parser().forLabels(), Fixtures.T0)
                                : null,
                        o -> {
                            o.answers().sinkTo(new CollectingSink<>()).name(ANSWERS_OUT);
                            o.metrics().sinkTo(new CollectingSink<>());
                            o.deadLetters().sinkTo(new CollectingSink<>());
                        },
                        options)
                .build(env);
        return env.getStreamGraph();
    }

    static PipelineOptions.Builder options() {
        return PipelineOptions.builder(
                new EndpointsConfig(
                        "t",
                        List.of(
                                EndpointConfig.builder(
                                                "llama",
                                                Protocol.OPENAI,
                                                "http://127.0.0.1:9/v1",
                                                "l")
                                        .build()),
                        null));
    }

    static StreamNode node(StreamGraph g, String name) {
        return g.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + name));
    }

    static List<String> upstream(StreamGraph g, StreamNode n) {
        return n.getInEdges().stream()
                .map(e -> g.getStreamNode(e.getSourceId()).getOperatorName())
                .toList();
    }

    @Test
    void dedupIsKeyedBetweenRoutingAndTheCalls() {
        StreamGraph g = graph(options().build());
        StreamNode dedup = node(g, "dedup");
        assertThat(dedup.getTransformationUID()).isEqualTo("dedup");
        // Both inputs (questions, recorded answers) come from the routing, hash-partitioned.
        assertThat(upstream(g, dedup)).containsOnly("route-events").hasSize(2);
        assertThat(dedup.getInEdges())
                .extracting(StreamEdge::getPartitioner)
                .allMatch(p -> p instanceof KeyGroupStreamPartitioner);
        // The routing stays on the source's side of the exchange: lateness is decided there.
        assertThat(upstream(g, node(g, "route-events"))).containsExactly("Source: source");
        assertThat(node(g, "route-events").getInEdges())
                .extracting(StreamEdge::getPartitioner)
                .allMatch(p -> p instanceof ForwardPartitioner);
        // check-endpoints right after dedup, and nothing asks before them.
        assertThat(upstream(g, node(g, "check-endpoints"))).containsExactly("dedup");
        assertThat(upstream(g, node(g, "throttle-watermarks"))).containsExactly("check-endpoints");
        assertThat(g.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isTrue();
    }

    @Test
    void withATtlOfZeroThereIsNoDedupStepButEndpointsAreStillChecked() {
        StreamGraph g = graph(options().dedupTtl(Duration.ZERO).build());
        assertThat(g.getStreamNodes()).noneMatch(n -> n.getOperatorName().equals("dedup"));
        assertThat(upstream(g, node(g, "check-endpoints"))).containsExactly("route-events");
        assertThat(g.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isFalse();
    }

    @Test
    void withALabelsInputApplyLabelsIsKeyedBetweenScoringAndTheOutputs() {
        StreamGraph g = graph(options().build(), true);
        StreamNode apply = node(g, "apply-labels");
        assertThat(apply.getTransformationUID()).isEqualTo("apply-labels");
        assertThat(upstream(g, apply)).containsExactlyInAnyOrder("score", "route-labels");
        assertThat(apply.getInEdges())
                .extracting(StreamEdge::getPartitioner)
                .allMatch(p -> p instanceof KeyGroupStreamPartitioner);
        assertThat(upstream(g, node(g, "route-labels"))).containsExactly("Source: labels-source");
        assertThat(upstream(g, node(g, "labelled-rows"))).containsExactly("apply-labels");
        // Without one, none of it.
        assertThat(graph(options().build()).getStreamNodes())
                .noneMatch(n -> n.getOperatorName().contains("label"));
    }

    /**
     * What {@link JobOutputs#answers()} promises and the store's answers sink relies on (it has no
     * key-by of its own): walking up from the answers sink, every path meets, over forward edges
     * only, a keyed operator whose key holds each row's natural key in one place.
     */
    @Test
    void everyPathToTheAnswersIsForwardFromAKeyedOperator() {
        EndpointConfig llama =
                EndpointConfig.builder("llama", Protocol.OPENAI, "http://127.0.0.1:9/v1", "l")
                        .build();
        JudgeConfig grade =
                new JudgeConfig(
                        "lj", "llama", Set.of(JudgeTask.GRADE), 1.0, 5, null, null, null, null);
        JudgeConfig objects =
                new JudgeConfig(
                        "oj", "llama", Set.of(JudgeTask.OBJECTS), 1.0, 5, null, null, null, null);
        PipelineOptions judged =
                PipelineOptions.builder(
                                new EndpointsConfig(
                                        "t", List.of(llama), null, List.of(grade, objects)))
                        .build();
        Map<String, StreamGraph> graphs =
                Map.of(
                        "no endpoints",
                        graph(
                                PipelineOptions.builder(new EndpointsConfig("t", List.of(), null))
                                        .build()),
                        "one endpoint",
                        graph(options().build()),
                        "labels",
                        graph(options().build(), true),
                        "judges",
                        graph(judged),
                        "judges and labels",
                        graph(judged, true));
        graphs.forEach(
                (what, g) ->
                        assertThat(keyedOperatorsAbove(g, answersSink(g)))
                                .as(what)
                                .isNotEmpty()
                                .allMatch(
                                        n ->
                                                n.equals("dedup")
                                                        || n.equals("apply-labels")
                                                        || n.startsWith("judge-objects-")));
        StreamGraph labels = graphs.get("labels");
        assertThat(keyedOperatorsAbove(labels, answersSink(labels))).containsOnly("apply-labels");
        StreamGraph judges = graphs.get("judges");
        assertThat(keyedOperatorsAbove(judges, answersSink(judges)))
                .containsOnly("judge-objects-oj");
    }

    /** The answers' sink (a Sink V2 is named "<name>: Writer" in the stream graph). */
    private static StreamNode answersSink(StreamGraph g) {
        return g.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().startsWith(ANSWERS_OUT))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + ANSWERS_OUT));
    }

    /**
     * The keyed operators met walking up from {@code from} over forward edges; fails on any other
     * edge, on a change of parallelism and on reaching a source over forward edges only.
     */
    private static List<String> keyedOperatorsAbove(StreamGraph g, StreamNode from) {
        List<String> keyed = new ArrayList<>();
        Deque<StreamNode> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            StreamNode n = todo.pop();
            assertThat(n.getInEdges())
                    .as("inputs of %s: a path to a source without a keyed operator", n)
                    .isNotEmpty();
            for (StreamEdge e : n.getInEdges()) {
                StreamNode up = g.getStreamNode(e.getSourceId());
                if (e.getPartitioner() instanceof KeyGroupStreamPartitioner) {
                    keyed.add(n.getOperatorName());
                } else {
                    assertThat(e.getPartitioner())
                            .as("edge %s -> %s", up.getOperatorName(), n.getOperatorName())
                            .isInstanceOf(ForwardPartitioner.class);
                    assertThat(up.getParallelism()).isEqualTo(n.getParallelism());
                    todo.push(up);
                }
            }
        }
        return keyed;
    }

    @Test
    void aGradeJudgeIsAnAsyncOperatorAfterScoringWithItsShareOfTheBudget() {
        EndpointConfig llama =
                EndpointConfig.builder("llama", Protocol.OPENAI, "http://127.0.0.1:9/v1", "l")
                        .maxConcurrency(6)
                        .build();
        // (JudgeConfig.builder(endpoint, tasks...) fails in build(): List.of(..).contains(null).)
        JudgeConfig judge =
                new JudgeConfig(
                        "lj", "llama", Set.of(JudgeTask.GRADE), 1.0, 5, null, null, null, null);
        EndpointsConfig endpoints = new EndpointsConfig("t", List.of(llama), null, List.of(judge));
        StreamGraph g = graph(PipelineOptions.builder(endpoints).build());
        StreamNode grade = node(g, "judge-grade-lj");
        assertThat(grade.getTransformationUID()).isEqualTo("judge-grade-lj");
        assertThat(upstream(g, grade)).containsExactly("score");
        assertThat(upstream(g, node(g, "judged-rows"))).containsExactly("judge-grade-lj");
        // Two subtasks: each gets half the endpoint's slots and of the calls budget, rounded up.
        EndpointsConfig share = JudgeOperators.perSubtask(endpoints, "lj", 2);
        assertThat(share.endpoint("llama").orElseThrow().maxConcurrency()).isEqualTo(3);
        assertThat(share.judges().get(0).maxCallsPerMinute()).isEqualTo(3);
        // Without a grade judge, no such operator.
        assertThat(graph(options().build()).getStreamNodes())
                .noneMatch(n -> n.getOperatorName().startsWith("judge-"));
    }
}
