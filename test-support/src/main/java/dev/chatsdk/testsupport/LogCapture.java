package dev.chatsdk.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line of a logger (the JVM's root logger unless named) while open: as records, and formatted with their
 * parameters and causes. The one log capture of the tests.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    /** Captures what reaches the root logger. */
    public LogCapture() {
        this("");
    }

    /** Captures what reaches the named logger (and its children). */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(' ').append(t);
        }
        lines.add(line.toString());
    }

    /** @return the lines so far, each the message, its parameters and its causes */
    public List<String> lines() {
        return lines;
    }

    /** @return the records so far */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
