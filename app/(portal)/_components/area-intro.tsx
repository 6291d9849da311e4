import { PageHeader } from "@/app/_components/page-header";
import { EmptyState } from "@/app/_components/empty-state";
import { navItems } from "./nav";

// What each area will hold, said plainly until it is built: no fake data.
const areas = {
  segments: {
    description: "Groups of contacts built from fields, custom attributes, consent and message history.",
    empty: "The segment builder is on its way",
    paragraphs: [
      "Build nested AND/OR conditions and watch the count update as you edit, preview members, or upload a static list.",
      "Segments will also be pushable to Annex Cloud and exportable as a CSV for Attentive list upload.",
    ],
  },
  campaigns: {
    description: "WhatsApp and SMS sends: triggered when a contact is activated, scheduled to a segment, or fed by a dialer CSV.",
    empty: "Campaigns are on their way",
    paragraphs: [
      "Pick a channel, sender, opt-in field and template, map each placeholder to a contact field, dry-run to see who would be excluded and why, then launch and watch delivery statuses arrive.",
      "The demo workspace has one draft campaign waiting for the builder.",
    ],
  },
  conversations: {
    description: "Replies from customers, grouped per customer and channel, with the 24-hour reply window and the handling agent.",
    empty: "The conversation inbox is on its way",
    paragraphs: ["Agents will reply inside the 24-hour window and close conversations with an outcome; each closed conversation becomes a Salesforce case when case sync is on."],
  },
  activity: {
    description: "What happened in this workspace: deliveries, imports, vendor errors and admin changes.",
    empty: "The activity feed is on its way",
    paragraphs: ["Every admin change is already written to the audit log as it happens; this page will list it with background job progress and vendor errors."],
  },
} as const;

export function AreaIntro({ area }: { area: keyof typeof areas }) {
  const copy = areas[area];
  const nav = navItems.find((item) => item.href === `/${area}`);
  if (!nav) throw new Error(`no nav item for ${area}`);
  return (
    <>
      <PageHeader title={nav.label} description={copy.description} />
      <EmptyState icon={nav.icon} title={copy.empty}>
        {copy.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </EmptyState>
    </>
  );
}
