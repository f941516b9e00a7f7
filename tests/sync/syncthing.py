#!/usr/bin/env python3
"""Two real Syncthing instances keep a folder in step between two afterglow-cli vaults.

Own homes under a temp dir, 127.0.0.1 only, no global or local discovery, no relays, no NAT;
the two devices are introduced in each other's config. Writes on both sides and a concurrent
edit of one entry end with both vaults equal and both texts kept. Waits on Syncthing's REST API
(long-polled events, then db/status and db/completion), never on fixed sleeps.

usage: syncthing.py AFTERGLOW_CLI     exit 0 pass, 1 fail, 77 skipped (no syncthing; a failure
                                      under CI=true)
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

CLI = sys.argv[1] if len(sys.argv) > 1 else "afterglow-cli"
FOLDER = "afterglow"
DEADLINE = time.monotonic() + 100  # the CTest TIMEOUT is 120 s


def in_ci():
    return os.environ.get("CI", "") not in ("", "0", "false")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    def __init__(self, root, name):
        self.home = os.path.join(root, name + "-home")
        self.folder = os.path.join(root, name + "-Sync", "Afterglow")
        os.makedirs(self.folder)
        self.gui, self.listen = free_port(), free_port()
        self.key = "afterglow-test-" + name
        subprocess.run(["syncthing", "generate", "--home", self.home, "--no-default-folder",
                        "--skip-port-probing"], check=True, capture_output=True)
        self.id = subprocess.run(["syncthing", "serve", "--home", self.home, "--device-id"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        self.proc = None
        self.since = 0

    def configure(self, peer):
        path = os.path.join(self.home, "config.xml")
        tree = ET.parse(path)
        cfg = tree.getroot()
        gui = cfg.find("gui")
        gui.set("tls", "false")
        gui.find("address").text = "127.0.0.1:%d" % self.gui
        (gui.find("apikey") if gui.find("apikey") is not None else ET.SubElement(gui, "apikey")).text = self.key
        opts = cfg.find("options")
        for tag, value in [("listenAddress", "tcp://127.0.0.1:%d" % self.listen),
                           ("globalAnnounceEnabled", "false"), ("localAnnounceEnabled", "false"),
                           ("relaysEnabled", "false"), ("natEnabled", "false"),
                           ("autoUpgradeIntervalH", "0"), ("urAccepted", "-1"),
                           ("crashReportingEnabled", "false"), ("startBrowser", "false")]:
            for old in opts.findall(tag):
                opts.remove(old)
            ET.SubElement(opts, tag).text = value
        for d in cfg.findall("device"):
            if d.get("id") != self.id:
                cfg.remove(d)
        dev = ET.SubElement(cfg, "device", id=peer.id, name="peer", compression="metadata",
                            introducer="false", autoAcceptFolders="false")
        ET.SubElement(dev, "address").text = "tcp://127.0.0.1:%d" % peer.listen
        folder = ET.SubElement(cfg, "folder", id=FOLDER, label="Afterglow", path=self.folder,
                               type="sendreceive", rescanIntervalS="3600", fsWatcherEnabled="false")
        ET.SubElement(folder, "device", id=self.id)
        ET.SubElement(folder, "device", id=peer.id)
        tree.write(path)

    def start(self, logdir):
        env = dict(os.environ, STNOUPGRADE="1", STNODEFAULTFOLDER="1")
        self.log = open(os.path.join(logdir, os.path.basename(self.home) + ".log"), "w")
        self.proc = subprocess.Popen(["syncthing", "serve", "--home", self.home, "--no-browser",
                                      "--no-restart", "--gui-address", "127.0.0.1:%d" % self.gui],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def rest(self, path, method="GET", timeout=10):
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.gui, path), method=method,
                                     headers={"X-API-Key": self.key})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
            return json.loads(body) if body else None

    def wait_up(self):
        while time.monotonic() < DEADLINE:
            if self.proc.poll() is not None:
                raise RuntimeError("syncthing exited: see " + self.log.name)
            try:
                self.rest("/rest/system/ping", timeout=2)
                return
            except OSError:
                # The REST port is not open yet: block on it with a short connect timeout.
                with socket.socket() as s:
                    s.settimeout(0.2)
                    s.connect_ex(("127.0.0.1", self.gui))
        raise RuntimeError("syncthing did not start")

    def wait_event(self):
        """Blocks until Syncthing reports something (or 2 s): the long-poll events API."""
        events = self.rest("/rest/events?since=%d&timeout=2" % self.since, timeout=10) or []
        if events:
            self.since = events[-1]["id"]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.rest("/rest/system/shutdown", method="POST")
                self.proc.wait(timeout=15)
            except Exception:
                self.proc.kill()
                self.proc.wait()


def in_step(a, b):
    """Both folders scanned, idle, needing nothing, and each complete for the other."""
    for x, y in ((a, b), (b, a)):
        st = x.rest("/rest/db/status?folder=" + FOLDER)
        if st["state"] != "idle" or st["needTotalItems"] != 0:
            return False
        comp = x.rest("/rest/db/completion?folder=%s&device=%s" % (FOLDER, y.id))
        if comp["completion"] < 100 or comp["needItems"] != 0 or comp.get("remoteState") == "unknown":
            return False
        conns = x.rest("/rest/system/connections")["connections"]
        if not conns.get(y.id, {}).get("connected"):
            return False
    sa = a.rest("/rest/db/status?folder=" + FOLDER)
    sb = b.rest("/rest/db/status?folder=" + FOLDER)
    keys = ("globalFiles", "globalDeleted", "localFiles", "localDeleted", "globalBytes", "localBytes")
    return all(sa[k] == sb[k] for k in keys) and sa["localFiles"] == sa["globalFiles"]


def sync_folders(a, b):
    for x in (a, b):
        x.rest("/rest/db/scan?folder=" + FOLDER, method="POST", timeout=30)
    while time.monotonic() < DEADLINE:
        if in_step(a, b):
            return
        a.wait_event()
        b.wait_event()
    raise RuntimeError("the two Syncthing folders did not come in step in time")


def main():
    if shutil.which("syncthing") is None:
        if in_ci():
            print("FAIL: syncthing is not installed (scripts/setup.sh installs it)")
            return 1
        print("SKIPPED: syncthing is not installed")
        return 77
    root = tempfile.mkdtemp(prefix="afterglow-syncthing-")
    a, b = Instance(root, "laptop"), Instance(root, "phone")
    a.configure(b)
    b.configure(a)
    env = dict(os.environ, AFTERGLOW_PASSPHRASE="a calm passphrase")
    va, vb = os.path.join(root, "laptop.afterglow"), os.path.join(root, "phone.afterglow")

    def cli(vault, *args, stdin=""):
        r = subprocess.run([CLI, "--insecure-test-kdf", "--vault", vault, *args], input=stdin,
                           capture_output=True, text=True, env=env, timeout=60)
        if r.returncode != 0:
            raise RuntimeError("afterglow-cli %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr))
        return r.stdout

    try:
        for x in (a, b):
            x.start(root)
        for x in (a, b):
            x.wait_up()
        cli(va, "init")
        first = cli(va, "add", "--title", "after session 1", stdin="the first words")[:32]
        cli(va, "add", "--title", "intention", stdin="to be gentle with myself")
        cli(va, "sync", "--target", a.folder)
        sync_folders(a, b)
        print(cli(vb, "sync", "join", "--target", b.folder).strip())
        cli(vb, "add", "--title", "from the phone", stdin="written on the phone")
        cli(vb, "sync")
        sync_folders(a, b)
        cli(va, "sync")
        # The same entry edited on both devices before either hears of the other.
        cli(va, "edit", first, "--body-from-stdin", stdin="the laptop's version")
        cli(vb, "edit", first, "--body-from-stdin", stdin="the phone's version")
        cli(va, "sync")
        cli(vb, "sync")
        sync_folders(a, b)
        for _ in range(2):  # each reads the other's edit, then each reads the merged result
            cli(va, "sync")
            cli(vb, "sync")
            sync_folders(a, b)
        la, lb = cli(va, "list"), cli(vb, "list")
        failures = []
        if la != lb:
            failures.append("the two journals differ:\n%s\n---\n%s" % (la, lb))
        for vault in (va, vb):
            texts = "".join(cli(vault, "show", line.split()[0]) for line in cli(vault, "list").splitlines())
            for want in ("the laptop's version", "the phone's version", "written on the phone",
                         "to be gentle with myself"):
                if want not in texts:
                    failures.append("%s lacks %r" % (os.path.basename(vault), want))
            status = cli(vault, "sync", "status")
            if "2 devices · 1 conflict" not in status:
                failures.append("%s: sync status says %r" % (os.path.basename(vault), status))
        stray = [n for n in os.listdir(a.folder) if "sync-conflict" in n]
        if stray:
            failures.append("Syncthing made conflict copies: %s" % stray)
        if failures:
            print("FAIL:\n" + "\n".join(failures))
            return 1
        print("PASS: both vaults equal after writes on both sides; the concurrent edit kept both texts")
        return 0
    except Exception as e:  # a clear reason, the logs kept
        print("FAIL: %s (logs in %s)" % (e, root))
        os.environ["AFTERGLOW_KEEP"] = "1"
        return 1
    finally:
        for x in (a, b):
            x.stop()
        if os.environ.get("AFTERGLOW_KEEP") is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
