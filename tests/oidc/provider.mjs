// A real OpenID Connect provider (the certified `oidc-provider`) on 127.0.0.1 for Tally's
// tests: keys generated per run, one confidential client, and no login page — the next
// interaction signs in the account set by `POST /admin/account` (default alice, verified)
// and grants what was asked. Test switches (`POST /admin/…`, JSON bodies):
//   account  {sub, email, email_verified}   who the next sign-ins are
//   tamper   {nonce?, aud?, expired?, foreign_key?}  re-sign the next ID token so
//            (wrong nonce, wrong audience, expired, signed by a key the JWKS lacks)
//   rotate   {}   a new signing key: the JWKS and every later ID token use it only
// Usage: node provider.mjs <client_id> <client_secret> <redirect_uri>[,<redirect_uri>…] [port]
// Prints `READY <port>` once listening.
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const [clientId, clientSecret, redirects, portArg] = process.argv.slice(2);
if (!clientId || !clientSecret || !redirects) {
  console.error('usage: node provider.mjs <client_id> <client_secret> <redirect_uris> [port]');
  process.exit(2);
}

async function newKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = crypto.randomUUID();
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return { jwk, privateKey };
}

const state = {
  account: { sub: 'alice', email: 'alice@example.com', email_verified: true },
  tamper: null,
  rotated: null,
};

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(portArg ?? 0), '127.0.0.1', resolve));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;
const initial = await newKey();

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirects.split(','),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [initial.jwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Scope claims in the ID token itself (the relying party reads the email there).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = sub === state.account.sub ? state.account : { sub, email: null };
    return {
      accountId: sub,
      async claims() {
        const claims = { sub, name: sub };
        if (account.email) {
          claims.email = account.email;
          claims.email_verified = account.email_verified;
        }
        return claims;
      },
    };
  },
});
provider.proxy = false;

// Every authorization request starts without the provider's session: each sign-in is the
// account set now, not the one of an earlier test step.
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth' && ctx.req.headers.cookie) {
    ctx.req.headers.cookie = ctx.req.headers.cookie
      .split(/;\s*/)
      .filter((c) => !c.startsWith('_session'))
      .join('; ');
  }
  await next();
  if (ctx.path === '/jwks' && state.rotated) {
    const { d, p, q, dp, dq, qi, ...pub } = state.rotated.jwk;
    ctx.body = { keys: [pub] };
  }
  if (ctx.path === '/token' && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token) };
  }
});

async function resign(idToken) {
  const tamper = state.tamper;
  state.tamper = null;
  if (!tamper && !state.rotated) return idToken;
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (tamper?.nonce) claims.nonce = 'not-the-nonce-that-was-sent';
  if (tamper?.aud) claims.aud = 'some-other-client';
  if (tamper?.expired) {
    claims.iat = now - 600;
    claims.exp = now - 300;
  }
  let key = state.rotated ?? initial;
  if (tamper?.foreign_key) key = await newKey();
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params } = details;
  const accountId = details.session?.accountId ?? state.account.sub;
  if (prompt.name === 'login') {
    return provider.interactionFinished(req, res, { login: { accountId } }, {
      mergeWithLastSubmission: false,
    });
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  const missing = prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, {
    mergeWithLastSubmission: true,
  });
}

async function admin(req, res, what) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const input = body ? JSON.parse(body) : {};
  if (what === 'account') state.account = input;
  else if (what === 'tamper') state.tamper = input;
  else if (what === 'rotate') state.rotated = await newKey();
  else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(204).end();
}

const handle = provider.callback();
server.on('request', (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const fail = (err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end(String(err));
  };
  if (path.startsWith('/interaction/')) interaction(req, res).catch(fail);
  else if (req.method === 'POST' && path.startsWith('/admin/')) {
    admin(req, res, path.slice('/admin/'.length)).catch(fail);
  } else handle(req, res);
});

console.log(`READY ${port}`);
