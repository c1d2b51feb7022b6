#!/usr/bin/python3
"""Drives the rule workbench of a real `piimask serve` in headless Chromium, as a person would.

Starts the server binary with a bearer token, opens the page at laptop and phone width, types
the token and a message with a phone number, an e-mail address and an order number, masks it,
checks the output and the findings rows, checks that the raw values are nowhere in the DOM but
the input box, asks why the order number was not masked, uses the rules view and the draft-rule
flow, and checks (from Chromium's network log) that no request left the server's origin.
Screenshots go to --screenshots. Exit status 0 when every check holds, 1 otherwise.

Needs Debian's chromium, chromium-driver and python3-selenium.

    Tests/Browser/workbench_test.py --binary .build/debug/piimask --screenshots /tmp/shots
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PHONE = "+44 7700 900461"
EMAIL = "m.okafor@example.org"
ORDER = "8405217736"
MESSAGE = f"Hello, please call me on {PHONE} or write to {EMAIL}. My order number is {ORDER}, thanks"
TOKEN = "workbench-browser-test-token"


class Server:
    """`piimask serve` on a free loopback port with a token file."""

    def __init__(self, binary):
        self.folder = tempfile.mkdtemp(prefix="piimask-browser-")
        token_file = os.path.join(self.folder, "token")
        with open(token_file, "w") as handle:
            handle.write(TOKEN + "\n")
        os.chmod(token_file, 0o600)
        self.process = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--token-file", token_file],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log = []
        self.port = None
        ready = threading.Event()

        def read():
            for line in self.process.stderr:
                self.log.append(line)
                found = re.search(r"listening.*127\.0\.0\.1:(\d+)", line)
                if found and self.port is None:
                    self.port = int(found.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(60) or self.port is None:
            self.stop()
            raise RuntimeError("the server did not start:\n" + "".join(self.log))
        self.origin = f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Checks:
    """Collects failed checks instead of stopping at the first one."""

    def __init__(self):
        self.failures = []

    def expect(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            self.failures.append(what)


def browser(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-default-apps", "--metrics-recording-only", "--no-default-browser-check"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def emulate(driver, width, height):
    """The viewport of a laptop or a phone (headless Chromium's window has a least width)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def screenshot(driver, path, width, height):
    """The whole page at this width as a PNG (the viewport grown to the page's height)."""
    full = driver.execute_script("return document.documentElement.scrollHeight")
    emulate(driver, width, max(height, full))
    driver.save_screenshot(path)
    emulate(driver, width, height)


def requested_urls(driver):
    """Every URL the page requested, from Chromium's DevTools network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def dom_without_input(driver):
    """The page's DOM as HTML and as text, the sample's text area left out (its value is the
    user's own input; every other element must hold masked forms only)."""
    return driver.execute_script("""
        const copy = document.documentElement.cloneNode(true);
        copy.querySelector('#input').remove();
        return copy.outerHTML + '\\n' + document.body.innerText.replace(
            document.getElementById('input').value, '');
    """)


def select_in_input(driver, text):
    """Selects the first occurrence of `text` in the sample, as a user dragging over it."""
    driver.execute_script("""
        const input = document.getElementById('input');
        const start = input.value.indexOf(arguments[0]);
        input.focus();
        input.setSelectionRange(start, start + arguments[0].length);
    """, text)


def wait_text(driver, element_id, pattern, timeout=20):
    WebDriverWait(driver, timeout).until(
        lambda d: re.search(pattern, d.find_element(By.ID, element_id).text) is not None)


def run(server, width, height, name, screenshots, checks, full):
    driver = browser(max(width, 800), height)
    wait = WebDriverWait(driver, 20)
    try:
        emulate(driver, width, height)
        driver.get(server.origin + "/")
        # No token yet: the page says so and focuses the token box.
        wait_text(driver, "status", r"needs a bearer token")
        checks.expect(driver.switch_to.active_element.get_attribute("id") == "token",
                      f"{name}: without a token the page asks for it (token box focused)")
        token_box = driver.find_element(By.ID, "token")
        token_box.send_keys(TOKEN)
        token_box.send_keys(Keys.ENTER)
        wait_text(driver, "status", r"\d+ rules, \d+ field categories in effect")
        checks.expect(token_box.get_attribute("value") == "", f"{name}: the token box is emptied once the token is set")
        checks.expect(driver.execute_script("return localStorage.length + sessionStorage.length") == 0
                      and driver.get_cookies() == [], f"{name}: nothing stored (no storage, no cookie)")
        field = Select(driver.find_element(By.ID, "field"))
        categories = [option.get_attribute("value") for option in field.options]
        checks.expect("message.text" in categories and "customer.name" in categories,
                      f"{name}: #field lists the categories of /v1/rules ({len(categories)})")
        checks.expect(field.first_selected_option.get_attribute("value") == "message.text",
                      f"{name}: #field starts on the default category")

        # Try: type a message, mask it by clicking #mask.
        sample = driver.find_element(By.ID, "input")
        sample.click()
        sample.send_keys(MESSAGE)
        driver.find_element(By.ID, "mask").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#findings tbody tr")) >= 2
                   or "error" in d.find_element(By.ID, "status").get_attribute("class"))
        output = driver.find_element(By.ID, "output").text
        checks.expect(output.startswith("Hello, please call me on ") and output.endswith(", thanks"),
                      f"{name}: #output holds the masked message")
        checks.expect(PHONE not in output and EMAIL not in output and "0461" in output and "@example.org" in output,
                      f"{name}: #output has the phone and the e-mail masked: {output!r}")
        marks = driver.find_elements(By.CSS_SELECTOR, "#output mark")
        checks.expect(len(marks) == 2, f"{name}: #output highlights the two findings ({len(marks)} marks)")
        rows = driver.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
        cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
        checks.expect(len(rows) == 2, f"{name}: two rows in #findings: {cells}")
        types = sorted(row[0] for row in cells if row)
        checks.expect(types == ["email", "phone"], f"{name}: the rows are a phone and an e-mail: {types}")
        for row in cells:
            if len(row) == 5:
                checks.expect(row[1].startswith(row[0]) and row[2] == "message.text"
                              and re.fullmatch(r"\d+–\d+", row[3]) is not None and row[4] in output,
                              f"{name}: row {row[0]}: rule, field, byte range and masked form: {row}")
        encoded = MESSAGE.encode()
        phone_row = next((row for row in cells if row and row[0] == "phone"), None)
        if phone_row:
            start = encoded.index(PHONE.encode())
            checks.expect(phone_row[3] == f"{start}–{start + len(PHONE.encode())}",
                          f"{name}: the phone's byte range is where it stands in the message's UTF-8")
        dom = dom_without_input(driver)
        for value in (PHONE, EMAIL, PHONE.replace(" ", ""), EMAIL.split("@")[0]):
            checks.expect(value not in dom, f"{name}: the raw value {value[:3]}… is nowhere in the DOM outside #input")
        screenshot(driver, os.path.join(screenshots, f"workbench-try-{name}.png"), width, height)

        if full:
            # Why (and why not): select the order number, ask why it was not masked.
            select_in_input(driver, ORDER)
            driver.find_element(By.ID, "why").click()
            wait.until(lambda d: d.find_element(By.ID, "explain").is_displayed()
                       or "error" in d.find_element(By.ID, "status").get_attribute("class"))
            summary = driver.find_element(By.ID, "explain-summary").text
            checks.expect(summary.startswith("Nothing is masked in bytes"), f"{name}: why: nothing masked there: {summary!r}")
            decisions = [[td.text for td in row.find_elements(By.TAG_NAME, "td")]
                         for row in driver.find_elements(By.CSS_SELECTOR, "#decisions tbody tr")]
            reasons = driver.execute_script(
                "return Array.from(document.querySelectorAll('#decisions td[data-reason]')).map(td => td.dataset.reason)")
            phone_decisions = [row for row in decisions if len(row) == 3 and row[0].startswith("phone")]
            checks.expect(any(row[1] == "declined" and "order" in row[2] for row in phone_decisions),
                          f"{name}: why: a phone rule declined the order number for the word `order`: {phone_decisions[:3]}")
            checks.expect("deny_word_nearer" in reasons, f"{name}: why: reason deny_word_nearer among {sorted(set(reasons))}")
            explained = driver.find_element(By.ID, "explain").get_attribute("outerHTML")
            checks.expect(ORDER not in explained and PHONE not in explained and EMAIL not in explained,
                          f"{name}: why: the explanation quotes nothing of the sample")
            screenshot(driver, os.path.join(screenshots, f"workbench-why-{name}.png"), width, height)

            # Rules view: search for the e-mail rules.
            driver.find_element(By.ID, "tab-rules").click()
            search = driver.find_element(By.ID, "rules-search")
            search.send_keys("email")
            visible = [row for row in driver.find_elements(By.CSS_SELECTOR, "#rules tbody tr") if row.is_displayed()]
            every = driver.find_elements(By.CSS_SELECTOR, "#rules tbody tr")
            checks.expect(0 < len(visible) < len(every), f"{name}: rules search narrows {len(every)} rules to {len(visible)}")
            checks.expect(all("email" in row.text.lower() for row in visible), f"{name}: the rules shown match the search")
            checks.expect(any("builtin:email.yaml:" in row.text for row in visible),
                          f"{name}: each rule says where it was defined (builtin:email.yaml:LINE)")
            checks.expect(any("match:" in row.text for row in visible), f"{name}: the rules view shows examples")
            screenshot(driver, os.path.join(screenshots, f"workbench-rules-{name}.png"), width, height)

            # Draft a rule: the example draft's examples pass and it applies to the sample; a
            # broken draft reports its line.
            driver.find_element(By.ID, "tab-draft").click()
            draft = driver.find_element(By.ID, "draft")
            draft.send_keys(Keys.CONTROL, "a")
            draft.send_keys(Keys.DELETE)
            draft.send_keys("version: 1\nrules:\n  - id: order.number\n    type: order\n    priority: 50\n"
                            "    pattern: '(?<=order number is )[0-9]{10}'\n    mask: {label: \"[ORDER]\"}\n"
                            "    examples:\n      match: [\"my order number is 1111222233\"]\n"
                            "      no_match: [\"order 1111222233\"]\n"
                            "      masked: [[\"order number is 1111222233\", \"order number is [ORDER]\"]]\n"
                            "fields:\n  - {id: message.text, detect_add: [order]}\n")
            driver.find_element(By.ID, "draft-test").click()
            wait_text(driver, "status", r"draft loads|does not load|failed|error")
            status = driver.find_element(By.ID, "status").text
            checks.expect("3 of 3 examples pass" in status and "not installed" in status, f"{name}: draft: {status!r}")
            passed = driver.find_elements(By.CSS_SELECTOR, "#draft-examples tbody td.pass")
            checks.expect(len(passed) == 3, f"{name}: draft: three example rows passed ({len(passed)})")
            draft_output = driver.find_element(By.ID, "draft-output").text
            checks.expect("[ORDER]" in draft_output and ORDER not in draft_output,
                          f"{name}: draft: applied to the sample, the order number is masked: {draft_output!r}")
            from_draft = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#draft-findings tbody tr")
                          if "draft" in row.text]
            checks.expect(len(from_draft) == 1, f"{name}: draft: one finding from the draft: {from_draft}")
            screenshot(driver, os.path.join(screenshots, f"workbench-draft-{name}.png"), width, height)
            draft.send_keys(Keys.CONTROL, "a")
            draft.send_keys(Keys.DELETE)
            draft.send_keys("version: 1\nrules:\n  - id: broken\n    type: order\n    pattern: '([0-9]'\n"
                            "    mask: {label: \"[ORDER]\"}\nfields:\n  - {id: message.text, detect_add: [order]}\n")
            driver.find_element(By.ID, "draft-test").click()
            wait_text(driver, "status", r"does not load")
            errors = driver.find_element(By.ID, "draft-errors").text
            checks.expect(re.search(r"draft\.yaml:3: broken: pattern", errors) is not None,
                          f"{name}: draft: a broken pattern is reported with the draft's line: {errors!r}")
            # Never installed: the rules in effect are as before.
            installed = driver.execute_script("""
                return fetch('/v1/rules', {headers: {Authorization: 'Bearer ' + arguments[0]}})
                  .then(r => r.json()).then(j => j.rules.map(r => r.id));""", TOKEN)
            checks.expect("order.number" not in installed and "broken" not in installed,
                          f"{name}: draft: never installed (/v1/rules has no draft rule)")
            # Keyboard: the tabs move with the arrow keys.
            tab = driver.find_element(By.ID, "tab-draft")
            tab.send_keys(Keys.ARROW_LEFT)
            checks.expect(driver.find_element(By.ID, "view-rules").is_displayed()
                          and driver.switch_to.active_element.get_attribute("id") == "tab-rules",
                          f"{name}: the tabs move with the arrow keys")
            driver.find_element(By.ID, "tab-try").click()

        # Nothing left the origin: every request the page made went to this server.
        urls = requested_urls(driver)
        foreign = [url for url in urls if not url.startswith(server.origin + "/")]
        checks.expect(urls and not foreign, f"{name}: {len(urls)} requests, none to another origin {foreign[:3]}")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        checks.expect(overflow <= 0, f"{name}: no sideways scrolling at {width}px ({overflow}px too wide)")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
                  and "401" not in entry["message"]]
        checks.expect(not errors, f"{name}: no errors in the browser console: {errors[:2]}")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the piimask executable")
    parser.add_argument("--screenshots", required=True, help="folder for the PNG screenshots")
    parser.add_argument("--try-only", action="store_true", help="only the Try view")
    arguments = parser.parse_args()
    os.makedirs(arguments.screenshots, exist_ok=True)
    checks = Checks()
    server = Server(arguments.binary)
    try:
        for name, width, height in [("laptop", 1366, 900), ("phone", 390, 844)]:
            run(server, width, height, name, arguments.screenshots, checks, not arguments.try_only)
    finally:
        server.stop()
    log = "".join(server.log)
    for value in (PHONE, EMAIL, ORDER, TOKEN, PHONE.replace(" ", "")):
        checks.expect(value not in log, f"the server's log holds no input or token ({value[:3]}…)")
    print("screenshots: " + ", ".join(sorted(os.path.join(arguments.screenshots, name)
                                             for name in os.listdir(arguments.screenshots))))
    if checks.failures:
        print(f"{len(checks.failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
