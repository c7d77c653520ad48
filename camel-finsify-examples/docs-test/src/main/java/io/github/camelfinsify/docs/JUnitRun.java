package io.github.camelfinsify.docs;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.stream.Collectors;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a test class of the docs on the JUnit platform: every test must pass, and there must be one. */
final class JUnitRun {

    private JUnitRun() {
    }

    static String run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTotalFailureCount() > 0) {
            throw new IllegalStateException(summary.getFailures().stream()
                    .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                    .collect(Collectors.joining("; ")));
        }
        if (summary.getTestsSucceededCount() == 0) {
            throw new IllegalStateException("no test ran (found " + summary.getTestsFoundCount() + ", skipped "
                                            + summary.getTestsSkippedCount() + ")");
        }
        return summary.getTestsSucceededCount() + " test(s) passed on the JUnit platform";
    }
}
