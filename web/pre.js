// Linked into afterglow.js with --pre-js: runs in the page and in every pthread worker.

// libsodium 1.0.18 draws random numbers through Module.getRandomValue, which it sets up only
// on the thread that called sodium_init: give every thread (page and workers) its own.
Module['getRandomValue'] = function () {
  var buf = new Uint32Array(1);
  (typeof crypto !== 'undefined' ? crypto : self.crypto).getRandomValues(buf);
  return buf[0] >>> 0;
};

// The journal lives in /data, an IDBFS mount (the origin's IndexedDB): loaded before main()
// runs; platform_web.cpp flushes it (FS.syncfs) after every write before a save is shown.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof ENVIRONMENT_IS_PTHREAD !== 'undefined' && ENVIRONMENT_IS_PTHREAD) return;
  ENV['HOME'] = '/data/home';
  ENV['XDG_DATA_HOME'] = '/data/share';
  ENV['XDG_CONFIG_HOME'] = '/data/config';
  var hooks = Module['afterglowTestHooks'];
  if (hooks) ENV['AFTERGLOW_TEST_HOOKS'] = '1';
  FS.mkdir('/data');
  FS.mount(IDBFS, {}, '/data');
  // Every change under /data marks the file system dirty; the platform flushes it.
  Module['agDirty'] = false;
  var mark = function (path) { if (!path || String(path).indexOf('/data') === 0) Module['agDirty'] = true; };
  var wrap = function (name, pathOf) {
    var orig = FS[name];
    FS[name] = function () { mark(pathOf.apply(null, arguments)); return orig.apply(FS, arguments); };
  };
  wrap('write', function (stream) { return stream && stream.path; });
  wrap('truncate', function (p) { return typeof p === 'string' ? p : null; });
  wrap('ftruncate', function () { return null; });
  wrap('unlink', function (p) { return p; });
  wrap('rename', function (a) { return a; });
  wrap('mkdir', function (p) { return p; });
  wrap('rmdir', function (p) { return p; });
  addRunDependency('afterglow-idbfs');
  FS.syncfs(true, function (err) {
    if (err) {
      Module['agStorageError'] = String(err);
      if (Module['onStorageError']) Module['onStorageError'](String(err));
    }
    Module['agDirty'] = false;
    removeRunDependency('afterglow-idbfs');
  });
});
