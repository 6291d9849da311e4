"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormat } from "@/app/_components/format";
import { useTRPC } from "@/app/_trpc/provider";

/** For admins: how fast the campaign's replies got a first response, against its service level. */
export function ResponseTimes({ id }: { id: string }) {
  const trpc = useTRPC();
  const format = useFormat();
  const query = useQuery(trpc.campaign.responseTimes.queryOptions({ id }));
  const t = query.data;
  return (
    <section aria-labelledby="response-times-heading" className="space-y-3 rounded-lg border border-line bg-white p-5">
      <h2 id="response-times-heading" className="text-base font-semibold">
        Response times
      </h2>
      {query.isError ? (
        <p role="alert" className="text-sm text-danger">
          The response times could not be loaded: {query.error.message}
        </p>
      ) : !t ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : t.conversations === 0 ? (
        <p className="text-sm text-muted">No replies to this campaign yet.</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-muted">Conversations</dt>
          <dd>
            {format.count(t.conversations)}, {format.count(t.answered)} answered
          </dd>
          <dt className="text-muted">Median time to first response</dt>
          <dd>{t.medianSeconds === null ? "—" : format.wait(t.medianSeconds)}</dd>
          <dt className="text-muted">Within the service level</dt>
          <dd>
            {t.serviceLevelMinutes === null
              ? "No service level set"
              : t.withinServiceLevel === null
                ? "None due yet"
                : `${format.percent(t.withinServiceLevel)} within ${format.duration(t.serviceLevelMinutes)}`}
          </dd>
        </dl>
      )}
    </section>
  );
}
