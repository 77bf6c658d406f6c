package dev.chatsdk.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field or getter of the application's own user (or principal) type that holds
 * the user's id: a {@code String}, 1–255 characters, no {@code ':'}, {@code '/'}, {@code '\'} or {@code '%'} (see
 * {@link ChatUser#idProblem(String)}) (required; exactly one per type). Inherited from superclasses and interfaces; a {@code null} value counts as absent.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ChatUserId {
}
