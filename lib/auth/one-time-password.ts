import { randomInt } from 'node:crypto';

// The password an admin hands over when creating a user or resetting one. It is read aloud or
// typed from a screen, so the alphabet leaves out look-alikes (0/o, 1/l/i) and capitals; 20
// characters from 31 give about 99 bits, far beyond guessing even without the sign-in
// throttle. The user must replace it at first sign-in (User.mustChangePassword).

export const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ONE_TIME_GROUPS = 4;
const ONE_TIME_GROUP_LENGTH = 5;

/** Bits of entropy in one password: each character is an independent, uniform pick. */
export const ONE_TIME_BITS = ONE_TIME_GROUPS * ONE_TIME_GROUP_LENGTH * Math.log2(ONE_TIME_ALPHABET.length);

/**
 * A fresh one-time password such as "k7qzm-4hwte-n2xpa-9rcfd". randomInt draws without modulo
 * bias; `pick` is there so a test can drive the draws.
 */
export function generateOneTimePassword(pick: (max: number) => number = randomInt): string {
  const groups: string[] = [];
  for (let g = 0; g < ONE_TIME_GROUPS; g += 1) {
    let group = '';
    for (let c = 0; c < ONE_TIME_GROUP_LENGTH; c += 1) group += ONE_TIME_ALPHABET[pick(ONE_TIME_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
