"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { DataTable, loadError } from "@/app/_components/ui/table";
import { Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import type { listUsers } from "@/server/domains/user/list-users";
import { roles } from "@/server/domains/user/schema";
import { InviteUserForm, OneTimePasswordNotice, type IssuedPassword } from "./invite-user-form";
import { usersListInput, usersListPaging } from "./users-query";

type User = Awaited<ReturnType<typeof listUsers>>["items"][number];

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
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const reissue = useMutation(
    trpc.user.reissueInvite.mutationOptions({
      onSuccess: (result) => (setIssued({ email: result.user.email, password: result.temporaryPassword }), refresh()),
      onError: (e) => toast.error(e.message),
    }),
  );
  // Paged from the server: the columns do not sort. The cells act on the user, so they are made here.
  const columns: ColumnDef<User>[] = [
    {
      id: "name",
      header: "Name",
      meta: { className: "font-medium" },
      cell: ({ row: { original: u } }) => (
        <>
          {u.name}
          {u.id === currentUserId ? <span className="text-muted"> (you)</span> : null}
        </>
      ),
    },
    { id: "email", header: "Email", cell: ({ row }) => row.original.email },
    {
      id: "role",
      header: "Role",
      cell: ({ row: { original: u } }) => (
        <Select
          aria-label={`Role of ${u.name}`}
          value={u.role}
          disabled={u.id === currentUserId || changeRole.isPending}
          onChange={(e) => changeRole.mutate({ id: u.id, data: { role: e.target.value as (typeof roles)[number] } })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r === "admin" ? "Admin" : "Marketer"}
            </option>
          ))}
        </Select>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: u } }) => {
        if (u.disabledAt) return <Badge tone="danger">Disabled</Badge>;
        if (!u.oneTimePasswordExpiresAt) return <Badge tone="success">Active</Badge>;
        return u.oneTimePasswordExpiresAt.getTime() <= Date.now() ? (
          <Badge tone="danger">Invite expired</Badge>
        ) : (
          <Badge tone="brand">Invited</Badge>
        );
      },
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "text-right" },
      cell: ({ row: { original: u } }) =>
        u.id === currentUserId ? null : (
          <div className="flex justify-end gap-2">
            {u.oneTimePasswordExpiresAt ? (
              <Button variant="secondary" disabled={reissue.isPending} onClick={() => reissue.mutate({ id: u.id })}>
                Re-issue invite
              </Button>
            ) : null}
            <Button
              variant="secondary"
              disabled={setDisabled.isPending}
              onClick={() => setDisabled.mutate({ id: u.id, data: { disabled: !u.disabledAt } })}
            >
              {u.disabledAt ? "Enable" : "Disable"}
            </Button>
          </div>
        ),
    },
  ];

  return (
    <section aria-labelledby="users-heading" className="space-y-6">
      <div className="rounded-lg border border-line bg-white">
        <div className="flex items-center justify-between border-b border-line px-5 py-4">
          <h2 id="users-heading" className="text-lg font-semibold">
            Users
          </h2>
        </div>
        <DataTable
          columns={columns}
          data={users.data?.pages.flatMap((p) => p.items) ?? []}
          pages={users}
          state={{ loading: users.isPending && "Loading users…", error: loadError("The users", users) }}
        />
      </div>
      {issued ? <OneTimePasswordNotice issued={issued} /> : null}
      <InviteUserForm onInvited={refresh} />
    </section>
  );
}
