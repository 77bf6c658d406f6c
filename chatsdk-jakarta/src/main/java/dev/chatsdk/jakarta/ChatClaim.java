package dev.chatsdk.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a custom claim into the user's {@code custom} object (which the chat client reads back as
 * {@code user.custom}). On a field or getter, the member's value is the claim's value, written as JSON
 * (strings, numbers, booleans, lists, maps, records and beans, enums); a {@code null} value is left out.
 * On the type, repeatable, {@link #constant()} gives a fixed string value:
 *
 * <pre>{@code
 * @ChatClaim(value = "tenant", constant = "acme")
 * public class AppUser {
 *     @ChatUserId String login;
 *     @ChatClaim("role") Role role;
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
@Repeatable(ChatClaim.List.class)
public @interface ChatClaim {
    /** @return the claim's key in {@code custom} */
    String value();

    /** @return the claim's fixed value; only on a type, where it is required */
    String constant() default "";

    /**
     * Holds repeated {@link ChatClaim}s on a type.
     *
     * @since 0.1
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** @return the claims */
        ChatClaim[] value();
    }
}
