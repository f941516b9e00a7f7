// Touch and on-screen keyboard for the canvas (loaded by index.html before afterglow.js).
// Emscripten's GLFW ignores where a touch is, and a canvas cannot raise a phone keyboard:
// - touches become mouse events at their real position (a tap = move, press, release; a
//   long press = right click), a vertical drag scrolls the window under the finger, with
//   momentum, through afterglow_web_scroll();
// - a hidden <textarea> (an <input type=password> for passphrase fields) is focused inside
//   the touch that lands on a text field, so the phone keyboard opens; its input events
//   (typing, IME composition, Android's keyCode 229, deleteContentBackward) feed the app
//   through afterglow_web_text() / afterglow_web_key(); its keys reach the app once (never through GLFW too).
// platform_web.cpp publishes, every frame, whether a text field is hovered or active and
// whether it is a passphrase (Module.agText).
(function () {
  'use strict';
  var M = window.Module = window.Module || {};
  M.agText = { hover: false, active: false, password: false, multiline: false };
  var LONG_PRESS_MS = 500, DRAG_PX = 10;

  function canvas() { return M.canvas || document.getElementById('canvas'); }
  function dpr() { return window.devicePixelRatio || 1; }
  function call(name) {
    var f = M['_' + name];
    if (!f) return;
    f.apply(null, Array.prototype.slice.call(arguments, 1));
  }
  function mouse(type, x, y, button) {
    canvas().dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, clientX: x, clientY: y, button: button || 0,
      buttons: type === 'mousedown' ? (button === 2 ? 2 : 1) : 0, view: window }));
  }

  // ---- touch ---------------------------------------------------------------------------
  var t = null;  // the current touch: {id, x0, y0, x, y, t0 (its event's timestamp), drag, vy, lastT}
  var momentum = 0;
  function stopMomentum() { if (momentum) cancelAnimationFrame(momentum); momentum = 0; }
  // A finger leaves no pointer behind: once the app has taken the tap (the frame that sees the
  // press, then the one that sees the release), the pointer moves off the canvas, so nothing
  // stays hovered (shaded) where the finger was, e.g. an answer of the next question under it.
  // Animation frames run in the order they were asked for, each after the app's own frame.
  var away = 0;
  function pointerAway() {
    cancelAnimationFrame(away);
    away = requestAnimationFrame(function () {
      away = requestAnimationFrame(function () { away = 0; mouse('mousemove', -1000, -1000); });
    });
  }
  function onTouchStart(e) {
    e.stopPropagation();  // GLFW's own touch handlers would press at a stale position
    e.preventDefault();
    stopMomentum();
    cancelAnimationFrame(away);
    away = 0;
    if (t || e.changedTouches.length === 0) return;
    var p = e.changedTouches[0];
    t = { id: p.identifier, x0: p.clientX, y0: p.clientY, x: p.clientX, y: p.clientY,
          t0: e.timeStamp, drag: false, vy: 0, lastT: performance.now() };
    mouse('mousemove', p.clientX, p.clientY);
    call('afterglow_web_finger', 1);  // its hover is drawn only if it stays down (platform_web.cpp)
  }
  function touchOf(e) {
    for (var i = 0; i < e.changedTouches.length; ++i)
      if (t && e.changedTouches[i].identifier === t.id) return e.changedTouches[i];
    return null;
  }
  function onTouchMove(e) {
    e.stopPropagation();
    e.preventDefault();
    var p = touchOf(e);
    if (!p) return;
    var now = performance.now();
    var dy = p.clientY - t.y;
    if (!t.drag && Math.hypot(p.clientX - t.x0, p.clientY - t.y0) > DRAG_PX) {
      t.drag = true;
      dy = p.clientY - t.y0;
    }
    if (t.drag) {
      call('afterglow_web_scroll', dy * dpr());
      var dt = Math.max(1, now - t.lastT);
      t.vy = 0.8 * (dy / dt) + 0.2 * t.vy;  // CSS px per ms, smoothed
    }
    t.x = p.clientX; t.y = p.clientY; t.lastT = now;
  }
  function onTouchEnd(e) {
    e.stopPropagation();
    e.preventDefault();
    var p = touchOf(e);
    if (!p) return;
    var cur = t;
    t = null;
    call('afterglow_web_finger', 0);
    if (e.type === 'touchcancel') { pointerAway(); return; }
    if (cur.drag) {
      // The scroll goes to the window under the pointer: it leaves once the momentum ends.
      var v = performance.now() - cur.lastT > 100 ? 0 : cur.vy;
      var last = performance.now();
      var step = function (now) {
        var dt = now - last; last = now;
        v *= Math.pow(0.995, dt);  // ~ 0.5 s to come to rest
        if (Math.abs(v) < 0.02) { momentum = 0; pointerAway(); return; }
        call('afterglow_web_scroll', v * dt * dpr());
        momentum = requestAnimationFrame(step);
      };
      if (Math.abs(v) > 0.1) momentum = requestAnimationFrame(step);
      else pointerAway();
      return;
    }
    // A long press is what the desktop does on right click. It is measured between the two
    // events' own timestamps, never by a timer: a busy page runs its timers and its queued
    // events late, and a quick tap that reached it late would have become a long press.
    var button = e.timeStamp - cur.t0 >= LONG_PRESS_MS ? 2 : 0;
    if (M.afterglowTestHooks) console.log('shim ' + (button ? 'long_press' : 'tap') + ' ' + Math.round(e.timeStamp - cur.t0));
    mouse('mousemove', cur.x, cur.y);
    mouse('mousedown', cur.x, cur.y, button);
    mouse('mouseup', cur.x, cur.y, button);
    pointerAway();
    if (button) return;
    // The keyboard opens only when focus moves inside the gesture: focus now if the tap is
    // on a text field (hovered in the last frame) or one is already active.
    if (M.agText.hover || M.agText.active) focusKeyboard(M.agText.password);
  }

  // ---- keyboard ------------------------------------------------------------------------
  var SENTINEL = ' ';  // so Backspace on an "empty" field still sends deleteContentBackward
  var area = null, pass = null, composing = false;
  function makeField(tag, type) {
    var el = document.createElement(tag);
    if (type) el.type = type;
    el.setAttribute('autocomplete', 'off');
    el.setAttribute('autocapitalize', type === 'password' ? 'none' : 'sentences');
    el.setAttribute('autocorrect', type === 'password' ? 'off' : 'on');
    el.setAttribute('spellcheck', type === 'password' ? 'false' : 'true');
    el.setAttribute('aria-hidden', 'true');
    el.className = 'ag-keyboard';
    el.value = SENTINEL;
    el.addEventListener('input', onInput);
    el.addEventListener('compositionstart', function () { composing = true; });
    el.addEventListener('compositionend', function (e) {
      composing = false;
      if (e.data) sendText(e.data);
      reset(el);
    });
    document.body.appendChild(el);
    return el;
  }
  function reset(el) { el.value = SENTINEL; try { el.setSelectionRange(1, 1); } catch (x) { /* */ } }
  function focusKeyboard(password) {
    if (!area) { area = makeField('textarea'); pass = makeField('input', 'password'); }
    var el = password ? pass : area;
    if (document.activeElement !== el) { el.focus({ preventScroll: true }); reset(el); }
  }
  M.agBlurKeyboard = function () {
    var a = document.activeElement;
    if (a && (a === area || a === pass)) a.blur();
  };
  M.agFocusKeyboard = focusKeyboard;

  // ---- links -----------------------------------------------------------------------------
  // A crisis number tapped: its tel:/sms: link opens the phone's dialler or messages app, as a
  // link on a page does. The app draws in the frame after the tap, still within the tap's user
  // activation (which browsers ask of external links). Only these two schemes: nothing else
  // leaves the app this way.
  M.agOpenLink = function (uri) {
    if (!/^(tel|sms):\+?[0-9]+$/.test(uri)) return;
    var a = document.createElement('a');
    a.href = uri;
    a.rel = 'noopener';
    a.click();
  };
  function sendText(s) {
    if (!s) return;
    var n = M.lengthBytesUTF8(s) + 1, p = M._malloc(n);
    M.stringToUTF8(s, p, n);
    call('afterglow_web_text', p);
    M._free(p);
  }
  // GLFW key codes the app needs from the shim.
  var KEYS = { Backspace: 259, Delete: 261, Enter: 257, Tab: 258, Escape: 256, ArrowLeft: 263,
               ArrowRight: 262, ArrowUp: 265, ArrowDown: 264, Home: 268, End: 269 };
  // One owner for the keys of the hidden field: this shim. Emscripten's GLFW listens for
  // keydown/keypress on window in the capture phase, before any listener on the field, so
  // these listeners sit on window too, capture phase, registered before GLFW's (this file
  // loads before afterglow.js): they stop the event there (stopImmediatePropagation) and GLFW
  // never sees it. The browser still inserts the character, which arrives once, as an input
  // event. Keys aimed elsewhere (the canvas, no field focused) are left to GLFW, and so are
  // all keyups: a key pressed on the canvas may be released in the field (Tab focuses one),
  // and the app ignores the release of a press it never took.
  function ours(e) { return e.target && (e.target === area || e.target === pass); }
  window.addEventListener('keydown', function (e) {
    if (!ours(e)) return;
    e.stopImmediatePropagation();
    onKeyDown(e);
  }, true);
  window.addEventListener('keypress', function (e) { if (ours(e)) e.stopImmediatePropagation(); }, true);
  function onKeyDown(e) {
    if (e.isComposing || e.keyCode === 229) return;  // IME / Android: handled by input events
    var mods = (e.ctrlKey ? 2 : 0) | (e.shiftKey ? 1 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
    var code = KEYS[e.key];
    // Paste is the browser's: it arrives as an input event with the clipboard's text.
    if ((e.ctrlKey || e.metaKey) && (e.key === 'v' || e.key === 'V')) return;
    if (!code && (e.ctrlKey || e.metaKey) && e.key.length === 1) code = e.key.toUpperCase().charCodeAt(0);
    if (!code) return;  // a character: it arrives as an input event
    e.preventDefault();
    call('afterglow_web_key', code, mods);
  }
  function onInput(e) {
    var el = e.target;
    if (composing || e.isComposing) return;
    var v = el.value;
    if (e.inputType === 'deleteContentBackward' || v.length < SENTINEL.length) {
      call('afterglow_web_key', KEYS.Backspace, 0);
    } else if (e.inputType === 'insertLineBreak' || e.inputType === 'insertParagraph') {
      call('afterglow_web_key', KEYS.Enter, 0);
    } else {
      var s = v.indexOf(SENTINEL) === 0 ? v.slice(SENTINEL.length) : v;
      var nl = s.split('\n');
      for (var i = 0; i < nl.length; ++i) {
        if (i > 0) call('afterglow_web_key', KEYS.Enter, 0);
        sendText(nl[i]);
      }
    }
    reset(el);
  }

  function install() {
    var wrap = document.getElementById('stage');
    wrap.addEventListener('touchstart', onTouchStart, { capture: true, passive: false });
    wrap.addEventListener('touchmove', onTouchMove, { capture: true, passive: false });
    wrap.addEventListener('touchend', onTouchEnd, { capture: true, passive: false });
    wrap.addEventListener('touchcancel', onTouchEnd, { capture: true, passive: false });
    wrap.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', install);
  else install();
})();
