/**
 * The response journal: a question is paid for once per model, whatever fails.
 *
 * <p>Before an endpoint is called, its {@link org.vlmeval.journal.ResponseJournal} is asked for an
 * outcome under the call's {@link org.vlmeval.journal.JournalKey} (run, request id, endpoint,
 * sample, {@link org.vlmeval.journal.PromptFingerprint prompt fingerprint}); a journalled outcome
 * is reused, marked {@code reused}, instead of calling. Otherwise the model is called and, when
 * {@link org.vlmeval.journal.JournalRule} says the outcome would repeat if re-asked, it is appended
 * before the call's result is passed on. {@link org.vlmeval.journal.PostgresJournal} keeps it in
 * the store's database. Depends on the records and the store, not on the pipeline.
 */
package org.vlmeval.journal;
