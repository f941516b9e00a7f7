// The key of the app's text-hook fingerprints: a test passes it as ?hook-key=HEX (the test
// site) or AFTERGLOW_HOOK_KEY (the desktop), and the app prints "text NAME FINGERPRINT N" with
// FINGERPRINT = the first 8 bytes of BLAKE2b-512(key || text), never the text (app/ui.hpp).
// Random per test run, so a kept log alone never lets anyone try guesses of a passphrase.
import { createHash, randomBytes } from 'node:crypto';

export const HOOK_KEY = randomBytes(32).toString('hex');
export const fingerprint = (s) =>
  createHash('blake2b512').update(Buffer.from(HOOK_KEY, 'hex')).update(s, 'utf8').digest('hex').slice(0, 16);
