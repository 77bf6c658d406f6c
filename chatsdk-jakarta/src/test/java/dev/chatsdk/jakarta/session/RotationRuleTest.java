package dev.chatsdk.jakarta.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.chatsdk.jakarta.ChatUser;
import dev.chatsdk.jakarta.spi.ChatSession;
import dev.chatsdk.jakarta.spi.Rotation.Outcome;

/**
 * Every boundary of the rule the stores share, to the millisecond (the stores' precision): the grace, the zero
 * grace, the session's end, a clock that went backwards, and the order in which the checks apply.
 */
class RotationRuleTest {
    private static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant END = CREATED.plus(Duration.ofDays(30));
    private static final Instant SPENT = CREATED.plusSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration MS = Duration.ofMillis(1);
    private static final ChatSession LIVE = new ChatSession("s-1", ChatUser.of("alice"), CREATED, END, null);
    private static final ChatSession REVOKED = new ChatSession("s-1", ChatUser.of("alice"), CREATED, END,
            CREATED.plusSeconds(10));

    private static Outcome spentAndPresentedAfter(Duration elapsed, Duration grace) {
        return RotationRule.decide(LIVE, true, SPENT, SPENT.plus(elapsed), grace);
    }

    @Test
    void takesASpentTokenAsARetryUntilOneMillisecondBeforeTheGraceEnds() {
        assertThat(spentAndPresentedAfter(Duration.ZERO, GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(spentAndPresentedAfter(GRACE.minus(MS), GRACE)).isEqualTo(Outcome.RETRIED);
    }

    @Test
    void takesASpentTokenAsReuseFromExactlyTheGraceOn() {
        assertThat(spentAndPresentedAfter(GRACE, GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(spentAndPresentedAfter(GRACE.plus(MS), GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(spentAndPresentedAfter(Duration.ofDays(1), GRACE)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void takesEverySecondUseAsReuseWithAZeroGraceEvenAtTheSameMillisecond() {
        assertThat(spentAndPresentedAfter(Duration.ZERO, Duration.ZERO)).isEqualTo(Outcome.REUSED);
        assertThat(spentAndPresentedAfter(MS, Duration.ZERO)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void holdsAOneMillisecondGraceToItsOneMillisecond() {
        assertThat(spentAndPresentedAfter(Duration.ZERO, MS)).isEqualTo(Outcome.RETRIED);
        assertThat(spentAndPresentedAfter(MS, MS)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void takesATokenSpentLaterThanNowAsARetryWithAGraceAndAsReuseWithoutOne() {
        // another node's clock is behind the one that spent the token: the token was spent "in the future"
        assertThat(spentAndPresentedAfter(MS.negated(), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(spentAndPresentedAfter(Duration.ofMinutes(-10), GRACE)).isEqualTo(Outcome.RETRIED);
        assertThat(spentAndPresentedAfter(MS.negated(), Duration.ZERO)).isEqualTo(Outcome.REUSED);
        assertThat(spentAndPresentedAfter(Duration.ofMinutes(-10), Duration.ZERO)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void rotatesTheCurrentTokenWhateverTheGrace() {
        assertThat(RotationRule.decide(LIVE, true, null, SPENT, GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(RotationRule.decide(LIVE, true, null, SPENT, Duration.ZERO)).isEqualTo(Outcome.ROTATED);
    }

    @Test
    void takesATokenTheSessionDoesNotKnowAsReuseEvenWithinTheGrace() {
        assertThat(RotationRule.decide(LIVE, false, null, SPENT, GRACE)).isEqualTo(Outcome.REUSED);
        assertThat(RotationRule.decide(LIVE, false, null, SPENT, Duration.ZERO)).isEqualTo(Outcome.REUSED);
        assertThat(RotationRule.decide(LIVE, false, SPENT, SPENT, GRACE)).isEqualTo(Outcome.REUSED);
    }

    @Test
    void endsTheSessionAtExactlyItsEnd() {
        assertThat(RotationRule.decide(LIVE, true, null, END.minus(MS), GRACE)).isEqualTo(Outcome.ROTATED);
        assertThat(RotationRule.decide(LIVE, true, null, END, GRACE)).isEqualTo(Outcome.EXPIRED);
        assertThat(RotationRule.decide(LIVE, true, null, END.plus(MS), GRACE)).isEqualTo(Outcome.EXPIRED);
        // a retry within the grace does not outlive the session either
        assertThat(RotationRule.decide(LIVE, true, END.minusSeconds(1), END, GRACE)).isEqualTo(Outcome.EXPIRED);
        assertThat(RotationRule.decide(LIVE, false, null, END, GRACE)).as("no reuse revocation of an ended session")
                .isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void answersARevokedSessionAsRevokedBeforeAnythingElse() {
        assertThat(RotationRule.decide(REVOKED, true, null, SPENT, GRACE)).isEqualTo(Outcome.REVOKED);
        assertThat(RotationRule.decide(REVOKED, true, SPENT, SPENT, GRACE)).isEqualTo(Outcome.REVOKED);
        assertThat(RotationRule.decide(REVOKED, false, null, SPENT, GRACE)).isEqualTo(Outcome.REVOKED);
        assertThat(RotationRule.decide(REVOKED, true, null, END, GRACE)).as("revoked, then ended").isEqualTo(Outcome.REVOKED);
    }

    @Test
    void answersAnUnknownSessionAsUnknownWhateverElseItIsTold() {
        assertThat(RotationRule.decide(null, true, null, SPENT, GRACE)).isEqualTo(Outcome.UNKNOWN);
        assertThat(RotationRule.decide(null, false, null, SPENT, Duration.ZERO)).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void keepsASpentTokenForTheStoresExactlyAsLongAsTheGraceTakesItAsARetry() {
        // the stores forget a spent token once this says no: the same boundary as decide's
        assertThat(RotationRule.withinGrace(SPENT, SPENT.plus(GRACE).minus(MS), GRACE)).isTrue();
        assertThat(RotationRule.withinGrace(SPENT, SPENT.plus(GRACE), GRACE)).isFalse();
        assertThat(RotationRule.withinGrace(SPENT, SPENT.minus(MS), GRACE)).isTrue();
        assertThat(RotationRule.withinGrace(SPENT, SPENT, Duration.ZERO)).isFalse();
        assertThat(RotationRule.withinGrace(SPENT, SPENT.minus(MS), Duration.ZERO)).isFalse();
    }
}
