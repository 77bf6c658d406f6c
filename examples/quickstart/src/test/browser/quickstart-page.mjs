// End-to-end test of the quickstart page in a real browser: Debian's Chromium driven by playwright-core (which
// never downloads a browser). QuickstartPageIT starts the quickstart (20 s access tokens, 2 s rotation grace) and
// runs this script with BASE_URL, CHROMIUM, SCREENSHOTS and ACCESS_TTL_SECONDS; exit status 0 means passed.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.SCREENSHOTS || 'target/browser';
const ttl = Number(process.env.ACCESS_TTL_SECONDS || 20);
assert.ok(base, 'set BASE_URL to the running quickstart, e.g. http://127.0.0.1:8080/');
mkdirSync(shots, { recursive: true });

const started = Date.now();
const step = (text) => console.log(`[browser ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // the machine's network is closed: no background connections, no QUIC, no first-run or update checks
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
page.setDefaultTimeout(10_000);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('response', (r) => { if (r.status() >= 400) console.log(`[page] ${r.request().method()} ${r.url()}: ${r.status()}`); });

const text = (selector) => page.locator(selector).first().textContent();
const json = async (selector) => JSON.parse(await text(selector));
const logEntries = (kind) => page.locator(`#log li[data-kind="${kind}"]`).allTextContents();
const shot = async (name, until) => {
  // the viewport, or down to the end of `until` (the whole page is mostly the curl commands)
  const box = until ? await page.locator(until).boundingBox() : null;
  const clip = box ? { x: 0, y: 0, width: page.viewportSize().width, height: Math.ceil(box.y + box.height + 16) } : undefined;
  await page.screenshot({ path: join(shots, name), fullPage: Boolean(clip), clip });
  step(`screenshot ${join(shots, name)}`);
};

async function logIn(user, password) {
  await page.locator('#login').waitFor();
  await page.fill('input[name="j_username"]', user);
  await page.fill('input[name="j_password"]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('#login button[type="submit"]')]);
}

try {
  step(`Chromium ${browser.version()} opens ${base}`);
  await page.goto(base);
  assert.equal(await page.locator('#login').isVisible(), true, 'nobody logged in: the login form shows');

  // ---- alice: her tokens, decoded ----
  await logIn('alice', 'alice-password');
  await page.locator('#state[data-state="active"]').waitFor();
  assert.equal(await text('#login-name'), 'alice');
  const access = await json('#token-access .payload');
  assert.equal((await json('#token-access .header')).alg, 'HS256');
  assert.equal(access.type, 'access');
  assert.equal(access.user_id, 'alice');
  assert.match(access.sub, /:alice$/);
  assert.equal(access.name, 'Alice Example');
  assert.equal(access.custom.role, 'admin');
  assert.equal(access.exp - access.iat, ttl, 'the access lifetime is the configured one');
  assert.equal((await json('#token-refresh .payload')).type, 'refresh');
  assert.equal((await json('#token-ws .payload')).info.name, 'Alice Example');
  assert.equal((await json('#token-refresh .payload')).sid, access.sid);
  assert.equal(await text('#lifetime'), `${ttl} s`);
  assert.equal(await text('#buffer'), `${ttl / 4} s`, 'a short lifetime gets a quarter of it as the buffer');
  const countdown = async () => Number((await text('#token-access .countdown')).match(/expires in (\d+) s/)[1]);
  const first = await countdown();
  // polled, not slept: the countdown must go down within a few seconds, however loaded the machine
  await page.waitForFunction((before) => {
    const shown = document.querySelector('#token-access .countdown')?.textContent.match(/expires in (\d+) s/);
    return shown !== null && shown !== undefined && Number(shown[1]) < before;
  }, first, { timeout: 5_000 }).catch(() => assert.fail(`the exp countdown runs (it stayed at ${first} s for 5 s)`));
  step(`alice sees her claims (sid ${access.sid}); exp counts down, refresh due at ${await text('#refresh-at')}`);
  await shot('alice-tokens.png');

  // ---- the automatic refresh, a buffer before expiry ----
  await page.locator('#log li[data-kind="refreshed"][data-reason="automatic"]').waitFor({ timeout: (ttl + 10) * 1000 });
  const rotated = await json('#token-access .payload');
  assert.equal(rotated.sid, access.sid, 'a refresh keeps the session');
  assert.notEqual(rotated.jti, access.jti);
  assert.ok(rotated.iat >= access.iat + ttl - ttl / 4 - 1, `refreshed at iat ${rotated.iat}, not before the buffer`);
  assert.ok(rotated.iat <= access.exp, `refreshed at iat ${rotated.iat}, before the old token expired at ${access.exp}`);
  step(`automatic refresh after ${rotated.iat - access.iat} s of a ${ttl} s token`);
  await shot('alice-refreshed.png', '#tokens-section');

  // ---- refresh now, twice at once, while the server is "down" once: one shared refresh, with backoff ----
  let refreshRequests = 0;
  await page.route('**/chatsdk/auth/refresh', async (route) => {
    refreshRequests += 1;
    if (refreshRequests === 1) {
      await route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'STORE_UNAVAILABLE', message: 'simulated by the browser test', retryable: true } }) });
    } else {
      await route.continue();
    }
  });
  await page.click('#refresh-now');
  await page.click('#refresh-now');
  await page.locator('#log li[data-kind="refreshed"][data-reason="refresh now"]').waitFor();
  await page.unroute('**/chatsdk/auth/refresh');
  assert.equal(refreshRequests, 2, 'two clicks, one refresh: a 503, then its retry');
  assert.equal((await logEntries('joined')).length, 1, 'the second click joined the refresh in flight');
  const retries = await logEntries('retry');
  assert.equal(retries.length, 1);
  assert.match(retries[0], /Attempt 1 failed \(503 STORE_UNAVAILABLE\); retrying in 1 s/, 'Retry-After is honoured');
  step('refresh now x2: one request shared, a 503 retried after Retry-After');

  // ---- simulate reuse: a spent refresh token after the grace revokes the session ----
  await page.click('#simulate-reuse');
  await page.locator('#state[data-state="revoked"]').waitFor({ timeout: 20_000 });
  assert.match((await logEntries('reuse')).join('\n'), /401 REFRESH_TOKEN_REUSED/);
  assert.match(await text('#state'), /SESSION_REVOKED/);
  assert.equal(await page.locator('#refresh-now').isDisabled(), true);
  step(`simulate reuse: ${await text('#state')}`);
  await shot('alice-reuse-revoked.png');

  await page.click('#new-tokens');
  await page.locator('#state[data-state="active"]').waitFor();
  const fresh = await json('#token-access .payload');
  assert.notEqual(fresh.sid, access.sid, 'new tokens, new session');

  // ---- log out of the application: the module revokes the chat session of that login, a refresh attempt proves it ----
  await page.click('#logout');
  await page.locator('#login').waitFor();
  await page.locator('#state[data-state="revoked"]').waitFor();
  assert.match(await text('#state'), /SESSION_REVOKED/);
  assert.match((await logEntries('logout')).join('\n'), /POST \/logout answered 204/);
  step(`log out: ${await text('#state')}`);
  await shot('alice-logged-out.png');

  // ---- bob: logged in, but no chat role ----
  await logIn('bob', 'bob-password');
  await page.locator('#denied').waitFor();
  assert.equal(await text('#denied-status'), '403');
  assert.equal(await text('#denied-code'), 'NO_CHAT_ACCESS');
  assert.match(await text('#denied-message'), /bob/);
  assert.match(await text('#denied-suggestion'), /chatsdk\.access\.roles-allowed/);
  assert.equal(await page.locator('#chat').isVisible(), false);
  step(`bob: 403 ${await text('#denied-code')}: ${await text('#denied-message')}`);
  await shot('bob-403.png');

  // ---- a wrong password stays on the form ----
  await page.click('#logout');
  await logIn('alice', 'not-her-password');
  await page.locator('#login-failed').waitFor();
  assert.equal(await page.locator('#chat').isVisible(), false);

  assert.deepEqual(pageErrors, [], 'no script errors on the page');
  step('passed');
} catch (e) {
  await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  console.log(`[browser] event log on the page:\n${(await page.locator('#log li').allTextContents().catch(() => [])).join('\n')}`);
  console.log(`[browser] FAILED: ${e.stack}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
