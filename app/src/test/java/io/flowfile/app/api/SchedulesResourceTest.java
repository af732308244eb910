package io.flowfile.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.flowfile.app.config.FileRoots;
import io.flowfile.app.schedule.ScheduleRunner;
import io.flowfile.app.schedule.UnixCron;
import io.flowfile.app.testing.Api;
import io.flowfile.catalog.api.Role;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunTrigger;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import io.flowfile.catalog.run.RunService;
import io.flowfile.catalog.schedule.ScheduleCatalog;
import io.flowfile.catalog.user.ApiTokenService;
import io.flowfile.catalog.user.UserService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules over HTTP: CRUD and validation, fire times, run now, a schedule that fires, overlap, missed ticks, pause. */
@QuarkusTest
class SchedulesResourceTest {

    @Inject
    UserService users;

    @Inject
    ApiTokenService tokens;

    @Inject
    FileRoots roots;

    @Inject
    RunService catalogRuns;

    @Inject
    ScheduleCatalog scheduleCatalog;

    @Inject
    ScheduleRunner runner;

    @Inject
    io.flowfile.catalog.flow.FlowService flowService;

    private Api.User user;

    @BeforeEach
    void setUp() {
        user = new Api(users, tokens).user(Role.USER);
        Api.salesData(roots.primary());
    }

    /** A registered flow (the sales example) of the user's; its name. */
    private String registeredFlow() {
        return registeredFlow(user);
    }

