import { BlockList, isIP } from "node:net";

// Addresses that reach this machine or its private network rather than a vendor on the internet.
const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  internal.addSubnet(net, prefix, "ipv6");

/**
 * Whether a host name is loopback, private or link-local as written (an IP literal, or
 * localhost). A name that resolves to such an address is not caught here: vendor hosts are
 * names the admin types, and this refuses the ones that plainly aim inside.
 */
export function isInternalHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped) return internal.check(mapped, "ipv4");
  const family = isIP(bare);
  return family !== 0 && internal.check(bare, family === 4 ? "ipv4" : "ipv6");
}
