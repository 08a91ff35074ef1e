package io.datalakewlm.workers.contract;

import io.datalakewlm.workers.testing.LocalStackFixture;
import io.datalakewlm.workers.testing.StoreFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIf;

/** The contract suite on LocalStack's DynamoDB, where a Docker engine exists. */
@EnabledIf(value = "io.datalakewlm.workers.testing.LocalStackFixture#dockerAvailable",
    disabledReason = "no Docker engine on this machine: the LocalStack run of the contract suite is skipped "
        + "(the same suite runs on dynalite and on the in-memory twin)")
class LocalStackContractTest {

  private static final StoreFixture FIXTURE = new LocalStackFixture();

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
