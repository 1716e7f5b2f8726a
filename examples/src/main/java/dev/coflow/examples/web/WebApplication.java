package dev.coflow.examples.web;

import dev.coflow.gen.Generator;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The WebFlux example server (Spring Boot, Reactor Netty). Its handlers return Coflow's types as they
 * are; {@code coflow-spring}'s auto-configuration makes WebFlux understand them. At startup it logs which
 * suspension engine runs (logger {@code dev.coflow.engine}): the continuation engine when the JVM has
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, as the README's command passes.
 *
 * <p>Python counterpart: an ASGI application (Starlette, FastAPI) under uvicorn, whose endpoints are
 * {@code async def} functions and async generators.
 *
 * <p>Thread-safety: Spring creates and calls it.
 *
 * <pre>{@code
 * mvn -q -pl examples -am compile exec:exec -Dtour.main=dev.coflow.examples.web.WebApplication
 * curl -N 'localhost:8080/numbers?count=5'
 * }</pre>
 */
@SpringBootApplication
public class WebApplication {

    /** Creates the application; Spring calls it. */
    public WebApplication() {}

    /**
     * Starts the server (port 8080 unless {@code --server.port=...}).
     *
     * @param args Spring Boot's command line, e.g. {@code --server.port=0}
     */
    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }

    /**
     * Runs one generator step at startup: the first generator picks the suspension engine, and core logs
     * its choice, so the log says which engine serves the requests before the first one arrives.
     */
    @Bean
    ApplicationRunner logCoflowEngine() {
        return args -> Generator.<String, Void, Void>of(y -> {
            y.yield("engine chosen");
            return null;
        }).next();
    }
}
