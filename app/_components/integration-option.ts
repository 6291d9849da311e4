/**
 * An integration as one line of a select: its label, "(sandbox)" when in test mode and the label
 * does not say so already (the demo's labels do), and its status unless active.
 */
export function integrationOption(i: { label: string; sandbox: boolean; status: string }): string {
  const sandbox = i.sandbox && !/sandbox|test mode/i.test(i.label) ? " (sandbox)" : "";
  return `${i.label}${sandbox}${i.status === "active" ? "" : ` — ${i.status}`}`;
}
