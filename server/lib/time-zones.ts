// Pure and dependency-free, so the browser's time zone select and the server's check agree on
// what a zone is; the server's answer is the one that counts.

/** The IANA zones this runtime knows (Intl.supportedValuesOf), plus UTC, which V8 leaves out of that list. */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

let known: Set<string> | undefined;

/** Whether `zone` is one of timeZones(), exactly as spelled there ("Europe/Madrid", not "europe/madrid"). */
export function isTimeZone(zone: string): boolean {
  known ??= new Set(timeZones());
  return known.has(zone);
}
