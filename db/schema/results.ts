// Certified results: what was signed, by whom and when, and the award certificates issued from it.
// A certification is never changed; amending certified results and certifying again adds a new one.
import {
  pgTable,
  text,
  jsonb,
  timestamp,
  integer,
  doublePrecision,
  bigserial,
  bigint,
  unique,
  index,
} from 'drizzle-orm/pg-core';
import { contests } from './contests.ts';

export const certifications = pgTable(
  'certifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    // The contest seq the results were taken at.
    seq: integer('seq').notNull(),
    // SHA-256 of the canonical JSON of `results`.
    digest: text('digest').notNull(),
    // The board's rows as certified (shared/scoring ContestantScore[], ranked).
    results: jsonb('results').$type<unknown[]>().notNull(),
    certifiedBy: text('certified_by').notNull(),
    certifiedAt: timestamp('certified_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // Brought by an event archive: the id it had where it was made, which its audit entry names.
    originId: bigint('origin_id', { mode: 'number' }),
    // Ed25519 signature of the installation that certified (server/domain/certification/signing.ts),
    // and its public key.
    signingKey: text('signing_key'),
    signature: text('signature'),
  },
  (t) => [index('certifications_contest').on(t.contestId)],
);

export const certificates = pgTable(
  'certificates',
  {
    // The verification code printed on the certificate (and in its QR code): /verify/:code.
    code: text('code').primaryKey(),
    certificationId: bigint('certification_id', { mode: 'number' })
      .notNull()
      .references(() => certifications.id, { onDelete: 'cascade' }),
    contestId: text('contest_id')
      .notNull()
      .references(() => contests.id, { onDelete: 'cascade' }),
    bib: text('bib').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    award: text('award').notNull(),
    rank: integer('rank').notNull(),
    total: doublePrecision('total').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // Ed25519 signature of the issuing installation (server/domain/certification/signing.ts), and its public key.
    signingKey: text('signing_key'),
    signature: text('signature'),
  },
  (t) => [
    unique('certificates_certification_bib').on(t.certificationId, t.bib),
    index('certificates_contest').on(t.contestId),
  ],
);
