/**
 * Batches calls that arrive together into one: the first call's items wait up to `windowMs`
 * for others' (or until `maxItems` are waiting), then one `flush` carries them all and every
 * caller gets its result (or its error). Vendor callbacks arrive many at a time, one item
 * each: recording and handing over each in statements and requests of its own cost more than
 * receiving it.
 */
export function coalesce<T, R>(flush: (items: T[]) => Promise<R>, options: { windowMs: number; maxItems: number }) {
  type Batch = { items: T[]; done: Promise<R>; send: () => void };
  let open: Batch | null = null;
  const start = (): Batch => {
    const batch = { items: [] as T[] } as Batch;
    batch.done = new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => batch.send(), options.windowMs);
      batch.send = () => {
        clearTimeout(timer);
        if (open !== batch) return;
        open = null;
        flush(batch.items).then(resolve, reject);
      };
    });
    return batch;
  };
  return (items: T[]): Promise<R> => {
    const batch = (open ??= start());
    batch.items.push(...items);
    if (batch.items.length >= options.maxItems) batch.send();
    return batch.done;
  };
}
