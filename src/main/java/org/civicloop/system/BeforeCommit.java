package org.civicloop.system;

import java.util.function.Supplier;

import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a transaction gathers and makes once, just before it commits: several changes of one row as one
 * statement, several rows of a table as one batch. A subclass holds what was gathered and writes it in
 * {@link #write()}; {@link #of} gives the current transaction its own instance. What is gathered after the
 * transaction began committing (an event published by another synchronization's {@code beforeCommit}) is written
 * at once, by {@link #gathered()}. Rolled back, the transaction takes its instance with it, unwritten.
 *
 * <p>Writes of rows every step shares (the read model's counts of a day) come last, after the rows of one matter:
 * a row lock taken at the very end is held the shortest, so concurrent steps wait on each other the least.
 */
public abstract class BeforeCommit implements TransactionSynchronization {

	private final boolean shared;

	private boolean committing;

	/**
	 * The current transaction's instance of {@code type}, registered on first use; {@code null} outside a transaction
	 * (the caller writes at once). An inner transaction's instance is apart from the one of the transaction it suspends.
	 */
	public static <T extends BeforeCommit> T of(Class<T> type, Supplier<T> create) {
		T current = current(type);
		if (current == null && TransactionSynchronizationManager.isSynchronizationActive()) {
			current = create.get();
			TransactionSynchronizationManager.registerSynchronization(current);
		}
		return current;
	}

	/** The current transaction's instance of {@code type} if it has one yet; {@code null} otherwise. */
	public static <T extends BeforeCommit> T current(Class<T> type) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
				if (type.isInstance(registered)) {
					return type.cast(registered);
				}
			}
		}
		return null;
	}

	/** Writes what the current transaction gathered in its instance of {@code type}, if it has one: before a read. */
	public static void writeGathered(Class<? extends BeforeCommit> type) {
		BeforeCommit current = current(type);
		if (current != null) {
			current.write();
		}
	}

	/** Writes rows of its own matter, before the shared ones. */
	protected BeforeCommit() {
		this(false);
	}

	/** @param shared whether it writes rows other steps write too: written after those that do not */
	protected BeforeCommit(boolean shared) {
		this.shared = shared;
	}

	@Override
	public int getOrder() {
		return shared ? Ordered.LOWEST_PRECEDENCE : 0;
	}

	/** Writes what was gathered so far and forgets it. */
	protected abstract void write();

	/** To be called after gathering: once the transaction is committing, what was gathered is written at once. */
	public final void gathered() {
		if (committing) {
			write();
		}
	}

	@Override
	public final void beforeCommit(boolean readOnly) {
		committing = true;
		write();
	}

}
