// Linked into afterglow.js with --pre-js: runs in the page and in every pthread worker.

// The journal lives in /data, an AGFS mount (web/chunk_store.js: MEMFS kept in the origin's
// IndexedDB in 64 KiB chunks): loaded before main() runs; platform_web.cpp flushes what
// changed (FS.syncfs) after every write before a save is shown. AGFS marks Module.agDirty.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof ENVIRONMENT_IS_PTHREAD !== 'undefined' && ENVIRONMENT_IS_PTHREAD) return;
  ENV['HOME'] = '/data/home';
  ENV['XDG_DATA_HOME'] = '/data/share';
  ENV['XDG_CONFIG_HOME'] = '/data/config';
  var hooks = Module['afterglowTestHooks'];
  if (hooks) ENV['AFTERGLOW_TEST_HOOKS'] = '1';
  FS.mkdir('/data');
  FS.mount(AGFS, {}, '/data');
  Module['agDirty'] = false;
  addRunDependency('afterglow-storage');
  FS.syncfs(true, function (err) {
    if (err) {
      Module['agLastStorageError'] = String(err);
      if (Module['onStorageError']) Module['onStorageError'](String(err));
    }
    Module['agDirty'] = false;
    removeRunDependency('afterglow-storage');
  });
});

// ---- files in and out (platform_web.cpp's web_services) ---------------------------------
function agWipeFile(path) {
  try {
    var node = FS.lookupPath(path).node;
    if (node.contents && node.contents.fill) node.contents.fill(0);
    FS.unlink(path);
  } catch (e) {}
}

// A written export becomes a download (Blob + anchor); the in-memory file is zeroed and
// removed; the File stays for the share sheet until the next export or the lock.
Module['agDeliver'] = function (path) {
  var name = path.split('/').pop();
  var data = FS.readFile(path);
  var type = /\.md$/.test(name) ? 'text/markdown' : /\.ics$/.test(name) ? 'text/calendar' : 'application/octet-stream';
  var file = new File([data], name, { type: type });
  data.fill(0);
  agWipeFile(path);
  Module['agLastExport'] = file;
  var url = URL.createObjectURL(file);
  var a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 60000);
  if (Module['afterglowTestHooks']) console.log('event export_delivered ' + name);
};

// The Web Share API with files, where the browser has it.
Module['agCanShare'] = function () {
  try {
    return !!(navigator.canShare && navigator.canShare({ files: [new File(['x'], 'x.md', { type: 'text/markdown' })] }));
  } catch (e) {
    return false;
  }
};
Module['agShare'] = function () {
  var f = Module['agLastExport'];
  if (!f || !navigator.share) return;
  navigator.share({ files: [f], title: f.name }).catch(function (e) { console.warn('share: ' + e); });
};

// The picker: a hidden <input type=file>; the chosen file is read into /tmp/afterglow-import
// (memory only; a previous pick is zeroed and removed) and named to the app.
Module['agPickFile'] = function () {
  var input = document.getElementById('ag-file');
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = 'ag-file';
    input.accept = '.age,.json,application/octet-stream,application/json';
    input.style.display = 'none';
    document.body.appendChild(input);
  }
  input.onchange = function () {
    var file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function (buf) {
      var dir = '/tmp/afterglow-import';
      try { FS.mkdir(dir); } catch (e) {}
      FS.readdir(dir).forEach(function (n) { if (n !== '.' && n !== '..') agWipeFile(dir + '/' + n); });
      var path = dir + '/' + (file.name.replace(/[\/\0]/g, '_') || 'backup');
      FS.writeFile(path, new Uint8Array(buf));
      new Uint8Array(buf).fill(0);
      input.value = '';
      Module['ccall']('afterglow_web_file_picked', null, ['string'], [path]);
    }, function (e) { console.warn('file picker: ' + e); });
  };
  input.click();
};
