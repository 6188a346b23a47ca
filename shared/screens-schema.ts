// zod schemas of the screens API and handshake (shared/screens.ts), apart so that browsers need not load zod.
import { z } from 'zod';
import {
  MAX_ANNOUNCEMENT,
  MAX_MESSAGE,
  MAX_ROTATE_SECONDS,
  MAX_SCREEN_NAME,
  MIN_ROTATE_SECONDS,
  type ScreenMode,
} from './screens.ts';

/** A screen's own id, made by its browser. */
export const screenId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be a screen id');
const eventId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an event id');
const contestCode = z.string().trim().min(1).max(64);
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'must not contain control characters');

export const screenModeBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contest'), contest: contestCode }),
  z.strictObject({
    kind: z.literal('rotate'),
    seconds: z.number().int().min(MIN_ROTATE_SECONDS).max(MAX_ROTATE_SECONDS),
  }),
  z.strictObject({ kind: z.literal('teams') }),
  // A reveal always starts from the bottom; the console steps it (revealActionBody).
  z.strictObject({ kind: z.literal('reveal'), contest: contestCode }),
  z.strictObject({ kind: z.literal('message'), text: text(MAX_MESSAGE) }),
  z.strictObject({ kind: z.literal('blank') }),
]);
export type ScreenModeBody = z.output<typeof screenModeBody>;

/** PUT …/screens/:screen: the mode (null: back to what the screen's address asks for). */
export const screenModeChange = z.strictObject({ mode: screenModeBody.nullable() });
export const screenRename = z.strictObject({ name: text(MAX_SCREEN_NAME).nullable() });
export const revealActionBody = z.strictObject({ action: z.enum(['next', 'back', 'reset', 'end']) });
export const announcementBody = z.strictObject({ text: text(MAX_ANNOUNCEMENT) });

export const screensHandshake = z.object({ event: eventId, screen: screenId.optional() });

/** The stored mode of a body (a reveal at its first step). */
export const modeOf = (body: ScreenModeBody): ScreenMode => (body.kind === 'reveal' ? { ...body, step: 0 } : body);
