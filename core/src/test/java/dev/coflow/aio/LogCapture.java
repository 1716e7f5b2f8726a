package dev.coflow.aio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what Coflow logs on {@code dev.coflow.aio} (System.Logger routes to java.util.logging here). */
final class LogCapture extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("dev.coflow.aio");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {}

    static LogCapture start() {
        LogCapture c = new LogCapture();
        c.setLevel(Level.ALL);
        LOGGER.addHandler(c);
        LOGGER.setUseParentHandlers(false);
        return c;
    }

    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        LOGGER.removeHandler(this);
        LOGGER.setUseParentHandlers(true);
    }
}
