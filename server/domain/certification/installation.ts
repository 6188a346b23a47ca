// The organiser's view of installations (shared/installation-api.ts): this installation's public
// key, the other installations' keys it trusts (whose certificates then verify as valid here), the
// keys imported events came with, and where an imported event came from.
import { asc, eq } from 'drizzle-orm';
import { eventOrigins, events, trustedKeys } from '../../../db/schema/index.ts';
import {
  trustKeyBody,
  type EventOriginInfo,
  type InstallationInfo,
  type SeenKeyInfo,
} from '../../../shared/installation-api.ts';
import { parseInput, refuse, unknownEvent } from '../../errors.ts';
import { actorName, requireOrganiser, type Actor } from '../auth/auth.ts';
import type { DomainCtx } from '../context.ts';
import { fingerprintOf, installationIdentity } from './signing.ts';

export async function installationInfo(ctx: DomainCtx, actor: Actor): Promise<InstallationInfo> {
  requireOrganiser(actor);
  const self = await installationIdentity(ctx.db);
  const trusted = await ctx.db.select().from(trustedKeys).orderBy(asc(trustedKeys.trustedAt));
  const origins = await ctx.db
    .select({ key: eventOrigins.publicKey, installation: eventOrigins.name, id: events.id, name: events.name })
    .from(eventOrigins)
    .innerJoin(events, eq(events.id, eventOrigins.eventId))
    .orderBy(asc(eventOrigins.importedAt));
  const seen = new Map<string, SeenKeyInfo>();
  for (const o of origins) {
    if (!o.key || o.key === self.publicKey || trusted.some((t) => t.publicKey === o.key)) continue;
    const entry = seen.get(o.key) ?? {
      name: o.installation,
      publicKey: o.key,
      fingerprint: fingerprintOf(o.key),
      events: [],
    };
    entry.events.push({ id: o.id, name: o.name });
    seen.set(o.key, entry);
  }
  return {
    self: { ...self, createdAt: self.createdAt.toISOString() },
    trusted: trusted.map((t) => ({
      name: t.name,
      publicKey: t.publicKey,
      fingerprint: fingerprintOf(t.publicKey),
      trustedBy: t.trustedBy,
      trustedAt: t.trustedAt.toISOString(),
    })),
    seen: [...seen.values()],
  };
}

/** Trusts another installation's key; trusting it again, or this installation's own key, changes nothing. */
export async function trustKey(ctx: DomainCtx, actor: Actor, input: unknown): Promise<InstallationInfo> {
  requireOrganiser(actor);
  const { publicKey, name } = parseInput(trustKeyBody, input);
  const self = await installationIdentity(ctx.db);
  if (publicKey !== self.publicKey) {
    const [origin] = await ctx.db
      .select({ name: eventOrigins.name })
      .from(eventOrigins)
      .where(eq(eventOrigins.publicKey, publicKey))
      .limit(1);
    await ctx.db
      .insert(trustedKeys)
      .values({ publicKey, name: name || origin?.name || '', trustedBy: actorName(actor) })
      .onConflictDoNothing();
  }
  return installationInfo(ctx, actor);
}

export async function untrustKey(ctx: DomainCtx, actor: Actor, publicKey: string): Promise<InstallationInfo> {
  requireOrganiser(actor);
  const gone = await ctx.db.delete(trustedKeys).where(eq(trustedKeys.publicKey, publicKey)).returning();
  if (gone.length === 0) throw refuse('not_found:trusted_key', 'this installation key is not trusted here');
  return installationInfo(ctx, actor);
}

export async function eventOrigin(ctx: DomainCtx, actor: Actor, eventId: string): Promise<EventOriginInfo> {
  requireOrganiser(actor);
  const [event] = await ctx.db.select({ id: events.id }).from(events).where(eq(events.id, eventId));
  if (!event) throw unknownEvent();
  const [o] = await ctx.db.select().from(eventOrigins).where(eq(eventOrigins.eventId, eventId));
  if (!o) return { origin: null };
  const self = await installationIdentity(ctx.db);
  const [trusted] = o.publicKey
    ? await ctx.db.select().from(trustedKeys).where(eq(trustedKeys.publicKey, o.publicKey))
    : [];
  return {
    origin: {
      installation: o.name,
      publicKey: o.publicKey,
      fingerprint: o.publicKey ? fingerprintOf(o.publicKey) : null,
      exportedAt: o.exportedAt?.toISOString() ?? null,
      importedAt: o.importedAt.toISOString(),
      importedBy: o.importedBy,
      trust: o.publicKey === self.publicKey ? 'here' : trusted ? 'trusted' : 'untrusted',
    },
  };
}
