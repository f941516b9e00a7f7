// Starts the app: the service worker (offline cache and the cross-origin isolation headers
// that WebAssembly threads need), the update banner, persistent storage, then afterglow.js.
(function () {
  'use strict';
  var M = window.Module = window.Module || {};
  var params = new URLSearchParams(location.search);
  var TEST_SITE = /*AFTERGLOW_TEST_SITE*/false;  // build-web.sh --test sets this to true

  // Shows the box ID (the top banner or the page-wide notice) with TEXT and one button (or none).
  function showBox(id, text, button, onClick) {
    document.getElementById(id + '-text').textContent = text;
    var b = document.getElementById(id + '-button');
    b.textContent = button;
    b.hidden = !onClick;
    b.onclick = onClick;
    document.getElementById(id).hidden = false;
  }
  function banner(text, button, onClick) { showBox('banner', text, button || 'Reload', onClick); }
  M.agBanner = banner;
  function hook(line) { if (TEST_SITE && params.get('test-hooks') === '1') console.log(line); }

  // A page-wide notice over the canvas, with one button (or none).
  function notice(text, button, onClick) {
    showBox('notice', text, button || '', onClick);
    document.getElementById('loading').hidden = true;
  }
  function hideNotice() {
    document.getElementById('notice').hidden = true;
    document.getElementById('loading').hidden = false;
  }

  // ---- busy ----------------------------------------------------------------------------
  // While the app works on its worker (an unlock, creating the journal, an export), the canvas
  // keeps its last frame and this veil says what is happening (platform_web.cpp draws no WebGL
  // frame then: on a phone without a fast GPU each one cost the page's thread and the
  // compositor 90-320 ms, taken from the job, issue 19). The words go to a status region too
  // (read out by screen readers) and #stage is aria-busy. Colours are the app's theme, 0xRRGGBB.
  var busyShown = false, busySince = 0;
  M.agBusy = function (show, text, progress, top, bg, fg, accent) {
    var veil = document.getElementById('busy'), status = document.getElementById('busy-status');
    var stage = document.getElementById('stage'), bar = document.getElementById('busy-bar');
    if (!show) {
      if (!busyShown) return;
      busyShown = false;
      veil.hidden = true;
      veil.classList.remove('ag-moving');
      status.textContent = '';
      stage.removeAttribute('aria-busy');
      hook('busy_indicator 0');
      return;
    }
    var rgb = function (c, a) { return 'rgba(' + (c >> 16 & 255) + ',' + (c >> 8 & 255) + ',' + (c & 255) + ',' + a + ')'; };
    if (!busyShown) {
      veil.style.top = Math.max(0, top) + 'px';
      veil.style.background = rgb(bg, 0.8);
      var card = document.getElementById('busy-card');
      card.style.background = rgb(bg, 1);
      card.style.color = rgb(fg, 1);
      card.style.border = '1px solid ' + rgb(fg, 0.2);  // the card stands out in a dark theme too
      var dots = veil.querySelectorAll('.busy-dots i, #busy-bar span');
      for (var i = 0; i < dots.length; ++i) dots[i].style.background = rgb(accent, 1);
    }
    if (status.textContent !== text) {
      document.getElementById('busy-text').textContent = text;
      status.textContent = text;
    }
    bar.hidden = !(progress >= 0);
    if (progress >= 0) bar.firstChild.style.width = Math.round(Math.min(1, progress) * 100) + '%';
    // Called again about once a second while the job runs: after the first, the dots move.
    if (busyShown) {
      if (performance.now() - busySince > 900) veil.classList.add('ag-moving');
      return;
    }
    busyShown = true;
    busySince = performance.now();
    stage.setAttribute('aria-busy', 'true');
    veil.hidden = false;
    if (TEST_SITE && params.get('test-hooks') === '1') {
      var r = document.getElementById('busy-card').getBoundingClientRect();
      hook('busy_indicator 1 ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + text);
    }
  };

  // ---- one tab holds the journal -------------------------------------------------------
  // Each page keeps its own copy of the vault file and writes it whole to IndexedDB, so two
  // pages writing would overwrite each other's entries. One page at a time holds the Web Lock
  // below, from before it loads the file until it has locked the journal and flushed its last
  // write; another page says so and can ask for it ("Use it here instead"): the holder locks,
  // flushes, lets go (platform_web.cpp: afterglow_web_release), and only then does the new page
  // load the file. A holder asleep in the background (a phone's suspended page) may never
  // answer: after a while the patient can take the journal anyway (steal); the old page then
  // never writes again (platform_web.cpp: web_sync checks agHoldsLock).
  var LOCK = 'afterglow-journal';
  var channel = 'BroadcastChannel' in window ? new BroadcastChannel('afterglow-journal') : null;
  function hold(then) {  // the lock is held until the promise returned here resolves
    return new Promise(function (release) {
      M.agReleaseLock = release;
      M.agHoldsLock = true;
      hook('event tab_lock_held');
      // The app starts once per page: a page that gave the journal away starts again by
      // reloading (it keeps the lock until it unloads, then the new page takes it).
      if (M.agStarted) { location.reload(); return; }
      M.agStarted = true;
      then();
    });
  }
  function lost(err) {  // stolen by another page
    if (!err || err.name !== 'AbortError' || !M.agHoldsLock) return;
    M.agHoldsLock = false;
    hook('event tab_lock_lost');
    if (M._afterglow_web_release) M._afterglow_web_release();
    notice('Afterglow was opened in another window, so it is locked here. Nothing written there is lost.',
           'Use it here', function () { location.reload(); });
  }
  M.agLockReleased = function () {  // platform_web.cpp: locked and flushed
    M.agHoldsLock = false;
    var release = M.agReleaseLock;
    M.agReleaseLock = null;
    if (release) release();
    hook('event tab_released');
    notice('Afterglow is open in another tab or window now, and locked here. Your writing is saved.',
           'Use it here', function () { location.reload(); });
  };
  if (channel) channel.onmessage = function (e) {
    if (e.data !== 'take-over' || !M.agHoldsLock) return;
    hook('event tab_release_requested');
    if (M._afterglow_web_release) M._afterglow_web_release();
    else M.agLockReleased();  // the app had not started yet
  };
  function waitForJournal(then) {
    hook('event tab_lock_busy');
    notice('Afterglow is open in another tab or window. Only one can hold your journal at a time, ' +
           'so that nothing you write is lost.', 'Use it here instead', function () {
      notice('Closing your journal in the other window…', null, null);
      var waiting = new AbortController(), pending = true;  // this request, until granted
      navigator.locks.request(LOCK, { signal: waiting.signal }, function () {
        pending = false;
        hideNotice();
        return hold(then);
      }).catch(lost);
      if (channel) channel.postMessage('take-over');
      setTimeout(function () {
        if (!pending) return;  // granted (and maybe given away again since): never offer to steal
        notice('The other window does not answer; it may be asleep in the background. Taking over ' +
               'locks your journal there; what it saved is kept.', 'Take over', function () {
          if (!pending) return;
          pending = false;
          waiting.abort();
          navigator.locks.request(LOCK, { steal: true }, function () {
            hideNotice();
            return hold(then);
          }).catch(lost);
        });
      }, 6000);
    });
  }
  // ---- what the app needs ---------------------------------------------------------------
  // Checked before the WebAssembly loads, so a browser without one of them gets a plain answer
  // instead of "Opening Afterglow…" forever. Calls back with the problem in words, or null.
  function checkNeeds(done) {
    var sab = typeof SharedArrayBuffer === 'function';
    var shared = false;
    try { shared = sab && new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer; } catch (e) { /* */ }
    if (!shared) {
      done('This browser cannot run Afterglow: it does not share memory with WebAssembly ' +
           '(SharedArrayBuffer). On an iPhone or iPad, update to iOS 15.2 or later. If this page ' +
           'opened inside another app (a chat or mail app), open it in Safari or Chrome instead. ' +
           'Private browsing can also turn this off.');
      return;
    }
    var gl = null;
    try { gl = document.createElement('canvas').getContext('webgl2'); } catch (e) { /* */ }
    if (!gl) {
      done('This browser cannot draw Afterglow: WebGL 2 is missing or turned off. Update the ' +
           'browser, or turn hardware acceleration on in its settings.');
      return;
    }
    var noStorage = 'This browser gives Afterglow no storage (IndexedDB), so nothing could be ' +
                    'saved. Leave private browsing, or allow this site to keep data.';
    if (!window.indexedDB) { done(noStorage); return; }
    var answered = false;
    var answer = function (problem) { if (!answered) { answered = true; done(problem); } };
    setTimeout(function () { answer(noStorage); }, 2500);
    try {
      var req = indexedDB.open('afterglow-probe');
      req.onsuccess = function () { req.result.close(); indexedDB.deleteDatabase('afterglow-probe'); answer(null); };
      req.onerror = function () { answer(noStorage); };
    } catch (e) { answer(noStorage); }
  }

  function holdJournal(then) {
    if (!navigator.locks) { then(); return; }  // no Web Locks: nothing to coordinate with
    navigator.locks.request(LOCK, { ifAvailable: true }, function (lock) {
      if (!lock) { waitForJournal(then); return; }
      return hold(then);
    }).catch(lost);
  }

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
      if (/^[0-9a-f]{64}$/.test(params.get('hook-key') || '')) M.agTestHookKey = params.get('hook-key');
      if (params.get('test-tab-forgets') === '1') M.agTestTabForgets = true;
      if (/^[0-9]+$/.test(params.get('test-clock-days') || '')) M.agTestClockDays = +params.get('test-clock-days');
      if (params.get('test-read-cache') === '0') M.agTestReadCacheOff = true;
      if (/^[0-9]+$/.test(params.get('test-busy-frame-ms') || '')) M.agTestBusyFrameMs = +params.get('test-busy-frame-ms');
    }
    M.print = function (s) { console.log(s); };
    M.printErr = function (s) { console.warn(s); };
    M.onStorageError = function (err) {
      banner('Browser storage could not be opened (' + err + '). Nothing will be saved.', null, null);
    };
    // Persistent storage: what the browser says now (asking needs the patient's tap: Firefox
    // shows a question, and never answers a request made without one). The app asks on the
    // Create and Unlock taps and from Settings (platform_web.cpp, keep_storage).
    if (navigator.storage && navigator.storage.persisted) {
      navigator.storage.persisted().then(function (kept) { if (kept) M.agPersisted = 1; });
    }
    M.agKeepStorage = function () {
      if (!navigator.storage || !navigator.storage.persist || M.agPersisted === 1) return;
      navigator.storage.persist().then(function (granted) {
        M.agPersisted = granted ? 1 : 0;
        hook('value storage_persisted ' + M.agPersisted);
      });
    };
    var z = document.createElement('script');  // the passphrase meter's estimator
    z.src = 'zxcvbn.js';
    z.async = true;
    document.body.appendChild(z);
    checkNeeds(function (problem) {
      if (problem) {
        hook('event browser_lacks');
        notice(problem, null, null);
        return;
      }
      holdJournal(function () {
        // The app's threads load afterglow.js again; WebKit fetches it for them past the
        // service worker, so offline they never start. Handing them the script as a Blob
        // (fetched here, through the worker's cache) makes an offline start work everywhere.
        var load = function () {
          var s = document.createElement('script');
          s.src = 'afterglow.js';
          document.body.appendChild(s);
        };
        fetch('afterglow.js').then(function (r) { return r.blob(); })
          .then(function (b) { M.mainScriptUrlOrBlob = b; load(); }, load);
      });
    });
  }

  // An origin of its own: every page of an origin shares its service worker's caches and its
  // storage, so on a shared host (user.github.io/afterglow/ beside the owner's other sites)
  // another site could plant a changed file or read the stored journal. Afterglow runs only at
  // the root of its origin (a domain or subdomain of its own).
  if (location.pathname !== '/' && location.pathname !== '/index.html') {
    hook('event own_origin_needed');
    notice('Afterglow needs a web address of its own, such as https://journal.example.org/. Here it ' +
           'shares one with other pages (' + location.pathname + '), which could change its files or ' +
           'read what it stores, so it does not start. Whoever set it up can host it at the root of ' +
           'its own domain or subdomain.', null, null);
    return;
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
