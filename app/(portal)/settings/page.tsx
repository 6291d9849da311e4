import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { SessionsPanel } from "./_components/sessions-panel";
import { UsersPanel } from "./_components/users-panel";
import { usersListInput, usersListPaging } from "./_components/users-query";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageRole("admin");
  void getQueryClient().prefetchInfiniteQuery(trpc.user.list.infiniteQueryOptions(usersListInput, usersListPaging));
  void getQueryClient().prefetchQuery(trpc.session.overview.queryOptions());
  return (
    <>
      <PageHeader
        title="Settings"
        description="People who can use this workspace and what they may do. Admins manage integrations and users; marketers work with audiences and campaigns."
      />
      <HydrateClient>
        <div className="space-y-6">
          <UsersPanel currentUserId={user.userId} />
          <SessionsPanel />
        </div>
      </HydrateClient>
    </>
  );
}
