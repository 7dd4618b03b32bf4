#!/usr/bin/env python3
"""Open a case brief in headless Chromium and report what a reader would see.

    scripts/browser_check.py BRIEF_DIR [--pdf OUT.pdf] [--screenshot OUT.png]

Loads BRIEF_DIR/index.html through the DevTools protocol (Python's standard library
only: a minimal WebSocket client), collects console messages, exceptions and log
errors (a Content-Security-Policy violation is one), measures every picture on the
page, optionally prints the page to PDF and takes a screenshot, and prints a JSON
report. Exit status 0 when the page loaded with no error and every picture shows
(inline SVG, laid out bigger than 50 x 50 pixels, with drawn nodes); 1 otherwise;
2 when Chromium cannot be started.
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, masking,
    long payloads, continuation frames."""

    def __init__(self, url):
        m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=120)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake failed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError("websocket handshake refused: " + head.decode(errors="replace"))

    def _exact(self, n):
        data = bytearray()
        while len(data) < n:
            chunk = self.sock.recv(min(1 << 20, n - len(data)))
            if not chunk:
                raise ConnectionError("websocket closed")
            data += chunk
        return bytes(data)

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def receive(self):
        message = bytearray()
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode in (0x9, 0xA):  # ping, pong
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class DevTools:
    def __init__(self, ws):
        self.ws, self.next_id, self.events = ws, 0, []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.receive())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.events.append(json.loads(self.ws.receive()))
        raise TimeoutError(method)


MEASURE = """(() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.picture')) {
    const svg = fig.querySelector('svg');
    const caption = (fig.querySelector('figcaption') || {}).textContent || '';
    if (!svg) { out.push({caption: caption.slice(0, 80), svg: false}); continue; }
    const r = svg.getBoundingClientRect();
    out.push({caption: caption.slice(0, 80), svg: true, width: r.width, height: r.height,
              nodes: svg.querySelectorAll('g.node').length});
  }
  return JSON.stringify({figures: out, title: document.title,
                         missing: document.querySelectorAll('p.missing').length,
                         scripts: document.querySelectorAll('script').length,
                         height: document.documentElement.scrollHeight});
})()"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("brief")
    ap.add_argument("--pdf")
    ap.add_argument("--screenshot")
    ap.add_argument("--browser", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    args = ap.parse_args()
    page = os.path.abspath(os.path.join(args.brief, "index.html"))
    if not os.path.exists(page):
        print(json.dumps({"error": f"no {page}"}))
        return 1
    profile = tempfile.mkdtemp(prefix="fraudgraph-chromium-")
    try:
        proc = subprocess.Popen([args.browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                 "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        print(json.dumps({"error": f"cannot start {args.browser}: {e}"}))
        return 2
    try:
        port = None
        deadline = time.time() + 60
        while time.time() < deadline and port is None:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
        if port is None:
            print(json.dumps({"error": "Chromium did not start its DevTools endpoint"}))
            return 2
        req = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
        target = json.loads(urllib.request.urlopen(req, timeout=30).read())
        dt = DevTools(WebSocket(target["webSocketDebuggerUrl"]))
        for domain in ("Page", "Runtime", "Log"):
            dt.call(f"{domain}.enable")
        dt.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        started = time.time()
        dt.call("Page.navigate", url="file://" + page)
        dt.wait_for("Page.loadEventFired")
        load_seconds = time.time() - started
        measured = json.loads(dt.call("Runtime.evaluate", expression=MEASURE, returnByValue=True)["result"]["value"])
        report = {"page": page, "loadSeconds": round(load_seconds, 2), **measured}
        if args.screenshot:
            shot = dt.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                           clip={"x": 0, "y": 0, "width": 1280, "height": min(measured["height"], 16000), "scale": 1})
            with open(args.screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        if args.pdf:
            pdf = base64.b64decode(dt.call("Page.printToPDF", printBackground=True, preferCSSPageSize=True)["data"])
            with open(args.pdf, "wb") as f:
                f.write(pdf)
            report["pdfBytes"] = len(pdf)
            report["pdfPages"] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        # Console messages and errors that arrived while loading and measuring.
        console, errors = [], []
        for e in dt.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                console.append(f"{p.get('type')}: {text}")
                if p.get("type") in ("error", "assert"):
                    errors.append(text)
            elif m == "Runtime.exceptionThrown":
                errors.append(p.get("exceptionDetails", {}).get("text", "exception"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                errors.append(p["entry"].get("text", "error"))
        report["console"], report["errors"] = console, errors
        blank = [f for f in measured["figures"] if not f["svg"] or f["width"] < 50 or f["height"] < 50 or f["nodes"] == 0]
        report["blankFigures"] = blank
        print(json.dumps(report, indent=2))
        return 0 if not errors and not blank and measured["figures"] and measured["scripts"] == 0 else 1
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
