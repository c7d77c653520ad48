package io.github.camelfinsify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.github.camelfinsify.model.LoginStatusEvent;
import io.github.camelfinsify.sync.CallThrottle;
import io.github.camelfinsify.sync.ListedLogin;
import io.github.camelfinsify.sync.LoginDirectory;
import io.github.camelfinsify.sync.LoginSweep;
import io.github.camelfinsify.sync.SyncRequest;
import io.github.camelfinsify.sync.SyncRequests;
import io.github.camelfinsify.sync.SyncStatistics;
import io.github.camelfinsify.sync.TransactionSync;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code finsify:transactions?loginDirectory=#book}: one consumer for a partner's whole book of logins. Each poll, and
 * each worker that finishes a login, hands the logins due to a bounded pool: first those a webhook named (through
 * {@link SyncRequests}), then retries, then the next slice of the reconciliation sweep, which visits every login once
 * per interval. Changes are delivered as by the single-login feed; one login's failure never holds up the others.
 * <p>
 * Over JMX (with camel-management) an operator can sync a login now, forget an account's state, and pause the sweep:
 * pausing stops only the sweep, so webhook-requested syncs, retries and syncs asked for over JMX go on.
 */
@ManagedResource(description = "Managed Finsify directory consumer: the sync of a book of logins")
public class FinsifyDirectoryConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(FinsifyDirectoryConsumer.class);
    private static final int MAX_RETRIES = 5;

    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Retry> retries = new ConcurrentHashMap<>();
    private final Set<Long> reportedNeedingUser = ConcurrentHashMap.newKeySet();
    /** Logins in flight that turned out to need their user: their sync stops before its next exchange. */
    private final Set<Long> stopping = ConcurrentHashMap.newKeySet();
    /** Failing logins already logged: each is logged once until it syncs again. */
    private final EventDelivery delivery = new ConsumerDelivery(this);
    /** The scheduler and the workers hand out in turn: the sweep and the retries are read by one thread at a time. */
    private final ReentrantLock handOut = new ReentrantLock();
    /** A hand-out was asked for while another thread was handing out: that thread hands out once more. */
    private final AtomicBoolean handOutWanted = new AtomicBoolean();
    private final SyncStatistics statistics;
    private final SyncProgressLog progress;
    /** Logins the sweep handed out in its current round. */
    private final AtomicLong sweepVisited = new AtomicLong();
    private long sweepRounds;

    private LoginDirectory directory;
    private SyncRequests requests;
    private StateRepository<String, String> stateRepository;
    private TransactionSync sync;
    private LoginSweep sweep;
    private CallThrottle throttle;
    private LoginSyncer syncer;
    private ExecutorService workers;
    private int maxInFlight;
    private String cursorKey;
    private long savedCursor;
    private FinsifyDirectoryHealthCheck healthCheck;
    private HealthCheckRegistry healthChecks;
    private FinsifyMetrics.Binding meters;

    public FinsifyDirectoryConsumer(FinsifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        statistics = new SyncStatistics(endpoint.getComponent().clock());
        progress = new SyncProgressLog(LOG, statistics);
    }

    /** What this consumer synced, for metrics and consoles. */
    public SyncStatistics getSyncStatistics() {
        return statistics;
    }

    @Override
    public FinsifyEndpoint getEndpoint() {
        return (FinsifyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        FinsifyConfiguration configuration = getEndpoint().getConfiguration();
        if (configuration.getLoginSecret() != null) {
            throw new IllegalArgumentException("finsify:transactions takes either loginSecret (one login) or "
                                               + "loginDirectory (every login of the directory), not both");
        }
        if (configuration.getMaxConcurrentLogins() < 1) {
            throw new IllegalArgumentException("Option maxConcurrentLogins must be 1 or more, was "
                                               + configuration.getMaxConcurrentLogins());
        }
        directory = configuration.getLoginDirectory();
        requests = getEndpoint().syncRequests();
        getEndpoint().getComponent().syncRequestReaders().claim(requests, getRouteId());
        // a JDBC directory or store creates its table when started; starting a started one does nothing
        ServiceHelper.startService(directory, requests);
        sync = getEndpoint().createSync();
        stateRepository = getEndpoint().stateRepository();
        cursorKey = sweepCursorKey(getRouteId());
        savedCursor = storedCursor(stateRepository.getState(cursorKey));
        sweep = new LoginSweep(directory, Duration.ofMillis(configuration.getReconciliationInterval()), savedCursor,
                System::nanoTime);
        throttle = new CallThrottle(configuration.getMaxCallsPerSecond(), System::nanoTime);
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "FinsifyDirectorySync", configuration.getMaxConcurrentLogins());
        // a worker that finishes hands out the next login itself: no queue needed ahead of the workers
        maxInFlight = configuration.getMaxConcurrentLogins();
        syncer = new LoginSyncer(getEndpoint().getClient(), sync, throttle, delivery,
                loginId -> isRunAllowed() && !stopping.contains(loginId), statistics, progress);
        super.doStart();
        meters = getEndpoint().getComponent().metrics().bindSync(getRouteId(), statistics);
        // the registry exists only where health checks are enabled (camel.health.*)
        healthChecks = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (healthChecks != null && getEndpoint().getComponent().isHealthCheckConsumerEnabled()) {
            healthCheck = new FinsifyDirectoryHealthCheck(this, getRouteId());
            healthChecks.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthChecks.unregister(healthCheck);
            healthCheck = null;
        }
        if (meters != null) {
            meters.close();
            meters = null;
        }
        super.doStop();
        if (workers != null) {
            // each running login finishes its exchange in flight and saves its state
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(workers);
            workers = null;
        }
        underHandOut(() -> {
            saveCursor();
            return null;
        });
        if (requests != null) {
            getEndpoint().getComponent().syncRequestReaders().release(requests, getRouteId());
        }
    }

    @Override
    protected int poll() {
        stopLoginsNeedingUser();
        int submitted = handOut();
        progress.poll(sweepRounds + 1, sweepVisited.get(), directory::size);
        return submitted;
    }

    /**
     * Fills the free places of the pool: webhook requests first, then retries that are due, then the sweep's logins
     * at its pace. Called by the scheduler and by every worker that finished a login, so a worker never waits for the
     * next poll. A caller that finds another thread handing out does not wait (a worker would idle): it leaves a
     * request, which that thread serves before it lets go.
     */
    private int handOut() {
        handOutWanted.set(true);
        int submitted = 0;
        while (handOutWanted.get() && handOut.tryLock()) {
            try {
                handOutWanted.set(false);
                submitted += fillFreePlaces();
            } finally {
                handOut.unlock();
            }
        }
        return submitted;
    }

    private int fillFreePlaces() {
        if (!isRunAllowed() || isSuspendingOrSuspended() || free() <= 0) {
            return 0;
        }
        int submitted = 0;
        for (SyncRequest request : requests.pending(free())) {
            submitted += submit(request.loginId(), request.accountIds(), request, null) ? 1 : 0;
        }
        long now = System.nanoTime();
        for (Map.Entry<Long, Retry> retry : retries.entrySet()) {
            if (free() > 0 && retry.getValue().notBefore() - now <= 0 && submit(retry.getKey(), Set.of(), null, null)) {
                submitted++;
            }
        }
        int free = free();
        if (free > 0) {
            List<ListedLogin> due = sweep.due(free);
            sweepVisited.addAndGet(due.size());
            for (ListedLogin login : due) {
                submitted += submit(login.loginId(), Set.of(), null, login) ? 1 : 0;
            }
            if (sweep.rounds() > sweepRounds) {
                sweepRounds = sweep.rounds();
                progress.sweepDone(sweepRounds, sweepVisited.getAndSet(0));
            }
            saveCursor();
        }
        return submitted;
    }

    /**
     * A login-status webhook may reach any replica while this one syncs the login (a long backfill): the shared
     * status store is read for the logins in flight at each poll, so their sync stops within one poll, not at its end.
     */
    private void stopLoginsNeedingUser() {
        LoginStatusRegistry statuses = getEndpoint().getComponent().loginStatuses();
        for (long loginId : inFlight) {
            if (!stopping.contains(loginId)) {
                LoginStatusEvent stop = statuses.needingUser(loginId);
                if (stop != null && inFlight.contains(loginId)) {
                    stopping.add(loginId);
                    LOG.info("Login {} needs its user ({}): its sync stops", loginId, stop.rawStatus());
                    reportOnce(stop);
                }
            }
        }
    }

    private int free() {
        return maxInFlight - inFlight.size();
    }

    /**
     * @param listed the login as the sweep's page listed it, which gives its secret without asking the directory
     *               again; null for a webhook's request or a retry, whose secret is read from the directory
     */
    private boolean submit(long loginId, Set<Long> accounts, SyncRequest request, ListedLogin listed) {
        if (!inFlight.add(loginId)) {
            return false; // already syncing: a webhook's request stays pending and is taken next time
        }
        try {
            workers.execute(() -> {
                try {
                    syncLogin(loginId, accounts, request, listed);
                } finally {
                    stopping.remove(loginId);
                    inFlight.remove(loginId);
                }
                handOut();
            });
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.remove(loginId);
            return false;
        }
    }

    private void syncLogin(long loginId, Set<Long> accounts, SyncRequest request, ListedLogin listed) {
        boolean syncing = false;
        try {
            LoginStatusEvent stop = getEndpoint().getComponent().loginStatuses().needingUser(loginId);
            if (stop != null) {
                reportOnce(stop);
                settle(loginId, request, true);
                return;
            }
            reportedNeedingUser.remove(loginId);
            String secret = listed != null ? listed.secret() : directory.secretOf(loginId);
            if (secret == null) {
                statistics.loginGone(loginId);
                settle(loginId, request, true); // removed from the directory meanwhile
                return;
            }
            syncing = true;
            LoginSyncer.Result result = syncer.sync(loginId, secret, accounts);
            if (stopping.remove(loginId)) {
                settle(loginId, request, true); // needs its user: reported by the poll that stopped it
                return;
            }
            switch (result) {
                case SYNCED -> {
                    progress.synced();
                    settle(loginId, request, true);
                }
                case RETRY -> retryLater(loginId);
                case GONE -> {
                    progress.failed(loginId, "the API knows no such login (LoginNotFound): remove it from the directory");
                    settle(loginId, request, true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!syncing) {
                statistics.loginFailed(loginId, null); // the syncer records its own failures
            }
            progress.failed(loginId, e.toString());
            if (getExceptionHandler() instanceof LoggingExceptionHandler) {
                LOG.debug("Login {} could not be synced", loginId, e); // the stack, for who asks for it
            } else {
                getExceptionHandler().handleException("Login " + loginId + " could not be synced", e);
            }
            settle(loginId, request, true);
        }
    }

    private void settle(long loginId, SyncRequest request, boolean done) {
        retries.remove(loginId);
        if (request != null && done) {
            requests.done(request);
        }
    }

    /**
     * A retryable failure: the login comes again after 1, 2, 4, 8 and 16 seconds, then with the next sweep. A login
     * a webhook named stays requested, so it is also taken again with the next poll.
     */
    private void retryLater(long loginId) {
        Retry retry = retries.merge(loginId, Retry.first(), (earlier, first) -> earlier.next());
        if (retry.attempts() > MAX_RETRIES) {
            retries.remove(loginId);
            progress.failed(loginId, "still failing after " + MAX_RETRIES + " retries; it comes again with the next sweep");
        }
    }

    private record Retry(int attempts, long notBefore) {
        static Retry first() {
            return new Retry(1, System.nanoTime() + Duration.ofSeconds(1).toNanos());
        }

        Retry next() {
            return new Retry(attempts + 1, System.nanoTime() + Duration.ofSeconds(1L << attempts).toNanos());
        }
    }

    /**
     * A login that needs its user is reported to the route once, as a LoginStatusEvent, until it works again. The
     * poll and the login's worker may both find it: the first to claim the report delivers it.
     */
    private void reportOnce(LoginStatusEvent status) {
        statistics.loginNeedsUser(status.loginId());
        if (!reportedNeedingUser.add(status.loginId())) {
            return;
        }
        Exchange exchange = delivery.newExchange();
        exchange.getIn().setBody(status);
        exchange.getIn().setHeader(FinsifyConstants.EVENT_TYPE, status.eventType());
        exchange.getIn().setHeader(FinsifyConstants.LOGIN_ID, status.loginId());
        exchange.getIn().setHeader(FinsifyConstants.LOGIN_STATUS, status.status());
        if (!delivery.deliver(exchange, () -> "Finsify login status of login " + status.loginId())) {
            reportedNeedingUser.remove(status.loginId()); // reported again with the next sync
        }
    }

    /**
     * The state key of a route's sweep position: by route, so that routes sharing a state repository each keep their
     * own, and the replicas of one route (under {@code master:}) share it.
     */
    public static String sweepCursorKey(String routeId) {
        return "finsify-sweep:" + routeId + ":cursor";
    }

    /** Where the stored sweep position says to go on: a value that is no login id only costs a sweep from the start. */
    private long storedCursor(String stored) {
        if (stored == null) {
            return LoginSweep.START;
        }
        try {
            return Long.parseLong(stored);
        } catch (NumberFormatException e) {
            LOG.warn("The sweep position {} of route {} is '{}', not a login id: the sweep starts from the first login",
                    cursorKey, getRouteId(), stored);
            return LoginSweep.START;
        }
    }

    /**
     * Writes where the sweep's page in hand starts, when it moved: once per page, and a restart visits at most a page
     * again (those logins find nothing new).
     */
    private void saveCursor() {
        if (sweep != null && sweep.pageStart() != savedCursor) {
            stateRepository.setState(cursorKey, Long.toString(sweep.pageStart()));
            savedCursor = sweep.pageStart();
        }
    }

    // --- operations (JMX) ---------------------------------------------------------------------------------

    @ManagedOperation(description = "Syncs the login now: queued ahead of the sweep, as a webhook would, and taken by "
                                    + "the next free worker")
    public void syncLoginNow(long loginId) {
        checkRunning();
        secretInDirectory(loginId);
        LoginStatusEvent stop = getEndpoint().getComponent().loginStatuses().needingUser(loginId);
        if (stop != null) {
            throw new IllegalStateException("Login " + loginId + " needs its user (" + stop.rawStatus()
                                            + "): it syncs again once its user reconnects");
        }
        requests.request(loginId, List.of());
        LOG.info("Login {} is synced now, on an operator's request", loginId);
        handOut();
    }

    @ManagedOperation(description = "Forgets the sync state of one account of the login: its next sync starts over "
                                    + "and delivers the account's whole window again")
    public void forgetAccountState(long loginId, long accountId) {
        checkRunning();
        sync.forget(getEndpoint().getClient(), secretInDirectory(loginId), accountId);
    }

    @ManagedOperation(description = "Pauses the reconciliation sweep; webhook-requested syncs, retries and syncs "
                                    + "asked for over JMX go on")
    public void pauseSweep() {
        checkRunning();
        underHandOut(() -> {
            sweep.pause();
            return null;
        });
        LOG.info("The reconciliation sweep of route {} is paused", getRouteId());
    }

    @ManagedOperation(description = "Resumes the reconciliation sweep where it stopped, at its pace")
    public void resumeSweep() {
        checkRunning();
        underHandOut(() -> {
            sweep.resume();
            return null;
        });
        LOG.info("The reconciliation sweep of route {} goes on", getRouteId());
    }

    @ManagedAttribute(description = "Whether the reconciliation sweep is paused")
    public boolean isSweepPaused() {
        return underHandOut(() -> sweep != null && sweep.isPaused());
    }

    /** The sweep and its cursor are read and changed by one thread at a time: the one handing out. */
    private <T> T underHandOut(Supplier<T> action) {
        handOut.lock();
        try {
            return action.get();
        } finally {
            handOut.unlock();
        }
    }

    @ManagedAttribute(description = "How many logins are being synced now")
    public int getLoginsInFlight() {
        return inFlight.size();
    }

    @ManagedAttribute(description = "How many logins are failing: their last sync ended in an error")
    public int getLoginsFailing() {
        return statistics.loginsFailing();
    }

    @ManagedAttribute(description = "How many logins need their user (wrong credentials, expired password, locked)")
    public long getLoginsNeedingUser() {
        // the shared store knows from the login-status webhooks, before the sweep reaches the login
        return getEndpoint().getComponent().loginStatuses().countNeedingUser();
    }

    @ManagedAttribute(description = "How many logins were synced completely since the consumer started")
    public long getLoginsSynced() {
        return statistics.loginsSynced();
    }

    @ManagedAttribute(description = "How many sweeps reached the end of the book since the consumer started")
    public long getSweepsCompleted() {
        return sweep == null ? 0 : sweep.rounds();
    }

    private void checkRunning() {
        if (!isRunAllowed() || sweep == null) {
            throw new IllegalStateException("The consumer of route " + getRouteId() + " is not running");
        }
    }

    private String secretInDirectory(long loginId) {
        String secret = directory.secretOf(loginId);
        if (secret == null) {
            throw new IllegalArgumentException("Login " + loginId + " is not in the login directory");
        }
        return secret;
    }

    /** How long every login still waits after a 429 of the API. */
    Duration rateLimitedFor() {
        return throttle == null ? Duration.ZERO : throttle.pausedFor();
    }

    /** Counts for health and tooling: never one entry per login. */
    Map<String, Object> details() {
        return Map.of("logins", directory.size(),
                "loginsSynced", getLoginsSynced(),
                "loginsFailing", getLoginsFailing(),
                "loginsNeedingUser", getLoginsNeedingUser(),
                "loginsInFlight", getLoginsInFlight(),
                "sweepsCompleted", getSweepsCompleted(),
                "sweepPaused", isSweepPaused(),
                "rateLimitedForMillis", rateLimitedFor().toMillis());
    }
}
