package io.github.camelfinsify.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.camelfinsify.model.Transaction;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * Transactions read one at a time from an open response: only the current one is in memory. Closing it releases the
 * connection; it closes itself after the last transaction. Not thread-safe.
 */
public final class TransactionStream implements Iterator<Transaction>, Closeable {

    private final JsonParser parser;
    private final ClassicHttpResponse response;
    private final RecordReader records;
    private final Function<IOException, FinsifyApiException> errorMapper;
    private Transaction next;
    private boolean done;
    /** Closed before its last transaction was read: reading on would look like a shorter list. */
    private boolean closedEarly;

    TransactionStream(JsonParser parser, ClassicHttpResponse response, RecordReader records,
                      Function<IOException, FinsifyApiException> errorMapper) {
        this.parser = parser;
        this.response = response;
        this.records = records;
        this.errorMapper = errorMapper;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closedEarly) {
            throw new IllegalStateException("The transaction stream was closed when its exchange completed, before "
                                            + "it was read to the end: read it inside the route (for example with "
                                            + "split(body()).streaming()), or use streaming=false to get a List");
        }
        if (done) {
            return false;
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                next = records.transaction(parser);
                return true;
            }
            if (token != JsonToken.END_ARRAY) {
                throw new JsonParseException(parser,
                        token == null ? "the transaction array is not closed" : "expected a transaction, found " + token);
            }
            release();
            return false;
        } catch (IOException e) {
            release();
            throw errorMapper.apply(e);
        }
    }

    @Override
    public Transaction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Transaction current = next;
        next = null;
        return current;
    }

    @Override
    public void close() {
        if (!done) {
            closedEarly = true;
            release();
        }
    }

    private void release() {
        if (!done) {
            done = true;
            FinsifyClient.closeQuietly(parser);
            FinsifyClient.closeQuietly(response);
        }
    }
}
