/**
 * ChatSDK Jakarta's public API: {@link dev.chatsdk.jakarta.ChatSdk} (issue tokens in code),
 * {@link dev.chatsdk.jakarta.ChatUser}, {@link dev.chatsdk.jakarta.ChatTokens},
 * {@link dev.chatsdk.jakarta.ChatSdkConfig} with its keys, and
 * {@link dev.chatsdk.jakarta.ChatSdkException} with {@link dev.chatsdk.jakarta.ErrorCode}.
 */
package dev.chatsdk.jakarta;
