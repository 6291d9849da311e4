// Next.js calls this once at server start. The work is Node-only, so it lives in a module
// loaded only on the Node.js runtime (the edge bundle never sees it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onServerStart } = await import("./server/startup");
  await onServerStart();
}
