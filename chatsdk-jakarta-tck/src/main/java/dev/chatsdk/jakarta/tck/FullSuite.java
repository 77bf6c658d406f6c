package dev.chatsdk.jakarta.tck;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Every group of the kit; {@code TagsSelfTest} checks that it names every tag in use. */
@Suite(failIfNoTests = true) // an empty selection is a failure, never a green run
@SelectPackages("dev.chatsdk.jakarta.tck")
@IncludeTags({TckTags.CORE, TckTags.ROLES, TckTags.ERRORS, TckTags.TOKEN_API, TckTags.REFRESH, TckTags.REVOCATION,
        TckTags.MALFORMED_TOKENS, TckTags.BINDING, TckTags.LIMITS, TckTags.JWKS, TckTags.APP_LOGOUT})
public class FullSuite {
}
