// A real OpenID Connect provider for cardkit's sign-in tests (oauth2-mock-server): discovery,
// the authorization-code flow, ID tokens signed with a fresh RS256 key, JWKS, end session.
// There is no password form: who signs in is the browser's cookie `person` on the
// provider's address (`email`, `email|name`, or `email|name|unverified`), so each browser context of a test is its own
// person and several can sign in at once.
//
// Usage: node provider.mjs PORT   (prints "ready ISSUER" once it listens on 127.0.0.1:PORT;
// the issuer's address names the host as localhost, where the `person` cookie belongs)
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');

const personOfCode = new Map();

function personFrom(cookieHeader) {
  for (const part of (cookieHeader || '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'person') {
      const [email, name, unverified] = decodeURIComponent(rest.join('=')).split('|');
      return { email, name: name || email, verified: unverified !== 'unverified' };
    }
  }
  return null;
}

server.service.on('beforeAuthorizeRedirect', (redirect, req) => {
  const code = redirect.url.searchParams.get('code');
  const person = personFrom(req.headers.cookie);
  if (code && person) personOfCode.set(code, person);
});

server.service.on('beforeTokenSigning', (token, req) => {
  const person = personOfCode.get(req.body && req.body.code);
  if (!person) return;
  token.payload.sub = person.email;
  token.payload.email = person.email;
  token.payload.email_verified = person.verified;
  token.payload.name = person.name;
});

await server.start(port, '127.0.0.1');
console.log(`ready ${server.issuer.url}`);
