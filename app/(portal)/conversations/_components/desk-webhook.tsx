/** For admins: how an external agent desk closes conversations here. */
export function DeskWebhook({ url, token }: { url: string; token: string }) {
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
          Token for this workspace: <code className="font-mono break-all text-ink">{token}</code>
        </p>
      </div>
    </details>
  );
}
