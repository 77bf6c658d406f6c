package dev.chatsdk.jakarta.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** docs/http-api.md#the-token-endpoint, #errors: an authenticated user without an allowed role is refused. */
@Tag(TckTags.ROLES)
public class RolesTck extends TckHttp {
    @Test
    void refusesAnAuthenticatedUserWithoutAChatRole() {
        String authorization = TckTarget.get("denied-authorization");
        if (authorization == null) {
            String user = TckTarget.get("denied-user");
            String password = TckTarget.get("denied-password");
            assumeTrue(user != null && password != null, "needs chatsdk.tck.denied-user and chatsdk.tck.denied-password "
                    + "(or chatsdk.tck.denied-authorization)");
            authorization = basic(user, password);
        }

        assertError(send(request(TckTarget.tokenPath()).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "NO_CHAT_ACCESS");
    }
}
