"use client";

import { When } from "@/app/_components/format";
import { useFormat } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import type { IntegrationHealth } from "@/server/domains/integration/health";

type WithHealth = { lastError: string | null; lastErrorAt: Date | null; health: IntegrationHealth | null };

/** The newer of the integration's own last error (a test, a push) and its calls' last failure. */
export function lastErrorOf({ lastError, lastErrorAt, health }: WithHealth) {
  const failure = health?.lastFailureAt ? { message: health.lastFailure ?? "", at: health.lastFailureAt } : null;
  const own = lastError ? { message: lastError, at: lastErrorAt } : null;
  if (!failure) return own;
  if (!own?.at) return failure;
  return own.at > failure.at ? own : failure;
}

export const successPercent = (h: IntegrationHealth | null) =>
  h?.successRate == null ? undefined : Math.floor(h.successRate * 1000) / 10;

/** "97.5% ok of 1,234 calls", in red below 95%, and a Silent webhooks badge when callbacks stopped. */
export function HealthFigure({ health }: { health: IntegrationHealth | null }) {
  const format = useFormat();
  const percent = successPercent(health);
  return (
    <span className="space-x-2">
      {health && percent !== undefined ? (
        <span className={percent < 95 ? "text-danger" : undefined}>
          {format.percent(percent / 100)} ok of {format.count(health.calls)} {health.calls === 1 ? "call" : "calls"}
        </span>
      ) : (
        <span className="text-muted">No calls in 24 h</span>
      )}
      {health?.silentWebhooks ? <Badge tone="danger">Silent webhooks</Badge> : null}
    </span>
  );
}

/** The health lines of the integration page's facts. */
export function HealthFacts({ integration }: { integration: WithHealth }) {
  const { health } = integration;
  const lastError = lastErrorOf(integration);
  return (
    <>
      <dt className="text-muted">Health (24 h)</dt>
      <dd>
        <HealthFigure health={health} />
        {health && health.failed > 0 ? <span className="text-muted"> · {health.failed} failed</span> : null}
      </dd>
      <dt className="text-muted">Last success</dt>
      <dd>{health?.lastSuccessAt ? <When value={health.lastSuccessAt} /> : "None recorded"}</dd>
      <dt className="text-muted">Last callback</dt>
      <dd>{health?.lastCallbackAt ? <When value={health.lastCallbackAt} /> : "None received"}</dd>
      {health?.silentWebhooks ? (
        <>
          <dt className="text-muted">Silent webhooks</dt>
          <dd className="text-danger">
            {health.silentWebhooks.awaitingReports} sent{" "}
            {health.silentWebhooks.awaitingReports === 1 ? "message has" : "messages have"} waited over{" "}
            {health.silentWebhooks.hours} hours for a delivery report, and no callback arrived meanwhile: check the
            webhook URLs registered at the vendor.
          </dd>
        </>
      ) : null}
      <dt className="text-muted">Last error</dt>
      <dd>
        {lastError ? (
          <>
            {lastError.message}
            {lastError.at ? (
              <span className="text-muted">
                {" "}
                (<When value={lastError.at} />)
              </span>
            ) : null}
          </>
        ) : (
          "—"
        )}
      </dd>
    </>
  );
}
