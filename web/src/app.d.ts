// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A server error code (CONTRACT §2) or a client one (network_error), translated by errorMessage. */
      code?: string;
    }
  }
}

export {};
