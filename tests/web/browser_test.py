#!/usr/bin/env python3
"""The web build in a real browser: headless Chromium opens a site scripts/build-web wrote,
served from 127.0.0.1, and the test checks that the page drew the map, that two dates in the
address draw differently, that a link naming a country opens on it, that a click on a country
selects it (read back from the address), and that the console showed no error.

    python3 tests/web/browser_test.py SITE [--screenshot PNG]
    python3 tests/web/browser_test.py SITE --published TITLE

With --published (a site built with a scenario), only the link is checked: a link naming a
date and Armenia opens on Armenia, under the published scenario's title, with no console error.

Chromium is driven through the DevTools protocol over a pipe (--remote-debugging-pipe), so
nothing beyond Python's standard library and Debian's `chromium` is needed.
"""

import argparse
import base64
import functools
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

WIDTH, HEIGHT = 1280, 800
# Long enough for a loaded CI machine to compile the .wasm with a software GPU.
LOAD_TIMEOUT_SECS = 90
# The Caucasus and Central Asia: Georgia, Azerbaijan and Uzbekistan were members in 1995,
# not in 2024, so the two dates colour them differently.
REGION = "map=4.00/42.0000/55.0000"
EARLY, LATE = "1995-06-01", "2024-06-01"
# Armenia's middle, close enough to fill the map around the window's centre.
ARMENIA = "map=8.00/40.2000/45.0000"


class Browser:
    """One headless Chromium and one page in it, spoken to over the DevTools pipe."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="alliance-map-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def give_pipes():
            # Chromium reads commands from fd 3 and writes answers to fd 4.
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                # WebGL2 on the CPU: CI machines have no GPU.
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            preexec_fn=give_pipes,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}, session=None
        )["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )

    def _read_message(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session="page", timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session == "page" and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message(timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=LOAD_TIMEOUT_SECS):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"waited {timeout} s in vain for: {expression}")

    def screenshot(self):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        return base64.b64decode(data)

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            if kind == "mouseMoved":
                params = {"type": kind, "x": x, "y": y}
            self.call("Input.dispatchMouseEvent", params)
            time.sleep(0.1)

    def console_errors(self):
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                args = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
                errors.append(" ".join(args)[:500])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", "")[:500])
        return errors

    def console_text(self):
        lines = []
        for event in self.events:
            if event.get("method") == "Runtime.consoleAPICalled":
                args = event["params"].get("args", [])
                lines.append(" ".join(str(a.get("value", "")) for a in args))
        return lines

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def png_pixels(png):
    """The RGB(A) rows of an 8-bit, non-interlaced PNG (what Chromium's screenshots are)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, data, header = 8, b"", None
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6), header
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(data)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
                nearest = left if a <= b and a <= c else (up if b <= c else up_left)
                line[i] = (line[i] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def sampled_colours(png, step=8):
    """Every `step`-th pixel's colour, row by row."""
    width, height, channels, rows = png_pixels(png)
    return [
        tuple(rows[y][x * channels : x * channels + 3])
        for y in range(0, height, step)
        for x in range(0, width, step)
    ]


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


def open_view(browser, address, fragment):
    """Opens the page afresh on a view and waits until the app drew it; returns the seconds
    from asking for the page to its first frame."""
    browser.call("Page.navigate", {"url": "about:blank"})
    asked = time.monotonic()
    browser.call("Page.navigate", {"url": f"{address}#{fragment}"})
    browser.wait_for("document.getElementById('loading') === null && document.title.includes('—')")
    drawn = time.monotonic() - asked
    # The map flies nowhere on a link with `map`, but tiles of text settle over a few frames.
    time.sleep(1.5)
    return drawn


def check_link_to_armenia(browser, address, title, failures):
    """A link with only a date and Armenia opens on Armenia at that date, under `title`."""
    open_view(browser, address, f"date={LATE}&sel=ARM")
    fragment = browser.evaluate("location.hash") or ""
    found = re.search(r"map=[0-9.]+/([-0-9.]+)/([-0-9.]+)", fragment)
    if "sel=ARM" not in fragment or "date=" + LATE not in fragment:
        failures.append(f"a link to Armenia did not open on it: {fragment}")
    elif not found or abs(float(found[1]) - 40.2) > 3 or abs(float(found[2]) - 45) > 3:
        failures.append(f"a link to Armenia opened elsewhere: {fragment}")
    shown = browser.evaluate("document.title") or ""
    if title not in shown:
        failures.append(f"the page's title is {shown!r}, not of {title!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("--screenshot", help="where to keep the page's screenshot")
    parser.add_argument(
        "--published", metavar="TITLE", help="the site publishes the scenario with this title"
    )
    arguments = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("browser test: no `chromium` on PATH (Debian: apt-get install chromium)")
    if not os.path.isfile(os.path.join(arguments.site, "index.html")):
        sys.exit(f"browser test: {arguments.site} has no index.html (run scripts/build-web)")

    server = serve(arguments.site)
    address = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    browser = Browser(chromium)
    failures = []
    try:
        if arguments.published:
            check_link_to_armenia(browser, address, arguments.published, failures)
            failures.extend(f"the console showed an error: {e}" for e in browser.console_errors())
            return report(failures, "the published scenario's link opens on Armenia")
        first_frame = open_view(browser, address, f"date={LATE}&{REGION}")
        print(f"browser test: first frame {first_frame:.2f} s after asking for the page")
        late = browser.screenshot()
        if arguments.screenshot:
            with open(arguments.screenshot, "wb") as file:
                file.write(late)
        colours = sampled_colours(late)
        commonest = max(set(colours), key=colours.count)
        other = sum(colour != commonest for colour in colours) / len(colours)
        if len(set(colours)) < 20 or other < 0.2:
            failures.append(
                f"the page looks blank: {len(set(colours))} colours, {other:.0%} not the commonest"
            )

        open_view(browser, address, f"date={EARLY}&{REGION}")
        early = browser.screenshot()
        changed = sum(a != b for a, b in zip(sampled_colours(early), colours)) / len(colours)
        if changed < 0.005:
            failures.append(f"{EARLY} and {LATE} draw alike ({changed:.2%} of pixels differ)")

        check_link_to_armenia(browser, address, "alliance-map — CSTO", failures)

        open_view(browser, address, f"date={LATE}&{ARMENIA}")
        if "sel=" in browser.evaluate("location.hash"):
            failures.append("something was selected before the click")
        browser.click(WIDTH // 2, HEIGHT // 2)
        try:
            browser.wait_for("location.hash.includes('sel=ARM')", timeout=10)
        except AssertionError:
            failures.append(f"a click on Armenia did not select it: {browser.evaluate('location.hash')}")

        for error in browser.console_errors():
            failures.append(f"the console showed an error: {error}")
    finally:
        log = browser.console_text()
        browser.close()
        server.shutdown()
        for line in log:
            if "first frame" in line:
                print(f"browser test: the app says: {line}")
    return report(
        failures, "the map draws, follows its address, selects on a click, no console errors"
    )


def report(failures, success):
    """Prints the failures (exit status 1) or the success."""
    if failures:
        for failure in failures:
            print(f"browser test: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    print(f"browser test: {success}")


if __name__ == "__main__":
    main()
