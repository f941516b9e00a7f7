// Linked into afterglow.js with --pre-js (before pre.js): the journal's browser storage.
// /data is a MEMFS tree (the files live in memory, as with IDBFS) whose files are kept in
// IndexedDB in 64 KiB chunks, so a flush writes the chunks that changed since the last one,
// not whole files (IDBFS rewrote the whole vault at every WAL checkpoint: 70-77 ms at 28 MiB,
// 0.9-1.9 s at 280 MiB, issue 19).
//
// Database "afterglow-storage" (version 1):
//   files   key: path            value: {mode, timestamp, size (files only)}; key '' is the root
//                                record {format: 1, chunk: 65536, generation: g}
//   chunks  key: [path, index]   value: the bytes [index * 64 KiB, min(+64 KiB, size)) as an
//                                ArrayBuffer; a chunk not stored reads as zeros
// Writes are tracked where they happen (FS.write, truncate, allocate, mknod, unlink, rename,
// rmdir: every file call of every thread runs on the page's thread), as a set of dirty chunks
// per path. A flush copies those chunks synchronously (a consistent snapshot: SQLite's WAL
// survives a crash at any point of its writes, and a copy is such a point) and writes them and
// the root in ONE readwrite transaction (durability "strict"), so a tab closed or a browser
// killed mid-flush leaves the previous state whole: IndexedDB commits all of it or nothing.
// The root's generation guards two tabs: a flush whose root is not the generation this page
// last loaded or wrote (another page wrote since) is aborted and becomes a full rewrite of this
// page's files, never a mix of two pages' chunks.
// Migration: with no root record, the files of emscripten's IDBFS (database "/data", store
// FILE_DATA) are loaded, written here in full, and that database is deleted once this one has
// committed them. FS.syncfs(true) loads, FS.syncfs(false) flushes (the AGFS mount's syncfs).
var AGFS = (function () {
  'use strict';
  var CHUNK = 65536;
  var DB = 'afterglow-storage';
  var LEGACY = '/data';  // IDBFS's database for the /data mount
  var st = { mount: null, db: null, generation: 0, dirty: new Map(), full: false, loading: false };

  function hook(line) { if (Module['afterglowTestHooks']) console.log(line); }
  function under(path) {
    var m = st.mount && st.mount.mountpoint;
    return !!m && typeof path === 'string' && (path === m || path.indexOf(m + '/') === 0);
  }
  function entry(path) {
    var e = st.dirty.get(path);
    if (!e) { e = { chunks: new Set(), from: Infinity }; st.dirty.set(path, e); }
    Module['agDirty'] = true;  // the platform flushes after the frame (bridge.hpp)
    return e;
  }
  function markRange(path, start, end) {
    if (st.loading || !under(path)) return;
    var e = entry(path);
    for (var i = Math.floor(start / CHUNK); i * CHUNK < end; ++i) e.chunks.add(i);
  }
  function markFrom(path, len) {  // truncated (or replaced): chunks from len on are rewritten
    if (st.loading || !under(path)) return;
    var e = entry(path);
    e.from = Math.min(e.from, len);
  }
  function nodePath(node) { try { return FS.getPath(node); } catch (e) { return null; } }
  function abs(p) { return typeof p === 'string' ? PATH_FS.resolve(p) : nodePath(p); }
  function sizeOf(path) { try { return FS.stat(path).size; } catch (e) { return 0; } }

  // ---- write tracking: every change under the mount ------------------------------------
  function wrap(name, around) {
    var orig = FS[name];
    FS[name] = function () { return around(orig, Array.prototype.slice.call(arguments)); };
  }
  function track() {
    wrap('write', function (orig, a) {
      var stream = a[0];
      var n = orig.apply(FS, a);
      var end = typeof a[4] !== 'undefined' ? a[4] + n : stream.position;
      if (n > 0) markRange(nodePath(stream.node), end - n, end);
      return n;
    });
    wrap('truncate', function (orig, a) {
      var path = abs(a[0]);
      var before = sizeOf(path);
      var r = orig.apply(FS, a);
      markFrom(path, Math.min(before, a[1]));
      return r;
    });
    wrap('allocate', function (orig, a) {
      var r = orig.apply(FS, a);
      markRange(nodePath(a[0].node), a[1], a[1] + a[2]);
      return r;
    });
    wrap('mknod', function (orig, a) {  // open(O_CREAT), mkdir
      var r = orig.apply(FS, a);
      markFrom(nodePath(r), 0);
      return r;
    });
    wrap('unlink', function (orig, a) { var p = abs(a[0]), r = orig.apply(FS, a); markFrom(p, 0); return r; });
    wrap('rmdir', function (orig, a) { var p = abs(a[0]), r = orig.apply(FS, a); markFrom(p, 0); return r; });
    wrap('rename', function (orig, a) {
      var dir = false, from = abs(a[0]), to = abs(a[1]);
      try { dir = FS.isDir(FS.lookupPath(from).node.mode); } catch (e) { /* the call below throws */ }
      var r = orig.apply(FS, a);
      if (dir && (under(from) || under(to))) { st.full = true; Module['agDirty'] = true; }
      markFrom(from, 0);
      markFrom(to, 0);
      return r;
    });
    wrap('symlink', function (orig, a) {
      var r = orig.apply(FS, a);
      if (under(abs(a[1]))) { st.full = true; Module['agDirty'] = true; }
      return r;
    });
  }

  // ---- IndexedDB ---------------------------------------------------------------------------
  function openDb(done) {
    if (st.db) return done(null, st.db);
    var req;
    try { req = indexedDB.open(DB, 1); } catch (e) { return done(e); }
    req.onupgradeneeded = function () {
      var db = req.result;
      if (!db.objectStoreNames.contains('files')) db.createObjectStore('files');
      if (!db.objectStoreNames.contains('chunks')) db.createObjectStore('chunks');
    };
    req.onsuccess = function () {
      st.db = req.result;
      st.db.onversionchange = function () { st.db.close(); st.db = null; };
      done(null, st.db);
    };
    req.onerror = function (e) { e.preventDefault(); done(req.error || 'could not open ' + DB); };
    req.onblocked = function () { done('the storage is held by an older page of this site'); };
  }
  function chunkRange(path, from) { return IDBKeyRange.bound([path, from], [path, Infinity]); }

  // The whole tree under the mount: [{path, dir, node}], parents before children.
  function walk() {
    var out = [], check = [st.mount.mountpoint];
    while (check.length) {
      var dir = check.shift();
      FS.readdir(dir).forEach(function (name) {
        if (name === '.' || name === '..') return;
        var p = dir + '/' + name, node = FS.lookupPath(p, { follow: false }).node;
        if (FS.isDir(node.mode)) { out.push({ path: p, dir: true, node: node }); check.push(p); }
        else if (FS.isFile(node.mode)) out.push({ path: p, dir: false, node: node });
      });
    }
    return out;
  }
  function chunkOf(node, i) {
    var size = node.usedBytes, end = Math.min(size, (i + 1) * CHUNK);
    if (!node.contents || i * CHUNK >= end) return new ArrayBuffer(0);
    return node.contents.slice(i * CHUNK, end).buffer;  // a copy (a plain ArrayBuffer)
  }
  function meta(node) {
    var m = { mode: node.mode, timestamp: new Date(node.timestamp) };
    if (FS.isFile(node.mode)) m.size = node.usedBytes;
    return m;
  }

  // What this flush writes, copied now: [{path, gone} | {path, meta, from, chunks: [[i, buf]]}].
  function snapshot(full) {
    var plan = [];
    if (full) {
      walk().forEach(function (f) {
        var item = { path: f.path, meta: meta(f.node), from: 0, chunks: [] };
        if (!f.dir) for (var i = 0; i * CHUNK < f.node.usedBytes; ++i) item.chunks.push([i, chunkOf(f.node, i)]);
        plan.push(item);
      });
      return plan;
    }
    st.dirty.forEach(function (e, path) {
      var node = null;
      try { node = FS.lookupPath(path, { follow: false }).node; } catch (err) { /* gone */ }
      if (!node || !(FS.isFile(node.mode) || FS.isDir(node.mode))) { plan.push({ path: path, gone: true }); return; }
      var item = { path: path, meta: meta(node), from: e.from, chunks: [] };
      if (FS.isFile(node.mode)) {
        var want = new Set(e.chunks), size = node.usedBytes;
        if (e.from !== Infinity) for (var i = Math.floor(e.from / CHUNK); i * CHUNK < size; ++i) want.add(i);
        want.forEach(function (k) { if (k * CHUNK < size) item.chunks.push([k, chunkOf(node, k)]); });
      }
      plan.push(item);
    });
    return plan;
  }

  function write(full, callback) {
    var t0 = performance.now();
    var plan = snapshot(full), kept = st.dirty, wasFull = st.full;
    st.dirty = new Map();
    st.full = false;
    var bytes = 0, chunks = 0;
    plan.forEach(function (p) { (p.chunks || []).forEach(function (c) { bytes += c[1].byteLength; ++chunks; }); });
    var failed = function (err) {  // what this flush had is written by the next one
      kept.forEach(function (e, path) {
        var now = entry(path);
        e.chunks.forEach(function (i) { now.chunks.add(i); });
        now.from = Math.min(now.from, e.from);
      });
      if (wasFull || full) st.full = true;
      Module['agDirty'] = true;
      callback(err);
    };
    openDb(function (err, db) {
      if (err) return failed(err);
      var tx;
      try { tx = db.transaction(['files', 'chunks'], 'readwrite', { durability: 'strict' }); } catch (e) { return failed(e); }
      var files = tx.objectStore('files'), store = tx.objectStore('chunks'), next = st.generation + 1;
      var why = null;
      tx.oncomplete = function () {
        st.generation = next;
        var ms = performance.now() - t0;
        hook('storage_flush bytes=' + bytes + ' chunks=' + chunks + ' files=' + plan.length + ' ms=' + ms.toFixed(1) + (full ? ' full' : ''));
        callback(null);
      };
      tx.onabort = function () { failed(why || tx.error || 'the storage transaction was aborted'); };
      // The root is read and every write issued at once (one round trip: a busy page answers
      // each IndexedDB event only between its frames); a root another page wrote aborts it all.
      files.get('').onsuccess = function (e) {
        var root = e.target.result, stored = root ? root.generation : 0;
        // Another page wrote since this one loaded or last wrote: never put chunks of this
        // page's copy among its chunks; the next flush rewrites every file of this page.
        if (!full && stored !== st.generation) {
          why = 'another page wrote the journal meanwhile (generation ' + stored + ', this page had ' +
                st.generation + '): rewriting it whole';
          st.full = true;
          tx.abort();
        }
      };
      if (full) {  // everything not in this page's tree goes
        files.delete(IDBKeyRange.lowerBound('', true));
        store.clear();
      }
      plan.forEach(function (p) {
        if (p.gone) {
          files.delete(p.path);
          store.delete(chunkRange(p.path, 0));
          return;
        }
        if (!full && p.from !== Infinity) store.delete(chunkRange(p.path, Math.ceil(p.from / CHUNK)));
        files.put(p.meta, p.path);
        p.chunks.forEach(function (c) { store.put(c[1], [p.path, c[0]]); });
      });
      files.put({ format: 1, chunk: CHUNK, generation: next }, '');
      hook('storage_flush_started chunks=' + chunks);
    });
  }

  // ---- load ------------------------------------------------------------------------------
  function put(path, m, data) {
    try { FS.mkdirTree(PATH.dirname(path)); } catch (e) { /* exists */ }
    if (FS.isDir(m.mode)) { try { FS.mkdir(path, m.mode & 4095); } catch (e) { /* exists */ } }
    else FS.writeFile(path, data || new Uint8Array(0), { canOwn: true });
    var t = +new Date(m.timestamp || Date.now());
    try { FS.chmod(path, m.mode & 4095); FS.utime(path, t, t); } catch (e) { /* */ }
  }
  function byDepth(a, b) { return a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0); }

  function loadChunks(db, paths, metas, done) {
    var tx = db.transaction(['chunks'], 'readonly'), store = tx.objectStore('chunks');
    var bufs = {};
    paths.forEach(function (path) {
      var m = metas[path];
      if (FS.isDir(m.mode)) return;
      var buf = bufs[path] = new Uint8Array(m.size || 0);
      var keys = store.getAllKeys(chunkRange(path, 0));
      var vals = store.getAll(chunkRange(path, 0));
      vals.onsuccess = function () {
        keys.result.forEach(function (k, j) {
          var at = k[1] * CHUNK, v = new Uint8Array(vals.result[j]);
          if (at < buf.length) buf.set(v.subarray(0, Math.min(v.length, buf.length - at)), at);
        });
      };
    });
    tx.oncomplete = function () {
      try { paths.forEach(function (path) { put(path, metas[path], bufs[path]); }); }
      catch (e) { return done(e); }
      done(null);
    };
    tx.onerror = function () { done(tx.error); };
  }

  function load(callback) {
    openDb(function (err, db) {
      if (err) return callback(err);
      var tx = db.transaction(['files'], 'readonly'), files = tx.objectStore('files');
      var keys = files.getAllKeys(), vals = files.getAll();
      tx.oncomplete = function () {
        var metas = {}, root = null;
        keys.result.forEach(function (k, i) { if (k === '') root = vals.result[i]; else metas[k] = vals.result[i]; });
        if (!root) return migrate(callback);
        st.generation = root.generation;
        var paths = Object.keys(metas).filter(under).sort(byDepth);
        st.loading = true;
        loadChunks(db, paths, metas, function (e) { st.loading = false; callback(e); });
      };
      tx.onerror = function () { callback(tx.error); };
    });
  }

  // emscripten's IDBFS database for /data, if this origin has one: its files come here.
  function migrate(callback) {
    var req;
    try { req = indexedDB.open(LEGACY); } catch (e) { return callback(null); }
    var none = false;
    req.onupgradeneeded = function () { none = true; req.transaction.abort(); };  // never had one
    req.onerror = function (e) { e.preventDefault(); callback(null); };
    req.onsuccess = function () {
      var old = req.result;
      if (none || !old.objectStoreNames.contains('FILE_DATA')) { old.close(); return callback(null); }
      var tx = old.transaction(['FILE_DATA'], 'readonly'), s = tx.objectStore('FILE_DATA');
      var keys = s.getAllKeys(), vals = s.getAll();
      tx.oncomplete = function () {
        old.close();
        var metas = {};
        keys.result.forEach(function (k, i) { if (under(k)) metas[k] = vals.result[i]; });
        var paths = Object.keys(metas).sort(byDepth);
        st.loading = true;
        try { paths.forEach(function (p) { put(p, metas[p], metas[p].contents); }); }
        catch (e) { st.loading = false; return callback(e); }
        st.loading = false;
        write(true, function (e) {
          if (e) return callback(e);
          hook('event storage_migrated ' + paths.length);
          var del = indexedDB.deleteDatabase(LEGACY);  // ciphertext only, but once is enough
          del.onsuccess = del.onerror = del.onblocked = function () { callback(null); };
        });
      };
      tx.onerror = function () { old.close(); callback(tx.error); };
    };
  }

  return {
    mount: function (mount) {
      st.mount = mount;
      if (!st.tracking) { st.tracking = true; track(); }
      return MEMFS.mount.apply(null, arguments);
    },
    syncfs: function (mount, populate, callback) {
      if (populate) load(callback);
      else write(st.full, callback);
    },
    chunkSize: CHUNK,
  };
})();
