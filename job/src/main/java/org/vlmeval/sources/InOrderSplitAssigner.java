package org.vlmeval.sources;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;

/**
 * Hands out splits in the order they were listed (Flink's simple assigner takes them from the end,
 * the locality-aware one by host), so files are started in sorted order. Splits returned after a
 * failure go to the back.
 */
final class InOrderSplitAssigner implements FileSplitAssigner {

    private final ArrayDeque<FileSourceSplit> splits;

    InOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        this.splits = new ArrayDeque<>(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.pollFirst());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
