import { isKnownTimeZone } from '../../workflows/common/time-zones';

describe('isKnownTimeZone', () => {
  it('knows IANA zones, the same answer every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
      expect(isKnownTimeZone('Asia/Kathmandu')).toBe(true);
      expect(isKnownTimeZone('UTC')).toBe(true);
    }
  });

  it('refuses names that are not zones, however often asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isKnownTimeZone('')).toBe(false);
      expect(isKnownTimeZone('Europe/Berlin; DROP TABLE cases')).toBe(false);
    }
  });
});
