// Argon2id in a worker of its own (loaded by index.html before afterglow.js; issue 19): the
// app's heap can grow but never shrink, so a derivation run there kept its 256 MiB (353 MiB
// after an unlock on the phone). app/web/kdf_worker.cpp calls Module.agKdfDerive from the
// app's key-derivation thread; each call starts a dedicated worker (web/kdf_worker.js with the
// module afterglow_kdf.js/.wasm: libsodium's crypto_pwhash alone), and ends it once it has
// answered, which frees its memory.
//   Module.agKdfDerive(pass, salt, ops, mem, outLen) -> Promise<Uint8Array key>
// pass: a Uint8Array over an ArrayBuffer of its own, handed over (transferred) to the worker,
// so no copy stays on the page; zeroed here if it never left. The caller zeroes the key.
// Rejects with {agFailed: true} when the derivation itself failed (out of memory), else with
// the reason the worker could not run (the app then derives in its own memory).
// The worker's script and module are fetched here, through the service worker, and handed to
// it as a Blob and a compiled module (as boot.js does for the app's threads: WebKit fetches a
// worker's own script past the service worker, so offline it would never start).
(function () {
  'use strict';
  var M = window.Module = window.Module || {};
  var parts = null;  // Promise<{url, module}>, fetched and compiled once per page

  function load() {
    var text = function (name) {
      return fetch(name).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.text();
      });
    };
    var wasm = fetch('afterglow_kdf.wasm').then(function (r) {
      if (!r.ok) throw new Error('afterglow_kdf.wasm: ' + r.status);
      return r.arrayBuffer();
    }).then(function (bytes) { return WebAssembly.compile(bytes); });
    return Promise.all([text('afterglow_kdf.js'), text('kdf_worker.js'), wasm]).then(function (got) {
      var blob = new Blob([got[0], '\n', got[1]], { type: 'text/javascript' });
      return { url: URL.createObjectURL(blob), module: got[2] };
    });
  }

  M.agKdfDerive = function (pass, salt, ops, mem, outLen) {
    var forget = function () { if (pass.byteLength) pass.fill(0); };  // a transferred one has none left
    if (!parts) parts = load();
    var mine = parts;
    return mine.then(function (p) {
      return new Promise(function (ok, fail) {
        var t0 = performance.now(), worker;
        try {
          worker = new Worker(p.url);
        } catch (e) {
          forget();
          fail(e);
          return;
        }
        var end = function () { worker.terminate(); };  // its memory goes with it
        worker.onmessage = function (e) {
          end();
          var a = e.data;
          if (a.status === 0) {
            if (M.afterglowTestHooks) console.log('event kdf_worker_done ' + Math.round(performance.now() - t0));
            ok(new Uint8Array(a.key));
          } else {
            fail(a.status === 1 ? { agFailed: true } : new Error(a.error));
          }
        };
        worker.onerror = function (e) {
          end();
          fail(new Error('the key derivation worker failed: ' + (e.message || 'no message')));
        };
        worker.postMessage({ module: p.module, pass: pass.buffer, salt: salt, ops: ops, mem: mem, outLen: outLen },
                           [pass.buffer]);
      });
    }, function (err) {
      if (parts === mine) parts = null;  // try again next time (the network may be back)
      forget();
      throw err;
    });
  };
})();
