"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { DataTable } from "@/app/_components/ui/table";
import { Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { roles } from "@/server/domains/user/schema";
import { InviteUserForm } from "./invite-user-form";
import { usersListInput, usersListPaging } from "./users-query";
import { LoadMore } from "@/app/_components/load-more";

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useInfiniteQuery(trpc.user.list.infiniteQueryOptions(usersListInput, usersListPaging));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.user.list.pathKey() });
  const changeRole = useMutation(
    trpc.user.changeRole.mutationOptions({
      onSuccess: () => (toast.success("Role changed"), refresh()),
      onError: (e) => toast.error(e.message),
    }),
  );
  const setDisabled = useMutation(
    trpc.user.setDisabled.mutationOptions({
      onSuccess: () => (toast.success("User updated"), refresh()),
      onError: (e) => toast.error(e.message),
    }),
  );
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="users-heading" className="space-y-6">
      <div className="rounded-lg border border-line bg-white">
        <div className="flex items-center justify-between border-b border-line px-5 py-4">
          <h2 id="users-heading" className="text-lg font-semibold">
            Users
          </h2>
        </div>
        <DataTable
          columns={[
            "Name",
            "Email",
            "Role",
            "Status",
            <th key="actions" scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>,
          ]}
        >
          {rows.map((u) => {
            const self = u.id === currentUserId;
            return (
              <tr key={u.id}>
                <td className="px-4 py-3 font-medium">
                  {u.name}
                  {self ? <span className="text-muted"> (you)</span> : null}
                </td>
                <td className="px-4 py-3">{u.email}</td>
                <td className="px-4 py-3">
                  <Select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={self || changeRole.isPending}
                    onChange={(e) =>
                      changeRole.mutate({ id: u.id, data: { role: e.target.value as (typeof roles)[number] } })
                    }
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r === "admin" ? "Admin" : "Marketer"}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="px-4 py-3">
                  {u.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
                </td>
                <td className="px-4 py-3 text-right">
                  {self ? null : (
                    <Button
                      variant="secondary"
                      disabled={setDisabled.isPending}
                      onClick={() => setDisabled.mutate({ id: u.id, data: { disabled: !u.disabledAt } })}
                    >
                      {u.disabledAt ? "Enable" : "Disable"}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
        <LoadMore pages={users} />
      </div>
      <InviteUserForm onInvited={refresh} />
    </section>
  );
}
