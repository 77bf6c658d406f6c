/** Internal; may change without notice. */
package dev.chatsdk.jakarta.observe;
