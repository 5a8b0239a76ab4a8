/**
 * The local Mailgun-compatible sink as its own process, for `bench:pipeline -- --transport
 * mailgun`: the provider's CPU then stays out of the worker's. Prints its base URL, then serves
 * until SIGTERM.
 */
import { startMailgunSink } from '../../test/support/mailgun-sink.js';

const sink = await startMailgunSink({ apiKey: process.env.SINK_API_KEY ?? 'bench-key', recordBodies: false });
console.log(sink.url);
process.once('SIGTERM', () => {
  void sink.close().then(() => process.exit(0));
});
