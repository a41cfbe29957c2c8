/**
 * The response journal: a question is paid for once per model, whatever fails.
 *
 * <p>Before an endpoint is called, its {@link org.vlmeval.journal.ResponseJournal} is asked for an
 * outcome under the call's {@link org.vlmeval.journal.JournalKey} (run, request id, endpoint,
 * sample, {@link org.vlmeval.journal.PromptFingerprint prompt fingerprint}); a journalled outcome
 * is reused, marked {@code reused}, instead of calling. Otherwise the model is called and, when
 * {@link org.vlmeval.journal.JournalRule} says the outcome would repeat if re-asked, it is appended
 * before the call's result is passed on. Two backends ({@link org.vlmeval.journal.JournalBackend}):
 * {@link org.vlmeval.journal.PostgresJournal} keeps it in the store's database, {@link
 * org.vlmeval.journal.KafkaJournal} in a compacted Kafka topic. Depends on the records, the store
 * and the shared Kafka options, not on the pipeline.
 */
package org.vlmeval.journal;
