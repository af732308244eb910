package io.flowfile.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CpuPriorityTest {

    @Test
    void aThreadLowersItsOwnPriorityAndNoOtherThreads() throws Exception {
        OptionalInt before = CpuPriority.currentNice();
        assertThat(before).as("this machine is Linux, where every thread has a nice value").isPresent();
        var lowered = new AtomicReference<Boolean>();
        var niceThere = new AtomicReference<OptionalInt>();
        Thread thread = Thread.ofPlatform().start(() -> {
            lowered.set(CpuPriority.lowerCurrentThread(before.getAsInt() + 5));
            niceThere.set(CpuPriority.currentNice());
        });
        thread.join();

        assertThat(lowered.get()).isTrue();
        assertThat(niceThere.get()).hasValue(before.getAsInt() + 5);
        assertThat(CpuPriority.currentNice()).as("the calling thread is untouched").isEqualTo(before);
    }

    @Test
    void zeroChangesNothing() throws Exception {
        var result = new AtomicReference<Boolean>();
        var nice = new AtomicReference<OptionalInt>();
        OptionalInt before = CpuPriority.currentNice();
        Thread thread = Thread.ofPlatform().start(() -> {
            result.set(CpuPriority.lowerCurrentThread(0));
            nice.set(CpuPriority.currentNice());
        });
        thread.join();

        assertThat(result.get()).isFalse();
        assertThat(nice.get()).isEqualTo(before);
    }
}