    /** A registered flow (the sales example) of {@code user}'s; its name. */
    private static String registeredFlow(Api.User user) {
        String draft = user.request().body(Map.of("name", "scheduled-" + UUID.randomUUID().toString().substring(0, 8))).post("/api/drafts")
                .then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", Api.salesEdits())).post("/api/drafts/" + draft + "/edits").then()
                .statusCode(200).body("problems", hasSize(0));
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201);
        return user.request().get("/api/drafts/" + draft).then().extract().path("name");
    }

    /** A registered flow of orders.csv and an SQL node with this query over it; its name. */
    private String sqlFlow(String query) {
        String draft = user.request().body(Map.of("name", "sql-" + UUID.randomUUID().toString().substring(0, 8))).post("/api/drafts")
                .then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(
                        Api.add("orders", "read_csv", Map.of("path", "orders.csv")),
                        Api.add("query", "sql", Map.of("query", query)),
                        Api.connect("orders", "query"))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200).body("problems", hasSize(0));
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201);
        return user.request().get("/api/drafts/" + draft).then().extract().path("name");
    }

    private static Map<String, Object> cron(String expression, String zone) {
        Map<String, Object> trigger = new HashMap<>();
        trigger.put("type", "cron");
        trigger.put("cron", expression);
        if (zone != null) {
            trigger.put("zone", zone);
        }
        return trigger;
    }

    private static Map<String, Object> interval(long seconds) {
        return Map.of("type", "interval", "intervalSeconds", seconds);
    }

    private String create(Api.User owner, Map<String, Object> body) {
        return owner.request().body(body).post("/api/schedules").then().statusCode(201).extract().path("id");
    }

    private List<Map<String, Object>> ticks(String schedule) {
        return user.request().get("/api/schedules/" + schedule + "/ticks?limit=1000").then().statusCode(200).extract().jsonPath().getList("");
    }

    private List<Map<String, Object>> awaitTicks(String schedule, Predicate<List<Map<String, Object>>> done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> ticks = ticks(schedule);
            if (done.test(ticks)) {
                return ticks;
            }
            sleep(100);
        }
        throw new AssertionError("the ticks of schedule " + schedule + " did not get there within " + within + ": " + ticks(schedule));
    }

    private static long count(List<Map<String, Object>> ticks, String outcome) {
        return ticks.stream().filter(tick -> outcome.equals(tick.get("outcome"))).count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createsListsChangesAndDeletesSchedulesWithTheDefaultsVisible() {
        String flow = registeredFlow();
        String id = user.request().body(Map.of("flow", flow, "trigger", cron("0 6 * * 1-5", "Europe/Berlin"), "parameters", Map.of("region", "EU")))
                .post("/api/schedules").then().statusCode(201)
                .body("flow", equalTo(flow)).body("version", nullValue()).body("owner", equalTo(user.name()))
                .body("trigger.type", equalTo("cron")).body("trigger.zone", equalTo("Europe/Berlin"))
                .body("description", notNullValue()).body("parameters.region", equalTo("EU"))
                .body("policies.overlap", equalTo("skip")).body("policies.missed", equalTo("last")).body("policies.missedCap", equalTo(10))
                .body("policies.retries", equalTo(0)).body("policies.retryBackoffSeconds", equalTo(60))
                .body("policies.timeoutSeconds", nullValue()).body("policies.pauseAfterFailures", nullValue())
                .body("paused", equalTo(false)).body("nextFireTime.utc", notNullValue()).body("nextFireTime.local", notNullValue())
                .body("lastTick", nullValue())
                .extract().path("id");

        user.request().get("/api/schedules/" + id).then().statusCode(200).body("id", equalTo(id));
        user.request().get("/api/schedules").then().statusCode(200).body("id", hasItem(id));
        user.request().get("/api/flows/" + flow + "/schedules").then().statusCode(200).body("id", hasItem(id));
        user.request().get("/api/schedules/" + id + "/next?count=3").then().statusCode(200)
                .body("zone", equalTo("Europe/Berlin")).body("fireTimes", hasSize(3));

        user.request().body(Map.of("flow", flow, "version", 1, "trigger", interval(3600),
                        "policies", Map.of("overlap", "queue", "retries", 2, "pauseAfterFailures", 3)))
                .put("/api/schedules/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("description", equalTo("every hour")).body("policies.overlap", equalTo("queue"))
                .body("policies.retries", equalTo(2)).body("policies.pauseAfterFailures", equalTo(3)).body("policies.missed", equalTo("last"));

        // another user's schedule does not exist for them; an admin sees it
        Api.User other = new Api(users, tokens).user(Role.USER);
        other.request().get("/api/schedules/" + id).then().statusCode(404);
        other.request().post("/api/schedules/" + id + "/run").then().statusCode(404);
        other.request().get("/api/schedules").then().statusCode(200).body("id", not(hasItem(id)));
        Api.User admin = new Api(users, tokens).user(Role.ADMIN);
        admin.request().get("/api/schedules/" + id).then().statusCode(200);

        user.request().delete("/api/schedules/" + id).then().statusCode(204);
        user.request().get("/api/schedules/" + id).then().statusCode(404).body("name", equalTo("SCHEDULE_NOT_FOUND"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String flow = registeredFlow();
        String cronMessage;
        try {
            UnixCron.parse("61 * * * *");
            throw new AssertionError("61 is no minute");
        } catch (IllegalArgumentException e) {
            cronMessage = e.getMessage();
        }
        user.request().body(Map.of("flow", flow, "trigger", cron("61 * * * *", null))).post("/api/schedules").then().statusCode(400)
                .body("name", equalTo("INVALID_SCHEDULE")).body("message", equalTo("trigger.cron: " + cronMessage))
                .body("problems[0].path", equalTo("trigger.cron"));
        user.request().body(Map.of("flow", flow, "trigger", cron("0 0 * * * *", null))).post("/api/schedules").then().statusCode(400)
                .body("message", startsWith("trigger.cron: "));
        user.request().body(Map.of("flow", flow, "trigger", cron("@daily", "Mars/Olympus"))).post("/api/schedules").then().statusCode(400)
                .body("message", startsWith("trigger.zone: 'Mars/Olympus' is not an IANA time zone"));
        user.request().body(Map.of("flow", flow, "trigger", interval(0))).post("/api/schedules").then().statusCode(400)
                .body("message", startsWith("trigger.intervalSeconds: must be at least"));
        user.request().body(Map.of("flow", "no-such-flow", "trigger", interval(3600))).post("/api/schedules").then().statusCode(400)
                .body("message", equalTo("flow: no registered flow is named 'no-such-flow'"));
        user.request().body(Map.of("flow", flow, "version", 9, "trigger", interval(3600))).post("/api/schedules").then().statusCode(400)
                .body("message", startsWith("version: flow '" + flow + "' has no version 9"));
        user.request().body(Map.of("flow", flow, "trigger", Map.of("type", "after_flow", "afterFlow", "nothing"))).post("/api/schedules").then()
                .statusCode(400).body("message", equalTo("trigger.afterFlow: no registered flow is named 'nothing'"));
        user.request().body(Map.of("flow", flow, "trigger", interval(3600), "policies", Map.of("overlap", "sometimes", "retries", 99)))
                .post("/api/schedules").then().statusCode(400)
                .body("problems.path", equalTo(List.of("policies.overlap", "policies.retries")));
        user.request().body(Map.of("flow", flow, "trigger", Map.of("type", "weekly"))).post("/api/schedules").then().statusCode(400)
                .body("message", startsWith("trigger.type: must be cron, interval or after_flow"));
        user.request().body(Map.of("flow", flow)).post("/api/schedules").then().statusCode(400).body("message", startsWith("trigger: is missing"));
        user.request().body(Map.of("flow", flow, "trigger", interval(3600), "surprise", 1)).post("/api/schedules").then().statusCode(400);
    }

    @Test
    void previewGivesTheNextFireTimesOfAnUnsavedTrigger() {
        var preview = user.request().body(Map.of("trigger", cron("30 2 * * *", "America/New_York"), "count", 7)).post("/api/schedules/preview")
                .then().statusCode(200).body("zone", equalTo("America/New_York")).body("fireTimes", hasSize(7))
                .extract().jsonPath();
        String local = preview.getString("fireTimes[0].local");
        Instant utc = Instant.parse(preview.getString("fireTimes[0].utc"));
        assertThat(ZonedDateTime.parse(local).toInstant()).isEqualTo(utc);
        assertThat(utc).isAfter(Instant.now());
        user.request().body(Map.of("trigger", interval(90))).post("/api/schedules/preview").then().statusCode(200)
                .body("description", equalTo("every 90 seconds")).body("fireTimes", hasSize(5)).body("zone", equalTo("Z"));
        user.request().body(Map.of("trigger", cron("nonsense", null))).post("/api/schedules/preview").then().statusCode(400)
                .body("message", startsWith("trigger.cron: "));
        user.request().body(Map.of("trigger", cron("@hourly", null), "count", 101)).post("/api/schedules/preview").then().statusCode(400)
                .body("message", startsWith("count: "));
    }

    @Test
    void runNowMakesAnOrdinaryRunWithTriggerSchedule() {
        String flow = registeredFlow();
        String id = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null)));
        Map<String, Object> tick = user.request().post("/api/schedules/" + id + "/run").then().statusCode(202)
                .body("kind", equalTo("run_now")).body("runId", notNullValue()).body("attempts", equalTo(1)).body("flowVersion", equalTo(1))
                .extract().jsonPath().getMap("");
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "succeeded") == 1, Duration.ofSeconds(30));
        assertThat(ticks).singleElement().satisfies(found -> assertThat(found.get("runId")).isEqualTo(tick.get("runId")));

        RunRecord run = catalogRuns.get(UUID.fromString((String) tick.get("runId")));
        assertThat(run.trigger()).isEqualTo(RunTrigger.SCHEDULE);
        assertThat(run.scheduleId()).isEqualTo(UUID.fromString(id));
        assertThat(run.startedBy()).isEqualTo(user.name());
        assertThat(run.flowVersion()).isEqualTo(1);
        user.request().get("/api/flows/" + flow + "/runs").then().statusCode(200).body("trigger", hasItem("SCHEDULE"));
        user.request().get("/api/schedules/" + id).then().body("lastTick.outcome", equalTo("succeeded"));
    }

    @Test
    void aScheduleRunsTheLatestVersionOnlyWhenItsOwnerOrAnAdminRegisteredIt() {
        Api.User bob = new Api(users, tokens).user(Role.USER);
        String flow = registeredFlow(bob);
        String latest = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null)));
        user.request().post("/api/schedules/" + latest + "/run").then().statusCode(202)
                .body("outcome", equalTo("failed")).body("runId", nullValue())
                .body("message", org.hamcrest.Matchers.containsString("registered by " + bob.name()))
                .body("message", org.hamcrest.Matchers.containsString("neither the schedule's owner (" + user.name() + ") nor an admin"));

        // a version the schedule names is its owner's choice; the latest version of the owner's own flow runs
        String pinned = create(user, Map.of("flow", flow, "version", 1, "trigger", cron("0 0 1 1 *", null)));
        user.request().post("/api/schedules/" + pinned + "/run").then().statusCode(202).body("runId", notNullValue());
        String own = create(user, Map.of("flow", registeredFlow(), "trigger", cron("0 0 1 1 *", null)));
        user.request().post("/api/schedules/" + own + "/run").then().statusCode(202).body("runId", notNullValue());
        awaitTicks(pinned, found -> count(found, "succeeded") == 1, Duration.ofSeconds(30));
        awaitTicks(own, found -> count(found, "succeeded") == 1, Duration.ofSeconds(30));
    }

    @Test
    void anIntervalScheduleFiresUntilPausedAndResumes() {
        String flow = registeredFlow();
        String id = create(user, Map.of("flow", flow, "trigger", interval(2)));
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "succeeded") >= 2, Duration.ofSeconds(25));
        assertThat(ticks).allSatisfy(tick -> assertThat(tick.get("kind")).isEqualTo("scheduled"));
        for (Map<String, Object> tick : ticks) {
            if (tick.get("runId") != null) {
                assertThat(catalogRuns.get(UUID.fromString((String) tick.get("runId"))).trigger()).isEqualTo(RunTrigger.SCHEDULE);
            }
        }

        user.request().post("/api/schedules/" + id + "/pause").then().statusCode(200).body("paused", equalTo(true))
                .body("pausedReason", equalTo("paused by " + user.name())).body("nextFireTime", nullValue());
        sleep(500); // a tick that was firing as it paused
        int paused = ticks(id).size();
        sleep(4500);
        assertThat(ticks(id)).hasSize(paused);
        user.request().get("/api/schedules/" + id + "/next").then().body("fireTimes", hasSize(0));

        user.request().post("/api/schedules/" + id + "/resume").then().statusCode(200).body("paused", equalTo(false))
                .body("pausedReason", nullValue()).body("nextFireTime.utc", notNullValue());
        awaitTicks(id, found -> found.size() > paused, Duration.ofSeconds(20));
        user.request().delete("/api/schedules/" + id).then().statusCode(204);
    }

    @Test
    void aTickWhileThePreviousRunStillRunsIsSkippedOrQueuedAsThePolicySays() {
        String flow = registeredFlow();
        String id = create(user, Map.of("flow", flow, "trigger", interval(3600)));
        UUID schedule = UUID.fromString(id);
        // a tick that is still running (as a run on another server would be)
        var running = scheduleCatalog.claimTick(schedule, Instant.now().minusSeconds(30), TickKind.SCHEDULED, TickOutcome.RUNNING, null)
                .orElseThrow();

        Instant first = Instant.now().minusSeconds(1);
        runner.fire(schedule, first, null);
        assertThat(ticks(id)).filteredOn(tick -> Instant.parse((String) tick.get("fireTime")).equals(first.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))
                .singleElement().satisfies(tick -> {
                    assertThat(tick.get("outcome")).isEqualTo("skipped");
                    assertThat((String) tick.get("message")).contains("still running").contains("overlap policy skip");
                    assertThat(tick.get("runId")).isNull();
                });

        user.request().body(Map.of("flow", flow, "trigger", interval(3600), "policies", Map.of("overlap", "queue")))
                .put("/api/schedules/" + id).then().statusCode(200);
        runner.fire(schedule, Instant.now().minusMillis(500), null);
        assertThat(count(ticks(id), "queued")).isEqualTo(1);

        // the same fire time again (another server, a second trigger) is no second tick
        runner.fire(schedule, first, null);
        assertThat(ticks(id)).hasSize(3);
        scheduleCatalog.updateTick(running.id(), TickOutcome.SUCCEEDED, null);
    }

    @Test
    void firesOfOneScheduleAtOnceStartOneRunWhenTheOverlapPolicyIsSkip() throws Exception {
        // as a trigger that fell behind fires: several fire times of one schedule at once, its run slow
        String flow = sqlFlow("select sum(hash(i)) as h from range(300000000) t(i)");
        String id = create(user, Map.of("flow", flow, "trigger", interval(3600)));
        UUID schedule = UUID.fromString(id);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Instant> times = java.util.stream.IntStream.range(0, 4).mapToObj(i -> now.minusMillis(400 - 100L * i)).toList();
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(times.size())) {
            var fired = times.stream().map(time -> pool.submit(() -> {
                start.await();
                runner.fire(schedule, time, null);
                return null;
            })).toList();
            start.countDown();
            for (var future : fired) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        }

        List<Map<String, Object>> ticks = awaitTicks(id, found -> found.size() == times.size() && count(found, "running") == 0, Duration.ofSeconds(60));
        assertThat(ticks).filteredOn(tick -> tick.get("runId") != null).hasSize(1);
        assertThat(count(ticks, "skipped")).isEqualTo(times.size() - 1);
        user.request().delete("/api/schedules/" + id).then().statusCode(204);
    }

    @Test
    void cancelRunningReachesARunAnotherServerHoldsThroughTheCatalog() {
        String flow = registeredFlow();
        String id = create(user, Map.of("flow", flow, "trigger", interval(3600), "policies", Map.of("overlap", "cancel_running")));
        UUID schedule = UUID.fromString(id);
        // a run of the schedule that another server started (this one does not hold it)
        var version = flowService.version(flow, 1);
        var elsewhere = catalogRuns.start(version.id(), io.flowfile.catalog.api.RunTrigger.SCHEDULE, Map.of(), user.name(), schedule);
        catalogRuns.markRunning(elsewhere.id());
        var running = scheduleCatalog.claimTick(schedule, Instant.now().minusSeconds(30), TickKind.SCHEDULED, TickOutcome.RUNNING, null)
                .orElseThrow();
        scheduleCatalog.tickStarted(running.id(), elsewhere.id(), 1);

        runner.fire(schedule, Instant.now().minusSeconds(1), null);

        assertThat(catalogRuns.cancelRequested(List.of(elsewhere.id()))).containsEntry(elsewhere.id(),
                "cancelled by its schedule: a newer tick started (overlap policy cancel_running)");
        assertThat(scheduleCatalog.ticksWithOutcome(schedule, java.util.Set.of(TickOutcome.CANCELLED))).extracting(tick -> tick.id()).contains(running.id());
        catalogRuns.finish(elsewhere.id(), io.flowfile.catalog.api.RunState.CANCELLED, null); // as that server would
        awaitTicks(id, found -> count(found, "running") == 0, Duration.ofSeconds(30));
        user.request().delete("/api/schedules/" + id).then().statusCode(204);
    }

    @Test
    void aRunOfThisServerWhoseCancelAnotherServerAskedForIsCancelled() {
        String flow = sqlFlow("select sum(hash(i)) as h from range(2000000000) t(i)");
        String run = user.request().body(Map.of()).post("/api/flows/" + flow + "/versions/1/runs").then().statusCode(202).extract().path("id");
        awaitState(run, "RUNNING");

        assertThat(catalogRuns.requestCancel(UUID.fromString(run), "asked by another server")).isTrue();

        awaitState(run, "CANCELLED");
        assertThat(catalogRuns.get(UUID.fromString(run)).error().message()).contains("asked by another server");
        assertThat(catalogRuns.requestCancel(UUID.fromString(run), "again")).isFalse(); // ended: nothing to ask
    }

    @Test
    void theRunsOfAServerThatDiedEndAsFailedAndThoseOfALiveOneGoOn() {
        // a run of this server, over the API: it outlives the sweeps
        String flow = sqlFlow("select sum(hash(i)) as h from range(2000000000) t(i)");
        String mine = user.request().body(Map.of()).post("/api/flows/" + flow + "/versions/1/runs").then().statusCode(202).extract().path("id");
        awaitState(mine, "RUNNING");
        // a run another server started and then died with (it never checked in again)
        var version = flowService.version(flow, 1);
        var orphan = catalogRuns.start(version.id(), RunTrigger.API, Map.of(), user.name(), null, "killed-server-" + UUID.randomUUID());
        catalogRuns.markRunning(orphan.id());

        Instant deadline = Instant.now().plusSeconds(60); // the sweep runs every check-in interval (7.5 s)
        while (Instant.now().isBefore(deadline) && catalogRuns.get(orphan.id()).state() == io.flowfile.catalog.api.RunState.RUNNING) {
            sleep(200);
        }
        assertThat(catalogRuns.get(orphan.id()).state()).isEqualTo(io.flowfile.catalog.api.RunState.FAILED);
        assertThat(catalogRuns.get(orphan.id()).error().message()).isEqualTo("the server running it stopped before it ended");
        sleep(1_000);
        assertThat(catalogRuns.get(UUID.fromString(mine)).state()).isEqualTo(io.flowfile.catalog.api.RunState.RUNNING);
        user.request().post("/api/runs/" + mine + "/cancel").then().statusCode(200);
        awaitState(mine, "CANCELLED");
    }

    private void awaitState(String run, String state) {
        Instant deadline = Instant.now().plusSeconds(60);
        String seen = "";
        while (Instant.now().isBefore(deadline) && !seen.equals(state)) {
            seen = user.request().get("/api/runs/" + run).then().statusCode(200).extract().path("state");
            sleep(100);
        }
        assertThat(seen).isEqualTo(state);
    }

    @Test
    void aRepeatingTriggerFiresTheTimesNoTickRecordsAsWell() {
        // an interval schedule's trigger repeats by itself; a fire time a killed server took from it but
        // never recorded is due at the next fire (here all in the future, so on time: they tick)
        String flow = registeredFlow();
        String id = create(user, Map.of("flow", flow, "trigger", interval(3600)));
        UUID schedule = UUID.fromString(id);
        List<Instant> times = ScheduleRunner.definition(scheduleCatalog.get(schedule)).toTrigger().next(Instant.now(), 3).stream()
                .map(time -> time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).toList();
        scheduleCatalog.claimTick(schedule, times.get(0), TickKind.SCHEDULED, TickOutcome.SUCCEEDED, null).orElseThrow();

        runner.fire(schedule, times.get(2), times.get(0));

        List<Map<String, Object>> ticks = ticks(id);
        assertThat(ticks).extracting(tick -> Instant.parse((String) tick.get("fireTime"))).containsExactlyInAnyOrderElementsOf(times);
        assertThat(ticks).filteredOn(tick -> Instant.parse((String) tick.get("fireTime")).equals(times.get(1))).singleElement()
                .satisfies(tick -> assertThat(tick.get("runId")).isNotNull());
        assertThat(ticks).filteredOn(tick -> Instant.parse((String) tick.get("fireTime")).equals(times.get(2))).singleElement()
                .satisfies(tick -> assertThat(tick.get("outcome")).isEqualTo("skipped"));
        awaitTicks(id, found -> count(found, "running") == 0, Duration.ofSeconds(30));
        user.request().delete("/api/schedules/" + id).then().statusCode(204);
    }

    @Test
    void missedTicksAfterADowntimeFollowThePolicy() {
        String flow = registeredFlow();
        // hourly, half an hour away from now: the ten fire times of the last ten hours were all missed
        int minute = (ZonedDateTime.now(ZoneOffset.UTC).getMinute() + 30) % 60;
        String expression = minute + " * * * *";
        Instant downSince = UnixCron.parse(expression).next(Instant.now().minus(Duration.ofHours(10)), ZoneOffset.UTC, 1).getFirst();

        String last = create(user, Map.of("flow", flow, "trigger", cron(expression, null)));
        runner.fire(UUID.fromString(last), downSince, null);
        List<Map<String, Object>> ticks = awaitTicks(last, found -> count(found, "succeeded") == 1, Duration.ofSeconds(30));
        assertThat(count(ticks, "missed")).isEqualTo(9);
        assertThat(ticks).filteredOn(tick -> "catch_up".equals(tick.get("kind"))).singleElement()
                .satisfies(tick -> assertThat(tick.get("fireTime")).isEqualTo(ticks.stream().map(t -> (String) t.get("fireTime")).max(String::compareTo).orElseThrow()));
        assertThat((String) ticks.stream().filter(tick -> "missed".equals(tick.get("outcome"))).findFirst().orElseThrow().get("message"))
                .contains("missed-ticks policy last");

        String all = create(user, Map.of("flow", flow, "trigger", cron(expression, null), "policies", Map.of("missed", "all", "missedCap", 3)));
        runner.fire(UUID.fromString(all), downSince, null);
        List<Map<String, Object>> caughtUp = awaitTicks(all, found -> count(found, "succeeded") == 3, Duration.ofSeconds(60));
        assertThat(count(caughtUp, "missed")).isEqualTo(7);
        assertThat(caughtUp).filteredOn(tick -> "catch_up".equals(tick.get("kind"))).hasSize(3);
    }

    @Test
    void anAfterFlowScheduleRunsWhenTheFlowItFollowsSucceeds() {
        String upstream = registeredFlow();
        String downstream = registeredFlow();
        String id = create(user, Map.of("flow", downstream, "trigger", Map.of("type", "after_flow", "afterFlow", upstream)));
        user.request().get("/api/schedules/" + id).then().body("description", equalTo("after each successful run of flow '" + upstream + "'"))
                .body("nextFireTime", nullValue());
        String run = user.request().body(Map.of()).post("/api/flows/" + upstream + "/versions/1/runs").then().statusCode(202).extract().path("id");
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "succeeded") == 1, Duration.ofSeconds(30));
        assertThat(ticks).singleElement().satisfies(tick -> {
            assertThat(tick.get("kind")).isEqualTo("after_flow");
            assertThat((String) tick.get("message")).contains(run).contains(upstream);
        });
    }

    @Test
    void aFailedRunIsRetriedAndTheTickFailsOnlyAfterTheLastRetry() {
        String flow = sqlFlow("SELECT CAST(status AS INTEGER) AS broken FROM main");
        String id = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null),
                "policies", Map.of("retries", 1, "retryBackoffSeconds", 1, "pauseAfterFailures", 1)));
        user.request().post("/api/schedules/" + id + "/run").then().statusCode(202);
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "failed") == 1, Duration.ofSeconds(40));
        assertThat(ticks).singleElement().satisfies(tick -> {
            assertThat(tick.get("attempts")).isEqualTo(2);
            assertThat((String) tick.get("message")).contains("attempt 1 of 2 failed: ").contains("attempt 2 failed: ").contains("the schedule is paused");
        });
        user.request().get("/api/schedules/" + id).then().body("paused", equalTo(true))
                .body("pausedReason", startsWith("paused after 1 consecutive failed ticks"));
        // both attempts are runs of the schedule in the run history
        assertThat(user.request().get("/api/flows/" + flow + "/runs").then().extract().jsonPath().getList("trigger")).containsExactly("SCHEDULE", "SCHEDULE");
    }

    @Test
    void aRunPastItsTimeoutIsCancelledAndFailsTheTick() {
        String flow = sqlFlow("SELECT count(*) AS n FROM main, range(100000000000) AS r");
        String id = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null), "policies", Map.of("timeoutSeconds", 1)));
        user.request().post("/api/schedules/" + id + "/run").then().statusCode(202);
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "failed") == 1, Duration.ofSeconds(30));
        assertThat((String) ticks.getFirst().get("message")).contains("timed out after 1 s");
    }

    @Test
    void aWebhookHearsOfTheTicksEndAndIsRetriedWhileTheReceiverFails() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(received.size() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String flow = registeredFlow();
            String id = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null), "webhook", Map.of("url", url, "on", List.of("success"))));
            user.request().get("/api/schedules/" + id).then().body("webhook.url", equalTo(url)).body("webhook.on", equalTo(List.of("success")));
            user.request().post("/api/schedules/" + id + "/run").then().statusCode(202);
            List<Map<String, Object>> ticks = awaitTicks(id, found -> found.size() == 1 && ((String) found.getFirst().get("message")).contains("webhook"),
                    Duration.ofSeconds(40));
            assertThat((String) ticks.getFirst().get("message")).contains("webhook success sent to " + url + " (HTTP 204, attempt 2)");
            assertThat(received).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"event\":\"success\"").contains(id));
        } finally {
            receiver.stop(0);
        }
        user.request().body(Map.of("flow", registeredFlow(), "trigger", interval(3600), "webhook", Map.of("url", "ftp://x", "on", List.of("sometimes"))))
                .post("/api/schedules").then().statusCode(400).body("problems.path", equalTo(List.of("webhook.url", "webhook.on[0]")));
    }

    @Test
    void consecutiveFailuresPauseTheScheduleWithTheReasonShown() throws Exception {
        Path root = roots.primary();
        String file = "orders-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        Files.copy(root.resolve("orders.csv"), root.resolve(file));
        String draft = user.request().body(Map.of("name", "failing-" + UUID.randomUUID().toString().substring(0, 8))).post("/api/drafts")
                .then().statusCode(201).extract().path("id");
        user.request().body(Map.of("revision", 1, "edits", List.of(Api.add("orders", "read_csv", Map.of("path", file)))))
                .post("/api/drafts/" + draft + "/edits").then().statusCode(200).body("problems", hasSize(0));
        user.request().body(Map.of()).post("/api/drafts/" + draft + "/register").then().statusCode(201);
        String flow = user.request().get("/api/drafts/" + draft).then().extract().path("name");
        Files.delete(root.resolve(file));

        String id = create(user, Map.of("flow", flow, "trigger", cron("0 0 1 1 *", null),
                "policies", Map.of("retries", 1, "retryBackoffSeconds", 0, "pauseAfterFailures", 1)));
        user.request().post("/api/schedules/" + id + "/run").then().statusCode(202);
        List<Map<String, Object>> ticks = awaitTicks(id, found -> count(found, "failed") == 1, Duration.ofSeconds(30));
        assertThat((String) ticks.getFirst().get("message")).contains("the schedule is paused");
        user.request().get("/api/schedules/" + id).then().body("paused", equalTo(true)).body("consecutiveFailures", equalTo(1))
                .body("pausedReason", startsWith("paused after 1 consecutive failed ticks"));
    }
}
