package dev.chatsdk.jakarta.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatSdkConfigException;
import dev.chatsdk.jakarta.ChatSdkException;
import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.ErrorCode;

class AnnotatedUsersTest {
    private static final String P = AppUsers.class.getName() + "$";

    @Test
    void readsFieldsConstantsAndJsonValues() {
        ChatUser user = AnnotatedUsers.read(new AppUsers.FieldUser("jdoe", "Jane Doe"));

        assertThat(user.id()).isEqualTo("jdoe");
        assertThat(user.name()).contains("Jane Doe");
        assertThat(user.avatar()).contains("https://example.com/u.png");
        assertThat(user.email()).isEmpty();
        assertThat(user.custom()).containsExactly(Map.entry("tenant", "acme"), Map.entry("role", "ADMIN"),
                Map.entry("team", Map.of("id", "t-1", "size", 4)));
    }

    @Test
    void readsGettersDeclaredOnAnInterface() {
        ChatUser user = AnnotatedUsers.read(new AppUsers.AccountImpl());

        assertThat(user.id()).isEqualTo("acc-7");
        assertThat(user.name()).contains("Account acc-7");
    }

    @Test
    void readsInheritedMembersAndCallsTheOverride() {
        ChatUser user = AnnotatedUsers.read(new AppUsers.Employee());

        assertThat(user.id()).isEqualTo("base-1");
        assertThat(user.name()).contains("Employee");
        assertThat(user.custom()).containsEntry("departments", List.of("eng", "ops"));
    }

    @Test
    void knowsWhichTypesAreAnnotated() {
        assertThat(AnnotatedUsers.isAnnotated(AppUsers.FieldUser.class)).isTrue();
        assertThat(AnnotatedUsers.isAnnotated(AppUsers.Employee.class)).isTrue();
        assertThat(AnnotatedUsers.isAnnotated(String.class)).isFalse();
    }

    private static void assertRejected(Object source, String... problems) {
        assertThatThrownBy(() -> AnnotatedUsers.read(source)).isInstanceOfSatisfying(ChatSdkConfigException.class,
                e -> assertThat(e.problems()).containsExactly(problems));
    }

    @Test
    void rejectsTwoIds() {
        assertRejected(new AppUsers.TwoIds(), "CHATSDK-060: " + P + "TwoIds has 2 @ChatUserId members (" + P
                + "TwoIds.a (field), " + P + "TwoIds.getB()); keep one");
    }

    @Test
    void rejectsAnIdThatIsNotAString() {
        assertRejected(new AppUsers.LongId(), "CHATSDK-061: " + P + "LongId.id (field) is annotated @ChatUserId but "
                + "is a long; annotate a String field or getter instead (e.g. one that returns String.valueOf(...))");
    }

    @Test
    void rejectsTwoClaimsWithOneKey() {
        assertRejected(new AppUsers.DuplicateClaim(), "CHATSDK-062: two @ChatClaim(\"role\") in " + P
                + "DuplicateClaim: " + P + "DuplicateClaim.role (field) and " + P + "DuplicateClaim.getRole(); keep one");
    }

    @Test
    void rejectsMembersThatAreNotGettersOrAreStatic() {
        assertRejected(new AppUsers.GetterWithParameter(), "CHATSDK-063: " + P + "GetterWithParameter.id() is "
                + "annotated @ChatUserId but is not a getter; annotate a method without parameters that returns the value",
                "CHATSDK-065: " + P + "GetterWithParameter has ChatSDK annotations but no @ChatUserId; put it on the "
                        + "field or getter that holds the user id");
        assertRejected(new AppUsers.StaticName(), "CHATSDK-064: " + P + "StaticName.name (field) is static; annotate "
                + "an instance field or getter");
    }

    @Test
    void rejectsAnnotationsWithoutAnId() {
        assertRejected(new AppUsers.NoId(), "CHATSDK-065: " + P + "NoId has ChatSDK annotations but no @ChatUserId; "
                + "put it on the field or getter that holds the user id");
    }

    @Test
    void rejectsConstantsInTheWrongPlace() {
        assertRejected(new AppUsers.ConstantWithoutValue(), "CHATSDK-066: @ChatClaim(\"plan\") on type " + P
                + "ConstantWithoutValue needs a constant value; write @ChatClaim(value = \"plan\", constant = \"...\"), "
                + "or put it on a field or getter");
        assertRejected(new AppUsers.MemberClaimWithConstant(), "CHATSDK-066: @ChatClaim(\"x\") on " + P
                + "MemberClaimWithConstant.x (field) takes its value from the member; remove constant");
    }

    @Test
    void rejectsAClaimThatCannotBeWrittenAsJson() {
        assertRejected(new AppUsers.NotJson(), "CHATSDK-068: " + P + "NotJson.opaque (field) holds a " + P + "Opaque, "
                + "which cannot be written as JSON; give the claim a JSON-friendly value (string, number, boolean, list, "
                + "map, record or bean)");
    }

    @Test
    void namesTheTypeWhenAValueBreaksALimit() {
        assertThatThrownBy(() -> AnnotatedUsers.read(new AppUsers.LongName()))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("Field 'name' is 256 characters long; the limit is 255. It was read from a " + P + "LongName.");
        AppUsers.FieldUser longEmail = new AppUsers.FieldUser("u", "x");
        longEmail.mail = "a".repeat(9000) + "@x.com";
        assertThatThrownBy(() -> AnnotatedUsers.read(longEmail))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("Field 'email' is 9006 characters long; the limit is 254. It was read from a " + P + "FieldUser.");
        assertThatThrownBy(() -> AnnotatedUsers.read(new AppUsers.FieldUser(null, "x")))
                .isInstanceOfSatisfying(ChatSdkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USER_ID))
                .hasMessage("The user id is empty. It was read from a " + P + "FieldUser.");
    }
}
