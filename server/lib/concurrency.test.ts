import { describe, expect, it } from "vitest";
import { forEachConcurrently } from "./concurrency";

describe("forEachConcurrently", () => {
  it("does every item with at most `limit` going at once", async () => {
    let going = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      going++;
      most = Math.max(most, going);
      await new Promise((r) => setImmediate(r));
      done.push(n);
      going--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("starts nothing after a failure and throws the first error once the others finish", async () => {
    const started: number[] = [];
    const promise = forEachConcurrently([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setImmediate(r));
      if (n === 1) throw new Error("first");
      if (n === 2) throw new Error("second");
    });
    await expect(promise).rejects.toThrow("first");
    expect(started).toEqual([1, 2]);
  });
});
