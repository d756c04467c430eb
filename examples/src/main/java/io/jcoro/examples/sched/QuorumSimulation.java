package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.examples.sched.QuorumStore.Address;
import io.jcoro.examples.sched.QuorumStore.Client;
import io.jcoro.examples.sched.QuorumStore.Durability;
import io.jcoro.examples.sched.QuorumStore.Versioned;
import io.jcoro.sched.Explorer;
import io.jcoro.sched.Simulation;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The worked example of deterministic simulation: {@link QuorumStore} on three simulated hosts, a client that
 * checks every read against the writes it saw acknowledged, and a nemesis that crashes, restarts and partitions
 * replicas. One seed is one run; {@link Explorer} runs seed after seed.
 *
 * <pre>
 *   QuorumSimulation --bug --seeds 5000     # finds the planted bug, prints the seed and the replay command
 *   QuorumSimulation --bug --seed 123       # replays that seed; --trace prints every step
 *   QuorumSimulation --seeds 100000         # the fixed store survives
 * </pre>
 */
@Command(name = "quorum-sim", mixinStandardHelpOptions = true,
        description = "Runs the replicated store in deterministic simulation, seed after seed.")
public final class QuorumSimulation implements Callable<Integer> {

    static final List<String> REPLICAS = List.of("r1", "r2", "r3");
    static final int PORT = 7000;
    static final int OPS = 100;

    @Option(names = "--bug", description = "run the planted bug (replicas acknowledge before fsync)")
    boolean bug;

    @Option(names = "--seed", description = "replay one seed")
    Long seed;

    @Option(names = "--seeds", description = "how many seeds to explore (default: ${DEFAULT-VALUE})")
    long seeds = 1000;

    @Option(names = "--from", description = "the first seed to explore (default: ${DEFAULT-VALUE})")
    long from;

    @Option(names = "--threads", description = "threads to explore on (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--trace", description = "with --seed: print the simulation's trace")
    boolean trace;

    /**
     * What one seed's run did: how much simulated time and how many requests it took, what the checker found
     * (null: nothing wrong), and the trace when it was recorded.
     */
    public record Run(Duration simulated, long steps, AssertionError failure, String trace) {
    }

    /**
     * Runs the store with its faults for one seed.
     *
     * @throws AssertionError when a read returned an older version than one acknowledged before it
     */
    public static Run check(long seed, Durability durability) {
        Run run = run(seed, durability, false);
        if (run.failure() != null) {
            throw run.failure();
        }
        return run;
    }

    /** Runs one seed and reports what happened, failure included. */
    public static Run run(long seed, Durability durability, boolean trace) {
        Simulation sim = Simulation.builder(seed).trace(trace)
                .latency(Duration.ofMillis(1), Duration.ofMillis(10)).packetLoss(0.01).tornWrites(true).build();
        for (String r : REPLICAS) {
            sim.host(r, () -> QuorumStore.replica(PORT, "log", durability, port -> { }));
        }
        sim.spawn("nemesis", "nemesis", nemesis(sim));
        List<Address> addresses = REPLICAS.stream().map(r -> new Address(r, PORT)).toList();
        AssertionError failure = null;
        try {
            sim.run("client", workload(new Client(addresses, Duration.ofMillis(500)), OPS));
        } catch (AssertionError e) {
            failure = e;
        }
        return new Run(sim.elapsed(), sim.steps(), failure, trace ? sim.trace() : null);
    }

    /**
     * The client: writes and reads three keys at random, and checks that no read returns a version older than the
     * newest one acknowledged before the read began.
     */
    public static Generator<Syscall, Object, Void> workload(Client client, int ops) {
        return Generator.of(y -> {
            Random r = y.yieldFrom(Sys.random());
            Map<String, Long> written = new HashMap<>();
            Map<String, Long> acked = new HashMap<>();
            for (int i = 0; i < ops; i++) {
                String key = "k" + r.nextInt(3);
                if (r.nextBoolean()) {
                    long version = written.merge(key, 1L, Long::sum);
                    if (y.yieldFrom(client.put(key, version, "v" + version))) {
                        acked.merge(key, version, Math::max);
                    }
                } else {
                    long mustSee = acked.getOrDefault(key, 0L);
                    Versioned got = y.yieldFrom(client.get(key));
                    if (got != null && got.version() < mustSee) {
                        Instant now = y.yieldFrom(Sys.now());
                        throw new AssertionError("stale read at " + now + ", operation " + i + ": " + key
                                + " read version " + got.version() + " after version " + mustSee
                                + " was acknowledged");
                    }
                }
            }
        });
    }

    /** Crashes and restarts a replica, or cuts one off the network for a while, one fault at a time. */
    static Generator<Syscall, Object, Void> nemesis(Simulation sim) {
        return Generator.of(y -> {
            Random r = y.yieldFrom(Sys.random());
            while (true) {
                y.yieldFrom(Sys.sleep(Duration.ofMillis(20 + r.nextInt(300))));
                String victim = REPLICAS.get(r.nextInt(REPLICAS.size()));
                if (r.nextBoolean()) {
                    y.yieldFrom(sim.crash(victim));
                    y.yieldFrom(Sys.sleep(Duration.ofMillis(20 + r.nextInt(300))));
                    y.yieldFrom(sim.restart(victim));
                } else {
                    y.yieldFrom(sim.partition(List.of(victim)));
                    y.yieldFrom(Sys.sleep(Duration.ofMillis(20 + r.nextInt(300))));
                    y.yieldFrom(sim.heal());
                }
            }
        });
    }

    @Override
    public Integer call() {
        Durability d = bug ? Durability.NO_FSYNC : Durability.FSYNC;
        if (seed != null) {
            Run run = run(seed, d, trace);
            if (trace) {
                System.out.print(run.trace());
            }
            System.out.println("seed " + seed + (run.failure() == null ? " passed" : " failed: "
                    + run.failure().getMessage()) + " (" + run.simulated().toMillis() + " ms simulated, "
                    + run.steps() + " requests)");
            return run.failure() == null ? 0 : 1;
        }
        String flag = bug ? " --bug" : "";
        java.util.concurrent.atomic.AtomicLong simulated = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        Explorer.Result r = Explorer.explore(from, seeds, threads, s -> {
            Run run = check(s, d);
            simulated.addAndGet(run.simulated().toNanos());
            requests.addAndGet(run.steps());
        });
        System.out.println(r.report(s -> "scripts/quorum-sim.sh" + flag + " --seed " + s + " --trace"));
        double real = r.took().toNanos() / 1e9;
        System.out.printf(java.util.Locale.ROOT, "simulated %.1f s in %.1f s on %d thread(s): %.0f simulated seconds"
                + " per second, %.0f requests per second%n", simulated.get() / 1e9, real, threads,
                simulated.get() / 1e9 / real, requests.get() / real);
        return r.failed() ? 1 : 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QuorumSimulation()).execute(args));
    }
}
