import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advisoryBoardOf, isLicence, publishedDate } from './public-page.ts';

test('an item is published when its section first was, or when it came to be if that was later', () => {
  assert.equal(publishedDate(null, '2027-01-01T00:00:00.000Z'), null);
  assert.equal(publishedDate('2027-02-01T00:00:00.000Z', null), '2027-02-01T00:00:00.000Z');
  assert.equal(
    publishedDate('2027-02-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'),
    '2027-02-01T00:00:00.000Z',
  );
  assert.equal(
    publishedDate('2027-02-01T00:00:00.000Z', '2027-03-01T10:00:00.000Z'),
    '2027-03-01T10:00:00.000Z',
  );
});

test('the advisory board is one person a line, the first comma before the affiliation', () => {
  assert.deepEqual(
    advisoryBoardOf(' Anna Forsberg, Göteborgs universitet, institutionen \n\n Karim Haddad\r\n'),
    [
      { name: 'Anna Forsberg', affiliation: 'Göteborgs universitet, institutionen' },
      { name: 'Karim Haddad', affiliation: '' },
    ],
  );
});

test('only the offered licences are licences', () => {
  assert.ok(isLicence('cc-by-4.0') && isLicence('cc0-1.0') && isLicence('cc-by-sa-4.0'));
  assert.ok(!isLicence('toString') && !isLicence('all-rights-reserved'));
});
