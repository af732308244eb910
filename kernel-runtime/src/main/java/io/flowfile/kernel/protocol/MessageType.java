package io.flowfile.kernel.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each message type this client knows: its wire name, the channel it travels on, its content. */
public enum MessageType {
    KERNEL_INFO_REQUEST("kernel_info_request", Channel.SHELL, Content.KernelInfoRequest.class),
    KERNEL_INFO_REPLY("kernel_info_reply", Channel.SHELL, Content.KernelInfoReply.class),
    EXECUTE_REQUEST("execute_request", Channel.SHELL, Content.ExecuteRequest.class),
    EXECUTE_REPLY("execute_reply", Channel.SHELL, Content.ExecuteReply.class),
    EXECUTE_INPUT("execute_input", Channel.IOPUB, Content.ExecuteInput.class),
    STREAM("stream", Channel.IOPUB, Content.Stream.class),
    DISPLAY_DATA("display_data", Channel.IOPUB, Content.DisplayData.class),
    UPDATE_DISPLAY_DATA("update_display_data", Channel.IOPUB, Content.UpdateDisplayData.class),
    EXECUTE_RESULT("execute_result", Channel.IOPUB, Content.ExecuteResult.class),
    ERROR("error", Channel.IOPUB, Content.Error.class),
    STATUS("status", Channel.IOPUB, Content.Status.class),
    CLEAR_OUTPUT("clear_output", Channel.IOPUB, Content.ClearOutput.class),
    INTERRUPT_REQUEST("interrupt_request", Channel.CONTROL, Content.InterruptRequest.class),
    INTERRUPT_REPLY("interrupt_reply", Channel.CONTROL, Content.InterruptReply.class),
    SHUTDOWN_REQUEST("shutdown_request", Channel.CONTROL, Content.ShutdownRequest.class),
    SHUTDOWN_REPLY("shutdown_reply", Channel.CONTROL, Content.ShutdownReply.class),
    COMPLETE_REQUEST("complete_request", Channel.SHELL, Content.CompleteRequest.class),
    COMPLETE_REPLY("complete_reply", Channel.SHELL, Content.CompleteReply.class),
    INSPECT_REQUEST("inspect_request", Channel.SHELL, Content.InspectRequest.class),
    INSPECT_REPLY("inspect_reply", Channel.SHELL, Content.InspectReply.class),
    IS_COMPLETE_REQUEST("is_complete_request", Channel.SHELL, Content.IsCompleteRequest.class),
    IS_COMPLETE_REPLY("is_complete_reply", Channel.SHELL, Content.IsCompleteReply.class),
    INPUT_REQUEST("input_request", Channel.STDIN, Content.InputRequest.class),
    INPUT_REPLY("input_reply", Channel.STDIN, Content.InputReply.class),
    COMM_OPEN("comm_open", Channel.SHELL, Content.CommOpen.class),
    COMM_MSG("comm_msg", Channel.SHELL, Content.CommMsg.class),
    COMM_CLOSE("comm_close", Channel.SHELL, Content.CommClose.class);

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));
    private static final Map<Class<? extends Content>, MessageType> BY_CONTENT = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::contentType, Function.identity()));

    private final String wireName;
    private final Channel channel;
    private final Class<? extends Content> contentType;

    MessageType(String wireName, Channel channel, Class<? extends Content> contentType) {
        this.wireName = wireName;
        this.channel = channel;
        this.contentType = contentType;
    }

    public String wireName() {
        return wireName;
    }

    /** The channel a request of this type is sent on (comms from the kernel arrive on iopub). */
    public Channel channel() {
        return channel;
    }

    public Class<? extends Content> contentType() {
        return contentType;
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static MessageType of(Content content) {
        MessageType type = BY_CONTENT.get(content.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no message type for " + content.getClass().getSimpleName());
        }
        return type;
    }
}
