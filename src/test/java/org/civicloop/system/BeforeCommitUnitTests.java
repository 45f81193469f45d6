package org.civicloop.system;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;

class BeforeCommitUnitTests {

	private static final List<String> WRITTEN = new ArrayList<>();

	static final class Counts extends BeforeCommit {

		Counts() {
			super(true);
		}

		@Override
		protected void write() {
			WRITTEN.add("counts");
		}

	}

	static final class Record extends BeforeCommit {

		@Override
		protected void write() {
			WRITTEN.add("record");
		}

	}

	@AfterEach
	void endTransaction() {
		WRITTEN.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void outsideATransactionThereIsNothingToGatherIn() {
		assertThat(BeforeCommit.of(Record.class, Record::new)).isNull();
		assertThat(BeforeCommit.current(Record.class)).isNull();
	}

	@Test
	void aTransactionHasOneOfEachAndWritesTheSharedRowsLast() {
		TransactionSynchronizationManager.initSynchronization();
		Counts counts = BeforeCommit.of(Counts.class, Counts::new);
		assertThat(BeforeCommit.current(Record.class)).isNull();
		Record record = BeforeCommit.of(Record.class, Record::new);
		assertThat(BeforeCommit.of(Counts.class, Counts::new)).isSameAs(counts);
		assertThat(BeforeCommit.current(Record.class)).isSameAs(record);
		record.gathered();
		assertThat(WRITTEN).as("nothing before the commit").isEmpty();

		TransactionSynchronizationUtils.triggerBeforeCommit(false);
		assertThat(WRITTEN).as("registered first, the shared counts are written last").containsExactly("record", "counts");

		record.gathered();
		assertThat(WRITTEN).as("gathered while committing: written at once").containsExactly("record", "counts", "record");
	}

}
