import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { expect, test } from "vitest";

const processes = path.resolve(import.meta.dirname, "processes.mjs");

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// `npx next dev` is a wrapper whose child holds the port: a shell that starts a sleeper and
// waits stands in for it, and the sleepers must not outlive the runner.
const driver = `
  import { run } from ${JSON.stringify(processes)};
  run("one", "sh", ["-c", "sleep 300 & echo sleeper $!; wait"]);
  run("two", "sh", ["-c", "sleep 300 & echo sleeper $!; wait"]);
`;

/** Starts the runner (through `wrapper`, as npm starts it through sh -c) and waits for its two sleepers. */
async function start(wrapper: "none" | "sh") {
  const node = [process.execPath, "--input-type=module", "-e", driver];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  // Two commands, so that sh stays as the runner's parent instead of exec'ing it.
  const child =
    wrapper === "sh"
      ? spawn("sh", ["-c", `${quoted}; true`], { stdio: ["ignore", "pipe", "inherit"] })
      : spawn(node[0] ?? "", node.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const sleepers = () => [...output.matchAll(/sleeper (\d+)/g)].map((m) => Number(m[1]));
  await expect.poll(() => sleepers().length).toBe(2);
  expect(sleepers().every(alive)).toBe(true);
  return { child, sleepers: sleepers() };
}

test("a SIGTERM to the runner stops every child and the children's own children", async () => {
  const { child, sleepers } = await start("none");
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code] = (await exited) as [number | null];
  expect(code).toBe(0);
  // Polled: a killed sleeper is reaped by its new parent a moment later.
  await expect.poll(() => sleepers.filter(alive)).toEqual([]);
});

test("when the shell npm started it through is killed, the runner stops everything too", async () => {
  const { child, sleepers } = await start("sh");
  child.kill("SIGTERM");
  await expect.poll(() => sleepers.filter(alive), { timeout: 10_000 }).toEqual([]);
});
