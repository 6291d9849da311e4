"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/provider";

/** For marketers: jobs and Responsys authorizations are admin changes, and these are the admins to ask. */
export function AskAnAdmin() {
  const trpc = useTRPC();
  const admins = useQuery(trpc.user.admins.queryOptions());
  if (!admins.data?.length) return null;
  return (
    <p className="rounded-lg border border-line bg-white p-4 text-sm">
      Admins create Responsys jobs and authorizations. Ask{" "}
      {admins.data.map((a, i) => (
        <span key={a.email}>
          {i > 0 ? (i === admins.data.length - 1 ? " or " : ", ") : null}
          {a.name} (
          <a className="underline" href={`mailto:${a.email}`}>
            {a.email}
          </a>
          )
        </span>
      ))}
      .
    </p>
  );
}
