// The quickstart page: who is logged in, their chat tokens decoded, the token manager at work.
// Everything shown comes from the server's answers; text goes into the page with textContent only.
import { TokenManager, post, json } from './token-manager.js';

const $ = (id) => document.getElementById(id);
const page = document.body.dataset;
const url = (path) => page.contextPath + path;
const graceMs = Number(page.rotationGraceMs);

const manager = new TokenManager({
  refreshUrl: url(`${page.apiBase}/auth/refresh`),
  logoutUrl: url(`${page.apiBase}/auth/logout`),
  onEvent,
});

function onEvent(kind, details) {
  switch (kind) {
    case 'tokens':
      showTokens(details);
      break;
    case 'refreshing':
      log('refreshing', `Refreshing (${details.reason}) with the current refresh token...`, details.reason);
      break;
    case 'joined':
      log('joined', `${details.reason}: a refresh is already in flight, so this caller shares it (no second request).`,
        details.reason);
      break;
    case 'retry':
      log('retry', `Attempt ${details.attempt} failed (${details.failure}); retrying in ${seconds(details.waitMs)}.`,
        details.reason);
      break;
    case 'refreshed': {
      const { payload } = decode(details.tokens.accessToken);
      log('refreshed', `Refreshed (${details.reason}) on attempt ${details.attempt}: new tokens, same session `
        + `sid ${short(payload.sid)}; the previous refresh token is now spent.`, details.reason);
      break;
    }
    case 'refused':
      log('refused', `Refresh refused: ${details.error.status} ${details.error.code}. ${details.error.message}`,
        details.reason);
      showRevoked(details.error.code, details.error.message);
      break;
    case 'gave-up':
      log('gave-up', `${details.error.message}; the next try is in ${seconds(details.nextInMs)}.`, details.reason);
      break;
    default:
      log(kind, JSON.stringify(details));
  }
}

async function start() {
  $('grace').textContent = seconds(graceMs);
  $('login-failed').hidden = new URLSearchParams(location.search).get('login') !== 'failed';
  if (!page.user) {
    $('login').hidden = false;
    return;
  }
  $('account').hidden = false;
  $('login-name').textContent = page.user;
  await fetchTokens();
}

/** The app-facing endpoint: the container's login (here the form login's session cookie) is the credential. */
async function fetchTokens() {
  const response = await fetch(url(page.tokenPath), {
    method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' },
  });
  const body = await json(response);
  if (response.ok) {
    log('tokens', `${page.tokenPath} answered 200: a new session with tokens for ${body.user.id}, `
      + `valid ${seconds(body.expiresIn * 1000)}.`);
    setState('active', 'Signed in to chat: the tokens below are kept fresh automatically.');
    $('chat').hidden = false;
    $('tokens-section').hidden = false;
    $('new-tokens').hidden = true;
    enable(true);
    manager.setTokens(body);
    return;
  }
  const error = body?.error ?? { code: `HTTP_${response.status}`, message: response.statusText };
  log('denied', `${page.tokenPath} answered ${response.status} ${error.code}.`);
  if (response.status === 401) {   // the login session ended meanwhile
    showLoggedOut();
    return;
  }
  $('denied').hidden = false;
  $('denied-user').textContent = page.user;
  $('denied-status').textContent = String(response.status);
  $('denied-code').textContent = error.code;
  $('denied-message').textContent = error.message;
  $('denied-suggestion').textContent = error.suggestion || '-';
}

async function refreshNow() {
  try {
    await manager.refresh('refresh now');
  } catch {
    // reported by the manager's events
  }
}

