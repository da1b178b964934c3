/** The codec sign-in page: no script, no style, no data; a password field posting to this origin. */
export function renderCodecSignInPage(state: 'form' | 'signed-in' | 'signed-out'): string {
  const body =
    state === 'signed-in'
      ? '<p>Signed in. The Temporal UI in this browser can now decode payloads; close this page. The sign-in lasts 8 hours.</p>'
      : `${state === 'signed-out' ? '<p>Signed out.</p>' : ''}
<p>Sign in with the admin token or an API key of role admin or auditor. The token is kept in an HttpOnly cookie for /codec only.</p>
<form method="post" action="/codec/session">
  <label>Token <input type="password" name="token" autocomplete="off" required></label>
  <button type="submit">Sign in</button>
</form>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Handover codec sign-in</title></head>
<body>
<h1>Handover — decoded payloads for the Temporal UI</h1>
${body}
<form method="post" action="/codec/session/end"><button type="submit">Sign out</button></form>
</body>
</html>
`;
}
