package dev.chatsdk.jakarta.identity;

import java.security.Principal;
import java.util.List;

import dev.chatsdk.jakarta.ChatClaim;
import dev.chatsdk.jakarta.ChatUserAvatar;
import dev.chatsdk.jakarta.ChatUserEmail;
import dev.chatsdk.jakarta.ChatUserId;
import dev.chatsdk.jakarta.ChatUserName;

/** Application user types, annotated the way customers would: right and wrong. */
public final class AppUsers {
    private AppUsers() {
    }

    public enum Role { ADMIN, MEMBER }

    public record Team(String id, int size) {
    }

    /** Fields only, with a constant claim on the type. */
    @ChatClaim(value = "tenant", constant = "acme")
    public static class FieldUser {
        @ChatUserId
        private final String login;
        @ChatUserName
        private final String fullName;
        @ChatUserAvatar
        String picture = "https://example.com/u.png";
        @ChatUserEmail
        String mail;
        @ChatClaim("role")
        Role role = Role.ADMIN;
        @ChatClaim("team")
        Team team = new Team("t-1", 4);
        @ChatClaim("nothing")
        String absent;

        public FieldUser(String login, String fullName) {
            this.login = login;
            this.fullName = fullName;
        }
    }

    /** Getters declared on an interface, implemented by a class. */
    public interface Account {
        @ChatUserId
        String getAccountId();

        @ChatUserName
        default String getDisplayName() {
            return "Account " + getAccountId();
        }
    }

    public static class AccountImpl implements Account {
        @Override
        public String getAccountId() {
            return "acc-7";
        }
    }

    /** A base class with the id, a subclass adding claims and overriding an annotated getter. */
    public static class BaseUser {
        @ChatUserId
        protected String id = "base-1";

        @ChatUserName
        public String name() {
            return "Base";
        }
    }

    public static class Employee extends BaseUser {
        @ChatClaim("departments")
        List<String> departments = List.of("eng", "ops");

        @Override
        public String name() {
            return "Employee";
        }
    }

    /** An annotated principal, as a custom authentication filter might set. */
    public static final class AppPrincipal implements Principal {
        @ChatUserId
        private final String id;
        @ChatUserName
        private final String name;

        public AppPrincipal(String id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public String getName() {
            return id;
        }
    }

    public static class TwoIds {
        @ChatUserId
        String a = "a";

        @ChatUserId
        public String getB() {
            return "b";
        }
    }

    public static class LongId {
        @ChatUserId
        long id = 42;
    }

    public static class DuplicateClaim {
        @ChatUserId
        String id = "d";
        @ChatClaim("role")
        String role = "x";

        @ChatClaim("role")
        public String getRole() {
            return role;
        }
    }

    public static class GetterWithParameter {
        @ChatUserId
        public String id(String prefix) {
            return prefix;
        }
    }

    public static class StaticName {
        @ChatUserId
        String id = "s";
        @ChatUserName
        static String name = "static";
    }

    public static class NoId {
        @ChatUserName
        String name = "nameless";
    }

    @ChatClaim("plan")
    public static class ConstantWithoutValue {
        @ChatUserId
        String id = "c";
    }

    public static class MemberClaimWithConstant {
        @ChatUserId
        String id = "m";
        @ChatClaim(value = "x", constant = "y")
        String x = "z";
    }

    /** A claim whose value Jackson cannot write (a bean without properties). */
    public static class Opaque {
    }

    public static class NotJson {
        @ChatUserId
        String id = "n";
        @ChatClaim("opaque")
        Opaque opaque = new Opaque();
    }

    public static class LongName {
        @ChatUserId
        String id = "l";
        @ChatUserName
        String name = "x".repeat(256);
    }
}
