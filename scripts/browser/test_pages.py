#!/usr/bin/env python3
"""`make test-browser`: the pages in a real browser (headless Chromium through Selenium).

Starts its own emulators, service and worker on free ports against a fresh database on the
local cluster (not the demo's), creates the demo tenants in it (`mailsync demo`) and the emulated
mailboxes (scripts/demo/seed-emulators.sh), then, for Gmail and for Outlook: signs in, connects
through the emulator's consent page, sees the status, sends mail into the mailbox from the
emulator's own page and finds it in the sync log with its reason, updates the email to another
account, and disconnects. Outlook runs with the Labs flag off, then on. Screenshots of every page
go to .artifacts/screenshots/. Needs the variables of `scripts/dev-db.sh env`.
"""
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("MAILSYNC_BIN", ROOT / ".build/debug/mailsync"))
SHOTS = ROOT / ".artifacts/screenshots"
LOGS = ROOT / ".artifacts/browser-logs"
TIMEOUT = 45


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(url, name):
    return url.rsplit("/", 1)[0] + "/" + name


def psql(url, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True)


def wait_for(what, check, timeout=TIMEOUT):
    """Polls `check` until it returns a true value, with a deadline (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


class Stack:
    """Emulators, service and worker on free ports, against a fresh database."""

    def __init__(self):
        self.name = "mailsync_browser_" + secrets.token_hex(6)
        self.http_port, self.emulators_port = free_port(), free_port()
        self.service = f"http://127.0.0.1:{self.http_port}"
        self.emulators = f"http://127.0.0.1:{self.emulators_port}"
        self.processes = []
        self.state = Path(tempfile.mkdtemp(prefix="mailsync-browser-"))
        env = dict(os.environ)
        for key in ("MAILSYNC_DATABASE_URL", "MAILSYNC_MIGRATE_DATABASE_URL", "MAILSYNC_ADMIN_DATABASE_URL"):
            env[key] = database_url(os.environ[key], self.name)
        env["MAILSYNC_SECRET_KEYS"] = "browser:" + base64.b64encode(secrets.token_bytes(32)).decode()
        env.update(MAILSYNC_HTTP_HOST="127.0.0.1", MAILSYNC_HTTP_PORT=str(self.http_port), MAILSYNC_PUBLIC_URL=self.service)
        sourced = subprocess.run(
            ["bash", "-c", 'source scripts/demo/emulator-env.sh "$1" "$2" && env -0', "-", self.emulators, self.service],
            cwd=ROOT, env=env, check=True, capture_output=True).stdout
        self.env = dict(item.split("=", 1) for item in sourced.decode().split("\0") if "=" in item)

    def start(self):
        psql(os.environ["MAILSYNC_TEST_SUPERUSER_URL"], f"CREATE DATABASE {self.name} OWNER mailsync_owner")
        self.run([BIN, "migrate", "up"])
        self.spawn("emulators", [BIN, "emulators", "--port", str(self.emulators_port)])
        wait_for("the emulators", lambda: answers(self.emulators + "/emulator/mailboxes"))
        self.run(["scripts/demo/seed-emulators.sh", self.emulators, self.service])
        facts = self.run([BIN, "demo", "--state-dir", str(self.state)])
        self.facts = dict(line.split(": ", 1) for line in facts.splitlines() if ": " in line)
        self.token = next(v for k, v in self.facts.items() if k.startswith("user token"))
        self.api_key = json.loads((self.state / "state.json").read_text())["apiKey"]
        self.spawn("serve", [BIN, "serve"])
        self.spawn("worker", [BIN, "worker"])
        wait_for("the service", lambda: answers(self.service + "/readyz"))

    def run(self, command):
        done = subprocess.run([str(c) for c in command], cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return done.stdout

    def spawn(self, name, command):
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"{name}.log", "w")
        self.processes.append(subprocess.Popen([str(c) for c in command], cwd=ROOT, env=self.env, stdout=log, stderr=log))

    def set_labs(self, on):
        request = urllib.request.Request(
            f"{self.service}/v1/sub-accounts/{self.facts['sub-account'].split()[0]}", method="PATCH",
            data=json.dumps({"labs": {"outlookTwoWaySync": on}}).encode(),
            headers={"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200, response.status

    def stop(self):
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        psql(os.environ["MAILSYNC_TEST_SUPERUSER_URL"], f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        shutil.rmtree(self.state, ignore_errors=True)


class Browser:
    def __init__(self, stack):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100",
                         "--lang=en-US"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                       options=options)
        self.stack = stack
        self.shots = 0
        shutil.rmtree(SHOTS, ignore_errors=True)

    def open(self, url):
        self.driver.get(url if url.startswith("http") else self.stack.service + url)

    def text(self):
        """The page's text; waits out a page that is being replaced (a form post, a refresh)."""
        def read():
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text or None
            except WebDriverException:
                return None
        return wait_for("a page to load", read, timeout=10)

    def shot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        self.driver.save_screenshot(str(SHOTS / f"{self.shots:02d}-{name}.png"))

    def expect(self, *phrases):
        """Every phrase is on the page, once the page the last action led to has loaded."""
        try:
            wait_for("the page", lambda: all(phrase in self.text() for phrase in phrases), timeout=10)
        except AssertionError:
            body = self.text()
            missing = [phrase for phrase in phrases if phrase not in body]
            raise AssertionError(f"{missing!r} not on {self.driver.current_url}:\n{body[:3000]}") from None

    def reload_until(self, url, phrase, what):
        def found():
            self.open(url)
            return phrase in self.text()
        wait_for(what, found)

    def click(self, css):
        self.driver.find_element(By.CSS_SELECTOR, css).click()

    def fill(self, css, value):
        field = self.driver.find_element(By.CSS_SELECTOR, css)
        field.clear()
        field.send_keys(value)


