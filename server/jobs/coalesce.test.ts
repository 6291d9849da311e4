import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

describe("coalesce", () => {
  it("carries calls made together in one flush, and each caller learns it went", async () => {
    const flushed: number[][] = [];
    const send = coalesce((items: number[]) => Promise.resolve(flushed.push(items)), { windowMs: 20, maxItems: 100 });
    expect(await Promise.all([send([1]), send([2, 3]), send([4])])).toEqual([1, 1, 1]);
    expect(flushed).toEqual([[1, 2, 3, 4]]);
    await send([5]);
    expect(flushed).toEqual([[1, 2, 3, 4], [5]]);
  });

  it("flushes at once when the batch is full, and the next calls start a new one", async () => {
    const flushed: number[][] = [];
    const send = coalesce((items: number[]) => Promise.resolve(void flushed.push(items)), {
      windowMs: 60_000,
      maxItems: 2,
    });
    const first = send([1]);
    await Promise.all([first, send([2]), send([3, 4])]);
    expect(flushed).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it("fails every caller of a batch whose flush failed, and only those", async () => {
    let fail = true;
    const send = coalesce(() => (fail ? Promise.reject(new Error("engine unreachable")) : Promise.resolve()), {
      windowMs: 10,
      maxItems: 100,
    });
    const results = await Promise.allSettled([send([1]), send([2])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(send([3])).resolves.toBeUndefined();
  });
});
