// Where an archive was made: the exporting installation's name and public key travel in the archive
// (never its private key), and an import records them with the export time for the console
// (server/domain/certification/installation.ts). It is what the archive claims, shown for information: whether
// its certificates verify depends on their signatures and the keys trusted here, not on this.
import { z } from 'zod';
import type { Tx } from '../../db/create-db.ts';
import { eventOrigins } from '../../db/schema/index.ts';
import { PUBLIC_KEY_RE } from '../../shared/installation-api.ts';
import type { InstallationIdentity } from '../domain/certification/signing.ts';

export const archiveOrigin = z.strictObject({
  installation: z.string().max(200),
  publicKey: z.string().regex(PUBLIC_KEY_RE, 'must be an Ed25519 public key (base64url)'),
});

export type ArchiveOrigin = z.infer<typeof archiveOrigin>;

export const originOf = (self: InstallationIdentity): ArchiveOrigin => ({
  installation: self.name,
  publicKey: self.publicKey,
});

/** Records where an imported event came from; archives made before origins were written name none. */
export async function recordOrigin(
  tx: Tx,
  archive: { event: string; exportedAt: string; origin?: ArchiveOrigin },
  importedBy: string,
): Promise<void> {
  const exported = new Date(archive.exportedAt);
  const year = exported.getUTCFullYear();
  await tx.insert(eventOrigins).values({
    eventId: archive.event,
    name: archive.origin?.installation ?? '',
    publicKey: archive.origin?.publicKey ?? null,
    exportedAt: year >= 2000 && year <= 9999 ? exported : null,
    importedBy,
  });
}
