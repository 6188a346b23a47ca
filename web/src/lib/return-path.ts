// Where a sign-in page sends the visitor afterwards (?next=…): only a path of this site, so that a
// crafted link cannot take a judge who has just signed in to another site (an open redirect).

/** The path, query and fragment of `raw` if it is a path of this site (`origin`); null otherwise. */
export function returnPath(raw: string | null, origin: string): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  return url.origin === origin ? url.pathname + url.search + url.hash : null;
}

/** The judge sign-in at /judge that comes back to `here` afterwards, in the language of its address. */
export function judgeSignInPath(here: URL): string {
  const query = new URLSearchParams();
  const lang = here.searchParams.get('lang');
  if (lang) query.set('lang', lang);
  query.set('next', here.pathname + here.search);
  return `/judge?${query}`;
}
