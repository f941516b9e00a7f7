// Starts the app: the service worker (offline cache and the cross-origin isolation headers
// that WebAssembly threads need), the update banner, persistent storage, then afterglow.js.
(function () {
  'use strict';
  var M = window.Module = window.Module || {};
  var params = new URLSearchParams(location.search);
  var TEST_SITE = /*AFTERGLOW_TEST_SITE*/false;  // build-web.sh --test sets this to true

  function banner(text, button, onClick) {
    document.getElementById('banner-text').textContent = text;
    var b = document.getElementById('banner-button');
    b.textContent = button || 'Reload';
    b.hidden = !onClick;
    b.onclick = onClick;
    document.getElementById('banner').hidden = false;
  }
  M.agBanner = banner;

  // ---- service worker ----------------------------------------------------------------
  function watchUpdates(reg) {
    var offer = function (worker) {
      banner('Update available — reload', 'Reload', function () {
        M.agUpdateAccepted = true;
        worker.postMessage('skip-waiting');
      });
    };
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', function () {
      var w = reg.installing;
      if (!w) return;
      w.addEventListener('statechange', function () {
        if (w.state === 'installed' && navigator.serviceWorker.controller) offer(w);
      });
    });
    var reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloading || !M.agUpdateAccepted) return;
      reloading = true;
      location.reload();
    });
  }

  function start() {
    if (window.crossOriginIsolated) sessionStorage.removeItem('ag-isolation-reload');
    if (!window.crossOriginIsolated && navigator.serviceWorker && navigator.serviceWorker.controller &&
        !sessionStorage.getItem('ag-isolation-reload')) {
      // A hard reload bypasses the service worker (and its headers): load once more through it.
      sessionStorage.setItem('ag-isolation-reload', '1');
      location.reload();
      return;
    }
    if (!window.crossOriginIsolated) {
      document.getElementById('loading').textContent =
        'Afterglow needs a browser with WebAssembly threads (cross-origin isolation).';
      return;
    }
    M.canvas = document.getElementById('canvas');
    M.arguments = [];
    if (TEST_SITE) {
      if (params.get('test-hooks') === '1') M.afterglowTestHooks = true;
      if (params.get('insecure-test-kdf') === '1') M.arguments.push('--insecure-test-kdf');
      if (/^[1-9][0-9]*$/.test(params.get('test-autolock-seconds') || '')) M.agTestAutolockSeconds = +params.get('test-autolock-seconds');
    }
    M.print = function (s) { console.log(s); };
    M.printErr = function (s) { console.warn(s); };
    M.onStorageError = function (err) {
      banner('Browser storage could not be opened (' + err + '). Nothing will be saved.', null, null);
    };
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().then(function (granted) {
        M.agPersisted = granted ? 1 : 0;
        if (M.afterglowTestHooks) console.log('value storage_persisted ' + M.agPersisted);
      });
    }
    var z = document.createElement('script');  // the passphrase meter's estimator
    z.src = 'zxcvbn.js';
    z.async = true;
    document.body.appendChild(z);
    var s = document.createElement('script');
    s.src = 'afterglow.js';
    document.body.appendChild(s);
  }

  if (!('serviceWorker' in navigator)) { start(); return; }
  navigator.serviceWorker.register('sw.js').then(function (reg) {
    watchUpdates(reg);
    if (navigator.serviceWorker.controller) { start(); return; }
    // First visit: this page came from the network without the isolation headers. Once the
    // worker controls the origin, load again through it (it adds COOP/COEP).
    navigator.serviceWorker.ready.then(function () {
      if (sessionStorage.getItem('ag-isolation-reload')) { start(); return; }
      sessionStorage.setItem('ag-isolation-reload', '1');
      location.reload();
    });
  }, function (err) {
    console.warn('service worker: ' + err);
    start();
  });
})();
