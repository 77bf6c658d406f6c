package dev.chatsdk.jakarta.web;

import dev.chatsdk.jakarta.ChatSdkConfig;
import dev.chatsdk.jakarta.config.SessionConfig;
import dev.chatsdk.jakarta.config.SessionStoreType;

/** Concurrent refreshes against the in-memory store. */
class InMemoryConcurrentRefreshIT extends ConcurrentRefreshContract {
    @Override
    protected ChatSdkConfig.Builder withStore(ChatSdkConfig.Builder config) {
        return config.set(SessionConfig.STORE, SessionStoreType.MEMORY);
    }
}
