import type { IntegrationHealth } from "./health";

// Pure, so the integrations list filters on screen with the same rule the dashboard counts by.

export type IntegrationProblem =
  | { kind: "error" }
  | { kind: "failures"; failed: number }
  | { kind: "silentWebhooks"; awaitingReports: number; hours: number };

/**
 * What needs an admin's look: the integration is in error, calls or callbacks failed in the
 * health window, or its webhooks went silent while messages wait for reports.
 */
export function problemsOf(integration: { status: string; health: IntegrationHealth | null }): IntegrationProblem[] {
  const { health } = integration;
  return [
    ...(integration.status === "error" ? [{ kind: "error" } as const] : []),
    ...(health && health.failed > 0 ? [{ kind: "failures", failed: health.failed } as const] : []),
    ...(health?.silentWebhooks ? [{ kind: "silentWebhooks", ...health.silentWebhooks } as const] : []),
  ];
}
