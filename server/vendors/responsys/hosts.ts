// Where Responsys runs: Interact 2 and 5 (responsys.net), 8 and 9 (rsys8/rsys9.net), and
// accounts on Oracle Cloud Infrastructure (oraclecloud.com). Its UI frames the CX app's pages
// from these, and its invoke calls name endpoints on these.
export const RESPONSYS_DOMAINS = ["responsys.net", "rsys8.net", "rsys9.net", "oraclecloud.com"] as const;

/** Whether a URL is https on a Responsys host. */
export function isResponsysUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" && RESPONSYS_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));
}
