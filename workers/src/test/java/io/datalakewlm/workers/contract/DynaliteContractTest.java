package io.datalakewlm.workers.contract;

import io.datalakewlm.workers.testing.DynaliteFixture;
import io.datalakewlm.workers.testing.StoreFixture;
import org.junit.jupiter.api.Nested;

/** The contract suite on the a real dynalite server (one per test JVM). */
class DynaliteContractTest {

  private static final StoreFixture FIXTURE = new DynaliteFixture();

  @Nested
  class Primitives extends StoreContract {
    @Override
    protected StoreFixture fixture() {
      return FIXTURE;
    }
  }
}
