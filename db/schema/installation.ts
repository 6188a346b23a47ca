// What identifies this installation and whom it trusts (server/domain/certification/signing.ts). None of these
// tables travels in event archives (server/backup/archive-tables.ts NOT_ARCHIVED), and an archive
// import never writes the first two: the private key never leaves this database.
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { events } from './events.ts';

/** The installation's Ed25519 key, one row (id "self"), made on first start; shared by every process. */
export const installationKey = pgTable('installation_key', {
  id: text('id').primaryKey(),
  // The installation's name as other installations see it (the machine's host name at first start).
  name: text('name').notNull(),
  // Raw 32-byte public key, base64url (as a JWK's "x").
  publicKey: text('public_key').notNull(),
  // PKCS#8 DER, base64: never read by anything but the signer.
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Other installations' public keys whose certificates verify as valid here. */
export const trustedKeys = pgTable('trusted_keys', {
  publicKey: text('public_key').primaryKey(),
  name: text('name').notNull(),
  trustedBy: text('trusted_by').notNull(),
  trustedAt: timestamp('trusted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Where an imported event came from, as its archive says (informational: signatures decide trust). */
export const eventOrigins = pgTable('event_origins', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  // The exporting installation's name and public key; '' and null for archives made before they were recorded.
  name: text('name').notNull(),
  publicKey: text('public_key'),
  exportedAt: timestamp('exported_at', { withTimezone: true, mode: 'date' }),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  importedBy: text('imported_by').notNull(),
});
