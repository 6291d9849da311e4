import Link from "next/link";
import { When } from "@/app/_components/format";

/** For admins: how an external agent desk closes conversations here. The token is on the settings page. */
export function DeskWebhook({ url, setAt }: { url: string; setAt: Date | null }) {
  return (
    <details className="mt-8 rounded-lg border border-line bg-white p-5 text-sm">
      <summary className="cursor-pointer font-medium">External agent desk: close conversations by webhook</summary>
      <div className="mt-3 space-y-2 text-muted">
        <p>
          An agent desk outside this portal can close a conversation (and so open its Salesforce case) with{" "}
          <code className="font-mono text-ink">POST {url}</code>, the header{" "}
          <code className="font-mono text-ink">Authorization: Bearer &lt;token&gt;</code> and a JSON body{" "}
          <code className="font-mono text-ink">{`{"profile": "Resolved", "agentEmail": "agent@example.com"}`}</code>{" "}
          (both optional). Closing a closed conversation answers 200 and changes nothing.
        </p>
        <p>
          {setAt ? (
            <>
              This workspace&apos;s token was set <When value={setAt} />.{" "}
            </>
          ) : (
            <>This workspace still uses the token shown here before tokens could be rotated. </>
          )}
          The token is shown once, when an admin rotates it under{" "}
          <Link href="/settings#desk-token" className="font-medium text-brand-700 underline">
            Settings, External desk token
          </Link>
          .
        </p>
      </div>
    </details>
  );
}
