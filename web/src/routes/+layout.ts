// A single-page app: the server serves build/index.html for every page address.
export const ssr = false;
export const prerender = false;
