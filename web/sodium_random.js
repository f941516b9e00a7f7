// Linked with --pre-js into afterglow.js (app/web.cmake) and the wasm bench (bench/web.cmake):
// runs in the page and in every pthread worker.
// libsodium 1.0.18 draws random numbers through Module.getRandomValue, which it sets up only
// on the thread that called sodium_init: give every thread (page and workers) its own.
Module['getRandomValue'] = function () {
  var buf = new Uint32Array(1);
  (typeof crypto !== 'undefined' ? crypto : self.crypto).getRandomValues(buf);
  return buf[0] >>> 0;
};
