/**
 * AbortSignal helpers: one listener per caller signal however many calls share it, abortable waits.
 *
 * A caller may pass the same `AbortSignal` to hundreds of concurrent calls. Adding a listener per call
 * trips Node's `MaxListenersExceededWarning` at 11 and leaks when a path forgets to remove it, so every
 * subscription goes through {@link onAbort}: the signal gets a single listener that fans out to the
 * current subscribers, and it is removed as soon as the last one unsubscribes.
 * @module
 */
import { AbortError, InboxKitError } from "./errors.js";

interface Hub {
  readonly subscribers: Set<() => void>;
  readonly dispatch: () => void;
}

const hubs = new WeakMap<AbortSignal, Hub>();
const noop = (): void => {};

/**
 * Calls `fn` once when `signal` aborts (at once if it already has). Returns the unsubscribe function;
 * call it when the guarded work is done, on every path.
 */
export function onAbort(signal: AbortSignal | null | undefined, fn: () => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    fn();
    return noop;
  }
  let hub = hubs.get(signal);
  if (!hub) {
    const subscribers = new Set<() => void>();
    const dispatch = (): void => {
      hubs.delete(signal);
      for (const f of [...subscribers]) f();
      subscribers.clear();
    };
    hub = { subscribers, dispatch };
    hubs.set(signal, hub);
    signal.addEventListener("abort", dispatch, { once: true });
  }
  const current = hub;
  // Wrap so that the same function subscribed twice is two subscriptions.
  const entry = (): void => fn();
  current.subscribers.add(entry);
  return () => {
    if (!current.subscribers.delete(entry) || current.subscribers.size > 0) return;
    signal.removeEventListener("abort", current.dispatch);
    if (hubs.get(signal) === current) hubs.delete(signal);
  };
}

/** The error an aborted call rejects with: the signal's reason when it is an InboxKit error, else an {@link AbortError}. */
export function abortReason(signal: AbortSignal, message = "The request was aborted"): unknown {
  return signal.reason instanceof InboxKitError ? signal.reason : new AbortError(message);
}

/** Settles like `promise`, or rejects with `reason()` as soon as `signal` aborts (the work itself is not stopped). */
export function abortable<T>(promise: Promise<T> | T, signal: AbortSignal | null | undefined, reason: () => unknown = () => abortReason(signal as AbortSignal)): Promise<T> {
  if (!signal) return Promise.resolve(promise);
  return new Promise<T>((resolve, reject) => {
    const off = onAbort(signal, () => reject(reason()));
    Promise.resolve(promise).then(
      (value) => {
        off();
        resolve(value);
      },
      (error: unknown) => {
        off();
        reject(error);
      },
    );
  });
}

/** A sleep that rejects with an {@link AbortError} when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    let off = noop;
    const timer = setTimeout(() => {
      off();
      resolve();
    }, ms);
    off = onAbort(signal, () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    });
  });
}
