// zod schemas of realtime payloads, apart from shared/realtime.ts so that browsers need not load zod.
import { z } from 'zod';

export const watchPayload = z.strictObject({ contest: z.string().min(1).max(64) });
