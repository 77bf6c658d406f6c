package dev.chatsdk.jakarta.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.chatsdk.testsupport.LogCapture;

/** A flood of rejections writes at most its budget of audit lines a second, then one line with the count. */
class AuditLogBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void writesAtMostItsBudgetOfRefusalsASecondThenCountsTheRest() {
        AuditLog.Budget budget = new AuditLog.Budget();
        long base = 7 * SECOND;
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (budget.admitted(base + i)) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(AuditLog.REFUSALS_PER_SECOND);

        try (LogCapture audit = new LogCapture("dev.chatsdk.jakarta.audit")) {
            assertThat(budget.admitted(base + SECOND)).isTrue();
            assertThat(audit.lines()).containsExactly("CHATSDK-506: 80 rejected request(s) or access denial(s) were not "
                    + "written here one by one (at most 20 a second); event listeners and metrics saw each");
        }
    }
}
