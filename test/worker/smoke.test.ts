import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { stemText } from '../../src/text/stem.ts';
it('answers', async () => {
  const r = await SELF.fetch('http://x/api/health');
  expect(r.status).toBe(200);
  expect(stemText('Ташиеву')).toBe('таш');
});
