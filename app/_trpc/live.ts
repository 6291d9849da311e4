// The one way screens show what changes elsewhere (a customer's message, a background job, a
// vendor's callback): the query asks again on an interval. TanStack Query pauses intervals while
// the tab is hidden (refetchIntervalInBackground is off by default) and refetches when it is
// focused again, so a tab nobody looks at costs nothing.

/** Work running now whose counts move by the second: an import, a sending campaign, a job. */
export const PROGRESS_POLL_MS = 2_000;
/** What moves when someone or something else acts: conversations, case syncs, health, statuses. */
export const LIVE_POLL_MS = 5_000;

/** A refetchInterval: every `every` ms while the data can still move, else none. */
export const pollWhile = (moving: boolean, every: number = LIVE_POLL_MS): number | false => (moving ? every : false);
