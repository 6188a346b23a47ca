// Runs before any page module, so before any Zod schema is built.
import { config } from 'zod/v4/core';

// Zod builds a fast object parser with new Function, after probing whether it may. The CSP allows no
// eval (server/http/security-headers.ts), so the probe was reported as a violation on every page.
// The plain parser gives the same answers.
config({ jitless: true });
