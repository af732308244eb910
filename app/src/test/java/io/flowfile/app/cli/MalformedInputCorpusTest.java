package io.flowfile.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowfile.app.cli.MalformedInputCorpus.Entry;
import io.flowfile.app.testing.Cli;
import io.flowfile.app.testing.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every entry of the malformed-input corpus through the command line (in-process) and sorts
 * the answers: clear (refused, no stack trace, naming what is wrong), vague (refused without naming
 * it, or naming Java types), crash (a Java stack trace or exception name), hang (no answer within 60 s) or accepted (exit
 * 0). Anything but clear fails the test, listing each entry with what it printed.
 */
public class MalformedInputCorpusTest {

    public enum Verdict { CLEAR, VAGUE, CRASH, HANG, ACCEPTED }

    private static final Pattern JAVA_TRACE = Pattern.compile(
            "\\tat [\\w.$]+\\(|\\b(java|javax|jdk|com|org|io)\\.[\\w.$]+(Exception|Error)\\b|NullPointerException|ClassCastException");
    /** Java type names in an answer: a person asked for settings, not for classes. */
    private static final Pattern JAVA_NAMES = Pattern.compile("`java\\.|\\bjava\\.(util|lang)\\.[A-Z]|\\bio\\.flowfile\\.[\\w.]*[A-Z]");

    @TempDir
    Path dir;

    @Test
    void everyMalformedInputIsRefusedClearly() throws Exception {
        List<Entry> entries = MalformedInputCorpus.entries(dir.resolve("data"));
        assertThat(entries).hasSizeGreaterThan(300);

        var counts = new EnumMap<Verdict, Integer>(Verdict.class);
        var failures = new ArrayList<String>();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(null, runnable, "corpus", 64L << 20);
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                Path entryDir = Files.createDirectories(dir.resolve("entry-" + i));
                Outcome outcome = null;
                Verdict verdict;
                try {
                    write(entryDir, entry.files());
                    String[] args = entry.args().stream().map(arg -> arg.replace("{dir}", entryDir.toString())).toArray(String[]::new);
                    var answer = executor.submit(() -> Cli.run(dir.resolve("data"), args));
                    outcome = answer.get(60, TimeUnit.SECONDS);
                    verdict = verdict(entry, outcome);
                } catch (TimeoutException e) {
                    verdict = Verdict.HANG;
                } catch (java.util.concurrent.ExecutionException e) {
                    verdict = Verdict.CRASH;
                    outcome = new Outcome(-1, "", String.valueOf(e.getCause()));
                }
                counts.merge(verdict, 1, Integer::sum);
                if (Boolean.getBoolean("corpus.print") && outcome != null) { // -Dcorpus.print=true: every answer, to read them
                    System.out.println(verdict + "  " + entry.name() + "\n    " + (outcome.out() + outcome.err()).strip()
                            .lines().limit(4).reduce((a, b) -> a + "\n    " + b).orElse(""));
                }
                if (verdict != Verdict.CLEAR) {
                    failures.add(verdict + "  " + entry.name() + "  (must name " + entry.mustName() + ")\n    exit "
                            + (outcome == null ? "-" : outcome.exitCode()) + ": "
                            + (outcome == null ? "" : (outcome.out() + outcome.err()).strip().replace("\n", "\n    ")));
                }
            }
        } finally {
            executor.shutdownNow();
        }
        String report = "malformed-input corpus: " + entries.size() + " entries: " + counts;
        System.out.println(report);
        failures.forEach(System.out::println);
        assertThat(failures).as(report).isEmpty();
    }

    private static Verdict verdict(Entry entry, Outcome outcome) {
        return verdict(entry, outcome.out() + "\n" + outcome.err(), outcome.exitCode() != 0);
    }

    /** The verdict on what was {@code said} about {@code entry}, and whether it was refused. */
    public static Verdict verdict(Entry entry, String said, boolean refused) {
        if (JAVA_TRACE.matcher(said).find()) {
            return Verdict.CRASH;
        }
        if (!refused) {
            return Verdict.ACCEPTED;
        }
        if (JAVA_NAMES.matcher(said).find()) {
            return Verdict.VAGUE;
        }
        String lower = said.toLowerCase(Locale.ROOT);
        boolean named = entry.mustName().stream().allMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)));
        return named ? Verdict.CLEAR : Verdict.VAGUE;
    }

    private static void write(Path directory, Map<String, byte[]> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }
}
