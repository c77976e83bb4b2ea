// A real OpenID Connect provider for tests and local development (never for production):
// panva's certified oidc-provider with one public client (Authorization Code + PKCE) and JWT
// access tokens for the platform's audience carrying the account's `roles` and `org`.
//
//   node provider.mjs [--port N] [--host H]
//
// Environment (all optional):
//   OIDC_PORT / OIDC_HOST            where to listen (0 or unset: a free port), 127.0.0.1
//   OIDC_CLIENT_ID                   the public client's id                  (icld-console)
//   OIDC_REDIRECT_URIS               its redirect URIs, comma-separated
//   OIDC_POST_LOGOUT_REDIRECT_URIS   its post-logout redirect URIs, comma-separated
//   OIDC_AUDIENCE                    `aud` of the access tokens                (icld-platform)
//   OIDC_RESOURCE                    the resource indicator (RFC 8707, an absolute URI) those
//                                    tokens are for; a client that names none gets it
//                                                                            (urn:icld:platform)
//   OIDC_ACCESS_TOKEN_TTL_S          access token lifetime                   (3600)
//   OIDC_KEYS_FILE                   private JWKS: read when it exists, written when keys are
//                                    generated or rotated (so a test can read the signing key)
//
// Accounts: the built-in development login form takes any login name (and any password):
//   admin, officer, viewer      that role
//   coordinator:<org id>        a coordinator of that organisation
//   claims:<JSON object>        exactly these claims in the access token (to test how the
//                               platform refuses malformed claims, e.g. {"roles":"admin"})
//   anything else               an account without roles
//
// POST /admin/rotate-keys        a new signing key: tokens are signed with it from now on, the
//                                old keys stay published in the JWKS; answers {"kid": "<new>"}
//
// Once listening it prints one line: `oidc-provider ready issuer=<issuer URL>`.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';

const { values: args } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' } },
});

const env = process.env;
const host = args.host ?? env.OIDC_HOST ?? '127.0.0.1';
const port = Number(args.port ?? env.OIDC_PORT ?? 0);
const clientId = env.OIDC_CLIENT_ID || 'icld-console';
const audience = env.OIDC_AUDIENCE || 'icld-platform';
const resource = env.OIDC_RESOURCE || 'urn:icld:platform';
const accessTokenTtl = Number(env.OIDC_ACCESS_TOKEN_TTL_S || 3600);
const keysFile = env.OIDC_KEYS_FILE || '';
const list = (value, fallback) => (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const redirectUris = list(env.OIDC_REDIRECT_URIS, 'http://127.0.0.1:5173/auth/callback');
const postLogoutRedirectUris = list(env.OIDC_POST_LOGOUT_REDIRECT_URIS, 'http://127.0.0.1:5173/');
const ROLES = new Set(['admin', 'officer', 'coordinator', 'viewer']);

function newKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: crypto.randomBytes(12).toString('base64url'), alg: 'RS256', use: 'sig' };
}

function saveKeys(keys) {
  if (keysFile) {
    fs.writeFileSync(keysFile, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  }
}

function loadKeys() {
  if (keysFile && fs.existsSync(keysFile)) {
    const { keys } = JSON.parse(fs.readFileSync(keysFile, 'utf8'));
    if (Array.isArray(keys) && keys.length > 0) return keys;
  }
  const keys = [newKey()];
  saveKeys(keys);
  return keys;
}

/** The claims of the account a login name stands for (see the header). */
function accountClaims(login) {
  if (login.startsWith('claims:')) {
    const claims = JSON.parse(login.slice('claims:'.length));
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
      throw new Error('claims:<JSON> must be a JSON object');
    }
    return claims;
  }
  if (login.startsWith('coordinator:')) {
    return { roles: ['coordinator'], org: login.slice('coordinator:'.length) };
  }
  if (ROLES.has(login)) return { roles: [login] };
  return { roles: [] };
}

function configuration(keys) {
  const signingKid = keys[0].kid;
  return {
    clients: [{
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris,
    }],
    // PKCE (S256, the only method of oidc-provider 9) for every authorization request.
    pkce: { required: () => true },
    jwks: { keys },
    // Signed cookies must survive a key rotation (which replaces the Provider instance).
    cookies: { keys: [cookieSecret] },
    claims: { openid: ['sub'], profile: ['name'] },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, name: sub };
        },
      };
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // A client that names no resource gets tokens for the platform anyway.
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (resourceIndicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: 'openid profile',
            audience,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256', kid: signingKid } },
          };
        },
      },
    },
    // The platform's claims in every access token for the platform (RFC 9068 JWT).
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      return accountClaims(token.accountId);
    },
    ttl: {
      AccessToken: () => accessTokenTtl,
      IdToken: () => accessTokenTtl,
      Session: () => 24 * 60 * 60,
      Grant: () => 24 * 60 * 60,
      Interaction: () => 60 * 60,
    },
  };
}

const cookieSecret = crypto.randomBytes(32).toString('base64url');
let keys = loadKeys();
let handler = null;
let issuer = '';

function build() {
  const provider = new Provider(issuer, configuration(keys));
  return provider.callback();
}

function rotate(res) {
  keys = [newKey(), ...keys];
  saveKeys(keys);
  handler = build();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kid: keys[0].kid }));
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/admin/rotate-keys') {
    rotate(res);
    return;
  }
  handler(req, res);
});

server.listen(port, host, () => {
  const address = server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  issuer = `http://${shownHost}:${address.port}`;
  handler = build();
  process.stdout.write(`oidc-provider ready issuer=${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
