"use client";

import { useId, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { matchKeyword, type ConsentKeyword, type KeywordMatch } from "@/server/domains/contact/keywords";
import { canonicalLanguage } from "@/server/domains/workspace/schema";

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

function source(match: KeywordMatch) {
  if (!match.language) return "a standard keyword";
  // A row being typed may not hold a valid code yet; DisplayNames would throw on it.
  const code = canonicalLanguage(match.language);
  const name = !code ? match.language : code === "und" ? "language not set" : languageNames.of(code);
  return `this workspace's keyword (${name})`;
}

/**
 * "Would this reply opt out?": the same matching inbound messages go through
 * (server/domains/contact/keywords.ts), run here on the list as edited, saved or not.
 */
export function KeywordTester({ keywords, saved }: { keywords: ConsentKeyword[]; saved: boolean }) {
  const id = useId();
  const [reply, setReply] = useState("");
  // Only React answers it: typed into before hydration, the reply would be lost unseen.
  const hydrated = useHydrated();
  const match = reply.trim() ? matchKeyword(reply, keywords) : null;

  return (
    <div className="mt-6 rounded-md border border-line bg-surface p-4">
      <label htmlFor={id} className="block text-sm font-medium">
        Would this reply opt out?
      </label>
      <p className="text-xs text-muted">
        Type a reply as a customer would send it. Uses the list above{saved ? "" : ", including changes not saved yet"}.
      </p>
      <Input
        id={id}
        className="mt-2 max-w-md"
        value={reply}
        onChange={(e) => setReply(e.target.value)}
        disabled={!hydrated}
        placeholder="e.g. Baja."
        autoComplete="off"
      />
      <p role="status" aria-live="polite" className="mt-3 text-sm leading-6">
        {!reply.trim() ? (
          <span className="text-muted">Type a reply to see what it would do.</span>
        ) : match?.kind === "opt_out" ? (
          <>
            <Badge tone="danger">Opts out</Badge>{" "}
            <span>
              It matches <span className="font-mono font-semibold">{match.keyword}</span>, {source(match)}.
            </span>
          </>
        ) : match ? (
          <>
            <Badge tone="success">Opts in</Badge>{" "}
            <span>
              It matches <span className="font-mono font-semibold">{match.keyword}</span>, {source(match)}: a contact
              who had opted out is opted back in; for anyone else it is an ordinary message.
            </span>
          </>
        ) : (
          <>
            <Badge>Neither</Badge> <span>An ordinary message: only a reply that is exactly a keyword counts.</span>
          </>
        )}
      </p>
    </div>
  );
}
