package dev.chatsdk.jakarta.web;

import java.io.IOException;
import java.util.ServiceConfigurationError;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ErrorCode;
import dev.chatsdk.jakarta.observe.WithheldMessages;
import dev.chatsdk.jakarta.remote.UpstreamUnavailableException;

/**
 * The answer to a request that failed with an exception: the code it carries; {@link ErrorCode#SERVER_MISCONFIGURED}
 * (not retryable) for a configuration or user-mapping problem the server's operator must fix, named in the server log
 * only; {@link ErrorCode#INTERNAL_ERROR} for anything unexpected, with its messages withheld (they may quote a header
 * or a credential). Never a stack trace or an exception's message in the answer, but for {@link ChatSdkException}s,
 * whose messages are written for the caller.
 */
final class Failures {
    private static final System.Logger LOG = System.getLogger("dev.chatsdk.jakarta.web");

    private Failures() {
    }

    static ChatResponse answer(String requestId, Throwable e) {
        if (e instanceof ChatSdkConfigException || e instanceof ServiceConfigurationError) {
            // the problems alone: the exception's own headline says "cannot start", which a running server is not
            String problems = e instanceof ChatSdkConfigException
                    ? "\n" + String.join("\n", ((ChatSdkConfigException) e).problems()) : e.getMessage();
            LOG.log(System.Logger.Level.ERROR, "CHATSDK-202: request " + requestId + " met a mapping problem: "
                    + problems);
            return Responses.error(ErrorCode.SERVER_MISCONFIGURED, "The server's ChatSDK configuration or the "
                    + "application's user mapping is wrong; the server log names the problem under this requestId.",
                    requestId);
        }
        if (e instanceof RateLimits.Exceeded) {
            RateLimits.Exceeded exceeded = (RateLimits.Exceeded) e;
            return Responses.error(exceeded.code(), e.getMessage(), requestId, exceeded.headers(),
                    exceeded.retryAfterSeconds);
        }
        if (e instanceof UpstreamUnavailableException) {
            UpstreamUnavailableException unavailable = (UpstreamUnavailableException) e;
            return Responses.error(unavailable.code(), e.getMessage(), requestId, unavailable.retryAfterSeconds());
        }
        if (e instanceof ChatSdkException) {
            return Responses.error(((ChatSdkException) e).code(), e.getMessage(), requestId);
        }
        if (e instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "CHATSDK-201: request " + requestId + " body could not be read", e);
            return Responses.error(ErrorCode.MALFORMED_JSON, "The request body could not be read completely.", requestId);
        }
        LOG.log(System.Logger.Level.ERROR, "CHATSDK-200: request " + requestId + " failed unexpectedly with "
                + e.getClass().getName() + " (messages withheld: they may quote a header or a credential)",
                WithheldMessages.of(e));
        return Responses.error(ErrorCode.INTERNAL_ERROR,
                "The request failed unexpectedly; the server log has the details under this requestId.", requestId);
    }
}
