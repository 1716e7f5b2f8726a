package dev.coflow.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coflow.examples.web.CatalogController.Catalog;
import dev.coflow.examples.web.QuoteController.Quote;
import dev.coflow.examples.web.TickerController.Tick;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The application over real HTTP (random port) through {@link WebTestClient}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@Timeout(120)
class WebApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    StreamMetrics metrics;

    private Flux<Item> ndjson(String uri) {
        return client.get().uri(uri).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(Item.class).getResponseBody();
    }

    @Test
    void aGeneratorReturnedByAControllerStreamsAsNdjson() throws InterruptedException {
        StepVerifier.create(ndjson("/numbers?count=3&tag=ndjson"))
                .expectNext(new Item(0, ""), new Item(1, ""), new Item(2, ""))
                .verifyComplete();
        StreamStats stats = metrics.stats("ndjson");
        assertTrue(stats.awaitEnd(TIMEOUT), "the generator's finally ran at exhaustion");
        assertEquals(3, stats.produced());
        assertFalse(stats.cancelled());
    }

    @Test
    void theSameGeneratorStreamsAsServerSentEvents() {
        Flux<ServerSentEvent<Item>> events = client.get().uri("/numbers/sse?count=2&pad=3")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Item>>() {}).getResponseBody();
        StepVerifier.create(events)
                .assertNext(e -> {
                    assertEquals("item", e.event());
                    assertEquals("0", e.id());
                    assertEquals(new Item(0, "xxx"), e.data());
                })
                .assertNext(e -> assertEquals(new Item(1, "xxx"), e.data()))
                .verifyComplete();
    }

    @Test
    void aClientThatCancelsMidStreamClosesTheGeneratorAndItsFinallyRuns() throws InterruptedException {
        StepVerifier.create(ndjson("/numbers?count=1000000&tag=wtc-cancel"), 3)
                .expectNextCount(3)
                .thenCancel()
                .verify(TIMEOUT);
        StreamStats stats = metrics.stats("wtc-cancel");
        assertTrue(stats.awaitEnd(TIMEOUT), "the generator's finally ran");
        assertTrue(stats.cancelled(), "GeneratorExit was raised at its yield");
        assertTrue(stats.produced() < 1_000_000, "it stopped early: " + stats.produced());
        client.get().uri("/streams/wtc-cancel").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.ended").isEqualTo(true).jsonPath("$.cancelled").isEqualTo(true);
    }

    @Test
    void anUnknownStreamTagIsA404AndAskingMakesNoEntry() {
        client.get().uri("/streams/no-such-tag").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.status").isEqualTo(404);
        assertNull(metrics.find("no-such-tag"));
    }

    @Test
    void anErrorInsideTheGeneratorCutsTheNdjsonStreamOffVisibly() throws InterruptedException {
        StepVerifier.create(ndjson("/numbers?count=5&failAt=2&tag=ndjson-error"))
                .expectNext(new Item(0, ""), new Item(1, ""))
                .expectError()
                .verify(TIMEOUT);
        StreamStats stats = metrics.stats("ndjson-error");
        assertTrue(stats.awaitEnd(TIMEOUT));
        assertTrue(stats.failed());
    }

    @Test
    void anErrorInsideTheGeneratorEndsTheSseStreamWithAnErrorEvent() {
        Flux<ServerSentEvent<Map<String, Object>>> events = client.get().uri("/numbers/sse?count=5&failAt=1")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody();
        StepVerifier.create(events)
                .assertNext(e -> assertEquals("item", e.event()))
                .assertNext(e -> {
                    assertEquals("error", e.event());
                    assertEquals(Map.of("error", "the generator failed at item 1 (failAt=1)"), e.data());
                })
                .verifyComplete();
    }

    @Test
    void anAsyncGeneratorAwaitsBetweenItsYields() {
        Flux<Tick> ticks = client.get().uri("/ticks?count=3&everyMs=20").accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .returnResult(Tick.class).getResponseBody();
        StepVerifier.create(ticks)
                .assertNext(t -> assertTick(0, t))
                .assertNext(t -> assertTick(1, t))
                .assertNext(t -> assertTick(2, t))
                .verifyComplete();
    }

    /** Tick n came after n + 1 pauses of 20 ms at least (1 ms of rounding allowed). */
    private static void assertTick(long n, Tick t) {
        assertEquals(n, t.n());
        assertTrue(t.elapsedMillis() >= 20 * (n + 1) - 1, t.toString());
    }

    @Test
    void aClientThatCancelsATickerCancelsItAtItsAwaitAndItsFinallyRuns() throws InterruptedException {
        Flux<Tick> ticks = client.get().uri("/ticks?count=100000&everyMs=5&tag=ticker-cancel")
                .accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .returnResult(Tick.class).getResponseBody();
        StepVerifier.create(ticks.take(2)).expectNextCount(2).verifyComplete();
        StreamStats stats = metrics.stats("ticker-cancel");
        assertTrue(stats.awaitEnd(TIMEOUT), "the async generator's finally ran");
        assertTrue(stats.cancelled(), "it was cancelled at its await or closed at its yield");
    }

    @Test
    void aNegativeCountIsABadRequestThatSaysWhy() {
        for (String path : new String[] {"/numbers", "/numbers/sse", "/ticks"}) {
            client.get().uri(path + "?count=-1").exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.detail").isEqualTo("count must be 0 or more, got -1");
        }
    }

    @Test
    void aMissingOrMalformedParameterIsABadRequestThatSaysWhy() {
        client.get().uri("/numbers").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Required query parameter 'count' is not present.");
        client.get().uri("/quote").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Required query parameter 'item' is not present.");
        client.get().uri("/numbers?count=many").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.status").isEqualTo(400);
        client.get().uri("/numbers?count=1&pad=100000").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("pad must be between 0 and 65536, got 100000");
    }

    @Test
    void theQuoteCoroutineGathersItsThreeDownstreamCallsConcurrently() {
        Quote quote = client.get().uri("/quote?item=tea").exchange()
                .expectStatus().isOk()
                .expectBody(Quote.class).returnResult().getResponseBody();
        assertEquals("tea", quote.item());
        assertEquals(3, quote.concurrentCalls(), "all three stub calls were in flight together");
    }

    @Test
    void aTaskReturnedByAControllerIsSharedByEveryRequest() {
        Catalog first = client.get().uri("/catalog").exchange()
                .expectStatus().isOk()
                .expectBody(Catalog.class).returnResult().getResponseBody();
        Catalog second = client.get().uri("/catalog").exchange()
                .expectStatus().isOk()
                .expectBody(Catalog.class).returnResult().getResponseBody();
        assertEquals(List.of("cocoa", "coffee", "tea"), first.items());
        assertEquals(first.loadId(), second.loadId(), "one task loaded it, once, for both requests");
    }

    @Test
    void aCoroutineReturnedByAControllerRunsOnTheEventLoop() {
        client.get().uri("/hello?name=Ann").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertTrue(body.startsWith("Hello, Ann! "), body));
    }
}
