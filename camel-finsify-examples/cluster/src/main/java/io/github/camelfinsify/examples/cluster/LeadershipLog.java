package io.github.camelfinsify.examples.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in one line what this instance does in the cluster, each time that changes: it leads (and syncs), or it waits
 * while another leads. The view tells an instance only when it takes or loses the lead itself, not who leads when
 * another does: once Camel started, the leader is also looked up every second, and a change is logged.
 */
final class LeadershipLog implements CamelClusterEventListener.Leadership, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipLog.class);

    private final String nodeId;
    private final CamelClusterView view;
    private final AtomicReference<String> said = new AtomicReference<>();

    LeadershipLog(String nodeId, CamelClusterView view) {
        this.nodeId = nodeId;
        this.view = view;
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember leader) {
        say(leader);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the view starts with the master: route, so the leader is known once the routes run
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ScheduledExecutorService lookups = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "LeadershipLog");
        lookups.scheduleWithFixedDelay(this::lookUp, 0, 1, TimeUnit.SECONDS);
    }

    private void lookUp() {
        try {
            say(view.getLeader().orElse(null));
        } catch (RuntimeException e) {
            // once, until it changes: Curator retries the connection and says more at WARN
            sayOnce("Instance " + nodeId + " cannot tell who leads " + view.getNamespace() + ": " + e.getMessage());
        }
    }

    private void say(CamelClusterMember leader) {
        String line;
        if (view.getLocalMember().isLeader()) {
            line = "Instance " + nodeId + " leads " + view.getNamespace() + ": it syncs the book";
        } else if (leader == null) {
            line = "Instance " + nodeId + " waits: nobody leads " + view.getNamespace() + " yet";
        } else {
            line = "Instance " + nodeId + " waits: " + leader.getId() + " leads " + view.getNamespace();
        }
        sayOnce(line);
    }

    private void sayOnce(String line) {
        if (!line.equals(said.getAndSet(line))) {
            LOG.info(line);
        }
    }
}
