package org.vlmeval.testing;

import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.OptionalLong;

/**
 * The least {@link WriterInitContext} that lets a test call {@code Sink.createWriter} outside a
 * Flink job (Flink's own {@code TestSinkInitContext} is in a test jar this build does not have). It
 * offers the metric group and a fresh start (no restored checkpoint); what a writer should not need
 * (mailbox, timers, serializers) throws, so a writer that starts using it fails loudly here rather
 * than behaving differently in a job.
 */
public final class TestWriterInitContext implements WriterInitContext {

    private final RecordingSinkWriterMetricGroup metrics = new RecordingSinkWriterMetricGroup();

    /** The metrics the writer registered. */
    public RecordingSinkWriterMetricGroup metrics() {
        return metrics;
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metrics;
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.empty();
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        throw unsupported("getUserCodeClassLoader");
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        throw unsupported("getMailboxExecutor");
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        throw unsupported("getProcessingTimeService");
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        throw unsupported("asSerializationSchemaInitializationContext");
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw unsupported("createInputSerializer");
    }

    @Override
    public JobInfo getJobInfo() {
        throw unsupported("getJobInfo");
    }

    @Override
    public TaskInfo getTaskInfo() {
        throw unsupported("getTaskInfo");
    }

    private static UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(
                method + " is not offered by TestWriterInitContext");
    }
}
