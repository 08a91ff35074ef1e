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
}
