package io.datalakewlm.workers.contract;

import io.datalakewlm.workers.testing.MemoryFixture;
import io.datalakewlm.workers.testing.StoreFixture;
import org.junit.jupiter.api.Nested;

/** The contract suite on the in-memory twin. */
class InMemoryContractTest {

  private static final StoreFixture FIXTURE = new MemoryFixture();

  @Nested
  class Primitives extends StoreContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Semaphores extends SemaphoreContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class TokenBuckets extends TokenBucketContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Queue extends QueueContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Reaping extends ReapContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Dependencies extends DependencyContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Fairness extends FairnessContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class SelectionReads extends SelectionReadsContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Pool extends PoolContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Crawling extends CrawlContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class Concurrency extends ConcurrencyContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }

  @Nested
  class DeadLetters extends DeadLetterContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }
}
