import { expect, it } from 'vitest';
import { stemText } from '../../src/text/stem.ts';
it('sends inflected forms to one stem', () => {
  expect(stemText('Ташиеву')).toBe(stemText('Ташиев'));
  expect(stemText('депутатами')).toBe(stemText('депутатов'));
});
