package dev.chatsdk.jakarta.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.chatsdk.jakarta.ErrorCode;

/** What an adapter writes back: status, headers and a JSON body. Immutable. */
public final class ChatResponse {
    public static final String JSON = "application/json";
    /** Names the adapter that answered ({@code servlet-filter} or {@code jaxrs}), for debugging deployments. */
    public static final String HANDLER_HEADER = "X-ChatSDK-Handler";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final ErrorCode errorCode;
    private final String errorMessage;

    ChatResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null, null);
    }

    ChatResponse(int status, Map<String, String> headers, byte[] body, ErrorCode errorCode, String errorMessage) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /** @return the error code of an error answer, or {@code null} */
    ErrorCode errorCode() {
        return errorCode;
    }

    /** @return the message of an error answer, or {@code null} */
    String errorMessage() {
        return errorMessage;
    }

    public int status() {
        return status;
    }

    /** @return headers to set, Content-Type excluded (always {@link #JSON}) */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the JSON body; callers must not modify it */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "ChatResponse[status=" + status + ", " + body.length + " bytes]";
    }
}
