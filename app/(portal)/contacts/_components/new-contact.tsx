"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useTRPC } from "@/app/_trpc/provider";
import { ContactForm } from "./contact-form";

/** `timeZones` is the server's list (the page passes it), which the server validates against. */
export function NewContact({ timeZones }: { timeZones: string[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <ContactForm
      timeZones={timeZones}
      onSaved={(id) => {
        toast.success("Contact created");
        void queryClient.invalidateQueries({ queryKey: trpc.contact.list.pathKey() });
        router.push(`/contacts/${id}`);
      }}
      onCancel={() => router.push("/contacts")}
    />
  );
}
