// Certified results, award certificates and the public verification of a certificate's code.
import { Hono } from 'hono';
import { getCertification, listCertificates } from '../domain/certification/certification.ts';
import { contestantCertificate } from '../domain/certification/contestant-certificate.ts';
import { verifyCertificate } from '../domain/certification/verify-certificate.ts';
import type { AppEnv } from '../http/types.ts';

export const resultRoutes = new Hono<AppEnv>()
  .get('/contests/:id/certification', async (c) =>
    c.json(await getCertification(c.get('services'), c.get('actor'), c.req.param('id'))),
  )
  .get('/contests/:id/certificates', async (c) => {
    const s = c.get('services');
    const { publicUrl } = await s.site.resolve(new URL(c.req.url).origin);
    return c.json(await listCertificates(s, c.get('actor'), c.req.param('id'), publicUrl));
  })
  .get('/contests/:id/certificates/:bib', async (c) =>
    c.json(await contestantCertificate(c.get('services'), c.get('actor'), c.req.param('id'), c.req.param('bib'))),
  )
  .get('/verify/:code', async (c) => c.json(await verifyCertificate(c.get('services'), c.req.param('code'))));
