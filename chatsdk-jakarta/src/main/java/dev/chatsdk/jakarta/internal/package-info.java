/**
 * Internal, not an API; may change without notice, and applications must not use it (the module descriptor does not
 * export this package). Two kinds of helpers live here: the accessor the module's adapters reach a {@code ChatSdk}'s
 * internals through, and the retry helpers shared by the public {@code dev.chatsdk.jakarta.client} package and the
 * server side ({@code dev.chatsdk.jakarta.remote}), which depend on the JDK only so the client needs nothing of the
 * server side.
 */
package dev.chatsdk.jakarta.internal;
