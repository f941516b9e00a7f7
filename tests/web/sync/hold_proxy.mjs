// A TCP proxy on 127.0.0.1 in front of a WebDAV server, for the interrupted-upload tests: it
// passes every byte both ways, and when armed, holds the next PUT half-way: the request line,
// its headers and half of its body reach the server, the rest waits. The upload is then in
// flight for as long as the test wants, deterministically (no timing, no large body): the
// client hears nothing more on that connection until the test drops it (after killing the
// server, or to cut the upload).
//   const p = await holdProxy(serverPort); p.url(path); p.arm(); await p.held(); p.drop(); p.close()
import { createServer, connect } from 'node:net';

export async function holdProxy(targetPort) {
  const st = { armed: false, held: null, waiters: [], sockets: new Set() };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    st.sockets.add(client); st.sockets.add(upstream);
    const end = () => { client.destroy(); upstream.destroy(); st.sockets.delete(client); st.sockets.delete(upstream); };
    // While an upload is held, the server's side is cut off from the client: its answer (a 408
    // once its own timeout runs out) or its death reach the client only through drop().
    const fromServer = () => { if (holding) upstream.destroy(); else end(); };
    upstream.on('error', fromServer); client.on('error', end);
    upstream.on('close', fromServer); client.on('close', end);
    upstream.on('data', (d) => {
      if (process.env.AFTERGLOW_WEB_VERBOSE) console.log('  proxy < ' + d.toString('latin1').split('\r\n')[0] + (holding ? ' (held: not passed on)' : ''));
      if (!holding) client.write(d);
    });
    // Client to server: requests parsed just enough to find a PUT's body.
    let head = Buffer.alloc(0), body = 0, holding = null;
    client.on('data', (d) => {
      if (holding) {  // the first half goes on as it comes; the rest waits
        const n = Math.min(holding.half - holding.sent, d.length);
        if (n > 0) { upstream.write(d.subarray(0, n)); holding.sent += n; }
        if (n < d.length) holding.rest.push(d.subarray(n));
        return;
      }
      while (d.length) {
        if (body > 0) {
          const n = Math.min(body, d.length);
          upstream.write(d.subarray(0, n));
          body -= n; d = d.subarray(n);
          continue;
        }
        head = Buffer.concat([head, d]); d = Buffer.alloc(0);
        const at = head.indexOf('\r\n\r\n');
        if (at < 0) return;
        const text = head.subarray(0, at).toString('latin1');
        if (process.env.AFTERGLOW_WEB_VERBOSE) console.log('  proxy > ' + text.split('\r\n')[0] + (st.armed ? ' (armed)' : ''));
        const length = +((/\r\ncontent-length:\s*(\d+)/i.exec(text) || [])[1] || 0);
        const after = head.subarray(at + 4);
        head = Buffer.alloc(0);
        if (st.armed && text.startsWith('PUT ') && length > 1) {
          st.armed = false;  // one upload: a browser's retry of it goes through
          const half = Math.floor(length / 2), n = Math.min(half, after.length);
          upstream.write(text + '\r\n\r\n');
          upstream.write(after.subarray(0, n));
          holding = { rest: [after.subarray(n)], half, sent: n, length, client, upstream, end };
          st.held = holding;
          for (const w of st.waiters.splice(0)) w(holding);
          return;
        }
        upstream.write(text + '\r\n\r\n');
        body = length;
        d = after;
      }
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const port = server.address().port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    arm() { st.armed = true; st.held = null; },
    // Resolves once a PUT is held (its body half sent).
    held(seconds = 30) {
      if (st.held) return Promise.resolve(st.held);
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no upload came within ${seconds} s`)), seconds * 1000);
        st.waiters.push((h) => { clearTimeout(timer); ok(h); });
      });
    },
    holding: () => !!st.held && !st.held.client.destroyed,
    // The held upload's connection is cut both ways: the server never gets the rest.
    drop() { if (st.held) st.held.end(); st.held = null; },
    close() { for (const s of st.sockets) s.destroy(); server.close(); },
  };
}
