import { type CsvColumn, csvHeaderLine, csvLines, csvResponse } from "~/utils/csv.server";
import { type Batches, yieldToEventLoop } from "./batches.server";

type CsvStreamOptions = {
  /** The request's signal: once the client disconnects, no further batch is read. */
  signal?: AbortSignal;
  /** Called once the last row is written, with the number of data rows. */
  onComplete?: (rows: number) => void;
};

/**
 * A CSV file as a web stream: the header, then one chunk per batch. The
 * stream is pulled: the next batch is read only when the consumer asks for
 * more (backpressure), after a turn of the event loop, and never after the
 * consumer cancelled or the request was aborted.
 */
export function csvStream<Row>(columns: CsvColumn<Row>[], batches: Batches<Row>, options: CsvStreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let rows = 0;
  let headerSent = false;
  const stop = () => void Promise.resolve(iterator.return?.()).catch(() => undefined);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvHeaderLine(columns)));
          return;
        }
        if (options.signal?.aborted) {
          stop();
          controller.close();
          return;
        }
        await yieldToEventLoop();
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          options.onComplete?.(rows);
          return;
        }
        rows += next.value.length;
        const text = csvLines(columns, next.value);
        if (text) controller.enqueue(encoder.encode(text));
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A streamed CSV download. */
export function streamedCsvResponse<Row>(filename: string, columns: CsvColumn<Row>[], batches: Batches<Row>, options: CsvStreamOptions = {}): Response {
  return csvResponse(filename, csvStream(columns, batches, options));
}
