// dermclaims web app: sign-in, sign-out and the CSRF header every state-changing request carries.
'use strict';

(function () {
  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  /** A JSON request to the API with the session cookie and the CSRF header; resolves to { status, body }. */
  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { error: text };
    }
    return { status: response.status, body: parsed };
  }
  window.dermclaims = { api };

  document.addEventListener('htmx:configRequest', (event) => {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  const signIn = document.getElementById('sign-in');
  signIn?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = document.getElementById('sign-in-error');
    error.textContent = '';
    const { status, body } = await api('POST', '/v1/session', {
      username: signIn.elements.username.value,
      password: signIn.elements.password.value,
    });
    if (status === 201) {
      window.location.assign(signIn.dataset.next || '/');
      return;
    }
    error.textContent = body.error || `sign-in failed (${status})`;
    signIn.elements.password.focus();
  });

  document.getElementById('sign-out')?.addEventListener('click', async () => {
    await api('DELETE', '/v1/session');
    window.location.assign('/sign-in');
  });
})();
