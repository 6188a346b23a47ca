import type { Actor } from '../domain/auth.ts';
import type { AppServices } from '../services.ts';

export interface AppEnv {
  Variables: { actor: Actor; services: AppServices };
}
