package dev.coflow.examples.web;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@link StreamStats} of the tagged streams the application served recently, by tag: how the examples
 * show (and the tests check) that a slow client pauses a generator and a client that goes away closes it.
 *
 * <p>Bounded, so that a server that streams for days keeps a fixed amount of them: an entry is dropped
 * {@code coflow.examples.streams.retention} (10 minutes by default) after its stream ended, or after it was
 * made if its generator never started (its client left before asking for an item); and there are never
 * more than {@code coflow.examples.streams.max-entries} (10,000 by default): past that, the oldest entry
 * of a stream that ended or never started goes first, then the oldest of all. An entry of a running stream
 * stays for as long as the stream runs (within that cap), so a generator that never ends stays visible.
 *
 * <p>Thread-safety: thread-safe; the registry is guarded by its monitor (one short critical section per
 * stream and per query), the stats are updated by the generators without it.
 *
 * <pre>{@code
 * metrics.stats("demo").produced();     // made when the stream starts
 * metrics.find("demo");                 // null once dropped, or if no stream had this tag
 * }</pre>
 */
@Component
public class StreamMetrics {

    private final long retentionNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    /** In the order the entries were made, oldest first. */
    @GuardedBy("this")
    private final LinkedHashMap<String, Entry> byTag = new LinkedHashMap<>();

    /**
     * Creates an empty registry; Spring calls it.
     *
     * @param retention how long an entry stays after its stream ended (or after it was made, if its
     *     generator never started)
     * @param maxEntries the most entries kept at once, at least 1
     */
    @Autowired
    public StreamMetrics(@Value("${coflow.examples.streams.retention:10m}") Duration retention,
            @Value("${coflow.examples.streams.max-entries:10000}") int maxEntries) {
        this(retention, maxEntries, System::nanoTime);
    }

    StreamMetrics(Duration retention, int maxEntries, LongSupplier nanoClock) {
        if (retention.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("retention must be 0 or more and maxEntries 1 or more, got "
                    + retention + " and " + maxEntries);
        }
        this.retentionNanos = retention.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The stats of the stream tagged {@code tag}, made empty if there are none: what a handler calls as
     * its stream starts. A later stream with the same tag shares them while they are kept.
     */
    public synchronized StreamStats stats(String tag) {
        long now = nanoClock.getAsLong();
        dropExpired(now);
        Entry entry = byTag.get(tag);
        if (entry == null) {
            if (byTag.size() >= maxEntries) {
                dropOldest();
            }
            entry = new Entry(now);
            byTag.put(tag, entry);
        }
        return entry.stats;
    }

    /** The stats of the stream tagged {@code tag}, or null if none is kept: it never ran, or was dropped. */
    public synchronized @Nullable StreamStats find(String tag) {
        dropExpired(nanoClock.getAsLong());
        Entry entry = byTag.get(tag);
        return entry == null ? null : entry.stats;
    }

    /** How many entries are kept now. */
    public synchronized int size() {
        dropExpired(nanoClock.getAsLong());
        return byTag.size();
    }

    /** Entries are in the order they were made: none younger than the retention can have expired. */
    @GuardedBy("this")
    private void dropExpired(long now) {
        for (Iterator<Entry> it = byTag.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (now - entry.madeAt < retentionNanos) {
                return;
            }
            if (entry.idleSince(now) >= retentionNanos) {
                it.remove();
            }
        }
    }

    /** Makes room: the oldest entry whose stream is over (or never began), else the oldest of all. */
    @GuardedBy("this")
    private void dropOldest() {
        Iterator<Entry> it = byTag.values().iterator();
        while (it.hasNext()) {
            if (it.next().idle()) {
                it.remove();
                return;
            }
        }
        it = byTag.values().iterator();
        it.next();
        it.remove();
    }

    /** One tag's stats and the times that decide when it goes. */
    private final class Entry {
        final long madeAt;
        /** When the generator's finally ran; written by the generator's thread. */
        volatile long endedAt;
        volatile boolean ended;
        final StreamStats stats = new StreamStats(() -> {
            endedAt = nanoClock.getAsLong();
            ended = true;
        });

        Entry(long madeAt) {
            this.madeAt = madeAt;
        }

        /** Whether it serves no running stream: the stream ended, or never started. */
        boolean idle() {
            return ended || !stats.started();
        }

        /** How long, at {@code now}, the entry has served no running stream; -1 while one runs. */
        long idleSince(long now) {
            if (ended) {
                return now - endedAt;
            }
            return stats.started() ? -1 : now - madeAt;
        }
    }

    @Override
    public synchronized String toString() {
        return "StreamMetrics[" + byTag.size() + " entries]";
    }
}
