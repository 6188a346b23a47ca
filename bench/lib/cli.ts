// What every benchmark's command line shares: `--name=value` options, and running when its file is
// the one started (run-all.ts imports some of them).
import { pathToFileURL } from 'node:url';

export function cliOptions(argv: string[]) {
  const arg = (name: string, dflt: string) =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
  /** A positive number. */
  const num = (name: string, dflt: number) => {
    const v = Number(arg(name, String(dflt)));
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  return { arg, num };
}

/** When `metaUrl` is the file node started: runs, prints the markdown and exits 0, or prints the error and exits 1. */
export function runIfMain<R>(metaUrl: string, run: () => Promise<R>, markdown: (r: R) => string): void {
  if (!process.argv[1] || metaUrl !== pathToFileURL(process.argv[1]).href) return;
  run()
    .then((r) => {
      console.log(markdown(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
