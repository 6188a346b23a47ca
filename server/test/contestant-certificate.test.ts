// A published contestant's page links to the contestant's award certificate (/verify/:code): the
// public learns one contestant's certificate code once the results are published, never before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificatesResponse, ContestantCertificateResponse } from '../../shared/certification-api.ts';
import { api, refusalOf, startTestServer, type TestServer } from './harness.ts';
import { contestDay } from './backup-fixture.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe("a contestant's certificate", () => {
  it('is public once published: the code of the latest certification, null for one without an award', async () => {
    const ev = await contestDay(s);
    const id = ev.contests[0]!.id;
    const pub = api(s.url);
    const all = (await ev.admin.get<CertificatesResponse>(`/contests/${id}/certificates`)).body.certificates;
    const winner = all[0]!;

    // Certified but not published: not yet public (the organiser may look).
    expect(refusalOf(await pub.get(`/contests/${id}/certificates/${winner.bib}`))).toMatchObject({
      code: 'forbidden',
      params: { reason: 'not_published' },
    });
    const early = await ev.admin.get<ContestantCertificateResponse>(`/contests/${id}/certificates/${winner.bib}`);
    expect(early.body.certificate?.code).toBe(winner.code);

    expect((await ev.admin.post(`/contests/${id}/state`, { to: 'published' })).status).toBe(200);
    const mine = await pub.get<ContestantCertificateResponse>(`/contests/${id}/certificates/${winner.bib}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ certificate: { code: winner.code, award: winner.award, rank: winner.rank } });

    const board = (await pub.get<{ rows: { bib: string; award: string | null }[] }>(`/contests/${id}/leaderboard`))
      .body;
    const without = board.rows.find((r) => r.award === null)!;
    const none = await pub.get<ContestantCertificateResponse>(`/contests/${id}/certificates/${without.bib}`);
    expect(none.body).toEqual({ certificate: null });
    const odd = await pub.get<ContestantCertificateResponse>(
      `/contests/${id}/certificates/${encodeURIComponent('../x')}`,
    );
    expect([200, 404]).toContain(odd.status);
    expect(refusalOf(await pub.get(`/contests/nope/certificates/${winner.bib}`)).code).toBe('not_found');
  }, 60_000);
});
