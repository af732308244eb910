package io.flowfile.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void aLateSubscriberGetsTheHistoryThenLiveEventsWithoutGapOrRepeat() {
        var log = new EventLog(100);
        log.append("a", 1);
        log.append("b", 2);
        List<Long> seen = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        log.subscribe(0, lost -> {
            throw new AssertionError("nothing was lost");
        }, entry -> seen.add(entry.id()), ends::incrementAndGet);
        log.append("c", 3);
        log.close();
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(ends).hasValue(1);
    }

    @Test
    void aReconnectingSubscriberGetsOnlyWhatItMissed() {
        var log = new EventLog(100);
        for (int i = 0; i < 5; i++) {
            log.append("e", i);
        }
        log.close();
        List<Long> seen = new ArrayList<>();
        AtomicInteger ends = new AtomicInteger();
        log.subscribe(3, lost -> {
        }, entry -> seen.add(entry.id()), ends::incrementAndGet);
        assertThat(seen).containsExactly(4L, 5L);
        assertThat(ends).as("a closed log ends the subscription at once").hasValue(1);
    }

    @Test
    void pastItsCapacityTheOldestGoAndASubscriberIsToldHowManyItLost() {
        var log = new EventLog(3);
        for (int i = 0; i < 10; i++) {
            log.append("e", i);
        }
        AtomicLong lost = new AtomicLong();
        List<Long> seen = new ArrayList<>();
        log.subscribe(2, lost::set, entry -> seen.add(entry.id()), () -> {
        });
        assertThat(seen).containsExactly(8L, 9L, 10L);
        assertThat(lost).hasValue(5); // 3..7
        assertThat(log.entries()).hasSize(3);
    }

    @Test
    void aClosedSubscriptionGetsNothingMoreAndAClosedLogTakesNothing() {
        var log = new EventLog(10);
        List<Long> seen = new ArrayList<>();
        var subscription = log.subscribe(0, lost -> {
        }, entry -> seen.add(entry.id()), () -> {
        });
        log.append("a", 1);
        subscription.close();
        log.append("b", 2);
        assertThat(seen).containsExactly(1L);
        log.close();
        assertThatThrownBy(() -> log.append("c", 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsFromManyThreadsReachASubscriberInIdOrder() throws InterruptedException {
        var log = new EventLog(10_000);
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        log.subscribe(0, lost -> {
        }, entry -> seen.add(entry.id()), () -> {
        });
        var start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    log.append("e", i);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(2000).isSorted().doesNotHaveDuplicates();
    }
}
