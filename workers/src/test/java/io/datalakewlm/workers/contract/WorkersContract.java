package io.datalakewlm.workers.contract;

import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.testing.ManualClock;
import io.datalakewlm.workers.testing.StoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh store, a manual clock and the workers over them, for each test of a domain contract. */
public abstract class WorkersContract {

  protected Store store;
  protected ManualClock clock;
  protected Workers workers;

  protected abstract StoreFixture fixture();

  @BeforeEach
  void openWorkers() {
    store = fixture().newStore();
    clock = ManualClock.at("2024-03-01T08:00:00Z");
    workers = new Workers(store, clock, new Workers.Settings(Duration.ZERO, Duration.ofDays(1)));
  }

  @AfterEach
  void closeWorkers() {
    store.close();
  }
}
