import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEmailAddress } from './email-address.ts';

test('an e-mail address needs a name, an @ and a domain with a dot, and no spaces', () => {
  for (const good of ['anna@example.se', 'åsa.öberg@kommun.göteborg.se', 'a+b@x.co'])
    assert.equal(isEmailAddress(good), true, good);
  for (const bad of ['', 'anna', 'anna@', '@example.se', 'anna@example', 'an na@example.se', 'a@b@c.se'])
    assert.equal(isEmailAddress(bad), false, bad);
});
