// A browser token manager that behaves like the ChatSDK guide's TokenManager (and chatsdk-jakarta's Java
// TokenManager): it refreshes `refreshBuffer` before the access token expires, timed from when the tokens
// arrived (a skewed local clock does not matter); callers that ask while a refresh is in flight share it
// (one request); network failures, 429 and 5xx are retried with exponential backoff and full jitter,
// honouring Retry-After; any other refusal (401 SESSION_REVOKED, REFRESH_TOKEN_REUSED, ...) is final: the
// tokens are dropped and the user must log in again.

/** The guide's default refreshBuffer: 5 minutes. */
export const REFRESH_BUFFER_MS = 5 * 60 * 1000;

/** A refresh the server refused (`retryable` false), or that failed on every attempt (`retryable` true). */
export class RefreshError extends Error {
  constructor(status, error, retryable) {
    super(error?.message || `status ${status}`);
    this.status = status;
    this.code = error?.code || (retryable ? 'NETWORK_ERROR' : 'INVALID_REFRESH_TOKEN');
    this.suggestion = error?.suggestion || '';
    this.retryable = retryable;
  }
}

export class TokenManager {
  /**
   * @param refreshUrl  the refresh endpoint, e.g. '/chatsdk/auth/refresh'
   * @param onEvent     called with (kind, details) for everything the manager does; the page logs it
   */
  constructor({ refreshUrl, logoutUrl, onEvent = () => {}, refreshBufferMs = REFRESH_BUFFER_MS,
                maxAttempts = 4, backoffBaseMs = 250, backoffCapMs = 30_000 }) {
    Object.assign(this, { refreshUrl, logoutUrl, onEvent, refreshBufferMs, maxAttempts, backoffBaseMs, backoffCapMs });
    this.tokens = null;     // the last token response
    this.spent = null;      // { refreshToken, spentAt }: the token the last rotation spent
    this.inFlight = null;   // the shared promise of the refresh under way
    this.timer = null;
  }

  /** The buffer for a lifetime: the guide's 5 minutes, but at most a quarter of a short lifetime. */
  static bufferFor(lifetimeMs, maxBufferMs = REFRESH_BUFFER_MS) {
    return Math.min(maxBufferMs, Math.floor(lifetimeMs / 4));
  }

  /** Takes a token response ({token|accessToken, refreshToken, expiresIn, ...}) and schedules its refresh. */
  setTokens(response, receivedAt = Date.now()) {
    const lifetimeMs = response.expiresIn * 1000;
    const bufferMs = TokenManager.bufferFor(lifetimeMs, this.refreshBufferMs);
    this.tokens = {
      ...response,
      accessToken: response.accessToken || response.token,
      receivedAt,
      lifetimeMs,
      bufferMs,
      expiresAt: receivedAt + lifetimeMs,
      refreshAt: receivedAt + lifetimeMs - bufferMs,
    };
    this.#schedule(this.tokens.refreshAt - Date.now());
    this.onEvent('tokens', this.tokens);
  }

  /** @return an access token valid for at least the buffer, refreshing first when needed */
  async getValidToken() {
    if (!this.tokens) throw new Error('no tokens');
    return Date.now() < this.tokens.refreshAt ? this.tokens.accessToken : (await this.refresh('on demand')).accessToken;
  }

  /** Refreshes now; a caller that asks while a refresh is in flight joins it instead of sending another. */
  refresh(reason = 'refresh now') {
    if (this.inFlight) {
      this.onEvent('joined', { reason });
      return this.inFlight;
    }
    if (!this.tokens) return Promise.reject(new Error('no tokens'));
    this.inFlight = this.#refreshWithRetries(reason).finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  /** Ends the chat session on the server and forgets the tokens; @return the refresh token it revoked */
  async logout() {
    this.stop();
    const refreshToken = this.tokens?.refreshToken;
    this.tokens = null;
    this.spent = null;
    if (!refreshToken) return { revoked: false, refreshToken };
    const response = await fetch(this.logoutUrl, post(refreshToken));
    const body = await json(response);
    return { revoked: body?.revoked === true, status: response.status, refreshToken };
  }

  /**
   * Stops refreshing and forgets the tokens without a call: for the application's own logout, which ends the chat
   * sessions of its login on the server; @return the refresh token it held
   */
  forget() {
    this.stop();
    const refreshToken = this.tokens?.refreshToken;
    this.tokens = null;
    this.spent = null;
    return refreshToken;
  }

  /** Stops the background refresh (the tokens stay). */
  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  async #refreshWithRetries(reason) {
    const presented = this.tokens.refreshToken;
    this.onEvent('refreshing', { reason });
    let failure = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      let waitMs = null;
      try {
        const response = await fetch(this.refreshUrl, post(presented));
        const body = await json(response);
        if (response.ok) {
          const receivedAt = Date.now();
          this.spent = { refreshToken: presented, spentAt: receivedAt };
          this.setTokens(body, receivedAt);
          this.onEvent('refreshed', { reason, attempt, tokens: this.tokens });
          return this.tokens;
        }
        if (response.status !== 429 && response.status < 500) {
          const error = new RefreshError(response.status, body?.error, false);
          this.stop();
          this.tokens = null;
          this.onEvent('refused', { reason, error });
          throw error;
        }
        failure = `${response.status} ${body?.error?.code || ''}`.trim();
        waitMs = retryAfterMs(response.headers.get('Retry-After'));
      } catch (e) {
        if (e instanceof RefreshError) throw e;
        failure = `network error (${e.message})`;
      }
      if (attempt < this.maxAttempts) {
        waitMs ??= this.#jitter(attempt);
        this.onEvent('retry', { reason, attempt, failure, waitMs });
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    const error = new RefreshError(0, { code: 'NETWORK_ERROR', message: `${this.maxAttempts} attempts failed, the last with ${failure}` }, true);
    this.#schedule(this.backoffCapMs);   // try again later, with the same (still unspent) refresh token
    this.onEvent('gave-up', { reason, error, nextInMs: this.backoffCapMs });
    throw error;
  }

  /** Full jitter: a random wait up to base x 2^attempt, capped. */
  #jitter(attempt) {
    return Math.floor(Math.random() * (Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** attempt) + 1));
  }

  #schedule(delayMs) {
    this.stop();
    this.timer = setTimeout(() => this.refresh('automatic').catch(() => {}), Math.max(0, delayMs));
  }
}

/** Presents a refresh token as the guide's clients do: `Authorization: Bearer`, no cookies, no cache. */
export function post(refreshToken) {
  return {
    method: 'POST',
    headers: { Authorization: `Bearer ${refreshToken}`, Accept: 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  };
}

export async function json(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function retryAfterMs(value) {
  const seconds = Number.parseInt(value ?? '', 10);
  return Number.isNaN(seconds) ? null : Math.max(0, seconds) * 1000;
}