def sign_in(browser):
    browser.open("/app/profile/email")
    browser.expect("Sign in", "User token")
    browser.shot("sign-in")
    browser.fill("#token", browser.stack.token)
    browser.click("form.card button[type=submit]")
    browser.expect("Email (2-way sync)", "No mailbox is connected yet", "BCC address of Demo Dental")
    bcc = browser.driver.find_element(By.ID, "bcc-address").get_attribute("value")
    assert bcc == browser.stack.facts["bcc address"], bcc
    browser.shot("profile-empty")


def csrf_is_required(browser):
    """A form post with the session cookie but without the CSRF token is refused."""
    cookie = browser.driver.get_cookie("mailsync_session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax", cookie
    request = urllib.request.Request(
        browser.stack.service + "/app/profile/email/disconnect", method="POST", data=b"",
        headers={"Cookie": f"mailsync_session={cookie['value']}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.urlopen(request, timeout=5)
        raise AssertionError("a POST without the CSRF token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403, error.code


def consent(browser, provider, account):
    """The emulator's consent page: Google asks for an address, Microsoft offers its accounts."""
    browser.expect("Google (emulator)" if provider == "gmail" else "Permissions requested")
    browser.shot(f"{provider}-consent")
    if provider == "gmail":
        browser.fill("input[name=email]", account)
        browser.click("button[value=approve]")
    else:
        Select(browser.driver.find_element(By.NAME, "account")).select_by_visible_text(account)
        browser.click("button[value=accept]")


def connect(browser, provider, account, form="connect"):
    browser.open("/app/profile/email")
    browser.click(f"#{form}-{provider}")
    browser.click("#connect" if form == "connect" else "#update-email")
    consent(browser, provider, account)
    browser.expect(account)
    assert browser.driver.find_element(By.ID, "connected-address").text == account


def deliver(browser, provider, mailbox, sender, subject):
    """Sends mail into the emulated mailbox from its own page, as `sender`."""
    browser.open(f"{browser.stack.emulators}/emulator/mailboxes/{'google' if provider == 'gmail' else 'microsoft'}/{mailbox}")
    browser.expect(mailbox, "Send new mail from a contact")
    browser.fill("#deliver-from", sender)
    browser.fill("#deliver-subject", subject)
    browser.fill("#deliver-text", "Sent from the emulator's page by the browser test.")
    browser.click("#deliver")
    browser.expect(f"Delivered to {mailbox}.", subject)
    browser.shot(f"{provider}-mailbox")


def send_and_get_a_reply(browser, provider, mailbox):
    """The acceptance path: a single email from the CRM's compose form goes out through the
    connected mailbox; the contact answers it from the emulated mailbox's Sent view; the answer
    shows in the contact's conversation, in the same thread."""
    subject = f"Your appointment ({provider})"
    reply = f"Thursday at ten suits me ({provider})."
    browser.open("/app/conversations")
    browser.expect("Contacts", "Maria Garcia", "New email")
    browser.driver.find_element(By.LINK_TEXT, "Maria Garcia").click()
    browser.expect("Threads with Maria Garcia")
    conversation = browser.driver.current_url.split("?")[0]
    browser.fill("#subject", subject)
    browser.fill("#text", "Shall we meet on Thursday?")
    browser.click("form.compose button[type=submit]")
    browser.expect("Your email is on its way.", subject, "sent through your mailbox")
    browser.shot(f"{provider}-conversation-sent")
    sent_view = (f"{browser.stack.emulators}/emulator/mailboxes/{'google' if provider == 'gmail' else 'microsoft'}/"
                 f"{mailbox}?view=sent")
    browser.reload_until(sent_view, subject, f"the CRM's email in {mailbox}'s Sent")
    browser.click("details:has(button.contact-reply) summary")
    browser.fill("textarea[id^='contact-reply-']", reply)
    browser.click("button.contact-reply")
    browser.expect(f"Delivered the reply to {mailbox}.")
    browser.shot(f"{provider}-mailbox-reply")
    browser.reload_until(conversation, reply, "the contact's reply in the conversation")
    browser.expect(subject, "Received", reply)
    browser.shot(f"{provider}-conversation-reply")


def provider_round(browser, provider, first, second, stranger_reason):
    connect(browser, provider, first)
    browser.expect("Your mailbox is connected.", "Connected")
    browser.shot(f"{provider}-connected")
    browser.reload_until("/app/profile/email", "Last sync", "the first sync to end")
    wait_for("the first sync to end", lambda: (browser.open("/app/profile/email"), "in progress" not in browser.text())[1])
    browser.shot(f"{provider}-synced")
    if provider == "microsoft":
        browser.expect("Outlook two-way sync is off")
    send_and_get_a_reply(browser, provider, first)
    stranger = f"stranger.{provider}@elsewhere.example"
    deliver(browser, provider, first, stranger, f"Who is this? ({provider})")
    browser.reload_until(f"/app/sync-log?address={stranger}", stranger, f"the skip of {stranger} in the sync log")
    browser.expect(stranger_reason)
    browser.shot(f"{provider}-sync-log")
    browser.open("/app/sync-log?reason=not_a_contact")
    browser.expect(stranger)
    connect(browser, provider, second, form="update")
    browser.expect("Your email is updated")
    browser.shot(f"{provider}-updated")
    browser.click("#disconnect")
    browser.expect("The mailbox is disconnected.", "No mailbox is connected yet")
    browser.shot(f"{provider}-disconnected")


def outlook_labs(browser):
    """Labs off: mail from a contact is skipped as labs_disabled; on: it syncs."""
    connect(browser, "microsoft", "alex@outlook.example")
    contact = "maria.garcia@patients.example"
    deliver(browser, "microsoft", "alex@outlook.example", contact, "Labs off")
    browser.reload_until("/app/sync-log?reason=labs_disabled", contact, "the labs_disabled skip")
    browser.expect("Outlook two-way sync (Labs) is off")
    browser.shot("microsoft-labs-off")
    browser.stack.set_labs(True)
    browser.open("/app/profile/email")
    browser.expect("Outlook two-way sync is on")
    deliver(browser, "microsoft", "alex@outlook.example", contact, "Labs on")
    browser.reload_until("/app/sync-log?reason=contact_inbound", contact, "the contact's mail synced with Labs on")
    browser.expect("Synced: it is from a contact.")
    browser.shot("microsoft-labs-on")
    browser.click("nav a[href='/app/profile/email']")
    browser.click("#disconnect")
    browser.expect("The mailbox is disconnected.")


def main():
    stack = Stack()
    browser = None
    try:
        stack.start()
        browser = Browser(stack)
        sign_in(browser)
        csrf_is_required(browser)
        provider_round(browser, "gmail", "alex@gmail.example", "alex.new@gmail.example",
                       "Skipped: nobody in it is a contact yet.")
        provider_round(browser, "microsoft", "alex@outlook.example", "alex.new@outlook.example",
                       "Skipped: nobody in it is a contact yet.")
        outlook_labs(browser)
        browser.open(stack.emulators + "/emulator/mailboxes")
        browser.expect("alex@gmail.example", "alex@outlook.example")
        browser.shot("emulated-mailboxes")
        browser.open("/app/sync-log")
        browser.shot("sync-log-all")
        browser.click("form.sign-out button")
        browser.expect("You are signed out.")
        print(f"test-browser: passed ({browser.shots} screenshots in {SHOTS.relative_to(ROOT)}/)")
    except Exception:
        if browser:
            browser.shot("failure")
        print(f"test-browser: FAILED (logs in {LOGS.relative_to(ROOT)}/)", file=sys.stderr)
        raise
    finally:
        if browser:
            browser.driver.quit()
        stack.stop()


if __name__ == "__main__":
    main()
