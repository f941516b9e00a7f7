// The key derivation's worker (web/kdf.js starts one per derivation and ends it after the
// answer): runs after afterglow_kdf.js (the module of app/web/kdf/pwhash.c, libsodium's
// crypto_pwhash alone) in the same Blob. Its memory — Argon2id's 256 MiB and more — goes with
// the worker, where the app's own heap would keep it for good (wasm memory never shrinks).
//   in:  {module: WebAssembly.Module, pass: ArrayBuffer (transferred), salt, ops, mem, outLen}
//   out: {status: 0, key: ArrayBuffer (transferred)} | {status: 1} (the derivation failed:
//        out of memory) | {status: -1, error} (the module did not start)
// The passphrase is zeroed here as soon as it is in the module's memory, and there after use;
// the key leaves in a fresh buffer handed over (transferred), its copies zeroed.
/* global AfterglowKdf */
'use strict';
self.onmessage = function (e) {
  var m = e.data;
  var pass = new Uint8Array(m.pass);
  var fail = function (err) {
    pass.fill(0);
    self.postMessage({ status: -1, error: String(err) });
  };
  var start = function (imports, done) {
    WebAssembly.instantiate(m.module, imports).then(function (instance) { done(instance, m.module); }, fail);
    return {};
  };
  AfterglowKdf({ instantiateWasm: start }).then(function (K) {
    var n = pass.length;
    var p = K._malloc(Math.max(1, n)) >>> 0, s = K._malloc(m.salt.length) >>> 0, o = K._malloc(m.outLen) >>> 0;
    if (!p || !s || !o) { fail('no memory for the arguments'); return; }
    K.HEAPU8.set(pass, p);
    pass.fill(0);
    K.HEAPU8.set(m.salt, s);
    var rc = K._afterglow_pwhash(o, m.outLen, p, n, s, m.ops, m.mem);
    var heap = K.HEAPU8;  // the view of the memory as it is now (the derivation grew it)
    heap.fill(0, p, p + n);
    if (rc !== 0) {
      heap.fill(0, o, o + m.outLen);
      self.postMessage({ status: rc === -1 ? 1 : -1, error: 'crypto_pwhash returned ' + rc });
      return;
    }
    var key = heap.slice(o, o + m.outLen);
    heap.fill(0, o, o + m.outLen);
    self.postMessage({ status: 0, key: key.buffer }, [key.buffer]);
  }, fail);
};
