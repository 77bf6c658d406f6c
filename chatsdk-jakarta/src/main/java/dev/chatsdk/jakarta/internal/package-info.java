/**
 * Internal; may change without notice. Helpers shared by the public {@code dev.chatsdk.jakarta.client} package and
 * the server side ({@code dev.chatsdk.jakarta.remote}): they depend on the JDK only, so the client keeps needing
 * nothing of the server side. Not part of the API (a module descriptor must not export this package).
 */
package dev.chatsdk.jakarta.internal;
