// The board a certificate's verification recomputes from the stored marks (verify-certificate.ts,
// check "marks"), built once per version of what it is built from instead of on every request: at
// 400 contestants a build reads 14,000 marks and takes 150 to 300 ms, and /verify is public.
//
// A build is reused only while its inputs are provably the same, asked of the database on each
// request, so a change made anywhere (another server process, or an edit behind the API's back,
// which is what the check exists to catch) is seen on the next request, with nothing to invalidate:
// - the contest's definition and contestants, as loaded for the request (hashed here);
// - the marks and flag resolutions it counts: their number, and a digest of the xmin of each (the
//   id of the transaction that wrote that row version). A write stamps the rows it inserts or
//   updates with its own new id, which no row read before carries, so any write changes the
//   digest or the number; the digest is a sum of 64-bit hashes under a seed of this process's own,
//   so no writer can choose rows to make it come out equal. One indexed aggregate (about 4 ms at
//   14,000 marks) stands in for reading and scoring every mark.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/create-db.ts';
import { hotQuery } from '../../../db/hot-sql.ts';
import type { BoardRow } from '../../../shared/scoring/types.ts';
import type { ContestMeta } from './contest-meta.ts';
import { canonicalJson, sha256 } from '../ids.ts';

/** Contests whose certified boards are kept (a few are verified at a time; each holds its rows). */
const KEPT = 32;

type Build = (db: Db, meta: ContestMeta, seq: number) => Promise<BoardRow[]>;

const XMIN_DIGEST = `count(*) || '/' || coalesce(sum(hashint8extended(xmin::text::bigint, $3)), 0)`;
const VERSION_OF_MARKS = `
  SELECT
    (SELECT ${XMIN_DIGEST} FROM marks WHERE contest_id = $1 AND seq <= $2 AND NOT shadow) AS marks,
    (SELECT ${XMIN_DIGEST} FROM flag_resolutions WHERE contest_id = $1 AND seq <= $2) AS resolutions`;

export class CertifiedBoards {
  /** By contest and seq, in order of last use; `version` names the inputs the rows were built from. */
  private readonly held = new Map<string, { version: string; rows: Promise<BoardRow[]> }>();
  /** Boards built so far (what a test counts to see the cache used). */
  builds = 0;
  private readonly seed = randomBytes(8).readBigInt64BE().toString();

  constructor(private readonly db: Db) {}

  /** The contest's board as of `seq`, built by `build` unless a build from the same inputs is held. */
  async at(meta: ContestMeta, seq: number, build: Build): Promise<BoardRow[]> {
    const version = await this.versionOf(meta, seq);
    const slot = `${meta.id}/${seq}`;
    const found = this.held.get(slot);
    this.held.delete(slot);
    if (found?.version === version) {
      this.held.set(slot, found);
      return found.rows;
    }
    // Requests that arrive while it is built share the build. A build that reads rows newer than
    // `version` is only ever reused under `version`, which the next request no longer finds.
    const rows = build(this.db, meta, seq);
    this.builds++;
    this.held.set(slot, { version, rows });
    rows.catch(() => {
      if (this.held.get(slot)?.rows === rows) this.held.delete(slot);
    });
    for (const old of this.held.keys()) {
      if (this.held.size <= KEPT) break;
      this.held.delete(old);
    }
    return rows;
  }

  private async versionOf(meta: ContestMeta, seq: number): Promise<string> {
    const params = [meta.id, seq, this.seed];
    const [row] = await hotQuery<{ marks: string; resolutions: string }>(this.db, VERSION_OF_MARKS, params);
    const people = sha256(canonicalJson([meta.def, meta.contestants]));
    return `${row!.marks}:${row!.resolutions}:${people}`;
  }
}
