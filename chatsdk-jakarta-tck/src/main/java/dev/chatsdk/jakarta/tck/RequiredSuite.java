package dev.chatsdk.jakarta.tck;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** What every deployment must pass: the app-facing endpoint, roles and errors. */
@Suite
@SelectPackages("dev.chatsdk.jakarta.tck")
@IncludeTags({TckTags.CORE, TckTags.ROLES, TckTags.ERRORS})
public class RequiredSuite {
}
