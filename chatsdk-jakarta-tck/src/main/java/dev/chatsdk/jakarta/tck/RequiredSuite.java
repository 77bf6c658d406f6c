package dev.chatsdk.jakarta.tck;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** What every deployment must pass: the app-facing endpoint, roles, errors and malformed tokens. */
@Suite(failIfNoTests = true) // an empty selection is a failure, never a green run
@SelectPackages("dev.chatsdk.jakarta.tck")
@IncludeTags({TckTags.CORE, TckTags.ROLES, TckTags.ERRORS, TckTags.MALFORMED_TOKENS})
public class RequiredSuite {
}
