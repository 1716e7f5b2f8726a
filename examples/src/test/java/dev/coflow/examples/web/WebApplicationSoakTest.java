package dev.coflow.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coflow.aio.EventLoop;
import dev.coflow.aio.Task;
import dev.coflow.spring.EventLoopThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A bounded soak of the example server over loopback, on the engine of the test JVM (Surefire runs this
 * module's tests once per engine): concurrent clients read tagged streams ({@code /numbers},
 * {@code /numbers/sse}, {@code /ticks}) fully, cut them early (half of them with a TCP reset), hang up
 * right after sending the request or read slowly, and call the coroutine endpoints and bad parameters.
 * Afterwards the server must answer, every tagged generator that started must have ended (its
 * {@code finally} ran), no task may be left on the application's event loop, and the heap after a full
 * GC and the live thread count must be back near what they were after a warm-up round. The server runs
 * in the test's JVM, so a crash of the JVM under this load fails the build (Surefire: "The forked VM
 * terminated without properly saying goodbye").
 *
 * <p>A request that gets no complete answer in time is reported with what the server did with it (the
 * {@link ExchangeProbe} filter's trace, and the connection's previous exchange), the exchanges the server
 * has held open for over a second, the tasks on the application's loop and the stacks of its threads;
 * {@code -Dcoflow.soak.wire=true} adds what the connection read and wrote ({@link WireProbe}).
 *
 * <p>{@code -Dcoflow.soak.seconds=N} sets the load's length (45 s by default), {@code -Dcoflow.soak.clients=N}
 * the number of concurrent clients (24).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WebApplicationSoakTest {

    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("coflow.soak.seconds", 45));
    /**
     * Long enough for the pools and caches that grow with the number of connections at once (Netty's
     * buffers and recyclers, the HTTP client's connections) to reach their size before the heap's start
     * is measured.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Math.max(5, LOAD.toSeconds() / 4));
    private static final int CLIENTS = Integer.getInteger("coflow.soak.clients", 24);
    /** How long one client call may take, and how long the server gets to settle after the load. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /**
     * The slow readers' pace: a permit every 20 ms, shared by all of them, so a slow reader takes one chunk
     * per permit. Started with the class, before the thread count is first measured.
     */
    private static final Semaphore SLOW_PACE = new Semaphore(0);

    static {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "soak-slow-reader-pace");
            t.setDaemon(true);
            return t;
        });
        @SuppressWarnings("unused") // never cancelled: the daemon pacer paces the whole run
        ScheduledFuture<?> pacing = pacer.scheduleAtFixedRate(() -> {
            if (SLOW_PACE.availablePermits() < 8) {
                SLOW_PACE.release();
            }
        }, 20, 20, TimeUnit.MILLISECONDS);
    }
    private static final double HEAP_MARGIN = 0.10;
    private static final int THREAD_MARGIN = 4;
    /** A full read gets at most this much (larger streams are cut early instead): loopback, 2 cores. */
    private static final long FULL_READ_BYTES = 2_000_000;

    private static final String HOST = "127.0.0.1";
    /** What the server did with each request, for the report of a request that got no answer. */
    private static final ExchangeProbe PROBE = new ExchangeProbe();
    /** What went over each connection, for the same report. */
    private static final WireProbe WIRE = new WireProbe();
    private static final String ENGINE = System.getProperty("coflow.engine", "default");

    @Test
    void theServerSurvivesClientsThatHangUpAndLeavesNothingBehind() throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "soak-http"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WebApplication.class)
                        .initializers(context -> ((GenericApplicationContext) context)
                                .registerBean(ExchangeProbe.class, () -> PROBE))
                        .initializers(context -> {
                            if (Boolean.getBoolean("coflow.soak.wire")) {
                                ((GenericApplicationContext) context).registerBean(WireProbe.class, () -> WIRE);
                            }
                        })
                        .properties("server.port=0", "server.address=" + HOST, "spring.main.banner-mode=off",
                                // Short, so that the bound of the stream registry works during the soak.
                                "coflow.examples.streams.retention=5s")
                        .run();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(PATIENCE).executor(httpThreads).build()) {
            int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
            StreamMetrics metrics = app.getBean(StreamMetrics.class);
            EventLoop loop = app.getBean(EventLoopThread.class).loop();

            Load warmUp = new Load(http, port, metrics, loop, "warm-" + ENGINE + "-");
            warmUp.run(WARM_UP);
            awaitEnded(warmUp);
            warmUp.tags.clear();
            awaitNoPendingTask(loop);
            long heapStart = heapAfterGc(0);
            int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();

            Load soak = new Load(http, port, metrics, loop, "soak-" + ENGINE + "-");
            long startNanos = System.nanoTime();
            soak.run(LOAD);
            long loadMillis = (System.nanoTime() - startNanos) / 1_000_000;

            assertServerAnswers(http, port, metrics);
            Figures streams = awaitEnded(soak);
            soak.tags.clear(); // the load's own references to the stats must not count in the heap
            awaitNoPendingTask(loop);
            long heapEnd = heapAfterGc((long) (heapStart * (1 + HEAP_MARGIN)));
            int threadsEnd = awaitThreadsBelow(threadsStart + THREAD_MARGIN);
            System.out.printf("soak [%s engine]: %d ms of load, %d clients, %d requests; %s; 0 tasks pending;"
                    + " heap after GC %.1f MB -> %.1f MB; threads %d -> %d; %d stream entries kept%n",
                    ENGINE, loadMillis, CLIENTS, soak.requests.get(), streams, heapStart / 1e6, heapEnd / 1e6,
                    threadsStart, threadsEnd, metrics.size());

            assertTrue(soak.anomalies.isEmpty(), () -> soak.anomalies.size() + " responses were not what the"
                    + " request asked for; by kind: " + soak.anomalies.stream().collect(Collectors.groupingBy(
                            a -> a.replaceAll("\\?[^:]*", "").replaceAll("[0-9]+", "N"), TreeMap::new,
                            Collectors.counting())) + "; e.g. " + soak.anomalies.stream().limit(10).toList());
            assertTrue(heapEnd <= heapStart * (1 + HEAP_MARGIN), () -> String.format("the heap after a full GC"
                    + " grew from %d to %d bytes (+%.1f%%, %.0f%% allowed)", heapStart, heapEnd,
                    100.0 * (heapEnd - heapStart) / heapStart, 100 * HEAP_MARGIN));
            assertTrue(threadsEnd <= threadsStart + THREAD_MARGIN, () -> "live threads went from " + threadsStart
                    + " to " + threadsEnd + ": " + threadNames());
        } finally {
            httpThreads.shutdownNow();
        }
    }

    /** The server still serves a stream to its end, a coroutine, and a 404 for an unknown stream tag. */
    private static void assertServerAnswers(HttpClient http, int port, StreamMetrics metrics) throws Exception {
        HttpResponse<String> numbers = get(http, port, "/numbers?count=3&tag=alive-" + ENGINE);
        assertEquals(200, numbers.statusCode(), numbers::body);
        assertEquals(3, numbers.body().lines().count(), numbers::body);
        HttpResponse<String> hello = get(http, port, "/hello?name=Soak");
        assertEquals(200, hello.statusCode(), hello::body);
        assertTrue(hello.body().startsWith("Hello, Soak!"), hello::body);
        String unknown = "never-used-" + ENGINE;
        assertEquals(404, get(http, port, "/streams/" + unknown).statusCode());
        assertNull(metrics.find(unknown), "asking about a tag made no entry");
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
                .timeout(PATIENCE).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** A tagged stream: what its client did, and the stats its handler updates. */
    private record Tagged(How how, StreamStats stats) {}

    /** What the tagged streams of a load did once they ended. */
    private record Figures(int tagged, int started, int cancelled, int failed) {
        @Override
        public String toString() {
            return tagged + " tagged streams: " + started + " started, all ended (" + cancelled + " cancelled, "
                    + failed + " failed), " + (tagged - started) + " never started (client gone before the first item)";
        }
    }

    /**
     * Waits until the generator of every tagged stream of {@code load} that started has ended, and fails
     * with the streams that did not.
     */
    private static Figures awaitEnded(Load load) throws InterruptedException {
        Supplier<List<String>> running = () -> load.tags.entrySet().stream()
                .filter(e -> e.getValue().stats().started() && !e.getValue().stats().ended())
                .map(e -> e.getKey() + " (" + e.getValue().how() + ", produced " + e.getValue().stats().produced() + ")")
                .sorted().toList();
        if (!poll(() -> running.get().isEmpty())) {
            List<String> left = running.get();
            fail(left.size() + " of " + load.tags.size() + " tagged streams started but their generator did not"
                    + " end within " + PATIENCE + ": " + left.stream().limit(20).toList());
        }
        int started = 0, cancelled = 0, failed = 0;
        for (Tagged t : load.tags.values()) {
            started += t.stats().started() ? 1 : 0;
            cancelled += t.stats().cancelled() ? 1 : 0;
            failed += t.stats().failed() ? 1 : 0;
        }
        return new Figures(load.tags.size(), started, cancelled, failed);
    }

    /** Waits until no task is left on the application's loop, and fails with those that are. */
    private static void awaitNoPendingTask(EventLoop loop) throws Exception {
        if (!poll(() -> pendingTasks(loop).isEmpty())) {
            List<String> left = pendingTasks(loop);
            fail(left.size() + " tasks still pending on the application's event loop " + PATIENCE
                    + " after the load: " + left.stream().limit(20).toList());
        }
    }

    /** The loop's pending tasks, read on its own thread (the task list is the loop's alone). */
    private static List<String> pendingTasks(EventLoop loop) {
        CompletableFuture<List<String>> tasks = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            Set<Task<?>> all = loop.allTasks();
            tasks.complete(all.stream().map(Task::toString).toList());
        });
        return tasks.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * The heap in use after a full GC: the lowest of a few collections, or the first at most
     * {@code enough} (0 for "measure a few times").
     */
    private static long heapAfterGc(long enough) {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            if (lowest <= enough) {
                break;
            }
        }
        return lowest;
    }

    /** Waits until the live thread count is at most {@code bound} (idle pools let their threads go). */
    private static int awaitThreadsBelow(int bound) throws InterruptedException {
        poll(() -> ManagementFactory.getThreadMXBean().getThreadCount() <= bound);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * A filter in front of the application's own that notes, per request path and query, when the server
     * received it, the status it set and how its exchange ended.
     */
    static final class ExchangeProbe implements WebFilter {
        private final Map<String, ConcurrentLinkedQueue<String>> events = new ConcurrentHashMap<>();
        /** The exchanges in progress, as the filter chain sees them. */
        private final Map<String, Open> open = new ConcurrentHashMap<>();

        private record Open(String channel, long start, ConcurrentLinkedQueue<String> trace) {}

        /** The trace of the last request seen on each connection (keep-alive reuses them). */
        private final Map<String, ConcurrentLinkedQueue<String>> lastOnChannel = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String key = exchange.getRequest().getURI().getRawPath() + "?" + exchange.getRequest().getURI().getRawQuery();
            if (!key.contains("request=")) {
                return chain.filter(exchange);
            }
            ConcurrentLinkedQueue<String> trace = events.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
            long start = System.nanoTime();
            String channel = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest())
                    instanceof Connection c ? c.channel().id().asShortText() : "?";
            ConcurrentLinkedQueue<String> before = lastOnChannel.put(channel, trace);
            // What the connection's previous exchange did by now, without its own "received" line (which
            // names the one before it, and so on).
            trace.add("received on " + Thread.currentThread().getName() + " over connection " + channel
                    + (before == null ? "" : " after an exchange that did " + before.stream().skip(1).toList()));
            exchange.getResponse().beforeCommit(() -> {
                trace.add("committing " + exchange.getResponse().getStatusCode() + " after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                return Mono.empty();
            });
            open.put(key, new Open(channel, start, trace));
            return chain.filter(exchange).doOnError(e -> trace.add("error: " + e)).doFinally(signal -> {
                open.remove(key);
                trace.add("exchange ended: " + signal + " after " + (System.nanoTime() - start) / 1_000_000
                        + " ms on " + Thread.currentThread().getName());
            });
        }

        /** The exchanges the server has not ended for more than a second: what a stalled request may wait behind. */
        String openLongerThanASecond() {
            long now = System.nanoTime();
            return open.entrySet().stream().filter(e -> now - e.getValue().start() > 1_000_000_000L)
                    .map(e -> e.getKey() + " on " + e.getValue().channel() + " for "
                            + (now - e.getValue().start()) / 1_000_000 + " ms: " + e.getValue().trace())
                    .toList().toString();
        }

        /** The request got its answer: its trace is of no more use (the heap is measured after the load). */
        void forget(String pathAndQuery) {
            events.remove(pathAndQuery);
        }

        String seen(String pathAndQuery) {
            ConcurrentLinkedQueue<String> trace = events.get(pathAndQuery);
            return trace == null ? "(never received)" : trace.toString();
        }
    }

    /** Notes what each open connection reads and writes, as Netty's HTTP codec sees it. */
    static final class WireProbe implements NettyServerCustomizer {
        private static final int KEPT = 24;
        private final Map<String, ConcurrentLinkedQueue<String>> byChannel = new ConcurrentHashMap<>();
        private final Map<String, String> channelOfRequest = new ConcurrentHashMap<>();

        @Override
        public HttpServer apply(HttpServer server) {
            return server.doOnConnection(connection -> {
                Channel channel = connection.channel();
                if (channel.pipeline().get("soak.wire") != null || channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
                    return;
                }
                String id = channel.id().asShortText();
                ConcurrentLinkedQueue<String> log = byChannel.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
                long start = System.nanoTime();
                java.util.function.Consumer<String> note = event -> {
                    log.add((System.nanoTime() - start) / 1_000_000 + " ms " + event);
                    if (log.size() > KEPT) {
                        log.poll();
                    }
                };
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "soak.wire", new ChannelDuplexHandler() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                        if (msg instanceof io.netty.handler.codec.http.HttpRequest r) {
                            note.accept("read " + r.uri());
                            channelOfRequest.put(r.uri(), id);
                        }
                        super.channelRead(ctx, msg);
                    }

                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                        if (msg instanceof io.netty.handler.codec.http.HttpResponse r) {
                            note.accept("write " + r.status() + (msg instanceof LastHttpContent ? " (full)" : ""));
                        } else if (msg instanceof LastHttpContent) {
                            note.accept("write last chunk");
                        }
                        super.write(ctx, msg, promise);
                    }

                    @Override
                    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
                        note.accept("close");
                        super.close(ctx, promise);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                        byChannel.remove(id);
                        super.channelInactive(ctx);
                    }
                });
            });
        }

        void forget(String pathAndQuery) {
            channelOfRequest.remove(pathAndQuery);
        }

        /** The recent events of the connection that read {@code pathAndQuery}. */
        String seen(String pathAndQuery) {
            String id = channelOfRequest.get(pathAndQuery);
            if (id == null) {
                return "(no connection read it)";
            }
            ConcurrentLinkedQueue<String> log = byChannel.get(id);
            return id + (log == null ? " (closed since)" : " " + log);
        }
    }

    /** The loop's pending tasks, or why they could not be had (a loop that does not run callbacks). */
    private static String tasksOrStall(EventLoop loop) {
        try {
            return pendingTasks(loop).toString();
        } catch (RuntimeException e) {
            return "(the loop did not answer: " + e + ")";
        }
    }

    /** The stacks of the threads that run the application's coroutines and HTTP I/O, for a stall's report. */
    private static String stacks() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("coflow") || t.getName().startsWith("reactor-http")
                    || t.getName().startsWith("soak-http") || t.getName().startsWith("HttpClient")) {
                sb.append("\n\"").append(t.getName()).append("\" ").append(t.getState());
                for (StackTraceElement e : stack) {
                    sb.append("\n    at ").append(e);
                }
            }
        });
        return sb.toString();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }

    /** Checks {@code condition} until it holds or {@link #PATIENCE} passes; returns whether it held. */
    @SuppressWarnings("ThreadPriorityCheck") // Thread.yield: the threads that make it true may need the core
    private static boolean poll(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** What a client does with a stream. */
    private enum How {
        /** Reads it to its end and checks it. */
        FULL,
        /** Reads some bytes, then hangs up (half of the time with a TCP reset). */
        EARLY,
        /** Hangs up right after sending the request (half of the time with a TCP reset). */
        ABORT,
        /** Reads a little at a time, pausing between reads, then hangs up. */
        SLOW
    }

    /** One round of concurrent clients against the server, with the tags of the streams they opened. */
    private static final class Load {
        private final HttpClient http;
        private final int port;
        private final StreamMetrics metrics;
        private final EventLoop loop;
        private final String prefix;
        final Map<String, Tagged> tags = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
        final AtomicLong requests = new AtomicLong();
        private final AtomicInteger sequence = new AtomicInteger();

        Load(HttpClient http, int port, StreamMetrics metrics, EventLoop loop, String prefix) {
            this.http = http;
            this.port = port;
            this.metrics = metrics;
            this.loop = loop;
            this.prefix = prefix;
        }

        void run(Duration length) throws InterruptedException {
            long end = System.nanoTime() + length.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> new Thread(r, "soak-client"));
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(() -> {
                    while (System.nanoTime() - end < 0) {
                        try {
                            one();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            anomalies.add(e.toString());
                        }
                        requests.incrementAndGet();
                    }
                });
            }
            clients.shutdown();
            if (!clients.awaitTermination(length.plus(PATIENCE.multipliedBy(2)).toSeconds(), TimeUnit.SECONDS)) {
                clients.shutdownNow();
                fail("the clients did not finish within " + PATIENCE.multipliedBy(2) + " after the load's end");
            }
        }

        /** One request of the mix (the weights of a load that crashed the server once). */
        private void one() throws Exception {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            double p = r.nextDouble();
            if (p < 0.30) {
                numbers(r);
            } else if (p < 0.50) {
                sse(r);
            } else if (p < 0.65) {
                ticks(r);
            } else if (p < 0.75) {
                unary("/quote?item=tea" + r.nextInt(10), "\"concurrentCalls\":", r);
            } else if (p < 0.83) {
                unary("/hello?name=Ann" + r.nextInt(10), "Hello, Ann", r);
            } else if (p < 0.86) {
                unary("/catalog", "\"items\":[\"cocoa\",\"coffee\",\"tea\"]", r);
            } else {
                badRequest(r);
            }
        }

        /**
         * A new tag, whose entry the load makes now and keeps: the handler shares it, and the load can
         * tell what the generator did even after the registry dropped the entry.
         */
        private String tag(String kind, How how) {
            String tag = prefix + kind + sequence.incrementAndGet();
            tags.put(tag, new Tagged(how, metrics.stats(tag)));
            return tag;
        }

        private void numbers(ThreadLocalRandom r) throws Exception {
            long count = pick(r, 0L, 1L, 5L, 100L, 10_000L, 1_000_000L, 100_000_000L);
            int pad = pick(r, 0, 0, 10, 1000, 65_536);
            int failAt = pick(r, -1, -1, -1, -1, -1, -1, 0, 3, 50);
            How how = pick(r, How.FULL, How.EARLY, How.EARLY, How.ABORT, How.SLOW);
            if (how == How.FULL && count * (pad + 30) > FULL_READ_BYTES) {
                how = How.EARLY;
            }
            String path = "/numbers?count=" + count + "&pad=" + pad + "&failAt=" + failAt + "&tag=" + tag("n", how);
            // A generator that raises before its first item fails the response before it is committed: a 500.
            int status = failAt == 0 && count > 0 ? 500 : 200;
            if (how == How.FULL) {
                long expected = failAt >= 0 && failAt < count ? -1 : count;
                full(path, status, expected, "\n");
            } else {
                raw(path, status, how, pick(r, 1, 100, 5_000, 100_000, 1_000_000), r);
            }
        }

        private void sse(ThreadLocalRandom r) throws Exception {
            long count = pick(r, 1L, 10L, 1000L, 10_000_000L);
            int failAt = pick(r, -1, -1, -1, -1, 2);
            How how = pick(r, How.FULL, How.EARLY, How.EARLY, How.ABORT, How.SLOW);
            if (how == How.FULL && count > 1000) {
                how = How.EARLY;
            }
            String path = "/numbers/sse?count=" + count + "&failAt=" + failAt + "&tag=" + tag("e", how);
            if (how == How.FULL) {
                // An error mid-stream is a last "event:error", then a complete response.
                String body = fullBody(path, 200);
                long items = count(body, "event:item\n");
                long errors = count(body, "event:error\n");
                long expectedItems = failAt >= 0 && failAt < count ? failAt : count;
                if (items != expectedItems || errors != (failAt >= 0 && failAt < count ? 1 : 0)) {
                    anomalies.add(path + ": " + items + " items and " + errors + " error events");
                }
            } else {
                raw(path, 200, how, pick(r, 1, 200, 20_000, 500_000), r);
            }
        }

        private void ticks(ThreadLocalRandom r) throws Exception {
            long count = pick(r, 0L, 1L, 5L, 1000L);
            long every = pick(r, 0L, 1L, 10L, 50L);
            How how = pick(r, How.FULL, How.EARLY, How.ABORT, How.ABORT);
            if (how == How.FULL && count * every > 2000) {
                how = How.EARLY;
            }
            String path = "/ticks?count=" + count + "&everyMs=" + every + "&tag=" + tag("t", how);
            if (how == How.FULL) {
                full(path, 200, count, "\n");
            } else {
                raw(path, 200, how, pick(r, 1, 50, 500), r);
            }
        }

        /** A coroutine endpoint: read and checked, or abandoned right after the request (its task is cancelled). */
        private void unary(String path, String expected, ThreadLocalRandom r) throws Exception {
            if (r.nextInt(3) == 0) {
                raw(path, 200, How.ABORT, 0, r);
                return;
            }
            HttpResponse<String> response = send(path, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains(expected)) {
                anomalies.add(path + ": " + response.statusCode() + " " + response.body());
            }
        }

        private static final List<Map.Entry<String, Integer>> BAD = List.of(
                Map.entry("/numbers?count=-1", 400), Map.entry("/numbers?count=abc", 400),
                Map.entry("/numbers", 400), Map.entry("/numbers?count=1&pad=999999", 400),
                Map.entry("/ticks?count=1&everyMs=-5", 400), Map.entry("/ticks?count=-3", 400),
                Map.entry("/numbers/sse?count=x", 400), Map.entry("/quote", 400), Map.entry("/hello", 400),
                Map.entry("/numbers?count=99999999999999999999", 400), Map.entry("/ticks?count=2&everyMs=60001", 400),
                Map.entry("/nope", 404), Map.entry("/streams/", 404), Map.entry("/streams/unknown-tag", 404));

        private void badRequest(ThreadLocalRandom r) throws Exception {
            Map.Entry<String, Integer> bad = BAD.get(r.nextInt(BAD.size()));
            HttpResponse<String> response = send(bad.getKey(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != bad.getValue()) {
                anomalies.add(bad.getKey() + ": " + response.statusCode() + " " + response.body());
            }
        }

        /** Reads a stream to its end: {@code expected} lines ending in {@code separator}, or a cut (-1). */
        private void full(String path, int status, long expected, String separator) throws Exception {
            String body;
            try {
                body = fullBody(path, status);
                if (status != 200) {
                    return;
                }
            } catch (IOException cut) {
                if (expected < 0) {
                    return; // the generator raised: the response is cut off without its last chunk
                }
                throw cut;
            }
            long lines = count(body, separator);
            if (expected < 0 || lines != expected) {
                anomalies.add(path + ": " + lines + " lines, expected " + (expected < 0 ? "a cut" : expected));
            }
        }

        private String fullBody(String path, int status) throws Exception {
            HttpResponse<String> response = send(path, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                anomalies.add(path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }

        private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> body) throws Exception {
            String traced = traced(path);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + traced))
                    .timeout(PATIENCE).build();
            CompletableFuture<HttpResponse<T>> response = http.sendAsync(request, body);
            try {
                HttpResponse<T> answer = response.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                PROBE.forget(traced);
                WIRE.forget(traced);
                return answer;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    throw stalled(traced);
                }
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            } catch (TimeoutException e) {
                response.cancel(true);
                throw stalled(traced);
            }
        }

        /** {@code path} with a query parameter that tells its trace in {@link #PROBE} from the others'. */
        private String traced(String path) {
            return path + (path.contains("?") ? "&" : "?") + "request=" + sequence.incrementAndGet();
        }

        /**
         * A request that got no complete answer in time, with what the server and its loop were doing. A
         * request that never reached the filters while the loop was idle was reactor-netty's keep-alive
         * stall (reactor/reactor-netty#4361, fixed in the 1.3.8 the build takes; see
         * {@code LoopbackClientTest}).
         */
        private Exception stalled(String path) {
            String seen = PROBE.seen(path);
            String open = PROBE.openLongerThanASecond();
            String tasks = tasksOrStall(loop);
            String report = path + ": no complete response within " + PATIENCE + "; the server then: " + seen
                    + "; exchanges open for over a second: " + open + "; its connection: " + WIRE.seen(path)
                    + "; the loop's tasks: " + tasks;
            return new TimeoutException(report + "; threads: " + stacks());
        }

        /**
         * A request on a socket of its own, which the client leaves as {@code how} says: a reset
         * ({@code SO_LINGER} 0, then close) half of the time, a normal close the other half.
         */
        @SuppressWarnings("AddressSelection") // HOST is an IP literal: getByName looks nothing up
        private void raw(String path, int status, How how, int maxBytes, ThreadLocalRandom r) throws Exception {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), (int) PATIENCE.toMillis());
                socket.setSoTimeout((int) PATIENCE.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + port
                        + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (how != How.ABORT) {
                    read(socket.getInputStream(), path, status, how, maxBytes);
                }
                if (r.nextBoolean()) {
                    socket.setSoLinger(true, 0); // close() sends a RST instead of a FIN
                }
            }
        }

        private void read(InputStream in, String path, int expectedStatus, How how, int maxBytes)
                throws IOException, InterruptedException {
            byte[] buffer = new byte[how == How.SLOW ? 1024 : 65_536];
            long slowUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int got = 0;
            boolean statusChecked = false;
            try {
                while (got < maxBytes) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    if (!statusChecked && n >= 12) {
                        statusChecked = true;
                        String status = new String(buffer, 0, 12, StandardCharsets.US_ASCII);
                        if (!status.equals("HTTP/1.1 " + expectedStatus)) {
                            anomalies.add(path + ": " + status);
                        }
                    }
                    got += n;
                    if (how == How.SLOW) {
                        if (System.nanoTime() - slowUntil > 0) {
                            break;
                        }
                        SLOW_PACE.acquire(); // the client's pace, from the shared pacer
                    }
                }
            } catch (SocketTimeoutException e) {
                anomalies.add(path + ": nothing read for " + PATIENCE + " after " + got + " bytes");
            }
        }

        private static long count(String text, String what) {
            long n = 0;
            for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
                n++;
            }
            return n;
        }

        @SafeVarargs
        private static <T> T pick(ThreadLocalRandom r, T... choices) {
            return choices[r.nextInt(choices.length)];
        }
    }
}
