package dev.coflow.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The request id of {@link RequestIdFilter} in the lines that {@link ContextController}'s coroutine,
 * generator and async generator log, read from each logged event's MDC as Logback recorded it: every
 * line carries the id of the request it was logged for, one request at a time and many at once, and a
 * request without the header logs its own generated id, never another request's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class RequestContextTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The three handlers, each with the lines it logs for a label. */
    enum Handler {
        COROUTINE("/context/coroutine", "coroutine %s before await", "coroutine %s after await"),
        GENERATOR("/context/generator", "generator %s item 0", "generator %s item 1", "generator %s item 2"),
        ASYNC_GENERATOR("/context/async-generator",
                "async generator %s item 0", "async generator %s item 1", "async generator %s item 2");

        final String path;
        @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
        final List<String> lines;

        Handler(String path, String... lines) {
            this.path = path;
            this.lines = List.of(lines);
        }

        List<String> linesFor(String label) {
            return lines.stream().map(line -> line.formatted(label)).toList();
        }

        /** What the handler answers: the id it read from the MDC, once per item for a stream. */
        List<String> bodyFor(String id) {
            return this == COROUTINE ? List.of(id) : IntStream.range(0, lines.size())
                    .mapToObj(i -> "{\"item\":%d,\"requestId\":\"%s\"}".formatted(i, id)).toList();
        }
    }

    /** One logged line: the label it names (its first argument), its message, the MDC's request id then. */
    private record Line(String label, String message, @Nullable String requestId) {}

    /** Records each event's MDC when the event is logged (Logback reads it lazily otherwise). */
    private static final class Recorder extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(String.valueOf(event.getArgumentArray()[0]), event.getFormattedMessage(),
                    event.getMDCPropertyMap().get(RequestIdFilter.KEY)));
        }
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ContextController.class);
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void record() {
        recorder.start();
        logger.addAppender(recorder);
    }

    @AfterEach
    void stopRecording() {
        logger.detachAppender(recorder);
        recorder.stop();
    }

    /** One request to send: its label in the log lines, and the id it sends (null: none, the server makes one). */
    private record Call(Handler handler, String label, @Nullable String sentId) {}

    /** What the server answered to a call: the id in its X-Request-Id header and its body's lines. */
    private record Answer(Call call, String id, List<String> body) {}

    private CompletableFuture<Answer> send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + call.handler().path + "?label=" + call.label()))
                .timeout(TIMEOUT);
        if (call.sentId() != null) {
            request.header(RequestIdFilter.HEADER, call.sentId());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            assertEquals(200, response.statusCode(), call.toString());
            String id = response.headers().firstValue(RequestIdFilter.HEADER).orElse(null);
            assertNotNull(id, "the response names its request's id: " + call);
            return new Answer(call, id, response.body().toList());
        });
    }

    /**
     * Sends every call at once, waits for all the answers, and checks each call's log lines: exactly the
     * handler's lines for its label, in order, each carrying the id of that call's request.
     */
    private List<Answer> sendAndCheck(List<Call> calls) throws Exception {
        List<CompletableFuture<Answer>> pending = calls.stream().map(this::send).toList();
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<Answer> answer : pending) {
            answers.add(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
        Map<String, List<Line>> byLabel = new HashMap<>();
        for (Line line : recorder.lines) {
            byLabel.computeIfAbsent(line.label(), label -> new ArrayList<>()).add(line);
        }
        assertEquals(calls.size(), byLabel.size(), "lines were logged for exactly the calls made: " + byLabel.keySet());
        for (Answer answer : answers) {
            Call call = answer.call();
            if (call.sentId() != null) {
                assertEquals(call.sentId(), answer.id(), "the server kept the id the client sent");
            }
            List<Line> lines = byLabel.get(call.label());
            assertNotNull(lines, "no line logged for " + call);
            assertEquals(call.handler().linesFor(call.label()), lines.stream().map(Line::message).toList());
            for (Line line : lines) {
                assertEquals(answer.id(), line.requestId(), "the MDC of " + line + " for " + call);
            }
            assertEquals(call.handler().bodyFor(answer.id()), answer.body(), "what the handler read from the MDC");
        }
        return answers;
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void eachHandlerLogsItsRequestsId(Handler handler) throws Exception {
        sendAndCheck(List.of(new Call(handler, "one-" + handler.name(), "id-" + handler.name())));
    }

    @Test
    void concurrentRequestsEachLogTheirOwnIdAndThoseWithoutOneTheirOwnGeneratedId() throws Exception {
        int perHandler = 12;
        List<Call> calls = new ArrayList<>();
        for (Handler handler : Handler.values()) {
            IntStream.range(0, perHandler).forEach(i -> {
                String label = handler.name() + "-" + i;
                // Every other request sends no id: the server generates one, which must reach its lines only.
                calls.add(new Call(handler, "c" + label, i % 2 == 0 ? "r-" + label : null));
            });
        }
        List<Answer> answers = sendAndCheck(calls);

        Set<String> ids = new HashSet<>();
        for (Answer answer : answers) {
            assertTrue(ids.add(answer.id()), "each request has its own id: " + answer);
        }
    }
}
