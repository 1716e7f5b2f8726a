package dev.coflow.examples.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns bad requests into 400 responses with an RFC 9457 problem body whose {@code detail} says what was
 * wrong: a missing or malformed parameter (Spring's own exceptions, through
 * {@link ResponseEntityExceptionHandler}) and an argument a handler rejects with
 * {@link IllegalArgumentException} before its stream starts.
 *
 * <p>Python counterpart: FastAPI's 422 validation responses, or raising {@code HTTPException(400, ...)}.
 *
 * <p>Thread-safety: stateless.
 *
 * <pre>{@code
 * curl -s 'localhost:8080/numbers?count=-1'
 * {"detail":"count must be 0 or more, got -1","instance":"/numbers","status":400,"title":"Bad Request"}
 * }</pre>
 */
@RestControllerAdvice
public class BadRequests extends ResponseEntityExceptionHandler {

    /** Creates the advice; Spring calls it. */
    public BadRequests() {}

    /**
     * A handler's rejected argument, as a 400 problem whose detail is the exception's message.
     *
     * @param e what the handler threw
     * @return the problem body
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail rejectedArgument(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
    }
}
