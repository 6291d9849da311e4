"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/app/_components/ui/alert-dialog";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { eraseConfirmationWord } from "@/server/domains/contact/schema";

/**
 * Erases a contact for good, for admins (the right to erasure): it says what goes and what is
 * kept, and acts only once the admin has typed the contact's number (or ERASE), so a slip of the
 * mouse on the wrong record erases nothing. The server checks the typed value again.
 */
export function EraseDialog({ contactId, mobileNumber }: { contactId: string; mobileNumber: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const erase = useMutation(
    trpc.contact.erase.mutationOptions({
      onSuccess: () => {
        toast.success("Contact erased");
        void queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() });
        router.push("/contacts");
      },
    }),
  );
  const value = typed.trim();
  const confirmed =
    value === eraseConfirmationWord || (!!mobileNumber && value.replace(/[\s().-]/g, "") === mobileNumber);

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setTyped("");
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="danger">
          <Trash2 aria-hidden className="size-4" /> Erase contact
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Erase this contact?</AlertDialogTitle>
        <AlertDialogDescription asChild>
          <div className="space-y-2">
            <p>
              This removes the person for good: name, number, email, address and attributes; the text of every message
              to and from them, their conversations and their Responsys activity; and the consent history of their
              number and email. It cannot be undone.
            </p>
            <p>
              Campaign counts keep their messages, without number or text. If the number or email opted out, that
              opt-out is kept as a keyed hash, so nothing is sent to it again until the customer opts back in.
            </p>
          </div>
        </AlertDialogDescription>
        <form
          className="mt-4 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (confirmed) erase.mutate({ id: contactId, confirmation: value });
          }}
        >
          <label htmlFor={inputId} className="block text-sm font-medium">
            Type{" "}
            {mobileNumber ? (
              <>
                <span className="font-mono">{mobileNumber}</span> or{" "}
              </>
            ) : null}
            <span className="font-mono">{eraseConfirmationWord}</span> to confirm
          </label>
          <Input
            id={inputId}
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={erase.isError || undefined}
          />
          {erase.isError ? (
            <p role="alert" className="text-sm text-danger">
              {erase.error.message}
            </p>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button type="submit" variant="danger" disabled={!confirmed || erase.isPending}>
              {erase.isPending ? "Erasing…" : "Erase contact"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
