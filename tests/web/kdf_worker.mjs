// Argon2id in the web app's KDF worker (web/kdf.js, web/kdf_worker.js, app/web/kdf/pwhash.c)
// derives exactly what the desktop's crypto::derive_key does (libsodium's crypto_pwhash, run
// natively by tools/kdf_vector.cpp): the vault's default parameters (256 MiB), the floor a user
// may accept (64 MiB), and the test KDF's, with ASCII, non-ASCII and long passphrases and fresh
// random salts. The passphrase's buffer is handed over (nothing left of it on the page), and
// the app's own heap does not grow by the derivation's memory.
//   node kdf_worker.mjs SITE ARTIFACTS KDF_VECTOR
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as t from './lib.mjs';

const [site, art, tool] = process.argv.slice(2);
const CASES = [
  { pass: t.PASS, ops: 2, mem: 256 << 20, what: 'the vault default: 256 MiB, 2 passes' },
  { pass: 'Grüße, мир, 夜 🌙', ops: 3, mem: 64 << 20, what: 'the weaker-protection floor: 64 MiB, 3 passes' },
  { pass: 'x'.repeat(1000), ops: 1, mem: 8192, what: 'the test KDF: 8 KiB, 1 pass (1000-byte passphrase)' },
];

t.run(site, art, async ({ app, url }) => {
  await app.goto(url + '?test-hooks=1');
  await app.waitFor(/^screen first_run/, 60);
  await t.seen(app, /^fonts_full_ms /, 0, 60);  // the full font atlas grows the heap too
  const heap = () => app.page.evaluate(() => wasmMemory.buffer.byteLength);  // eslint-disable-line no-undef
  const before = await heap();
  for (const c of CASES) {
    const salt = randomBytes(16);
    const native = execFileSync(tool, [String(c.ops), String(c.mem), salt.toString('hex'), c.pass]).toString().trim();
    const t0 = Date.now();
    const web = await app.page.evaluate(async ({ pass, salt, ops, mem }) => {
      const p = new TextEncoder().encode(pass);
      const key = await Module.agKdfDerive(p, Uint8Array.from(salt), ops, mem, 32);  // eslint-disable-line no-undef
      const hex = Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
      key.fill(0);
      return { hex, left: p.byteLength };
    }, { pass: c.pass, salt: [...salt], ops: c.ops, mem: c.mem });
    const ms = Date.now() - t0;
    console.log(`${c.what}: worker ${web.hex.slice(0, 16)}… in ${ms} ms, native ${native.slice(0, 16)}…`);
    if (!/^[0-9a-f]{64}$/.test(native)) throw new Error(`kdf_vector printed ${native}`);
    if (web.hex !== native) throw new Error(`${c.what}: the worker derived ${web.hex}, crypto_pwhash ${native}`);
    if (web.left !== 0) throw new Error(`the passphrase's buffer is still on the page (${web.left} bytes)`);
    await app.waitFor(/^event kdf_worker_done \d+$/, 10);
  }
  const after = await heap();
  console.log(`the app's heap: ${before >> 20} MiB before, ${after >> 20} MiB after the three derivations`);
  if (after - before >= 16 << 20) throw new Error(`the app's heap grew by ${(after - before) >> 20} MiB`);
});
