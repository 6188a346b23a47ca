import type { Actor } from '../domain/auth/auth.ts';
import type { AppServices } from '../services.ts';
import type { ProxyTrust } from './proxy-trust.ts';

export interface AppEnv {
  Variables: {
    actor: Actor;
    services: AppServices;
    /** TRUST_PROXY: whose X-Forwarded-For and X-Forwarded-Proto count (proxy-trust.ts). */
    proxyTrust: ProxyTrust | undefined;
  };
}
