// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A server error code (CONTRACT §2) or a client one (network_error), worded by errorMessage. */
      code?: string;
      params?: Record<string, unknown>;
      issues?: import('$shared/errors/index.ts').WireIssue[];
    }
  }
}

export {};
