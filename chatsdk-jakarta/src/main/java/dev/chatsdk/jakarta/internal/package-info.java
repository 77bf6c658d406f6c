/**
 * Internal, not an API: the accessor the module's adapters reach a {@code ChatSdk}'s internals through. Nothing here
 * is covered by compatibility; applications must not use it.
 */
package dev.chatsdk.jakarta.internal;
