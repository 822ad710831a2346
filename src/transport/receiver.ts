/**
 * A way events reach the Dispatcher (as Slack Bolt swaps ExpressReceiver for
 * SocketModeReceiver). The webhook lives in the HTTP app, which always runs; a receiver
 * is the transport that runs beside it, such as Lark's long connection.
 */
export interface Receiver {
  /** Starts receiving; resolves once the first attempt is under way, not when connected. */
  start(): Promise<void>;
  /** Stops taking events; what was accepted stays in the inbox for the workers. */
  stop(): Promise<void>;
  /** Facts for /healthz. */
  health(): Record<string, unknown>;
}
