// The web app's browser storage from the test's side (web/chunk_store.js): database
// "afterglow-storage", store `files` (path -> {mode, timestamp, size}; '' is the root record
// with the generation) and store `chunks` ([path, index] -> 64 KiB of bytes); and the format
// before it, emscripten's IDBFS (database "/data", store FILE_DATA, path -> {timestamp, mode,
// contents}), which the app migrates on its first start.

// Every stored file whose path starts with `prefix`: [[path, base64 bytes]], read straight out
// of IndexedDB (not through the app).
export async function storedFiles(page, prefix) {
  return page.evaluate((prefix) => new Promise((ok, no) => {
    const req = indexedDB.open('afterglow-storage');
    req.onerror = () => no(String(req.error));
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('files')) { db.close(); ok([]); return; }
      const tx = db.transaction(['files', 'chunks']);
      const files = tx.objectStore('files'), chunks = tx.objectStore('chunks');
      const keys = files.getAllKeys(), vals = files.getAll(), out = [];
      vals.onsuccess = () => {
        keys.result.forEach((path, i) => {
          const m = vals.result[i];
          if (!path.startsWith(prefix) || typeof m.size !== 'number') return;
          const range = IDBKeyRange.bound([path, 0], [path, Infinity]);
          const ks = chunks.getAllKeys(range), vs = chunks.getAll(range);
          vs.onsuccess = () => {
            const buf = new Uint8Array(m.size);
            ks.result.forEach((k, j) => {
              const v = new Uint8Array(vs.result[j]), at = k[1] * 65536;
              if (at < buf.length) buf.set(v.subarray(0, Math.min(v.length, buf.length - at)), at);
            });
            let s = '';
            for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode.apply(null, buf.subarray(i, i + 0x8000));
            out.push([path, btoa(s)]);
          };
        });
      };
      tx.oncomplete = () => { db.close(); ok(out); };
      tx.onerror = () => no(String(tx.error));
    };
  }), prefix);
}

// Keeps a read-write transaction on the app's chunk store busy until window.agRelease() is
// called (or `ms` pass): the app's flush waits behind it. Resolves once it holds the store.
export async function holdStorage(page, ms = 30000) {
  await page.evaluate((ms) => {
    window.agHeld = false;
    const req = indexedDB.open('afterglow-storage');
    req.onsuccess = () => {
      const store = req.result.transaction('chunks', 'readwrite').objectStore('chunks');
      const t0 = performance.now();
      let release = false;
      window.agRelease = () => { release = true; };
      window.agHeld = true;
      const again = () => {
        if (release || performance.now() - t0 >= ms) { req.result.close(); window.agHeld = false; return; }
        store.count().onsuccess = again;
      };
      again();
    };
  }, ms);
  await page.waitForFunction(() => window.agHeld === true, { timeout: 10000 });
}

// Writes files as emscripten's IDBFS kept them ([[path, Buffer]]; their folders too), before
// the app starts on this origin.
export async function seedLegacy(page, files) {
  const list = files.map(([p, b]) => [p, Buffer.from(b).toString('base64')]);
  await page.evaluate((list) => new Promise((ok, no) => {
    const req = indexedDB.open('/data', 21);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('FILE_DATA');
      store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    req.onerror = () => no(new Error('indexedDB: ' + req.error));
    req.onsuccess = () => {
      const tx = req.result.transaction(['FILE_DATA'], 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const now = new Date();
      const dirs = new Set();
      for (const [p] of list) for (let d = p.replace(/\/[^/]+$/, ''); d.length > '/data'.length; d = d.replace(/\/[^/]+$/, '')) dirs.add(d);
      for (const d of dirs) store.put({ timestamp: now, mode: 0o40755 }, d);
      for (const [p, b64] of list) store.put({ timestamp: now, mode: 0o100600, contents: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) }, p);
      tx.oncomplete = () => { req.result.close(); ok(); };
      tx.onerror = () => no(new Error('indexedDB: ' + tx.error));
    };
  }), list);
}

// The names of the origin's IndexedDB databases.
export async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
}

// "storage_flush bytes=N chunks=K files=F ms=T" -> {bytes, chunks, files, ms}
export function flushLine(l) {
  const m = /^storage_flush bytes=(\d+) chunks=(\d+) files=(\d+) ms=([\d.]+)/.exec(l);
  return m && { bytes: +m[1], chunks: +m[2], files: +m[3], ms: +m[4], full: / full$/.test(l) };
}
