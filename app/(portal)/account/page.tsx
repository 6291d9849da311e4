import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { requirePageRole } from "@/server/auth/guard";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageRole();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email} (${user.role}).`} />
      <ChangePasswordForm />
    </>
  );
}
