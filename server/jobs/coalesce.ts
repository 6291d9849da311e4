/**
 * Batches calls that arrive together into one: the first call's items wait up to `windowMs`
 * for others' (or until `maxItems` are waiting), then one `flush` carries them all and every
 * caller learns its outcome. Vendor callbacks arrive many at a time, one item each: handing
 * each to the engine in a request of its own cost more than receiving it.
 */
export function coalesce<T>(flush: (items: T[]) => Promise<unknown>, options: { windowMs: number; maxItems: number }) {
  type Batch = { items: T[]; done: Promise<void>; send: () => void };
  let open: Batch | null = null;
  const start = (): Batch => {
    const batch = { items: [] as T[] } as Batch;
    batch.done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => batch.send(), options.windowMs);
      batch.send = () => {
        clearTimeout(timer);
        if (open !== batch) return;
        open = null;
        flush(batch.items).then(() => resolve(), reject);
      };
    });
    return batch;
  };
  return (items: T[]): Promise<void> => {
    const batch = (open ??= start());
    batch.items.push(...items);
    if (batch.items.length >= options.maxItems) batch.send();
    return batch.done;
  };
}
