package cn.keywork.supervision.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects the log records of the service while a test runs, with their logging context. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private LogCapture(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    public static LogCapture of(String category) {
        return new LogCapture(category);
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            ext.copyMdc();
            records.add(ext);
        }
    }

    public List<ExtLogRecord> records() {
        return records;
    }

    /** Every captured message, formatted, with its request id: for searching for leaks. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ExtLogRecord record : records) {
            text.append(record.getMdc("requestId")).append(' ').append(record.getFormattedMessage()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
