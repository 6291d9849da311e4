import { setTimeout as delay } from "node:timers/promises";
import type { FaultStore } from "./faults";

// The callbacks fake vendors send to the webhook URLs registered with them (PUT
// /_control/callbacks), the way real vendors call the portal's webhooks: JSON POSTs,
// retried a few times when the receiver fails. A URL is registered per vendor account, as a
// real vendor keeps one per account (accounts.ts): a callback goes to the URL of the account
// whose request caused it, so a second test-mode integration, with an account of its own,
// does not take over the first one's callbacks. Callbacks of one account, vendor and kind are
// delivered one at a time, in the order they were emitted (retries included), so a test sees
// a deterministic sequence unless it injects duplicateCallback, reorderCallbacks or delayCallback. With
// several `lanes`, callbacks that name an order key (a message id) are spread over that many
// parallel chains, a key always on the same one: a vendor reporting thousands of messages
// does not report them one at a time, yet one message's reports keep their order. Kinds go
// to different URLs and do not wait for each other: a customer's STOP is not held behind a
// campaign's thousands of delivery reports.

/** Whose callback it is: the vendor's `account` (as the fake names it, accounts.ts) and its kind. */
export type CallbackTarget = { vendor: string; account: string; kind: string };
export type CallbackRegistration = CallbackTarget & { url: string };

/** One POST of one callback (or the note that it had nowhere to go), as kept in the delivery log. */
export type CallbackAttempt = CallbackTarget & {
  /** null when no URL was registered for (vendor, account, kind). */
  url: string | null;
  body: unknown;
  /** The receiver's HTTP status; null when the connection failed or there was no URL. */
  status: number | null;
  outcome: "delivered" | "failed" | "undeliverable";
  attempt: number;
  at: string;
  error?: string;
};

/**
 * Callbacks queued for delivery (a duplicateCallback fault's copy counts; held ones count once
 * released) and how each ended; `pending` are queued or in flight. emitted = delivered +
 * gaveUp + undeliverable + pending.
 */
export type CallbackStats = {
  emitted: number;
  delivered: number;
  gaveUp: number;
  undeliverable: number;
  pending: number;
};

/** Extra headers, or a function of the exact JSON sent, for vendors that sign the raw body. */
export type CallbackHeaders = Record<string, string> | ((rawBody: string) => Record<string, string>);

/** `url`: where it goes, fixed when emitted if a URL was registered then (see deliver). */
type Callback = CallbackTarget & {
  body: unknown;
  raw: string;
  headers: Record<string, string>;
  url: string | null;
  lane: number;
};

const LOG_SIZE = 500;

/**
 * One POST, answered (status read, body drained) or failed within `timeoutMs`, whatever the
 * socket does. An AbortSignal alone is not enough: Node's fetch can leave a body read pending
 * forever when the abort lands mid-body (nodejs/node#56917), and a signal nothing else
 * references can be collected before it fires (nodejs/undici#4068). Either one silently
 * stopped a callback lane for good; here a timer we hold settles the attempt.
 */
async function postWithin(url: string, init: RequestInit, timeoutMs: number): Promise<number> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      error.name = "TimeoutError";
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const attempt = fetch(url, { ...init, signal: controller.signal }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
    attempt.catch(() => undefined);
  }
}
const key = ({ vendor, account, kind }: CallbackTarget) => JSON.stringify([vendor, account, kind]);

export class CallbackDispatcher {
  private readonly faults: FaultStore;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly lanes: number;
  private readonly urls = new Map<string, CallbackRegistration>();
  private deliveries: CallbackAttempt[] = [];
  /** Callbacks held by a reorderCallbacks fault, by fault id, until it has taken all it applies to. */
  private readonly held = new Map<number, Callback[]>();
  /** The tail of each (vendor, account, kind, lane) delivery chain. */
  private readonly queues = new Map<string, Promise<void>>();
  private pending = 0;
  private readonly counts = { emitted: 0, delivered: 0, gaveUp: 0, undeliverable: 0 };
  private waiters: (() => void)[] = [];

