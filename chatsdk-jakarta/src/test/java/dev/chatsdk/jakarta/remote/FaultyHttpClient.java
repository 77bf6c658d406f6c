package dev.chatsdk.jakarta.remote;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The JDK's HttpClient, really talking HTTP, with one fault armed at a chosen step of the next call: the
 * exceptions the JDK can throw there cannot be provoked from a server (an {@link Error}, a runtime exception
 * of its own), so they are thrown here, where the JDK would throw them. Used by one test thread at a time.
 */
final class FaultyHttpClient extends HttpClient {
    /** Where in a call the fault strikes. */
    enum Step {
        SEND, STATUS, HEADERS, BODY_READ
    }

    private final HttpClient real;
    private final AtomicReference<Step> step = new AtomicReference<>();
    private volatile Supplier<Throwable> fault;
    private final AtomicInteger asyncCalls = new AtomicInteger();

    FaultyHttpClient(HttpClient real) {
        this.real = real;
    }

    /** Arms {@code fault} for the next call, at {@code where}; it strikes once. */
    void arm(Step where, Supplier<Throwable> what) {
        fault = what;
        step.set(where);
    }

    private void strike(Step here) throws IOException {
        if (step.compareAndSet(here, null)) {
            Throwable t = fault.get();
            if (t instanceof IOException) {
                throw (IOException) t;
            }
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            throw (Error) t;
        }
    }

    private void strikeUnchecked(Step here) {
        try {
            strike(here);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Strikes at send, at the status, at the headers and while the body arrives, as {@link #sendAsync} does. */
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        strike(Step.SEND);
        HttpResponse<T> response = real.send(request, failingBody(handler));
        return new Faulty<>(response);
    }

    private final class Faulty<T> implements HttpResponse<T> {
        private final HttpResponse<T> real;

        Faulty(HttpResponse<T> real) {
            this.real = real;
        }

        @Override
        public int statusCode() {
            strikeUnchecked(Step.STATUS);
            return real.statusCode();
        }

        @Override
        public HttpHeaders headers() {
            strikeUnchecked(Step.HEADERS);
            return real.headers();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T body() {
            T body = real.body();
            if (!(body instanceof InputStream)) {
                return body;
            }
            return (T) new FilterInputStream((InputStream) body) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    strike(Step.BODY_READ);
                    return super.read(b, off, len);
                }

                @Override
                public int read() throws IOException {
                    strike(Step.BODY_READ);
                    return super.read();
                }
            };
        }

        @Override
        public HttpRequest request() {
            return real.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return real.previousResponse();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return real.sslSession();
        }

        @Override
        public URI uri() {
            return real.uri();
        }

        @Override
        public HttpClient.Version version() {
            return real.version();
        }
    }

    /**
     * The asynchronous call strikes at the same steps: at send (an I/O failure as the failed exchange, anything
     * else thrown at once, as the JDK throws on a bad request), when the status or headers are read, and while the
     * body arrives (the body fails with the fault, as when the connection breaks mid-body).
     */
    /** @return how many calls took the asynchronous path */
    int asyncCalls() {
        return asyncCalls.get();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        asyncCalls.incrementAndGet();
        try {
            strike(Step.SEND);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return real.sendAsync(request, failingBody(handler)).thenApply(Faulty::new);
    }

    private <T> HttpResponse.BodyHandler<T> failingBody(HttpResponse.BodyHandler<T> handler) {
        return info -> {
            HttpResponse.BodySubscriber<T> body = handler.apply(info);
            return new HttpResponse.BodySubscriber<T>() {
                private Flow.Subscription subscription;
                private boolean failed;

                @Override
                public CompletionStage<T> getBody() {
                    return body.getBody();
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    body.onSubscribe(s);
                }

                @Override
                public void onNext(List<ByteBuffer> item) {
                    if (failed) {
                        return;
                    }
                    if (step.compareAndSet(Step.BODY_READ, null)) {
                        failed = true;
                        subscription.cancel();
                        body.onError(fault.get());
                        return;
                    }
                    body.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    if (!failed) {
                        body.onError(throwable);
                    }
                }

                @Override
                public void onComplete() {
                    if (!failed) {
                        body.onComplete();
                    }
                }
            };
        };
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        asyncCalls.incrementAndGet();
        return real.sendAsync(request, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return real.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return real.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return real.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return real.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return real.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return real.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return real.authenticator();
    }

    @Override
    public HttpClient.Version version() {
        return real.version();
    }

    @Override
    public Optional<Executor> executor() {
        return real.executor();
    }
}