/** Presents the refresh token the last rotation spent, after the grace: the server takes it for a stolen copy. */
async function simulateReuse() {
  enable(false);
  try {
    if (!manager.spent) {
      log('reuse', 'No refresh token has been spent yet: rotating once to spend one.');
      await manager.refresh('to spend a refresh token');
    }
    const { refreshToken, spentAt } = manager.spent;
    const waitMs = spentAt + graceMs + 500 - Date.now();
    if (waitMs > 0) {
      log('reuse', `Waiting ${seconds(waitMs)} until the rotation grace (${seconds(graceMs)}) has passed since that `
        + 'token was spent; within it, a spent token counts as a retry (a lost response, two tabs).');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
    const response = await fetch(manager.refreshUrl, post(refreshToken));
    const body = await json(response);
    log('reuse', `The spent refresh token, presented again: ${response.status} ${body?.error?.code ?? ''}. `
      + `${body?.error?.message ?? ''}`);
    // the current refresh token belongs to the same session: the manager's next refresh finds it revoked
    await manager.refresh('after the reuse');
  } catch {
    // reported by the manager's events
  } finally {
    enable(manager.tokens !== null);
  }
}

async function logOut() {
  // the application's logout: the module revokes the chat sessions issued within this login's HTTP session
  const refreshToken = manager.forget();
  const response = await fetch(url('/logout'), { method: 'POST', credentials: 'same-origin' });
  log('logout', `POST /logout answered ${response.status}: ${page.user} is logged out of the application, and the `
    + 'chat session of that login is revoked with it (chatsdk.web.logout-ends=sessions).');
  page.user = '';
  if (refreshToken) {
    try {
      const refused = await fetch(manager.refreshUrl, post(refreshToken));
      const error = (await json(refused))?.error ?? {};
      log('refused', `A refresh with that session's refresh token now answers ${refused.status} ${error.code}.`);
      showRevoked(error.code, error.message);
    } catch (e) {
      log('refused', `The refresh that proves it failed: ${e.message}`);
    }
  }
  showLoggedOut();
}

function showLoggedOut() {
  $('account').hidden = true;
  $('denied').hidden = true;
  $('new-tokens').hidden = true;
  $('login').hidden = false;
  enable(false);
}

function showRevoked(code, message) {
  setState('revoked', `Chat session over: ${code}. ${message ?? ''}`);
  enable(false);
  $('new-tokens').hidden = !page.user;
  $('refresh-at').textContent = '-';
  $('refresh-in').textContent = 'never: no valid refresh token';
}

function enable(on) {
  $('refresh-now').disabled = !on;
  $('simulate-reuse').disabled = !on;
}

function setState(kind, text) {
  const state = $('state');
  state.hidden = false;
  state.className = kind;
  state.dataset.state = kind;
  state.textContent = text;
}

// ---- rendering the tokens ----

function showTokens(tokens) {
  const user = $('user');
  user.replaceChildren();
  const u = tokens.user ?? {};
  for (const [name, value] of [['id', u.id], ['name', u.name], ['avatar', u.avatar], ['email', u.email],
    ['custom', JSON.stringify(u.custom ?? {})]]) {
    user.append(element('dt', name), element('dd', value ?? '-'));
  }
  $('buffer').textContent = seconds(tokens.bufferMs);
  $('lifetime').textContent = seconds(tokens.lifetimeMs);
  $('refresh-at').textContent = new Date(tokens.refreshAt).toLocaleTimeString();
  $('refresh-at').dateTime = new Date(tokens.refreshAt).toISOString();

  const list = $('tokens');
  list.replaceChildren();
  const ws = tokens.wsToken ?? tokens._internal?.wsToken;
  for (const [kind, title, jwt] of [['access', 'Access token', tokens.accessToken],
    ['refresh', 'Refresh token', tokens.refreshToken], ['ws', 'Realtime (ws) token', ws]]) {
    if (!jwt) continue;
    const { header, payload } = decode(jwt);
    const card = $('token-template').content.firstElementChild.cloneNode(true);
    card.id = `token-${kind}`;
    card.querySelector('h3').textContent = title;
    card.querySelector('.header').textContent = JSON.stringify(header, null, 2);
    card.querySelector('.payload').textContent = JSON.stringify(payload, null, 2);
    const time = card.querySelector('time');
    time.textContent = new Date(payload.exp * 1000).toLocaleString();
    time.dateTime = new Date(payload.exp * 1000).toISOString();
    // the countdown runs on the server's clock, as measured when the tokens arrived
    card.dataset.expiresAt = String(payload.exp * 1000 - (tokens.serverTime ?? tokens.receivedAt) + tokens.receivedAt);
    list.append(card);
  }
  tick();
}

function tick() {
  const now = Date.now();
  for (const card of document.querySelectorAll('#tokens .token')) {
    const left = Number(card.dataset.expiresAt) - now;
    card.querySelector('.countdown').textContent = left > 0 ? `expires in ${duration(left)}` : 'expired';
    card.classList.toggle('expired', left <= 0);
  }
  if (manager.tokens) {
    const left = manager.tokens.refreshAt - now;
    $('refresh-in').textContent = left > 0 ? `in ${duration(left)}` : manager.inFlight ? 'refreshing now' : 'due';
  }
}

function decode(jwt) {
  const [header, payload] = jwt.split('.').slice(0, 2).map((part) => {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  });
  return { header, payload };
}

function log(kind, text, reason) {
  const item = element('li', '');
  item.dataset.kind = kind;
  if (reason) item.dataset.reason = reason;
  item.append(element('time', new Date().toLocaleTimeString()), ` ${text}`);
  $('log').prepend(item);
  $('events').hidden = false;
}

function element(name, text) {
  const e = document.createElement(name);
  e.textContent = text;
  return e;
}

function duration(ms) {
  const s = Math.ceil(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`, `${s % 60} s`].filter(Boolean).join(' ');
}

const seconds = (ms) => (ms % 1000 === 0 || ms >= 10_000 ? duration(ms) : `${(ms / 1000).toFixed(1)} s`);
const short = (id) => `${String(id).slice(0, 8)}...`;

$('refresh-now').addEventListener('click', refreshNow);
$('simulate-reuse').addEventListener('click', simulateReuse);
$('new-tokens').addEventListener('click', fetchTokens);
$('logout').addEventListener('click', logOut);
setInterval(tick, 250);
start();
