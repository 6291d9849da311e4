// Scheduled sends in each recipient's time zone (run-scheduled-campaigns).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { rowsOf } from "../../lib/raw-rows";

const c = schema.campaigns;
const contactsT = schema.contacts;

/** Scheduled campaigns waiting for their time or in the middle of a send, with their workspace's time zone. */
export function findScheduledCampaigns(db: Db) {
  const w = schema.workspaces;
  return db
    .select({
      id: c.id,
      workspaceId: c.workspaceId,
      schedule: c.schedule,
      launchedAt: c.launchedAt,
      scheduledThrough: c.scheduledThrough,
      workspaceTimeZone: w.defaultTimeZone,
    })
    .from(c)
    .innerJoin(w, eq(w.id, c.workspaceId))
    .where(and(eq(c.trigger, "scheduled"), inArray(c.status, ["scheduled", "sending"])));
}

/** The time zone names PostgreSQL knows; AT TIME ZONE raises an error on any other. */
export async function findKnownTimeZones(db: Db) {
  const rows = await rowsOf<{ name: string }>(db, sql`select name from pg_timezone_names`);
  return new Set(rows.map((r) => r.name));
}

/** The distinct time zones stored on a workspace's contacts, null among them when some have none. */
export async function findContactTimeZones(db: Db, workspaceId: string) {
  const rows = await db
    .selectDistinct({ timeZone: contactsT.timeZone })
    .from(contactsT)
    .where(eq(contactsT.workspaceId, workspaceId));
  return rows.map((r) => r.timeZone);
}

/** A workspace's default time zone, as stored. */
export async function findWorkspaceTimeZone(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ timeZone: schema.workspaces.defaultTimeZone })
    .from(schema.workspaces)
    .where(eq(schema.workspaces.id, workspaceId));
  return row?.timeZone ?? "UTC";
}

/** When the local date and time `local` (2026-03-10T09:00) comes in each zone, by AT TIME ZONE as the scheduler reckons it. */
export async function findLocalTimeInZones(db: Db, zones: string[], local: string) {
  if (zones.length === 0) return [];
  const list = sql`array[${sql.join(
    zones.map((z) => sql`${z}`),
    sql`, `,
  )}]::text[]`;
  const rows = await rowsOf<{ zone: string; at: string }>(
    db,
    sql`select zone, to_char((${local}::timestamp at time zone zone) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
      from unnest(${list}) as zone`,
  );
  return rows;
}

/**
 * The zones (known names only) whose clocks reached a local date and time after `after` and by
 * `now`: for each zone its latest occurrence of `first` repeated every `everyDays` days (0:
 * once), as the occurrence key 2026-03-10T09:00. `last` is true when every zone given has
 * reached that occurrence. AT TIME ZONE does the arithmetic, daylight saving included.
 */
export function findZonesReachingLocalTime(
  db: Db,
  input: { zones: string[]; first: string; everyDays: number; after: Date | null; now: Date },
) {
  const zones = sql`array[${sql.join(
    input.zones.map((z) => sql`${z}`),
    sql`, `,
  )}]::text[]`;
  const first = sql`${input.first}::timestamp`;
  const every = sql`${input.everyDays}::int`;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const after = input.after ? sql`${input.after.toISOString()}::timestamptz` : sql`'-infinity'::timestamptz`;
  return rowsOf<{ zone: string; occurrence: string; last: boolean }>(
    db,
    sql`with z(zone) as (select unnest(${zones})),
      o as (
        select z.zone, ${first} + make_interval(days => ${every} * floor(extract(epoch from ((${now} at time zone z.zone) - ${first})) / 86400 / greatest(${every}, 1))::int) as local
        from z
        where (${now} at time zone z.zone) >= ${first}
      )
      select o.zone, to_char(o.local, 'YYYY-MM-DD"T"HH24:MI') as occurrence, (select max(o.local at time zone z.zone) from z) <= ${now} as last
      from o
      where (o.local at time zone o.zone) <= ${now} and (o.local at time zone o.zone) > ${after}`,
  );
}

/**
 * Marks the campaign sending, its waves started up to `now`; false when it was paused or
 * cancelled meanwhile, or an overlapping run already moved its mark on from `previous`.
 */
export async function startScheduledWaves(db: Db, id: string, previous: Date | null, now: Date) {
  const rows = await db
    .update(c)
    .set({ status: "sending", queuedAt: null, scheduledThrough: now, updatedAt: now })
    .where(
      and(
        eq(c.id, id),
        inArray(c.status, ["scheduled", "sending"]),
        previous ? eq(c.scheduledThrough, previous) : isNull(c.scheduledThrough),
      ),
    )
    .returning({ id: c.id });
  return rows.length > 0;
}
