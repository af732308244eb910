package io.flowfile.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The typed content of the Jupyter messages this client speaks (protocol 5.3). Each record maps to
 * one {@code msg_type}; {@link MessageType} holds the mapping. Fields the protocol adds later are
 * ignored on read, absent optional fields are left out on write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Content {

    // ---- kernel info
    record KernelInfoRequest() implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KernelInfoReply(
            String status,
            @JsonProperty("protocol_version") String protocolVersion,
            String implementation,
            @JsonProperty("implementation_version") String implementationVersion,
            @JsonProperty("language_info") LanguageInfo languageInfo,
            String banner) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LanguageInfo(String name, String version, String mimetype,
                        @JsonProperty("file_extension") String fileExtension) {}

    // ---- execution
    record ExecuteRequest(
            String code,
            boolean silent,
            @JsonProperty("store_history") boolean storeHistory,
            @JsonProperty("user_expressions") Map<String, String> userExpressions,
            @JsonProperty("allow_stdin") boolean allowStdin,
            @JsonProperty("stop_on_error") boolean stopOnError) implements Content {

        public ExecuteRequest {
            userExpressions = userExpressions == null ? Map.of() : Map.copyOf(userExpressions);
        }

        /** Code as a notebook cell runs it: in history, outputs shown, stop the queue on error. */
        public static ExecuteRequest of(String code) {
            return new ExecuteRequest(code, false, true, Map.of(), false, true);
        }

        public ExecuteRequest withAllowStdin(boolean allow) {
            return new ExecuteRequest(code, silent, storeHistory, userExpressions, allow, stopOnError);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExecuteReply(
            String status,
            @JsonProperty("execution_count") Integer executionCount,
            String ename,
            String evalue,
            List<String> traceback,
            @JsonProperty("user_expressions") Map<String, Object> userExpressions) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExecuteInput(String code, @JsonProperty("execution_count") Integer executionCount) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stream(String name, String text) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DisplayData(Map<String, Object> data, Map<String, Object> metadata,
                       @JsonProperty("transient") Map<String, Object> transientData) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UpdateDisplayData(Map<String, Object> data, Map<String, Object> metadata,
                             @JsonProperty("transient") Map<String, Object> transientData) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExecuteResult(@JsonProperty("execution_count") Integer executionCount,
                         Map<String, Object> data, Map<String, Object> metadata) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String ename, String evalue, List<String> traceback) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(@JsonProperty("execution_state") String executionState) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClearOutput(@JsonProperty("wait") boolean waitForNext) implements Content {}

    // ---- control
    record InterruptRequest() implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InterruptReply(String status) implements Content {}

    record ShutdownRequest(boolean restart) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShutdownReply(String status, boolean restart) implements Content {}

    // ---- introspection
    record CompleteRequest(String code, @JsonProperty("cursor_pos") int cursorPosition) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompleteReply(String status, List<String> matches,
                         @JsonProperty("cursor_start") int cursorStart,
                         @JsonProperty("cursor_end") int cursorEnd) implements Content {}

    record InspectRequest(String code, @JsonProperty("cursor_pos") int cursorPosition,
                          @JsonProperty("detail_level") int detailLevel) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InspectReply(String status, boolean found, Map<String, Object> data) implements Content {}

    record IsCompleteRequest(String code) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IsCompleteReply(String status, String indent) implements Content {}

    // ---- stdin
    @JsonIgnoreProperties(ignoreUnknown = true)
    record InputRequest(String prompt, boolean password) implements Content {}

    record InputReply(String value) implements Content {}

    // ---- comms
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommOpen(@JsonProperty("comm_id") String commId, @JsonProperty("target_name") String targetName,
                    Map<String, Object> data) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommMsg(@JsonProperty("comm_id") String commId, Map<String, Object> data) implements Content {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommClose(@JsonProperty("comm_id") String commId, Map<String, Object> data) implements Content {}
}
