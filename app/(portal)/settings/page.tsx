import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { timeZones } from "@/server/lib/time-zones";
import { DeskTokenPanel } from "./_components/desk-token-panel";
import { KeywordsPanel } from "./_components/keywords-panel";
import { SessionsPanel } from "./_components/sessions-panel";
import { UsersPanel } from "./_components/users-panel";
import { usersListInput, usersListPaging } from "./_components/users-query";
import { WorkspacePanel } from "./_components/workspace-panel";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageRole("admin");
  void getQueryClient().prefetchInfiniteQuery(trpc.user.list.infiniteQueryOptions(usersListInput, usersListPaging));
  void getQueryClient().prefetchQuery(trpc.session.overview.queryOptions());
  // Awaited: the workspace forms start from these values.
  await getQueryClient().prefetchQuery(trpc.workspace.settings.queryOptions());
  return (
    <>
      <PageHeader
        title="Settings"
        description="This workspace's time zone, consent keywords and desk token, and the people who can use it. Admins manage integrations and users; marketers work with audiences and campaigns."
      />
      <HydrateClient>
        <div className="space-y-6">
          <WorkspacePanel timeZones={timeZones()} />
          <KeywordsPanel />
          <DeskTokenPanel />
          <UsersPanel currentUserId={user.userId} />
          <SessionsPanel />
        </div>
      </HydrateClient>
    </>
  );
}