  // Real vendors retry over minutes; the sandbox keeps the same shape on a shorter scale, long
  // enough (about 25 s of backoff over 8 attempts) to ride out a portal that is restarting.
  constructor(options: {
    faults: FaultStore;
    attempts?: number;
    backoffMs?: number;
    timeoutMs?: number;
    lanes?: number;
  }) {
    this.faults = options.faults;
    this.lanes = options.lanes ?? 1;
    this.attempts = options.attempts ?? 8;
    this.backoffMs = options.backoffMs ?? 200;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Sets the URL of one account's callbacks of one kind, replacing the one it had. */
  register(target: CallbackTarget, url: string): void {
    const { vendor, account, kind } = target;
    this.urls.set(key(target), { vendor, account, kind, url });
  }

  registrations(): CallbackRegistration[] {
    return [...this.urls.values()];
  }

  /** The most recent attempts, oldest first. */
  log(): CallbackAttempt[] {
    return [...this.deliveries];
  }

  /** Every callback since the sandbox started: a benchmark or test proves none was lost with it. */
  stats(): CallbackStats {
    return { ...this.counts, pending: this.pending };
  }

  /** Callbacks a reorderCallbacks fault is still holding back. */
  heldBack(): (CallbackTarget & { body: unknown })[] {
    return [...this.held.values()].flat().map(({ vendor, account, kind, body }) => ({ vendor, account, kind, body }));
  }

  /** Forgets registrations, the log and held callbacks; deliveries already queued still run. */
  clear(): void {
    this.urls.clear();
    this.held.clear();
    this.deliveries = [];
  }

  /** Queues one callback of an account. Callback faults are applied here, in emission order. */
  emit(target: CallbackTarget, body: unknown, options: { headers?: CallbackHeaders; orderKey?: string } = {}): void {
    const { vendor, account, kind } = target;
    const raw = JSON.stringify(body);
    const url = this.urls.get(key(target))?.url ?? null;
    const { headers = {}, orderKey } = options;
    const lane =
      orderKey === undefined ? 0 : [...orderKey].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % this.lanes;
    const callback = {
      vendor,
      account,
      kind,
      body,
      raw,
      headers: typeof headers === "function" ? headers(raw) : headers,
      url,
      lane,
    };
    const path = `/${kind}`;
    const batch = this.faults.take(vendor, path, ["duplicateCallback"]) ? [callback, callback] : [callback];
    // A late callback goes out after those emitted behind it (the same message's later statuses).
    const late = this.faults.take(vendor, path, ["delayCallback"]);
    if (late) {
      setTimeout(() => batch.forEach((c) => this.enqueue(c)), late.delayMs);
      return;
    }
    const reorder = this.faults.take(vendor, path, ["reorderCallbacks"]);
    if (!reorder) {
      batch.forEach((c) => this.enqueue(c));
      return;
    }
    const held = [...(this.held.get(reorder.id) ?? []), ...batch];
    if (reorder.used < reorder.times) {
      this.held.set(reorder.id, held);
      return;
    }
    this.held.delete(reorder.id);
    held.reverse().forEach((c) => this.enqueue(c));
  }

  /** Resolves once nothing is queued or in flight (held-back callbacks are not waited for). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private enqueue(callback: Callback): void {
    this.counts.emitted += 1;
    this.pending += 1;
    const chain = `${key(callback)} ${callback.lane}`;
    const tail = (this.queues.get(chain) ?? Promise.resolve())
      .then(() => this.deliver(callback))
      .finally(() => {
        this.pending -= 1;
        if (this.pending === 0) this.waiters.splice(0).forEach((resolve) => resolve());
      });
    this.queues.set(chain, tail);
  }

  private async deliver(callback: Callback): Promise<void> {
    const { vendor, account, kind, body } = callback;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      // The URL registered when the event happened, as a vendor account's callback URL is the
      // one in force when it sent the message: a later registration for the same account does
      // not take over callbacks already due. When none was registered then, it is looked up per
      // attempt, so one registered while it waits is used.
      const url = callback.url ?? this.urls.get(key(callback))?.url ?? null;
      const at = new Date().toISOString();
      const record = (result: Pick<CallbackAttempt, "status" | "outcome" | "error">) =>
        this.record({ vendor, account, kind, url, body, attempt, at, ...result });
      if (!url) {
        this.counts.undeliverable += 1;
        return record({
          status: null,
          outcome: "undeliverable",
          error: `no URL registered for ${vendor} ${kind} of account ${account}`,
        });
      }
      try {
        const headers = {
          "content-type": "application/json",
          "user-agent": `switchboard-sandbox/${vendor}`,
          ...callback.headers,
        };
        const status = await postWithin(url, { method: "POST", headers, body: callback.raw }, this.timeoutMs);
        const ok = status >= 200 && status < 300;
        record({ status, outcome: ok ? "delivered" : "failed" });
        if (ok) {
          this.counts.delivered += 1;
          return;
        }
      } catch (error) {
        record({ status: null, outcome: "failed", error: String(error) });
      }
      if (attempt < this.attempts) await delay(this.backoffMs * 2 ** (attempt - 1));
    }
    this.counts.gaveUp += 1;
    console.warn(`sandbox: gave up on a ${vendor} ${kind} callback after ${this.attempts} attempts`);
  }

  private record(attempt: CallbackAttempt): void {
    this.deliveries.push(attempt);
    if (this.deliveries.length > LOG_SIZE) this.deliveries.splice(0, this.deliveries.length - LOG_SIZE);
  }
}
