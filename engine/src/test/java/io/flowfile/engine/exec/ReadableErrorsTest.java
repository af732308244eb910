package io.flowfile.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DuckDB's messages as a user reads them: the JSON some errors carry is replaced by its message. */
class ReadableErrorsTest {

    @Test
    void theJsonDetailsOfAnIoErrorBecomeTheirMessage() {
        String duckDb = "IO Error: Async write failed for range [offset=2545992, size=2258106]: {\"exception_type\":\"IO\","
                + "\"exception_message\":\"Could not write file \\\"/data/.out.parquet.tmp-1\\\": No space left on device\",\"errno\":\"28\"}";
        assertThat(StageRunner.readable(duckDb)).isEqualTo("IO Error: Async write failed for range [offset=2545992, size=2258106]: "
                + "Could not write file \"/data/.out.parquet.tmp-1\": No space left on device (the disk is full)");
    }

    @Test
    void otherMessagesStayAsTheyAre() {
        assertThat(StageRunner.readable("Binder Error: column x not found")).isEqualTo("Binder Error: column x not found");
        assertThat(StageRunner.readable("odd {\"exception_type\": broken")).isEqualTo("odd {\"exception_type\": broken");
    }
}
